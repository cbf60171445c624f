"""Compiled twins of ``functional.activations``: ReLU and ReLU6, forward and backward, in one pass each.

NumPy's ``dA * (A > 0)`` makes a boolean temporary and reads it back (two passes, one core);
here each element is read and written once, split over the cores. NaN passes through as in
NumPy (``maximum(nan, 0)`` is nan), so that a diverging run still stops with its NaN loss.
"""
from __future__ import annotations

import numpy as np

from .. import kernels
from ._jit import kernel, prange


@kernel
def _relu(Z, A):
    for k in prange(Z.size):
        z = Z[k]
        A[k] = 0 if z < 0 else z


@kernel
def _relu_grad(dA, A, dZ):
    for k in prange(A.size):
        dZ[k] = dA[k] if A[k] > 0 else dA[k] * 0


@kernel
def _relu6(Z, A):
    for k in prange(Z.size):
        z = Z[k]
        A[k] = 0 if z < 0 else (6 if z > 6 else z)


@kernel
def _relu6_grad(dA, Z, dZ):
    for k in prange(Z.size):
        z = Z[k]
        dZ[k] = dA[k] if 0 < z < 6 else dA[k] * 0


def _flat(*arrays):
    """Contiguous flat views of same-dtype float arrays of one shape, or None."""
    first = arrays[0]
    if (not isinstance(first, np.ndarray) or first.dtype not in (np.float32, np.float64)
            or not kernels.large(first.size)):
        return None
    if any(not isinstance(a, np.ndarray) or a.dtype != first.dtype or a.shape != first.shape
           for a in arrays):
        return None
    return [np.ascontiguousarray(a).reshape(-1) for a in arrays]


def _apply(fn, arrays):
    flat = _flat(*arrays)
    if flat is None:
        return NotImplemented
    out = np.empty_like(arrays[0], order="C")
    fn(*flat, out.reshape(-1))
    return out


def relu_forward(Z):
    A = _apply(_relu, (Z,))
    return NotImplemented if A is NotImplemented else (A, A)


def relu_backward(dA, A):
    return _apply(_relu_grad, (dA, A))


def relu6_forward(Z):
    A = _apply(_relu6, (Z,))
    return NotImplemented if A is NotImplemented else (A, Z)


def relu6_backward(dA, Z):
    return _apply(_relu6_grad, (dA, Z))
