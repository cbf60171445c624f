"""Depthwise 2-D convolution (MobileNet): each input channel has its own f x f filters.

Computed with ``einsum`` over a strided *view* of the windows (``windows.windows``): one
call sums the f_h f_w products per output without copying the windows or allocating a
temporary per kernel offset (5x faster than a loop of broadcast multiply-adds on
MobileNet's 112x112x96 layer; an im2col GEMM would be tiny and wasteful). The filter
gradient is the same einsum with dZ in place of W. The input gradient is, at stride 1, the
same convolution of the padded dZ with the flipped filters; at other strides a loop of
f_h f_w strided slice-adds (col2im).
"""
from __future__ import annotations

from ..backend import xp
from ..kernels import twin
from .padding import unpad, zero_pad
from .windows import offset_slice, windows


@twin("depthwise")
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
    win = windows(A_pad, (f_h, f_w), stride, out_hw)     # (N, n_H, n_W, f_h, f_w, C) view
    if M == 1:    # MobileNet's case: no length-1 axis in the sum
        Z = xp.einsum("nhwijc,ijc->nhwc", win, W[..., 0])
    else:
        Z = xp.einsum("nhwijc,ijcm->nhwcm", win, W).reshape(N, *out_hw, C * M)
    if b is not None:
        Z += b
    return Z, (A_pad, W, stride, pads, b is not None)


@twin("depthwise")
def depthwise_conv_backward(dZ, cache):
    """Return dA_prev (N, n_H_prev, n_W_prev, C), dW (f_h, f_w, C, M), db (C M,) or None."""
    A_pad, W, stride, pads, has_bias = cache
    f_h, f_w, C, M = W.shape
    N, n_H, n_W, _ = dZ.shape
    db = xp.einsum("ij->j", dZ.reshape(-1, C * M)) if has_bias else None
    win = windows(A_pad, (f_h, f_w), stride, (n_H, n_W))
    if M == 1:
        dW = xp.einsum("nhwijc,nhwc->ijc", win, dZ)[..., None]
    else:
        dW = xp.einsum("nhwijc,nhwcm->ijcm", win, dZ.reshape(N, n_H, n_W, C, M))
    (top, bottom), (left, right) = pads
    if stride == (1, 1) and max(top, bottom) < f_h and max(left, right) < f_w:
        return _input_grad_stride1(dZ, W, pads, A_pad.shape), dW, db
    dZ5 = dZ.reshape(N, n_H, n_W, C, M)
    dA_pad = xp.zeros_like(A_pad)
    tmp = xp.empty((N, n_H, n_W, C), dtype=dZ.dtype)
    for i in range(f_h):
        for j in range(f_w):
            if M == 1:
                xp.multiply(dZ5[..., 0], W[i, j, :, 0], out=tmp)
            else:
                xp.einsum("nhwcm,cm->nhwc", dZ5, W[i, j], out=tmp)
            dA_pad[offset_slice(i, j, stride, (n_H, n_W))] += tmp
    return unpad(dA_pad, pads), dW, db


def _input_grad_stride1(dZ, W, pads, padded_shape):
    """dA_prev at stride 1: dZ padded by f - 1 - pad on each side, convolved (depthwise) with
    the filters flipped in both directions: the sum over every window that read a pixel."""
    f_h, f_w, C, M = W.shape
    N, H_p, W_p, _ = padded_shape
    (top, bottom), (left, right) = pads
    dZ_pad = zero_pad(dZ, ((f_h - 1 - top, f_h - 1 - bottom), (f_w - 1 - left, f_w - 1 - right)))
    H, W_out = H_p - top - bottom, W_p - left - right
    win = windows(dZ_pad, (f_h, f_w), (1, 1), (H, W_out))   # (N, H, W, f_h, f_w, C M) view
    W_flip = W[::-1, ::-1]
    if M == 1:
        return xp.einsum("nhwijc,ijc->nhwc", win, W_flip[..., 0])
    dA = xp.einsum("nhwijk,ijk->nhwk", win, W_flip.reshape(f_h, f_w, C * M))
    return dA.reshape(N, H, W_out, C, M).sum(axis=-1)
