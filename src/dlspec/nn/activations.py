"""Activation layers: thin holders around ``functional.activations``."""
from __future__ import annotations

from ..functional import activations as F
from .layer import Layer


class Sigmoid(Layer):
    """A = 1 / (1 + exp(-Z)). Output in (0, 1); saturates, so gradients vanish for large |Z|."""

    def _forward(self, x, training):
        return F.sigmoid_forward(x)

    def _backward(self, dA, cache):
        return F.sigmoid_backward(dA, cache)


class Tanh(Layer):
    """A = tanh(Z). Zero-centred, which makes it a better hidden unit than sigmoid."""

    def _forward(self, x, training):
        return F.tanh_forward(x)

    def _backward(self, dA, cache):
        return F.tanh_backward(dA, cache)


class ReLU(Layer):
    """A = max(0, Z). The default hidden unit: no saturation for Z > 0."""

    def _forward(self, x, training):
        return F.relu_forward(x)

    def _backward(self, dA, cache):
        return F.relu_backward(dA, cache)


class LeakyReLU(Layer):
    """A = Z for Z > 0, alpha * Z otherwise: ReLU without dead units.

    Parameters
    ----------
    alpha : float
        Slope for Z <= 0 (0.01 by default, as in the course).
    """

    def __init__(self, alpha: float = 0.01, name: str | None = None):
        super().__init__(name)
        if not 0 <= alpha < 1:
            raise ValueError(f"LeakyReLU(alpha) expects 0 <= alpha < 1; got {alpha!r}.")
        self.alpha = float(alpha)

    def _forward(self, x, training):
        return F.leaky_relu_forward(x, self.alpha)

    def _backward(self, dA, cache):
        return F.leaky_relu_backward(dA, cache)

    def get_config(self):
        return {"alpha": self.alpha, "name": self.name}


class Softmax(Layer):
    """A = exp(Z) / sum(exp(Z)) over the last axis (the classes).

    To train a classifier, prefer a final Dense with ``SoftmaxCrossEntropy`` (which
    fuses the two and is exact for very confident predictions); this layer is for
    models whose output must be probabilities, such as attention weights.
    """

    def _forward(self, x, training):
        return F.softmax_forward(x, axis=-1)

    def _backward(self, dA, cache):
        return F.softmax_backward(dA, cache)


class ReLU6(Layer):
    """A = min(max(0, Z), 6): ReLU capped at 6, MobileNetV2's activation (robust in low precision)."""

    def _forward(self, x, training):
        return F.relu6_forward(x)

    def _backward(self, dA, cache):
        return F.relu6_backward(dA, cache)


ACTIVATIONS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU,
               "leaky_relu": LeakyReLU, "relu6": ReLU6, "softmax": Softmax}


def get(name):
    """Return a new activation layer from its name ("relu", "tanh", ...)."""
    if isinstance(name, Layer):
        return name
    try:
        return ACTIVATIONS[name]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown activation {name!r}; expected one of {sorted(ACTIVATIONS)}.") from None
