"""Activation functions and their derivatives, stable for |z| up to 1e4 and beyond.

Backward functions take the cache from forward. Where the derivative can be written
from the output (sigmoid, tanh, ReLU), the cache is the output, as the course does.
"""
from ..backend import xp


def sigmoid_forward(Z):
    """A = 1 / (1 + exp(-Z)), computed without warnings for any Z.

    Notes
    -----
    For very negative Z, exp(-Z) overflows to inf and A = 1 / inf = 0, the right limit
    (the true value is below the smallest normal float), so the overflow is silenced
    rather than avoided: this form takes four array operations where the two-branch
    form (exp of -|Z| only) takes seven, which matters for the course's tiny networks.
    Backward: dZ = dA * A * (1 - A).
    """
    with xp.errstate(over="ignore"):
        A = xp.exp(-Z)
    A += 1
    xp.reciprocal(A, out=A)
    return A, A


def sigmoid_backward(dA, A):
    return dA * A * (1 - A)


def tanh_forward(Z):
    """A = tanh(Z). Backward: dZ = dA * (1 - A^2)."""
    A = xp.tanh(Z)
    return A, A


def tanh_backward(dA, A):
    return dA * (1 - A * A)


def relu_forward(Z):
    """A = max(0, Z). Backward: dZ = dA where Z > 0, else 0."""
    A = xp.maximum(Z, 0)
    return A, A


def relu_backward(dA, A):
    return dA * (A > 0)


def general_relu_forward(Z, max_value=None, negative_slope=0.0, threshold=0.0):
    """Keras's ReLU: A = max_value where Z >= max_value, Z where threshold <= Z < max_value,
    negative_slope (Z - threshold) below the threshold.

    Backward: dZ = dA where threshold <= Z < max_value, negative_slope dA below, 0 above.
    """
    below = Z < threshold
    A = xp.where(below, negative_slope * (Z - threshold), Z).astype(Z.dtype, copy=False)
    above = None
    if max_value is not None:
        above = Z >= max_value
        A = xp.where(above, Z.dtype.type(max_value), A)
    return A, (below, above, negative_slope)


def general_relu_backward(dA, cache):
    below, above, negative_slope = cache
    dZ = xp.where(below, negative_slope * dA, dA).astype(dA.dtype, copy=False)
    return dZ if above is None else xp.where(above, dA.dtype.type(0), dZ)


def leaky_relu_forward(Z, alpha=0.01):
    """A = Z where Z > 0, else alpha * Z. Backward: dZ = dA * (1 or alpha)."""
    positive = Z > 0
    A = xp.where(positive, Z, alpha * Z).astype(Z.dtype, copy=False)
    return A, (positive, alpha)


def leaky_relu_backward(dA, cache):
    positive, alpha = cache
    return xp.where(positive, dA, alpha * dA).astype(dA.dtype, copy=False)


def softmax_forward(Z, axis=-1):
    """A = exp(Z) / sum(exp(Z)) along ``axis`` (the classes).

    Notes
    -----
    Subtracting the row maximum first leaves A unchanged and keeps exp <= 1.
    Backward (Jacobian-vector product): dZ = A * (dA - sum(dA * A)).
    """
    E = xp.exp(Z - Z.max(axis=axis, keepdims=True))
    A = E / E.sum(axis=axis, keepdims=True)
    return A, (A, axis)


def softmax_backward(dA, cache):
    A, axis = cache
    return A * (dA - (dA * A).sum(axis=axis, keepdims=True))


def log_softmax(Z, axis=-1):
    """log(softmax(Z)) without forming softmax, so it never takes log(0)."""
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - xp.log(xp.exp(shifted).sum(axis=axis, keepdims=True))


def relu6_forward(Z):
    """A = min(max(0, Z), 6) (MobileNet's activation). Backward: dZ = dA where 0 < Z < 6."""
    return xp.clip(Z, 0, 6), Z


def relu6_backward(dA, Z):
    return dA * ((Z > 0) & (Z < 6))
