"""Sliding windows over images without copying, and their adjoint (col2im).

``windows`` returns a strided *view* (N, n_H, n_W, f_h, f_w, C) of a padded batch: entry
[n, h, w, i, j, c] is A_pad[n, h * stride + i, w * stride + j, c], the course's
``a_slice_prev`` for every output position at once. ``col2im`` sums window gradients back
into image positions with one strided slice-add per kernel offset (f_h * f_w of them),
never ``np.add.at`` and never a loop over examples or pixels.
"""
from __future__ import annotations

from numpy.lib.stride_tricks import as_strided

from ..backend import xp


def windows(A_pad, kernel, stride, out_hw):
    """A read-only view (N, n_H, n_W, f_h, f_w, C) of the windows of A_pad (N, H, W, C)."""
    N, _, _, C = A_pad.shape
    sN, sH, sW, sC = A_pad.strides
    (f_h, f_w), (s_h, s_w), (n_H, n_W) = kernel, stride, out_hw
    return as_strided(A_pad, shape=(N, n_H, n_W, f_h, f_w, C),
                      strides=(sN, sH * s_h, sW * s_w, sH, sW, sC), writeable=False)


def offset_slice(i, j, stride, out_hw):
    """Index of the input pixels that kernel offset (i, j) touches, for every output position."""
    (s_h, s_w), (n_H, n_W) = stride, out_hw
    return (slice(None), slice(i, i + s_h * (n_H - 1) + 1, s_h),
            slice(j, j + s_w * (n_W - 1) + 1, s_w))


def col2im(dcols, padded_shape, stride):
    """Adjoint of ``windows``: dA_pad (N, H_p, W_p, C) from window gradients (N, n_H, n_W, f_h, f_w, C).

    Each input pixel receives the sum of the gradients of every window that contains it.
    """
    _, n_H, n_W, f_h, f_w, _ = dcols.shape
    dA_pad = xp.zeros(padded_shape, dtype=dcols.dtype)
    for i in range(f_h):
        for j in range(f_w):
            dA_pad[offset_slice(i, j, stride, (n_H, n_W))] += dcols[:, :, :, i, j, :]
    return dA_pad
