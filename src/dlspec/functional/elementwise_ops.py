"""Element-wise tensor ops (``x + y``, ``ops.exp``...): each forward beside its hand-derived backward.

Every op is a pair ``<op>_forward(*operands, **attrs) -> (y, cache)`` and
``<op>_backward(dy, cache) -> tuple of gradients, one per operand`` (None where an operand
has no gradient). Operands broadcast as in NumPy; a gradient is summed back to its
operand's shape by ``unbroadcast`` (a bias b of shape (D,) added to Z of shape (N, D) gets
db = sum over N of dZ).
"""
from __future__ import annotations

from ..backend import xp


def unbroadcast(grad, shape):
    """Sum ``grad`` over the axes NumPy broadcast to reach ``grad.shape`` from ``shape``."""
    if grad.shape == tuple(shape):
        return grad
    extra = grad.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(extra + i for i, n in enumerate(shape)
                                       if n == 1 and grad.shape[extra + i] != 1)
    return grad.sum(axis=axes).reshape(shape) if axes else grad.reshape(shape)


def broadcast_shapes(name, *shapes):
    """NumPy's broadcast shape; a ValueError naming the op and every shape when there is none."""
    try:
        return xp.broadcast_shapes(*shapes)
    except ValueError:
        raise ValueError(f"{name}: shapes {' and '.join(str(tuple(s)) for s in shapes)} do not "
                         "broadcast (each axis, read from the right, must be equal or 1). Reshape "
                         "or expand_dims one operand so that the axes line up.") from None


def _binary(name, a, b, fn):
    if a.shape != b.shape:
        broadcast_shapes(name, a.shape, b.shape)
    return fn(a, b)


# -- binary arithmetic ---------------------------------------------------------

def add_forward(a, b):
    return _binary("add", a, b, xp.add), (a.shape, b.shape)


def add_backward(dy, cache):
    sa, sb = cache
    return unbroadcast(dy, sa), unbroadcast(dy, sb)


def subtract_forward(a, b):
    return _binary("subtract", a, b, xp.subtract), (a.shape, b.shape)


def subtract_backward(dy, cache):
    sa, sb = cache
    return unbroadcast(dy, sa), unbroadcast(-dy, sb)


def multiply_forward(a, b):
    return _binary("multiply", a, b, xp.multiply), (a, b)


def multiply_backward(dy, cache):
    a, b = cache                                    # d(ab)/da = b, d(ab)/db = a
    return unbroadcast(dy * b, a.shape), unbroadcast(dy * a, b.shape)


def divide_forward(a, b):
    y = _binary("divide", a, b, xp.divide)
    return y, (b, y, a.shape)


def divide_backward(dy, cache):
    b, y, shape_a = cache                           # y = a / b: dy/da = 1/b, dy/db = -y/b
    da = dy / b
    return unbroadcast(da, shape_a), unbroadcast(-da * y, b.shape)


def maximum_forward(a, b):
    y = _binary("maximum", a, b, xp.maximum)
    return y, (a >= b, a.shape, b.shape)


def maximum_backward(dy, cache):
    a_wins, sa, sb = cache          # ties go to a, as TensorFlow (torch splits them in halves)
    return unbroadcast(xp.where(a_wins, dy, 0), sa), unbroadcast(xp.where(a_wins, 0, dy), sb)


def minimum_forward(a, b):
    y = _binary("minimum", a, b, xp.minimum)
    return y, (a <= b, a.shape, b.shape)


minimum_backward = maximum_backward


# -- comparisons: boolean results, no gradient ---------------------------------

def _compare(name, fn):
    def forward(a, b):
        return _binary(name, a, b, fn), None

    def backward(dy, cache):
        return None, None
    return forward, backward


COMPARISONS = {name: _compare(name, fn) for name, fn in
               [("equal", xp.equal), ("not_equal", xp.not_equal), ("less", xp.less),
                ("less_equal", xp.less_equal), ("greater", xp.greater),
                ("greater_equal", xp.greater_equal)]}


# -- unary ---------------------------------------------------------------------

def negative_forward(x):
    return -x, None


def negative_backward(dy, cache):
    return (-dy,)


def square_forward(x):
    return x * x, x


def square_backward(dy, x):
    return (2 * x * dy,)


def sqrt_forward(x):
    y = xp.sqrt(x)
    return y, y


def sqrt_backward(dy, y):
    return (dy / (2 * y),)                          # d sqrt(x) = 1 / (2 sqrt(x))


def exp_forward(x):
    y = xp.exp(x)
    return y, y


def exp_backward(dy, y):
    return (dy * y,)


def log_forward(x):
    return xp.log(x), x


def log_backward(dy, x):
    return (dy / x,)


def tanh_forward(x):
    y = xp.tanh(x)
    return y, y


def tanh_backward(dy, y):
    return (dy * (1 - y * y),)


def sigmoid_forward(x):
    # NOTE: exp of -|x| only, so that no intermediate overflows for large |x|.
    e = xp.exp(-xp.abs(x))
    y = xp.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return y, y


def sigmoid_backward(dy, y):
    return (dy * y * (1 - y),)


def relu_forward(x):
    return xp.maximum(x, 0), x > 0


def relu_backward(dy, positive):
    return (dy * positive,)


def abs_forward(x):
    return xp.abs(x), xp.sign(x)


def abs_backward(dy, sign):
    return (dy * sign,)


def clip_by_value_forward(x, clip_value_min, clip_value_max):
    inside = (x >= clip_value_min) & (x <= clip_value_max)     # torch.clamp's gradient mask
    return xp.clip(x, clip_value_min, clip_value_max), inside


def clip_by_value_backward(dy, inside):
    return (dy * inside,)


def softmax_forward(x, axis=-1):
    z = x - x.max(axis=axis, keepdims=True)         # stable: exp of values <= 0
    e = xp.exp(z)
    y = e / e.sum(axis=axis, keepdims=True)
    return y, (y, axis)


def softmax_backward(dy, cache):
    y, axis = cache                                 # dx = y * (dy - sum(dy * y))
    return (y * (dy - (dy * y).sum(axis=axis, keepdims=True)),)


def where_forward(condition, x, y):
    out = xp.where(condition, x, y)
    return out, (xp.asarray(condition, dtype=bool), xp.shape(x), xp.shape(y))


def where_backward(dy, cache):
    cond, sx, sy = cache
    return None, unbroadcast(xp.where(cond, dy, 0), sx), unbroadcast(xp.where(cond, 0, dy), sy)
