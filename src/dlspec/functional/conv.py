"""2-D convolution (cross-correlation, as in the course and every framework), NHWC.

Forward is the course's ``conv_forward`` without its four loops: the windows of the padded
input are a strided view, and one GEMM multiplies all of them by the filters at once.
"""
from __future__ import annotations

from ..backend import xp
from ..kernels import twin
from .padding import unpad, zero_pad
from .windows import col2im, offset_slice, windows


@twin("conv")
def conv_forward(A_prev, W, b, stride=(1, 1), pads=((0, 0), (0, 0))):
    """Convolve a batch of images with a bank of filters.

    Parameters
    ----------
    A_prev : array (N, n_H_prev, n_W_prev, n_C_prev)
    W : array (f_h, f_w, n_C_prev, n_C)     the filters
    b : array (n_C,) or None                the biases
    stride : (s_h, s_w)
    pads : ((top, bottom), (left, right))

    Returns
    -------
    Z : array (N, n_H, n_W, n_C), with n_H = floor((n_H_prev + top + bottom - f_h) / s_h) + 1
    cache : what ``conv_backward`` needs

    Notes
    -----
    Z[n, h, w, c] = sum_{i, j, k} A_pad[n, h s + i, w s + j, k] W[i, j, k, c] + b[c].

    Backward, with dZ (N, n_H, n_W, n_C):
    dW[i, j, k, c] = sum_{n, h, w} A_pad[n, h s + i, w s + j, k] dZ[n, h, w, c],
    db[c] = sum_{n, h, w} dZ[n, h, w, c],
    dA_pad[n, h s + i, w s + j, k] += sum_c W[i, j, k, c] dZ[n, h, w, c] (col2im).

    Examples
    --------
    >>> import numpy as np
    >>> Z, _ = conv_forward(np.ones((2, 5, 5, 3)), np.ones((3, 3, 3, 4)), np.zeros(4))
    >>> Z.shape, float(Z[0, 0, 0, 0])
    ((2, 3, 3, 4), 27.0)
    """
    f_h, f_w, C_prev, C = W.shape
    s_h, s_w = stride
    N = A_prev.shape[0]
    A_pad = zero_pad(A_prev, pads)
    n_H = (A_pad.shape[1] - f_h) // s_h + 1
    n_W = (A_pad.shape[2] - f_w) // s_w + 1
    if f_h == f_w == 1:
        # A 1x1 convolution is a dense layer applied at every pixel: no windows needed.
        cols = A_pad[:, ::s_h, ::s_w, :][:, :n_H, :n_W, :].reshape(-1, C_prev)   # (N n_H n_W, C_prev)
    elif C_prev == 1:
        # NOTE: one input channel (grayscale images): a window row holds only f_w numbers,
        # which makes the im2col copy below crawl. Build the transposed matrix instead, one
        # contiguous slice copy per kernel offset; BLAS reads the transpose without a copy.
        cols_t = xp.empty((f_h, f_w, N, n_H, n_W), A_pad.dtype)
        for i in range(f_h):
            for j in range(f_w):
                cols_t[i, j] = A_pad[offset_slice(i, j, stride, (n_H, n_W))][..., 0]
        cols = cols_t.reshape(f_h * f_w, -1).T                   # (N n_H n_W, f_h f_w) view
    else:
        view = windows(A_pad, (f_h, f_w), stride, (n_H, n_W))   # (N, n_H, n_W, f_h, f_w, C_prev)
        cols = view.reshape(-1, f_h * f_w * C_prev)              # im2col copy: (N n_H n_W, f_h f_w C_prev)
    Z = cols @ W.reshape(-1, C)                                  # the one GEMM: (N n_H n_W, C)
    if b is not None:
        Z += b
    Z = Z.reshape(N, n_H, n_W, C)
    return Z, (cols, W, A_pad.shape, A_prev.shape, stride, pads, b is not None)


@twin("conv")
def conv_backward(dZ, cache, need_dA_prev=True):
    """Return dA_prev (N, n_H_prev, n_W_prev, n_C_prev), dW (f_h, f_w, n_C_prev, n_C), db (n_C,) or None.

    With ``need_dA_prev=False`` (the first layer, whose input is the data) dA_prev is None
    and its GEMM and col2im, the costliest part of the backward pass, are skipped.
    """
    cols, W, padded_shape, prev_shape, stride, pads, has_bias = cache
    f_h, f_w, C_prev, C = W.shape
    N, n_H, n_W, _ = dZ.shape
    dZ2 = dZ.reshape(-1, C)                                  # (N n_H n_W, C)
    dW = (cols.T @ dZ2).reshape(W.shape)
    # NOTE: ones @ dZ2 is the column sum as one BLAS call; dZ2.sum(axis=0) walks rows
    # of only C numbers and is ~8x slower when there are many rows and few channels.
    db = xp.ones(dZ2.shape[0], dZ2.dtype) @ dZ2 if has_bias else None
    if not need_dA_prev:
        return None, dW, db
    if f_h == f_w == 1:
        dcols = dZ2 @ W.reshape(-1, C).T                     # (N n_H n_W, C_prev)
        s_h, s_w = stride
        if s_h == s_w == 1 and padded_shape == prev_shape:
            return dcols.reshape(prev_shape), dW, db
        dA_pad = xp.zeros(padded_shape, dtype=dZ.dtype)
        dA_pad[:, :s_h * n_H:s_h, :s_w * n_W:s_w, :] = dcols.reshape(N, n_H, n_W, C_prev)
    else:
        # The window gradients, offset-major: dcols[i, j] = dZ W[i, j]^T (N n_H n_W, C_prev),
        # one batched GEMM; each offset's block is then contiguous for col2im's slice-adds
        # (window-major blocks would be read C_prev numbers at a time, ~3x slower).
        W_t = W.reshape(f_h * f_w, C_prev, C).transpose(0, 2, 1)      # (f_h f_w, C, C_prev) view
        if W.size * 8 <= dZ2.size:
            # NOTE: small products read a contiguous W_t faster (LeNet's second convolution:
            # 1.04 -> 0.71 ms); the copy is worth it only when W is small beside dZ.
            W_t = xp.ascontiguousarray(W_t)
        dcols = xp.matmul(dZ2, W_t)                                      # (f_h f_w, N n_H n_W, C_prev)
        dA_pad = col2im(dcols.reshape(f_h, f_w, N, n_H, n_W, C_prev), padded_shape, stride)
    return unpad(dA_pad, pads), dW, db


def conv_single_step(a_slice_prev, W, b):
    """The course's single step: sum(a_slice_prev * W) + b for one (f, f, n_C_prev) window."""
    return float(xp.sum(a_slice_prev * W) + xp.sum(b))      # b may be the course's (1, 1, 1)
