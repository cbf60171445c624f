"""``dlspec.ops``: the ``tf.*`` calls of the course's notebooks, on symbolic or eager tensors.

Named as TensorFlow names them, so that a port is a find-and-replace (docs/tensorflow-ops.md):
``tf.matmul`` -> ``ops.matmul``, ``tf.math.reduce_sum`` -> ``ops.reduce_sum``,
``tf.linalg.band_part`` -> ``ops.linalg.band_part``, ``tf.random.uniform`` ->
``ops.random.uniform``. Each call is an ``Op`` (a layer without parameters, with a
hand-derived backward): on symbolic tensors it is recorded in the model being built, on
eager tensors it runs at once and a ``GradientTape`` keeps it. Broadcasting is NumPy's.
"""
from __future__ import annotations

import numpy as np

from ..autodiff.tensor import Tensor, apply_op
from ..nn.node import SymbolicTensor
from . import keras, linalg, random  # noqa: F401  (ops.linalg.band_part, ops.random.uniform)

newaxis = None
float32, float64, int32, int64, bool_ = np.float32, np.float64, np.int32, np.int64, np.bool_


def _op(kind, *operands, **attrs):
    return apply_op(kind, operands, attrs)


# -- arithmetic (broadcasting) ----------------------------------------------------

def add(x, y):
    return _op("add", x, y)


def subtract(x, y):
    return _op("subtract", x, y)


def multiply(x, y):
    return _op("multiply", x, y)


def divide(x, y):
    return _op("divide", x, y)


def maximum(x, y):
    return _op("maximum", x, y)


def minimum(x, y):
    return _op("minimum", x, y)


def negative(x):
    return _op("negative", x)


def matmul(a, b, transpose_a=False, transpose_b=False):
    """a @ b over the last two axes (leading axes broadcast): ``matmul(q, k, transpose_b=True)``."""
    return _op("matmul", a, b, transpose_a=bool(transpose_a), transpose_b=bool(transpose_b))


# -- element-wise functions ----------------------------------------------------------

def square(x):
    return _op("square", x)


def sqrt(x):
    return _op("sqrt", x)


def exp(x):
    return _op("exp", x)


def log(x):
    return _op("log", x)


def abs(x):  # noqa: A001  (tf.abs)
    return _op("abs", x)


def tanh(x):
    return _op("tanh", x)


def sigmoid(x):
    return _op("sigmoid", x)


def relu(x):
    return _op("relu", x)


def softmax(logits, axis=-1):
    return _op("softmax", logits, axis=int(axis))


def clip_by_value(t, clip_value_min, clip_value_max):
    return _op("clip_by_value", t, clip_value_min=float(clip_value_min), clip_value_max=float(clip_value_max))


# -- comparisons and choices (no gradient through the condition) -----------------------------

def equal(x, y):
    return _op("equal", x, y)


def not_equal(x, y):
    return _op("not_equal", x, y)


def less(x, y):
    return _op("less", x, y)


def less_equal(x, y):
    return _op("less_equal", x, y)


def greater(x, y):
    return _op("greater", x, y)


def greater_equal(x, y):
    return _op("greater_equal", x, y)


def where(condition, x=None, y=None):
    """x where ``condition`` holds, else y (element-wise, broadcasting): Python's ``if`` on tensors."""
    if x is None or y is None:
        raise ValueError("ops.where(condition, x, y) needs both x and y (the one-argument form, "
                         "which returns indices, is not supported).")
    return _op("where", condition, x, y)


# -- shapes -------------------------------------------------------------------------------

def transpose(a, perm=None):
    return _op("transpose", a, perm=None if perm is None else tuple(int(p) for p in perm))


def reshape(tensor, shape):
    """Reshape; ``-1`` (or the batch size None of a symbolic shape) is inferred."""
    shape = tuple(-1 if d is None else int(d) for d in shape)
    return _op("reshape", tensor, shape=shape)


def expand_dims(input, axis):  # noqa: A002  (tf's name)
    return _op("expand_dims", input, axis=int(axis))


def concat(values, axis):
    return _op("concat", *values, axis=int(axis))


def stack(values, axis=0):
    return _op("stack", *values, axis=int(axis))


def shape(input):  # noqa: A002
    """The shape: an int32 tensor eagerly (``shape(x)[1]`` is a valid slice bound); for a
    symbolic tensor a tuple with None for the batch axis."""
    if isinstance(input, SymbolicTensor):
        return ((None,) if input.batched else ()) + tuple(input.shape)
    return Tensor(np.asarray(np.shape(getattr(input, "value", input)), dtype=np.int32))


# -- reductions ---------------------------------------------------------------------------

def _axis(axis):
    if axis is None:
        return None
    return tuple(int(a) for a in axis) if isinstance(axis, (list, tuple)) else int(axis)


def reduce_sum(input_tensor, axis=None, keepdims=False):
    return _op("reduce_sum", input_tensor, axis=_axis(axis), keepdims=bool(keepdims))


def reduce_mean(input_tensor, axis=None, keepdims=False):
    return _op("reduce_mean", input_tensor, axis=_axis(axis), keepdims=bool(keepdims))


def reduce_max(input_tensor, axis=None, keepdims=False):
    return _op("reduce_max", input_tensor, axis=_axis(axis), keepdims=bool(keepdims))


def argmax(input, axis=None):  # noqa: A002
    """Index of the largest entry along ``axis`` (0 when None, as TensorFlow); no gradient."""
    return _op("argmax", input, axis=0 if axis is None else int(axis))


# -- types and constants ----------------------------------------------------------------------

def cast(x, dtype):
    """x as ``dtype`` (float32, float64, int32, int64, bool); integer casts have no gradient."""
    return _op("cast", x, dtype=str(np.dtype(dtype)))


def one_hot(indices, depth, axis=-1, dtype=np.float32):
    """1 at each index along a new axis of size ``depth`` (last by default; 0 for an index
    outside [0, depth)); no gradient."""
    return _op("one_hot", indices, depth=int(depth), dtype=str(np.dtype(dtype)), axis=int(axis))


def constant(value, dtype=None):
    """An eager tensor holding ``value`` (Python numbers become float32, as TensorFlow)."""
    value = getattr(value, "value", value)
    if dtype is None and not isinstance(value, np.ndarray):
        kind = np.asarray(value).dtype.kind
        dtype = {"f": np.float32, "i": np.int32}.get(kind)
    return Tensor(np.array(value, dtype=dtype))


def ones(shape, dtype=np.float32):
    return Tensor(np.ones(tuple(shape), dtype=dtype))


def zeros(shape, dtype=np.float32):
    return Tensor(np.zeros(tuple(shape), dtype=dtype))


def is_tensor(x):
    """True for dlspec tensors and variables (eager or symbolic), False for NumPy arrays."""
    return isinstance(x, (Tensor, SymbolicTensor))
