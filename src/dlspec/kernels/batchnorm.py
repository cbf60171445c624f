"""Compiled twins of ``functional.batchnorm``: the training forward and backward in fused passes.

The reference makes five passes forward (sum, centre, square-sum, scale, shift) and keeps
Z - mu; here the forward reads Z three times (sum, centred square-sum, output) and keeps Z
itself, and the backward reads dZ_tilde and Z twice (the two channel sums, then the output),
all split over the cores. Per-channel sums go by blocks of ``ROWS`` rows (see ``_jit``), accumulated in float64 (float32
inputs included: the sums are then more accurate than the reference's, never less).
"""
from __future__ import annotations

import numpy as np

from .. import kernels
from ._jit import ROWS, kernel, prange


@kernel
def _channel_sums(Z2, mu):
    """Per block of rows: sum of (Z - mu) and of (Z - mu)^2, each (blocks, C)."""
    m, C = Z2.shape
    blocks = (m + ROWS - 1) // ROWS
    s1 = np.zeros((blocks, C), np.float64)
    s2 = np.zeros((blocks, C), np.float64)
    for blk in prange(blocks):
        for r in range(blk * ROWS, min(m, (blk + 1) * ROWS)):
            for c in range(C):
                d = Z2[r, c] - mu[c]
                s1[blk, c] += d
                s2[blk, c] += d * d
    return s1, s2


@kernel
def _grad_sums(dZ2, Z2, mu):
    """Per block of rows: sum of dZ_tilde and of dZ_tilde (Z - mu), each (blocks, C)."""
    m, C = Z2.shape
    blocks = (m + ROWS - 1) // ROWS
    s1 = np.zeros((blocks, C), np.float64)
    s2 = np.zeros((blocks, C), np.float64)
    for blk in prange(blocks):
        for r in range(blk * ROWS, min(m, (blk + 1) * ROWS)):
            for c in range(C):
                g = dZ2[r, c]
                s1[blk, c] += g
                s2[blk, c] += g * (Z2[r, c] - mu[c])
    return s1, s2


@kernel
def _affine(X2, mu, scale, shift, out):
    """out = (X - mu) scale + shift, per channel."""
    m, C = X2.shape
    for r in prange(m):
        for c in range(C):
            out[r, c] = (X2[r, c] - mu[c]) * scale[c] + shift[c]


@kernel
def _backward_out(dZ2, Z2, mu, mean_dZ, a, k, out):
    """out = (dZ_tilde - mean dZ_tilde) a + (Z - mu) k, per channel."""
    m, C = Z2.shape
    for r in prange(m):
        for c in range(C):
            out[r, c] = (dZ2[r, c] - mean_dZ[c]) * a[c] + (Z2[r, c] - mu[c]) * k[c]


def _sum_blocks(partial):
    """Add the blocks' partial sums in block order (one thread: the order never changes)."""
    total = partial[0].copy()
    for row in partial[1:]:
        total += row
    return total


def _ok(*arrays):
    dtype = arrays[0].dtype
    return (dtype in (np.float32, np.float64) and all(a.dtype == dtype for a in arrays)
            and kernels.large(arrays[0].size))


def batchnorm_train_forward(Z, gamma, beta, epsilon):
    if not _ok(Z, gamma, beta) or Z.size == 0:
        return NotImplemented
    Z = np.ascontiguousarray(Z)
    Z2 = Z.reshape(-1, Z.shape[-1])                     # (m, C) view
    m, C = Z2.shape
    zero = np.zeros(C, Z.dtype)
    s1, _ = _channel_sums(Z2, zero)
    mu = (_sum_blocks(s1) / m).astype(Z.dtype)
    # Two passes (centred sums), never E[Z^2] - mu^2: no cancellation; the second pass's
    # sum of (Z - mu) is ~0 and unused.
    _, s2 = _channel_sums(Z2, mu)
    var = (_sum_blocks(s2) / m).astype(Z.dtype)
    inv_std = 1 / np.sqrt(var + Z.dtype.type(epsilon))
    scale = gamma * inv_std
    Z_tilde = np.empty_like(Z)
    _affine(Z2, mu, scale, beta, Z_tilde.reshape(m, C))
    return Z_tilde, mu, var, (Z, mu, gamma, inv_std)


def batchnorm_backward(dZ_tilde, cache):
    if len(cache) == 3:                                  # the reference's cache: (Z - mu, gamma, inv_std)
        Zc, gamma, inv_std = cache
        Z, mu = Zc, np.zeros_like(inv_std)
    else:
        Z, mu, gamma, inv_std = cache
    if not _ok(dZ_tilde, Z, gamma) or Z.size == 0:
        return NotImplemented
    dZ_tilde = np.ascontiguousarray(dZ_tilde)
    C = Z.shape[-1]
    dZ2, Z2 = dZ_tilde.reshape(-1, C), Z.reshape(-1, C)
    m = Z2.shape[0]
    s1, s2 = _grad_sums(dZ2, Z2, mu)
    dbeta = _sum_blocks(s1).astype(Z.dtype)
    dgamma = _sum_blocks(s2).astype(Z.dtype) * inv_std
    a = gamma * inv_std
    k = -a * inv_std * dgamma / Z.dtype.type(m)
    dZ = np.empty_like(dZ_tilde)
    _backward_out(dZ2, Z2, mu, dbeta / Z.dtype.type(m), a, k, dZ.reshape(m, C))
    return dZ, dgamma, dbeta


def batchnorm_forward(Z, gamma, beta, mu, var, epsilon):
    if not _ok(Z, gamma, beta, mu, var) or Z.size == 0:
        return NotImplemented
    Z = np.ascontiguousarray(Z)
    inv_std = 1 / np.sqrt(var + Z.dtype.type(epsilon))
    scale = gamma * inv_std
    Z_tilde = np.empty_like(Z)
    C = Z.shape[-1]
    _affine(Z.reshape(-1, C), mu, scale, beta, Z_tilde.reshape(-1, C))
    return Z_tilde, (Z, mu, gamma, inv_std)
