"""Compiled twins of ``functional.conv``: im2col with the padding folded in, and col2im as a gather.

The reference pads the input (one pass), copies the windows into the im2col matrix on one
core, and keeps that matrix for backward (f_h f_w times the input's memory: most of a VGG
step's peak). Here the windows are copied straight from the unpadded input, split over the
cores, a few images at a time (``CHUNK_BYTES``), and the forward keeps only its input: backward copies the windows again, which costs
one read of the input and one write of the matrix, about what reading a kept matrix back
would cost, on all cores instead of one. The products stay on the BLAS.

col2im runs as a gather: each input pixel sums the gradients of the windows that contain
it, in kernel-offset order (the order of the reference's slice-adds, so the sums are the
same), one pixel per loop step, split over the cores without any two writing one place.
"""
from __future__ import annotations

import numpy as np

from .. import kernels
from ._jit import kernel, prange

TAG = "conv:recompute-windows"     # marks this twin's cache (the reference's is a 7-tuple)
# The windows go through the products a few images at a time, so that no full im2col matrix
# (f_h f_w times the input: 231 MB for the VGG block's first layer) is ever held: the peak
# is one chunk's matrix. 16 MB chunks still give the BLAS products of thousands of rows.
CHUNK_BYTES = 16 * 2 ** 20
# NOTE: with few input channels a window row is a handful of numbers and this copy crawls,
# twice per step (forward and again in backward): LeNet's step (1 and 6 input channels) took
# 13.7 ms CPU against the reference's 8.6 (one thread). Those layers are small: the reference
# (which keeps its windows) runs them.
MIN_CHANNELS = 8


@kernel
def _im2col(A, f_h, f_w, s_h, s_w, top, left, n_H, n_W, cols):
    """cols[(n, h, w), (i, j, c)] = A[n, h s_h + i - top, w s_w + j - left, c], 0 outside A."""
    N, H, W, C = A.shape
    for nh in prange(N * n_H):
        n, h = nh // n_H, nh % n_H
        for w in range(n_W):
            row = nh * n_W + w
            for i in range(f_h):
                y = h * s_h + i - top
                for j in range(f_w):
                    x = w * s_w + j - left
                    base = (i * f_w + j) * C
                    if 0 <= y < H and 0 <= x < W:
                        for c in range(C):
                            cols[row, base + c] = A[n, y, x, c]
                    else:
                        for c in range(C):
                            cols[row, base + c] = 0


@kernel
def _col2im(dcols, s_h, s_w, top, left, dA):
    """dA[n, y, x] = sum of dcols[i, j, n, h, w] over the windows (h, w) holding pixel (y, x)."""
    f_h, f_w, N, n_H, n_W, C = dcols.shape
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
                        dA[n, y, x, c] += dcols[i, j, n, h, w, c]


def _ok(*arrays):
    dtype = arrays[0].dtype
    return dtype in (np.float32, np.float64) and all(a.dtype == dtype for a in arrays)


def im2col(A_prev, kernel_hw, stride, pads, out_hw):
    """The im2col matrix (N n_H n_W, f_h f_w C) of A_prev (N, H, W, C), padding folded in."""
    N, C = A_prev.shape[0], A_prev.shape[3]
    (f_h, f_w), (s_h, s_w), (n_H, n_W) = kernel_hw, stride, out_hw
    cols = np.empty((N * n_H * n_W, f_h * f_w * C), A_prev.dtype)
    _im2col(A_prev, f_h, f_w, s_h, s_w, pads[0][0], pads[1][0], n_H, n_W, cols)
    return cols


def col2im(dcols, prev_shape, stride, pads):
    """dA_prev (N, H, W, C) from window gradients (f_h, f_w, N, n_H, n_W, C), padding cropped."""
    dA = np.empty(prev_shape, dcols.dtype)
    _col2im(np.ascontiguousarray(dcols), stride[0], stride[1], pads[0][0], pads[1][0], dA)
    return dA


def _out_hw(prev_shape, kernel_hw, stride, pads):
    return tuple((n + p0 + p1 - f) // s + 1
                 for n, f, s, (p0, p1) in zip(prev_shape[1:3], kernel_hw, stride, pads))


def images_per_chunk(prev_shape, kernel_hw, out_hw, itemsize):
    """Images per chunk so that a chunk's im2col matrix stays near ``CHUNK_BYTES`` (at least one)."""
    per_image = out_hw[0] * out_hw[1] * kernel_hw[0] * kernel_hw[1] * prev_shape[3] * itemsize
    return max(1, CHUNK_BYTES // max(per_image, 1))


def conv_forward(A_prev, W, b, stride=(1, 1), pads=((0, 0), (0, 0))):
    f_h, f_w, C_prev, C = W.shape
    few_channels = C_prev < MIN_CHANNELS and kernels.MIN_SIZE > 0    # use(min_size=0): every case
    if (f_h == f_w == 1) or few_channels or not _ok(A_prev, W) or A_prev.size == 0:
        return NotImplemented                      # 1x1: no windows, the reference is one GEMM
    A_prev = np.ascontiguousarray(A_prev)
    stride = tuple(int(s) for s in stride)
    pads = tuple(tuple(int(p) for p in side) for side in pads)
    N = A_prev.shape[0]
    n_H, n_W = _out_hw(A_prev.shape, (f_h, f_w), stride, pads)
    hw, W2 = n_H * n_W, W.reshape(-1, C)
    Z = np.empty((N * hw, C), A_prev.dtype)                         # (N n_H n_W, C)
    per = images_per_chunk(A_prev.shape, (f_h, f_w), (n_H, n_W), A_prev.itemsize)
    for n0 in range(0, N, per):
        n1 = min(N, n0 + per)
        cols = im2col(A_prev[n0:n1], (f_h, f_w), stride, pads, (n_H, n_W))   # (rows, f_h f_w C_prev)
        np.matmul(cols, W2, out=Z[n0 * hw:n1 * hw])
    if b is not None:
        Z += b
    return Z.reshape(N, n_H, n_W, C), (TAG, A_prev, W, stride, pads, b is not None)


def conv_backward(dZ, cache, need_dA_prev=True):
    if len(cache) != 6 or cache[0] != TAG:
        return NotImplemented                      # a cache from the reference's forward
    _, A_prev, W, stride, pads, has_bias = cache
    f_h, f_w, C_prev, C = W.shape
    N, n_H, n_W, _ = dZ.shape
    hw = n_H * n_W
    dZ2 = np.ascontiguousarray(dZ).reshape(-1, C)                   # (N n_H n_W, C)
    db = np.ones(dZ2.shape[0], dZ2.dtype) @ dZ2 if has_bias else None
    W_t = W.reshape(f_h * f_w, C_prev, C).transpose(0, 2, 1)       # (f_h f_w, C, C_prev) view
    if W.size * 8 <= dZ2.size:
        W_t = np.ascontiguousarray(W_t)
    dA_prev = np.empty(A_prev.shape, dZ2.dtype) if need_dA_prev else None
    dW = None
    per = images_per_chunk(A_prev.shape, (f_h, f_w), (n_H, n_W), A_prev.itemsize)
    for n0 in range(0, N, per):              # chunks fixed by the shapes: the same sums on any machine
        n1 = min(N, n0 + per)
        rows = slice(n0 * hw, n1 * hw)
        cols = im2col(A_prev[n0:n1], (f_h, f_w), stride, pads, (n_H, n_W))
        part = cols.T @ dZ2[rows]                                   # (f_h f_w C_prev, C)
        dW = part if dW is None else np.add(dW, part, out=dW)
        del cols
        if need_dA_prev:
            dcols = np.matmul(dZ2[rows], W_t)                       # (f_h f_w, rows, C_prev)
            _col2im(dcols.reshape(f_h, f_w, n1 - n0, n_H, n_W, C_prev), stride[0], stride[1],
                    pads[0][0], pads[1][0], dA_prev[n0:n1])
    return dA_prev, dW.reshape(W.shape), db
