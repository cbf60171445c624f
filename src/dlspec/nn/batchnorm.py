"""Batch normalization layer, for dense (N, D) and image (N, H, W, C) inputs alike."""
from __future__ import annotations

from ..functional import batchnorm as F
from .layer import Layer


# PyTorch's defaults in dlspec's terms: code that loads torchvision weights or compares with
# torch (the zoo's torchvision models, the benchmarks) passes them explicitly.
TORCH_BATCHNORM = {"momentum": 0.9, "epsilon": 1e-5, "moving_variance": "unbiased"}
_VARIANCES = ("biased", "unbiased")


class BatchNormalization(Layer):
    """Normalize each feature (the last axis) over the batch, then scale and shift (Keras's defaults).

    The same layer follows a Dense layer (inputs (N, D)) or a convolution (inputs NHWC
    (N, H, W, C), statistics over N, H and W per channel).

    Parameters
    ----------
    axis : int
        The features' axis: the input's last, as -1, or its index (3 on NHWC images, 1 on
        (N, D)), as the course's ``BatchNormalization(axis=3)``. Another axis is refused at build.
    momentum : float in [0, 1)
        The course's beta for the moving averages: moving = momentum * moving + (1 - momentum)
        * batch. Keras's default 0.99; PyTorch's ``momentum`` is 1 - this (0.9 here = 0.1 there).
    epsilon : float > 0
        Added to the variance before the square root: Keras's default 1e-3 (PyTorch's 1e-5).
    moving_variance : "biased" or "unbiased"
        The batch variance the moving average takes: the biased one that normalizes the
        batch (Keras) or the unbiased sigma^2 m / (m - 1) (PyTorch). ``TORCH_BATCHNORM``
        holds PyTorch's three values.

    Attributes
    ----------
    params : gamma (C,) ones, beta (C,) zeros.
    state : running_mean (C,) zeros, running_var (C,) ones (Keras's moving_mean, moving_variance).

    Notes
    -----
    Training: mu, sigma^2 = the batch's mean and variance per feature, over m values;
    Z_norm = (Z - mu) / sqrt(sigma^2 + epsilon), Z_tilde = gamma Z_norm + beta, and

        running_mean = momentum running_mean + (1 - momentum) mu
        running_var  = momentum running_var  + (1 - momentum) sigma^2   (times m / (m - 1) if unbiased)

    Inference: mu and sigma^2 are the running averages. Backward: see
    ``dlspec.functional.batchnorm``. With ``**TORCH_BATCHNORM`` it equals
    ``torch.nn.functional.batch_norm`` (``momentum = 1 - momentum``, ``eps = epsilon``) on the
    input reshaped to (m, C). Files saved before dlspec took Keras's defaults have no
    ``moving_variance`` in their config and load with PyTorch's (unbiased) update, as saved.

    Examples
    --------
    >>> import numpy as np
    >>> bn = BatchNormalization()
    >>> y = bn.forward(np.arange(8, dtype=np.float32).reshape(4, 2), training=True)
    >>> y.mean(axis=0).round(6).tolist(), bn.state["running_mean"].round(6).tolist()
    ([0.0, 0.0], [0.03, 0.04])
    """

    propagates_mask = True      # per step: a mask from an Embedding passes through
    frozen_runs_inference = True   # trainable = False: use the moving averages (Keras)

    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3,
                 moving_variance: str = "biased", name: str | None = None):
        super().__init__(name)
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise TypeError(f"BatchNormalization(axis) expects an int, the features' axis (-1, or 3 "
                            f"on NHWC images); got {axis!r}.")
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not 0 <= momentum < 1:
            raise ValueError(f"BatchNormalization(momentum) expects the course's beta in [0, 1), "
                             f"such as Keras's 0.99 (PyTorch's momentum 0.1 is 0.9 here); got {momentum!r}.")
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or not epsilon > 0:
            raise ValueError(f"BatchNormalization(epsilon) expects a number > 0, such as Keras's 1e-3; "
                             f"got {epsilon!r}.")
        if moving_variance not in _VARIANCES:
            raise ValueError(f"BatchNormalization(moving_variance) expects 'biased' (Keras) or "
                             f"'unbiased' (PyTorch); got {moving_variance!r}.")
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.moving_variance = moving_variance

    @classmethod
    def from_config(cls, config):
        """Rebuild from a saved config; configs saved before Keras's defaults keep PyTorch's update."""
        config = dict(config)
        config.setdefault("moving_variance", "unbiased")
        return cls(**config)

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) < 1:
            raise ValueError("BatchNormalization expects inputs with a feature axis last, such as "
                             f"(N, D) or (N, H, W, C); got per-example shape {input_shape}.")
        ndim = len(input_shape) + 1
        if self.axis not in (-1, ndim - 1):
            raise ValueError(
                f"BatchNormalization(axis={self.axis}) on inputs (N, {', '.join(map(str, input_shape))}): "
                f"dlspec normalizes the last axis (channels last, NHWC), axis=-1 or {ndim - 1} here. "
                "Move the features last (Permute, or data in NHWC) instead of naming another axis.")
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
        rv += (1 - self.momentum) * (var * (m / (m - 1)) if self.moving_variance == "unbiased" else var)
        return out, (True, cache)

    def _backward(self, dy, cache):
        training, cache = cache
        backward = F.batchnorm_backward if training else F.batchnorm_inference_backward
        dx, self.grads["gamma"], self.grads["beta"] = backward(dy, cache)
        return dx

    def get_config(self):
        return {"axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
                "moving_variance": self.moving_variance, "name": self.name}
