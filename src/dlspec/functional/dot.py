"""Batched dot product of two tensors along one axis each (Keras's ``Dot``), and L2 normalization.

For each example n, contract axis ``a`` of A[n] with axis ``b`` of B[n]:

    Z[n, p..., q...] = sum_k A[n, p..., k] B[n, k, q...]

The course's attention computes its context this way: context = Dot(axes=1)([alphas, a]),
alphas (N, Tx, 1) and a (N, Tx, 2 n_a) giving (N, 1, 2 n_a) = sum_t alpha<t> a<t>.
"""
from __future__ import annotations

from ..backend import xp

EPSILON = 1e-12      # as torch.nn.functional.normalize: x / max(||x||, EPSILON)


def l2_normalize_forward(X, axis):
    """U = X / max(||X||, eps), the norm taken along ``axis``; returns (U, cache).

    Notes
    -----
    Backward: with n = ||X||, dX = (dU - U sum_axis(dU U)) / n where n > eps (the
    tangential part of dU, since U stays on the unit sphere), and dU / eps where the norm
    was clipped (there U = X / eps is linear in X).
    """
    norm = xp.sqrt((X * X).sum(axis=axis, keepdims=True))
    clipped = norm <= EPSILON
    scale = xp.maximum(norm, EPSILON).astype(X.dtype, copy=False)
    U = X / scale
    return U, (U, scale, clipped, axis)


def l2_normalize_backward(dU, cache):
    U, scale, clipped, axis = cache
    radial = (dU * U).sum(axis=axis, keepdims=True)
    radial = xp.where(clipped, 0, radial).astype(dU.dtype, copy=False)
    return (dU - U * radial) / scale


def dot_forward(A, B, axes, normalize=False):
    """Per-example dot product of A and B along ``axes = (a, b)`` (axes of the full arrays).

    Parameters
    ----------
    A : array (N, *p, with K at axis a)
    B : array (N, *q, with K at axis b)
    axes : (a, b), non-negative, 1 <= a < A.ndim, 1 <= b < B.ndim
    normalize : L2-normalize A and B along their axes first, so Z is the cosine similarity

    Returns
    -------
    Z : array (N, *p, *q), or (N, 1) when A and B are both (N, K)
    cache : what ``dot_backward`` needs

    Notes
    -----
    One batched GEMM: A' (N, P, K) @ B' (N, K, Q) = Z' (N, P, Q). Backward:
    dA' = dZ' B'^T, dB' = A'^T dZ', each moved back to its input's layout.
    """
    a, b = axes
    norm_caches = (None, None)
    if normalize:
        (A, cache_a), (B, cache_b) = l2_normalize_forward(A, a), l2_normalize_forward(B, b)
        norm_caches = (cache_a, cache_b)
    A_moved = xp.moveaxis(A, a, -1)                  # (N, *p, K)
    B_moved = xp.moveaxis(B, b, 1)                   # (N, K, *q)
    N, K = A.shape[0], A.shape[a]
    A2 = A_moved.reshape(N, -1, K)                   # (N, P, K)
    B2 = B_moved.reshape(N, K, -1)                   # (N, K, Q)
    Z = A2 @ B2                                      # (N, P, Q)
    out_shape = (N, *A_moved.shape[1:-1], *B_moved.shape[2:]) if A.ndim + B.ndim > 4 else (N, 1)
    cache = (A2, B2, A_moved.shape, B_moved.shape, axes, norm_caches)
    return Z.reshape(out_shape), cache               # (N, P, Q) -> (N, *p, *q)


def dot_backward(dZ, cache):
    """Return (dA, dB), each of its input's shape."""
    A2, B2, A_moved_shape, B_moved_shape, (a, b), (cache_a, cache_b) = cache
    N, P, Q = dZ.shape[0], A2.shape[1], B2.shape[2]
    dZ2 = dZ.reshape(N, P, Q)                        # (N, *p, *q) -> (N, P, Q)
    dA = xp.moveaxis((dZ2 @ B2.transpose(0, 2, 1)).reshape(A_moved_shape), -1, a)  # (N, P, K) -> A's layout
    dB = xp.moveaxis((A2.transpose(0, 2, 1) @ dZ2).reshape(B_moved_shape), 1, b)   # (N, K, Q) -> B's layout
    if cache_a is not None:
        dA, dB = l2_normalize_backward(dA, cache_a), l2_normalize_backward(dB, cache_b)
    return dA, dB
