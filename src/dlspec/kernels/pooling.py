"""Compiled twins of ``functional.pooling``'s max pooling: one pass forward, one scatter backward.

The reference pads with -inf (a copy of the input), takes f_h f_w maxima over strided
slices, and keeps the padded input and the output for backward, where it compares them
again offset by offset. Here the forward reads each window once and keeps, per output,
only which offset won (one byte: the course's ``create_mask_from_window`` as an index);
backward sends each gradient to that pixel. Ties go to the first maximum in row-major
order, as in the reference and PyTorch.
"""
from __future__ import annotations

import numpy as np

from ._jit import kernel, prange

TAG = "maxpool:argmax"


@kernel
def _max_pool(A, f_h, f_w, s_h, s_w, top, left, out, arg):
    N, H, W, C = A.shape
    _, n_H, n_W, _ = out.shape
    for nh in prange(N * n_H):
        n, h = nh // n_H, nh % n_H
        for w in range(n_W):
            for c in range(C):
                out[n, h, w, c] = -np.inf
                arg[n, h, w, c] = 255
            for i in range(f_h):
                y = h * s_h + i - top
                if y < 0 or y >= H:
                    continue
                for j in range(f_w):
                    x = w * s_w + j - left
                    if x < 0 or x >= W:
                        continue
                    for c in range(C):
                        v = A[n, y, x, c]
                        # NaN wins (and stays), as with NumPy's maximum in the reference
                        if arg[n, h, w, c] == 255 or v > out[n, h, w, c] or v != v:
                            if out[n, h, w, c] == out[n, h, w, c]:
                                out[n, h, w, c] = v
                                arg[n, h, w, c] = i * f_w + j


@kernel
def _max_pool_grad(dA, arg, f_w, s_h, s_w, top, left, dA_prev):
    N, n_H, n_W, C = dA.shape
    _, H, W, _ = dA_prev.shape
    for n in prange(N):           # each image's pixels are written by one thread only
        for y in range(H):
            for x in range(W):
                for c in range(C):
                    dA_prev[n, y, x, c] = 0
        for h in range(n_H):
            for w in range(n_W):
                for c in range(C):
                    k = arg[n, h, w, c]
                    if k == 255:
                        continue
                    y = h * s_h + k // f_w - top
                    x = w * s_w + k % f_w - left
                    dA_prev[n, y, x, c] += dA[n, h, w, c]


def max_pool_forward(A_prev, kernel=(2, 2), stride=(2, 2), pads=((0, 0), (0, 0))):
    (f_h, f_w), (s_h, s_w) = kernel, stride
    if A_prev.dtype not in (np.float32, np.float64) or f_h * f_w > 255 or A_prev.size == 0:
        return NotImplemented
    A_prev = np.ascontiguousarray(A_prev)
    (top, bottom), (left, right) = pads
    N, H, W, C = A_prev.shape
    n_H, n_W = (H + top + bottom - f_h) // s_h + 1, (W + left + right - f_w) // s_w + 1
    A = np.empty((N, n_H, n_W, C), A_prev.dtype)
    arg = np.empty((N, n_H, n_W, C), np.uint8)           # the winning offset i f_w + j
    _max_pool(A_prev, int(f_h), int(f_w), int(s_h), int(s_w), int(top), int(left), A, arg)
    return A, (TAG, arg, A_prev.shape, (int(f_h), int(f_w)), (int(s_h), int(s_w)), (int(top), int(left)))


def max_pool_backward(dA, cache):
    if len(cache) != 6 or cache[0] != TAG:
        return NotImplemented                            # the reference's forward cache
    _, arg, prev_shape, (f_h, f_w), (s_h, s_w), (top, left) = cache
    dA_prev = np.empty(prev_shape, dA.dtype)
    _max_pool_grad(np.ascontiguousarray(dA), arg, f_w, s_h, s_w, top, left, dA_prev)
    return dA_prev
