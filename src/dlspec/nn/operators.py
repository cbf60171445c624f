"""Python operators on tensors (``x + y``, ``q @ k``, ``x[:, None]``, ``x > 0``), for symbolic
and eager tensors alike: each one names the op; the tensor class decides how to record it
(a node in a graph, or a call on the running tapes) through its ``_op(kind, operands, attrs)``.
"""
from __future__ import annotations

import numpy as np

# NumPy functions on a tensor (``np.exp(t)``, ``array @ t``) run the same ops, recorded.
UFUNCS = {np.add: "add", np.subtract: "subtract", np.multiply: "multiply", np.true_divide: "divide",
          np.matmul: "matmul", np.negative: "negative", np.exp: "exp", np.log: "log", np.sqrt: "sqrt",
          np.square: "square", np.tanh: "tanh", np.maximum: "maximum", np.minimum: "minimum",
          np.absolute: "abs", np.equal: "equal", np.not_equal: "not_equal", np.less: "less",
          np.less_equal: "less_equal", np.greater: "greater", np.greater_equal: "greater_equal"}


class TensorOperators:
    """The operators of ``dlspec`` tensors; subclasses define ``_op(kind, operands, attrs)``."""

    __array_priority__ = 1000      # NumPy defers to the tensor: array + tensor is recorded

    def _op(self, kind, operands, attrs):
        raise NotImplementedError

    def __add__(self, other):
        return self._op("add", (self, other), {})

    def __radd__(self, other):
        return self._op("add", (other, self), {})

    def __sub__(self, other):
        return self._op("subtract", (self, other), {})

    def __rsub__(self, other):
        return self._op("subtract", (other, self), {})

    def __mul__(self, other):
        return self._op("multiply", (self, other), {})

    def __rmul__(self, other):
        return self._op("multiply", (other, self), {})

    def __truediv__(self, other):
        return self._op("divide", (self, other), {})

    def __rtruediv__(self, other):
        return self._op("divide", (other, self), {})

    def __matmul__(self, other):
        return self._op("matmul", (self, other), {})

    def __rmatmul__(self, other):
        return self._op("matmul", (other, self), {})

    def __neg__(self):
        return self._op("negative", (self,), {})

    def __abs__(self):
        return self._op("abs", (self,), {})

    def __pow__(self, power):
        if power == 2:
            return self._op("square", (self,), {})
        if power == 0.5:
            return self._op("sqrt", (self,), {})
        raise TypeError(f"tensor ** {power!r}: only ** 2 (ops.square) and ** 0.5 (ops.sqrt) are "
                        "recorded; write other powers with ops.exp and ops.log.")

    def __lt__(self, other):
        return self._op("less", (self, other), {})

    def __le__(self, other):
        return self._op("less_equal", (self, other), {})

    def __gt__(self, other):
        return self._op("greater", (self, other), {})

    def __ge__(self, other):
        return self._op("greater_equal", (self, other), {})

    def __getitem__(self, key):
        return self._op("getitem", (self,), {"key": index_key(key)})

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        kind = UFUNCS.get(ufunc)
        if method != "__call__" or kind is None or kwargs:
            return NotImplemented
        return self._op(kind, inputs, {})


def index_key(key):
    """A tensor index with scalar tensors (``x[:, :ops.shape(y)[1]]``) turned into ints."""
    if isinstance(key, tuple):
        return tuple(index_key(k) for k in key)
    if isinstance(key, slice):
        return slice(*(None if v is None else int(v) for v in (key.start, key.stop, key.step)))
    if hasattr(key, "numpy") and not isinstance(key, np.ndarray):
        value = key.numpy()
        return int(value) if value.ndim == 0 else value
    return key
