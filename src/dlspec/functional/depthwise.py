"""Depthwise 2-D convolution (MobileNet): each input channel has its own f x f filters.

Computed by a loop over the f_h * f_w kernel offsets, each a broadcast multiply-add over a
strided slice: no im2col copy (a depthwise GEMM would be tiny and wasteful).
"""
from __future__ import annotations

from ..backend import xp
from .padding import unpad, zero_pad
from .windows import offset_slice


def depthwise_conv_forward(A_prev, W, b, stride=(1, 1), pads=((0, 0), (0, 0))):
    """Convolve each channel with its own filters.

    Parameters
    ----------
    A_prev : array (N, n_H_prev, n_W_prev, C)
    W : array (f_h, f_w, C, M)       M filters per channel (the depth multiplier)
    b : array (C M,) or None
    stride : (s_h, s_w); pads : ((top, bottom), (left, right))

    Returns
    -------
    Z : array (N, n_H, n_W, C M); output channel c M + m is input channel c, filter m.
    cache : (A_pad, W, stride, pads, has_bias)

    Notes
    -----
    Z[n, h, w, c, m] = sum_{i, j} A_pad[n, h s + i, w s + j, c] W[i, j, c, m] + b[c, m].
    Backward: dW[i, j, c, m] = sum_{n, h, w} A_pad[n, h s + i, w s + j, c] dZ[n, h, w, c, m];
    dA_pad[n, h s + i, w s + j, c] += sum_m W[i, j, c, m] dZ[n, h, w, c, m].
    """
    f_h, f_w, C, M = W.shape
    A_pad = zero_pad(A_prev, pads)
    N = A_prev.shape[0]
    out_hw = tuple((n - f) // s + 1 for n, f, s in zip(A_pad.shape[1:3], (f_h, f_w), stride))
    Z = xp.empty((N, *out_hw, C, M), dtype=A_prev.dtype)
    tmp = xp.empty_like(Z)
    # NOTE: products go into one reused buffer (out=) and the first offset writes Z directly:
    # a fresh temporary per offset, plus zeros to start from, cost as much as the arithmetic.
    # With M = 1 (MobileNet) the products are 4-D: a trailing axis of length 1 made NumPy
    # loop one number at a time (52 -> 10 ms on MobileNet's 112x112x96 layer).
    Zk, tmpk = (Z[..., 0], tmp[..., 0]) if M == 1 else (Z, tmp)
    for k, (i, j) in enumerate((i, j) for i in range(f_h) for j in range(f_w)):
        A_slice = A_pad[offset_slice(i, j, stride, out_hw)]
        xp.multiply(A_slice, W[i, j, :, 0], out=Zk if k == 0 else tmpk) if M == 1 else \
            xp.multiply(A_slice[..., None], W[i, j], out=Zk if k == 0 else tmpk)
        if k:
            Zk += tmpk
    Z = Z.reshape(N, *out_hw, C * M)
    if b is not None:
        Z += b
    return Z, (A_pad, W, stride, pads, b is not None)


def depthwise_conv_backward(dZ, cache):
    """Return dA_prev (N, n_H_prev, n_W_prev, C), dW (f_h, f_w, C, M), db (C M,) or None."""
    A_pad, W, stride, pads, has_bias = cache
    f_h, f_w, C, M = W.shape
    N, n_H, n_W, _ = dZ.shape
    db = xp.einsum("ij->j", dZ.reshape(-1, C * M)) if has_bias else None
    dZ5 = dZ.reshape(N, n_H, n_W, C, M)
    dW = xp.empty_like(W)
    dA_pad = xp.zeros_like(A_pad)
    tmp = xp.empty((N, n_H, n_W, C), dtype=dZ.dtype)
    for i in range(f_h):
        for j in range(f_w):
            index = offset_slice(i, j, stride, (n_H, n_W))
            # NOTE: einsum without optimize=: the direct sum of products reads the strided
            # slice in place; optimize=True went through tensordot, which copied and
            # transposed it (30x slower on MobileNet's 112x112x96 layer).
            if M == 1:    # MobileNet's case: no sum over a length-1 axis
                dW[i, j, :, 0] = xp.einsum("nhwc,nhwc->c", A_pad[index], dZ5[..., 0])
                xp.multiply(dZ5[..., 0], W[i, j, :, 0], out=tmp)
            else:
                dW[i, j] = xp.einsum("nhwc,nhwcm->cm", A_pad[index], dZ5)
                xp.einsum("nhwcm,cm->nhwc", dZ5, W[i, j], out=tmp)
            dA_pad[index] += tmp
    return unpad(dA_pad, pads), dW, db
