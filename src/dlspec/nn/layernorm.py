"""LayerNormalization: normalize each position over its features (the transformer's norm)."""
from __future__ import annotations

from .. import init as initializers
from ..backend import xp
from ..functional.layernorm import layer_norm_backward, layer_norm_forward
from .layer import Layer


class LayerNormalization(Layer):
    """y = gamma * (x - mean) / sqrt(var + epsilon) + beta over the last axis (Keras's name).

    Parameters
    ----------
    epsilon : float
        Added to the variance: Keras's default 1e-3; the course's transformer passes 1e-6
        (``EncoderLayer(layernorm_eps=1e-6)``), PyTorch's default is 1e-5.

    Notes
    -----
    Shapes: x (N, ..., D), gamma and beta (D,), y like x. Statistics are per position, so
    training and inference agree and there is no running average (unlike batch norm).
    Forward and backward: ``dlspec.functional.layernorm``. Matches ``torch.nn.LayerNorm(D,
    eps=epsilon)``.

    Examples
    --------
    >>> import numpy as np
    >>> y = LayerNormalization().forward(np.arange(6.0).reshape(2, 3))
    >>> np.allclose(y.mean(-1), 0)
    True
    """

    propagates_mask = True

    def __init__(self, epsilon: float = 1e-3, name: str | None = None):
        super().__init__(name)
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or epsilon <= 0:
            raise ValueError(f"LayerNormalization(epsilon) expects a small positive float; got "
                             f"{epsilon!r}. The course uses 1e-6.")
        self.epsilon = float(epsilon)

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) == 0:
            raise ValueError("LayerNormalization expects inputs of shape (N, ..., D); got one "
                             "number per example. Add a feature axis: X[:, None].")
        D = input_shape[-1]
        self.params["gamma"] = xp.ones((D,), dtype=dtype)
        self.params["beta"] = initializers.zeros((D,), rng, dtype)

    def _accepts(self, shape):
        return len(shape) >= 1 and shape[-1] == self.params["gamma"].shape[0]

    def _forward(self, x, training):
        return layer_norm_forward(x, self.params["gamma"], self.params["beta"], self.epsilon)

    def _backward(self, dy, cache):
        dx, self.grads["gamma"], self.grads["beta"] = layer_norm_backward(dy, cache, self.input_grad)
        return dx

    def get_config(self):
        return {"epsilon": self.epsilon, "name": self.name}
