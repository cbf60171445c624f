"""Batch normalization layer, for dense (N, D) and image (N, H, W, C) inputs alike."""
from __future__ import annotations

from ..functional import batchnorm as F
from .layer import Layer


class BatchNormalization(Layer):
    """Normalize each feature (the last axis) over the batch, then scale and shift.

    The same layer follows a Dense layer (inputs (N, D)) or a convolution (inputs NHWC
    (N, H, W, C), statistics over N, H and W per channel).

    Parameters
    ----------
    momentum : float in [0, 1)
        The course's beta for the running averages: running = momentum * running +
        (1 - momentum) * batch. PyTorch's ``momentum`` is 1 - this (0.9 here = 0.1 there).
    epsilon : float > 0
        Added to the variance before the square root (PyTorch's ``eps``; 1e-5 by default).

    Attributes
    ----------
    params : gamma (C,) ones, beta (C,) zeros.
    state : running_mean (C,) zeros, running_var (C,) ones.

    Notes
    -----
    Training: mu, sigma^2 = the batch's mean and variance per feature, over m values;
    Z_norm = (Z - mu) / sqrt(sigma^2 + epsilon), Z_tilde = gamma Z_norm + beta, and

        running_mean = momentum running_mean + (1 - momentum) mu
        running_var  = momentum running_var  + (1 - momentum) sigma^2 m / (m - 1)

    The running variance uses the unbiased batch variance, as PyTorch does, so the two
    keep the same running statistics (the normalization itself uses the biased one).
    Inference: mu and sigma^2 are the running averages. Backward: see
    ``dlspec.functional.batchnorm``. Equals ``torch.nn.functional.batch_norm`` with
    ``momentum = 1 - momentum`` and ``eps = epsilon`` on the input reshaped to (m, C).

    Examples
    --------
    >>> import numpy as np
    >>> bn = BatchNormalization()
    >>> y = bn.forward(np.arange(8, dtype=np.float32).reshape(4, 2), training=True)
    >>> y.mean(axis=0).round(6).tolist(), bn.state["running_mean"].tolist()
    ([0.0, 0.0], [0.30000001192092896, 0.4000000059604645])
    """

    propagates_mask = True      # per step: a mask from an Embedding passes through
    frozen_runs_inference = True   # trainable = False: use the moving averages (Keras)

    def __init__(self, momentum: float = 0.9, epsilon: float = 1e-5, name: str | None = None):
        super().__init__(name)
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not 0 <= momentum < 1:
            raise ValueError(f"BatchNormalization(momentum) expects the course's beta in [0, 1), "
                             f"such as 0.9 (PyTorch's momentum 0.1); got {momentum!r}.")
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or not epsilon > 0:
            raise ValueError(f"BatchNormalization(epsilon) expects a number > 0, such as 1e-5; "
                             f"got {epsilon!r}.")
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) < 1:
            raise ValueError("BatchNormalization expects inputs with a feature axis last, such as "
                             f"(N, D) or (N, H, W, C); got per-example shape {input_shape}.")
        from ..backend import xp
        C = input_shape[-1]
        self.params["gamma"] = xp.ones((C,), dtype)
        self.params["beta"] = xp.zeros((C,), dtype)
        self.state["running_mean"] = xp.zeros((C,), dtype)
        self.state["running_var"] = xp.ones((C,), dtype)

    def _forward(self, x, training):
        gamma, beta = self.params["gamma"], self.params["beta"]
        if not training:
            out, cache = F.batchnorm_forward(x, gamma, beta, self.state["running_mean"],
                                             self.state["running_var"], self.epsilon)
            return out, (False, cache)
        m = x.size // x.shape[-1]
        if m < 2:
            raise ValueError(f"BatchNormalization needs more than one value per feature in training "
                             f"to estimate a variance; got input of shape {x.shape}. Use a batch "
                             "size > 1 (or predict() for single examples).")
        out, mu, var, cache = F.batchnorm_train_forward(x, gamma, beta, self.epsilon)
        # In place, so that views of the state (model.state, checkpoints) stay current.
        rm, rv = self.state["running_mean"], self.state["running_var"]
        rm *= self.momentum
        rm += (1 - self.momentum) * mu
        rv *= self.momentum
        rv += (1 - self.momentum) * var * (m / (m - 1))
        return out, (True, cache)

    def _backward(self, dy, cache):
        training, cache = cache
        backward = F.batchnorm_backward if training else F.batchnorm_inference_backward
        dx, self.grads["gamma"], self.grads["beta"] = backward(dy, cache)
        return dx

    def get_config(self):
        return {"momentum": self.momentum, "epsilon": self.epsilon, "name": self.name}
