"""Compiled twins of ``functional.depthwise`` for one filter per channel (MobileNet's M = 1).

The reference pads the input (a copy, kept for backward), runs einsum over a strided view
of the windows (one core), and at stride 2 builds the input gradient with f_h f_w slice-adds.
Here the padding is folded into the loops, the forward keeps the unpadded input, and each
of forward, filter gradient and input gradient is one pass split over the cores: the input
gradient as a gather (each pixel sums the windows that read it), the filter gradient and
the bias gradient by blocks of ``ROWS_DW`` image rows added in block order (the same sums
whatever the thread count).
"""
from __future__ import annotations

import numpy as np

from ._jit import kernel, prange

TAG = "depthwise:unpadded"
ROWS_DW = 16          # (image, output row) pairs per block of the filter-gradient sum


@kernel
def _forward(A, Wc, s_h, s_w, top, left, Z):
    N, H, W, C = A.shape
    f_h, f_w, _ = Wc.shape
    _, n_H, n_W, _ = Z.shape
    for nh in prange(N * n_H):
        n, h = nh // n_H, nh % n_H
        for w in range(n_W):
            for c in range(C):
                Z[n, h, w, c] = 0
            for i in range(f_h):
                y = h * s_h + i - top
                if y < 0 or y >= H:
                    continue
                for j in range(f_w):
                    x = w * s_w + j - left
                    if x < 0 or x >= W:
                        continue
                    for c in range(C):
                        Z[n, h, w, c] += A[n, y, x, c] * Wc[i, j, c]


@kernel
def _filter_grad(A, dZ, f_h, f_w, s_h, s_w, top, left):
    """Per block of output rows: sum of A window * dZ, (blocks, f_h, f_w, C), and of dZ, (blocks, C)."""
    N, H, W, C = A.shape
    _, n_H, n_W, _ = dZ.shape
    rows = N * n_H
    blocks = (rows + ROWS_DW - 1) // ROWS_DW
    dW = np.zeros((blocks, f_h, f_w, C), np.float64)
    db = np.zeros((blocks, C), np.float64)
    for blk in prange(blocks):
        for nh in range(blk * ROWS_DW, min(rows, (blk + 1) * ROWS_DW)):
            n, h = nh // n_H, nh % n_H
            for w in range(n_W):
                for c in range(C):
                    db[blk, c] += dZ[n, h, w, c]
                for i in range(f_h):
                    y = h * s_h + i - top
                    if y < 0 or y >= H:
                        continue
                    for j in range(f_w):
                        x = w * s_w + j - left
                        if x < 0 or x >= W:
                            continue
                        for c in range(C):
                            dW[blk, i, j, c] += A[n, y, x, c] * dZ[n, h, w, c]
    return dW, db


@kernel
def _input_grad(dZ, Wc, s_h, s_w, top, left, dA):
    """dA[n, y, x, c] = sum of dZ[n, h, w, c] W[i, j, c] over the windows (h, w) reading (y, x)."""
    N, n_H, n_W, C = dZ.shape
    f_h, f_w, _ = Wc.shape
    _, H, W, _ = dA.shape
    for ny in prange(N * H):
        n, y = ny // H, ny % H
        for x in range(W):
            for c in range(C):
                dA[n, y, x, c] = 0
            for i in range(f_h):
                hh = y + top - i
                if hh < 0 or hh % s_h != 0 or hh // s_h >= n_H:
                    continue
                h = hh // s_h
                for j in range(f_w):
                    ww = x + left - j
                    if ww < 0 or ww % s_w != 0 or ww // s_w >= n_W:
                        continue
                    w = ww // s_w
                    for c in range(C):
                        dA[n, y, x, c] += dZ[n, h, w, c] * Wc[i, j, c]


def _sum_blocks(partial):
    total = partial[0].copy()
    for block in partial[1:]:
        total += block
    return total


def depthwise_conv_forward(A_prev, W, b, stride=(1, 1), pads=((0, 0), (0, 0))):
    f_h, f_w, C, M = W.shape
    if M != 1 or A_prev.dtype not in (np.float32, np.float64) or W.dtype != A_prev.dtype or A_prev.size == 0:
        return NotImplemented
    A_prev = np.ascontiguousarray(A_prev)
    Wc = np.ascontiguousarray(W[..., 0])                                 # (f_h, f_w, C)
    (s_h, s_w), ((top, bottom), (left, right)) = stride, pads
    N, H, W_in, _ = A_prev.shape
    n_H, n_W = (H + top + bottom - f_h) // s_h + 1, (W_in + left + right - f_w) // s_w + 1
    Z = np.empty((N, n_H, n_W, C), A_prev.dtype)
    _forward(A_prev, Wc, int(s_h), int(s_w), int(top), int(left), Z)
    if b is not None:
        Z += b
    return Z, (TAG, A_prev, W, (int(s_h), int(s_w)), (int(top), int(left)), b is not None)


def depthwise_conv_backward(dZ, cache):
    if len(cache) != 6 or cache[0] != TAG:
        return NotImplemented                                  # the reference's forward cache
    _, A_prev, W, (s_h, s_w), (top, left), has_bias = cache
    f_h, f_w, C, _ = W.shape
    dZ = np.ascontiguousarray(dZ)
    dW, db = _filter_grad(A_prev, dZ, f_h, f_w, s_h, s_w, top, left)
    dW = _sum_blocks(dW).astype(W.dtype)[..., None]                    # (f_h, f_w, C, 1)
    db = _sum_blocks(db).astype(W.dtype) if has_bias else None
    dA = np.empty_like(A_prev)
    _input_grad(dZ, np.ascontiguousarray(W[..., 0]), s_h, s_w, top, left, dA)
    return dA, dW, db
