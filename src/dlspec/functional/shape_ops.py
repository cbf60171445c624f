"""Tensor ops that move, combine, reduce or pick entries: ``matmul``, ``transpose``, ``reshape``,
``concat``, ``x[...]``, ``reduce_sum``... Each forward beside its hand-derived backward, as in
``elementwise_ops``: ``<op>_forward(*operands, **attrs) -> (y, cache)``,
``<op>_backward(dy, cache) -> one gradient per operand`` (None where there is none).
"""
from __future__ import annotations

from ..backend import xp
from .elementwise_ops import unbroadcast


def _swap(a):
    return xp.swapaxes(a, -1, -2)


def matmul_forward(a, b, transpose_a=False, transpose_b=False):
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError(f"matmul: both operands need at least 2 axes (..., rows, cols); got "
                         f"shapes {a.shape} and {b.shape}. Use reshape or expand_dims first.")
    A, B = (_swap(a) if transpose_a else a), (_swap(b) if transpose_b else b)
    if A.shape[-1] != B.shape[-2]:
        raise ValueError(f"matmul: shapes {a.shape} and {b.shape} (transpose_a={transpose_a}, "
                         f"transpose_b={transpose_b}) do not chain: {A.shape[-1]} columns against "
                         f"{B.shape[-2]} rows.")
    try:
        y = A @ B
    except ValueError:
        raise ValueError(f"matmul: the leading (batch) axes of shapes {a.shape} and {b.shape} do "
                         "not broadcast.") from None
    return y, (A, B, transpose_a, transpose_b)


def matmul_backward(dy, cache):
    A, B, ta, tb = cache                      # Y = A B: dA = dY B^T, dB = A^T dY
    dA = unbroadcast(dy @ _swap(B), A.shape)    # summed over broadcast batch axes (x @ W)
    dB = unbroadcast(_swap(A) @ dy, B.shape)
    return (_swap(dA) if ta else dA), (_swap(dB) if tb else dB)


def transpose_forward(x, perm=None):
    perm = tuple(range(x.ndim))[::-1] if perm is None else tuple(perm)
    return xp.transpose(x, perm), perm


def transpose_backward(dy, perm):
    return (xp.transpose(dy, tuple(xp.argsort(perm))),)     # the inverse permutation


def reshape_forward(x, shape):
    try:
        return xp.reshape(x, tuple(shape)), x.shape
    except ValueError:
        raise ValueError(f"reshape: cannot reshape shape {x.shape} ({x.size} entries) into "
                         f"{tuple(shape)}.") from None


def reshape_backward(dy, shape):
    return (dy.reshape(shape),)


def expand_dims_forward(x, axis):
    return xp.expand_dims(x, axis), x.shape


expand_dims_backward = reshape_backward


def concat_forward(*xs, axis):
    try:
        y = xp.concatenate(xs, axis=axis)
    except ValueError:
        raise ValueError(f"concat along axis {axis}: shapes {[x.shape for x in xs]} must agree "
                         "on every other axis.") from None
    return y, ([x.shape[axis] for x in xs], axis)


def concat_backward(dy, cache):
    sizes, axis = cache
    cuts = xp.cumsum(sizes)[:-1]
    return tuple(xp.split(dy, cuts, axis=axis))


def stack_forward(*xs, axis=0):
    try:
        return xp.stack(xs, axis=axis), (len(xs), axis)
    except ValueError:
        raise ValueError(f"stack: every tensor needs the same shape; got {[x.shape for x in xs]}.") from None


def stack_backward(dy, cache):
    n, axis = cache
    return tuple(xp.take(dy, i, axis=axis) for i in range(n))


def getitem_forward(x, key):
    return x[key], (x.shape, key)


def getitem_backward(dy, cache):
    shape, key = cache
    dx = xp.zeros(shape, dtype=dy.dtype)
    if _advanced(key):
        xp.add.at(dx, key, dy)                  # repeated indices each add their gradient
    else:
        dx[key] = dy
    return (dx,)


def _advanced(key):
    keys = key if isinstance(key, tuple) else (key,)
    return any(hasattr(k, "shape") or isinstance(k, list) for k in keys)


def _axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return tuple(a % ndim for a in axes)


def _expand(dy, axes, keepdims):
    """dy of a reduction, with the reduced axes put back (size 1) so that it broadcasts."""
    return dy if keepdims else xp.expand_dims(dy, axes)


def reduce_sum_forward(x, axis=None, keepdims=False):
    axes = _axes(axis, x.ndim)
    return x.sum(axis=axes, keepdims=keepdims), (x.shape, axes, keepdims)


def reduce_sum_backward(dy, cache):
    shape, axes, keepdims = cache
    return (xp.broadcast_to(_expand(dy, axes, keepdims), shape).copy(),)


def reduce_mean_forward(x, axis=None, keepdims=False):
    axes = _axes(axis, x.ndim)
    return x.mean(axis=axes, keepdims=keepdims), (x.shape, axes, keepdims)


def reduce_mean_backward(dy, cache):
    shape, axes, keepdims = cache
    count = 1
    for a in axes:
        count *= shape[a]
    return (xp.broadcast_to(_expand(dy, axes, keepdims) / dy.dtype.type(count), shape).copy(),)


def reduce_max_forward(x, axis=None, keepdims=False):
    axes = _axes(axis, x.ndim)
    y = x.max(axis=axes, keepdims=True)
    winners = (x == y).astype(x.dtype)
    # NOTE: ties share the gradient equally, as TensorFlow (and torch's amax) do.
    share = winners / winners.sum(axis=axes, keepdims=True)
    return (y if keepdims else y.squeeze(axes)), (share, axes, keepdims)


def reduce_max_backward(dy, cache):
    share, axes, keepdims = cache
    return (share * _expand(dy, axes, keepdims),)


def cast_forward(x, dtype):
    return x.astype(dtype), (x.dtype, xp.dtype(dtype).kind == "f" and x.dtype.kind == "f")


def cast_backward(dy, cache):
    dtype, floats = cache                       # casts to integers or bool have no gradient
    return (dy.astype(dtype) if floats else None,)


def band_part_forward(x, num_lower, num_upper):
    rows, cols = x.shape[-2:]
    i = xp.arange(rows)[:, None]
    j = xp.arange(cols)[None, :]
    keep = ((num_lower < 0) | (i - j <= num_lower)) & ((num_upper < 0) | (j - i <= num_upper))
    return xp.where(keep, x, 0).astype(x.dtype, copy=False), keep


def band_part_backward(dy, keep):
    return (xp.where(keep, dy, 0),)


def _no_gradient(dy, cache):
    return (None,)


def one_hot_forward(indices, depth, dtype="float32", axis=-1):
    indices = xp.asarray(indices)
    y = (indices[..., None] == xp.arange(depth)).astype(dtype)   # out-of-range ids give zeros
    return (y if axis == -1 else xp.moveaxis(y, -1, axis)), None


def argmax_forward(x, axis=0):
    return xp.argmax(x, axis=axis), None


one_hot_backward = argmax_backward = _no_gradient
