"""Activation layers: thin holders around ``functional.activations``."""
from __future__ import annotations

from .. import logits_link
from ..functional import activations as F
from .layer import Layer


class Sigmoid(Layer):
    """A = 1 / (1 + exp(-Z)). Output in (0, 1); saturates, so gradients vanish for large |Z|."""

    propagates_mask = True      # elementwise: padded steps stay padded

    def _forward(self, x, training):
        A, cache = F.sigmoid_forward(x)
        logits_link.remember_logits(self, "sigmoid", A, x)   # for binary_crossentropy's fused path
        return A, cache

    def _backward(self, dA, cache):
        dZ = logits_link.lent_gradient(self, dA)
        return F.sigmoid_backward(dA, cache) if dZ is None else dZ


class Tanh(Layer):
    """A = tanh(Z). Zero-centred, which makes it a better hidden unit than sigmoid."""

    propagates_mask = True      # elementwise: padded steps stay padded

    def _forward(self, x, training):
        return F.tanh_forward(x)

    def _backward(self, dA, cache):
        return F.tanh_backward(dA, cache)


class ReLU(Layer):
    """A = max(0, Z). The default hidden unit: no saturation for Z > 0.

    Parameters (Keras's)
    --------------------
    max_value : float >= 0 or None, the cap (6: ReLU6).
    negative_slope : float >= 0, the slope below the threshold (leaky ReLU).
    threshold : float, values below it are "negative".

    Notes
    -----
    A = max_value for Z >= max_value, Z for threshold <= Z < max_value, negative_slope
    (Z - threshold) below; dZ = dA, 0 or negative_slope dA accordingly
    (``dlspec.functional.activations.general_relu_forward``).
    """

    propagates_mask = True      # elementwise: padded steps stay padded

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, name=None):
        super().__init__(name)
        for what, value in (("max_value", max_value), ("negative_slope", negative_slope), ("threshold", threshold)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise TypeError(f"ReLU({what}) expects a number; got {value!r}.")
        if (max_value is not None and max_value < 0) or negative_slope < 0:
            raise ValueError(f"ReLU expects max_value >= 0 and negative_slope >= 0 (as Keras); got "
                             f"max_value={max_value!r}, negative_slope={negative_slope!r}.")
        self.max_value = None if max_value is None else float(max_value)
        self.negative_slope, self.threshold = float(negative_slope), float(threshold)
        self._plain = self.max_value is None and self.negative_slope == 0 and self.threshold == 0

    def _forward(self, x, training):
        if self._plain:
            return F.relu_forward(x)
        return F.general_relu_forward(x, self.max_value, self.negative_slope, self.threshold)

    def _backward(self, dA, cache):
        if self._plain:
            return F.relu_backward(dA, cache)
        return F.general_relu_backward(dA, cache)

    def get_config(self):
        return {"max_value": self.max_value, "negative_slope": self.negative_slope,
                "threshold": self.threshold, "name": self.name}


class LeakyReLU(Layer):
    """A = Z for Z > 0, alpha * Z otherwise: ReLU without dead units.

    Parameters
    ----------
    alpha : float
        Slope for Z <= 0 (0.01 by default, as in the course).
    """

    propagates_mask = True      # elementwise: padded steps stay padded

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
    """A = exp(Z) / sum(exp(Z)) along ``axis`` (the classes, the last axis, by default).

    A model that ends in this layer (over the last axis) and is compiled with Keras's
    ``"categorical_crossentropy"`` trains on the fused, exact softmax cross-entropy of its
    logits, as in Keras (``dlspec.logits_link``); attention weights use it too.

    Parameters
    ----------
    axis : int
        Axis of the full (N, ...) array to normalize over; not 0 (the examples). The
        course's ``one_step_attention`` uses ``axis=1``: energies (N, Tx, 1) become
        attention weights alphas (N, Tx, 1) that sum to 1 over the Tx input steps.

    Notes
    -----
    Backward (Jacobian-vector product): dZ = A * (dA - sum_axis(dA * A)).

    Examples
    --------
    >>> import numpy as np
    >>> Softmax(axis=1).forward(np.zeros((1, 4, 1)))[0, :, 0]
    array([0.25, 0.25, 0.25, 0.25])
    """

    def __init__(self, axis: int = -1, name: str | None = None):
        super().__init__(name)
        if not isinstance(axis, int) or isinstance(axis, bool) or axis == 0:
            raise ValueError(f"Softmax(axis) expects a non-zero int axis of the (N, ...) input "
                             f"(axis 0 holds the examples); got {axis!r}. Use axis=-1 for the "
                             "classes, axis=1 for attention over time steps.")
        self.axis = axis

    def _build(self, input_shape, rng, dtype):
        ndim = len(input_shape) + 1
        if not -ndim < self.axis < ndim:
            raise ValueError(f"{self!r} needs an axis of the input (N, {', '.join(map(str, input_shape))}); "
                             f"got axis={self.axis}. Use an axis between 1 and {ndim - 1}, or -1.")

    def _forward(self, x, training):
        A, cache = F.softmax_forward(x, axis=self.axis)
        if self.axis in (-1, x.ndim - 1):       # over the classes: categorical_crossentropy may fuse
            logits_link.remember_logits(self, "softmax", A, x)
        return A, cache

    def _backward(self, dA, cache):
        dZ = logits_link.lent_gradient(self, dA)
        return F.softmax_backward(dA, cache) if dZ is None else dZ

    def get_config(self):
        return {"axis": self.axis, "name": self.name}


class ReLU6(Layer):
    """A = min(max(0, Z), 6): ReLU capped at 6, MobileNetV2's activation (robust in low precision)."""

    propagates_mask = True      # elementwise: padded steps stay padded

    def _forward(self, x, training):
        return F.relu6_forward(x)

    def _backward(self, dA, cache):
        return F.relu6_backward(dA, cache)


class Activation(Layer):
    """Keras's ``Activation("relu")``: an activation layer by name.

    Parameters
    ----------
    activation : "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "relu6" or "linear". A
        Python function is refused (dlspec needs its backward too), and so is a layer (use it
        directly).

    Notes
    -----
    Forward and backward are the named layer's; ``Activation("softmax")`` at the end of a
    model fuses with ``"categorical_crossentropy"`` as ``Softmax()`` does.
    """

    propagates_mask = True

    def __init__(self, activation, name=None):
        super().__init__(name)
        if callable(activation) and not isinstance(activation, Layer):
            raise TypeError(f"Activation expects a name such as 'relu' or an activation layer; got the "
                            f"function {getattr(activation, '__name__', activation)!r}. dlspec needs a "
                            "backward for it: write a Layer with _forward and _backward.")
        if isinstance(activation, Layer):
            raise TypeError(f"Activation takes a name such as 'relu' (as Keras); got the layer "
                            f"{activation!r}: use that layer directly instead of wrapping it.")
        if activation != "linear":
            self.inner = get(activation)
        self.activation = activation

    def _forward(self, x, training):
        if self.activation == "linear":
            return x, ()
        y = self.inner.forward(x, training)
        record = getattr(self.inner, "_logits_record", None)
        if record is not None and record[1] is y:      # lend the inner softmax's logits on
            logits_link.remember_logits(self, record[0], y, record[2])
        return y, self.inner._cache

    def _backward(self, dA, cache):
        if self.activation == "linear":
            return dA
        dZ = logits_link.lent_gradient(self, dA)
        if dZ is not None:
            return dZ
        self.inner._cache = cache
        return self.inner.backward(dA)

    def get_config(self):
        return {"activation": self.activation, "name": self.name}


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
