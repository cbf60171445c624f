"""2-D transposed convolution ("deconvolution"), NHWC: the adjoint of ``conv_forward``.

Each input pixel scatters a copy of the filters, weighted by its channels, into the output;
overlapping copies add up. Forward is therefore conv's backward (one GEMM, then col2im) and
backward is conv's forward (im2col, then one GEMM each for dX and dW). The U-Net's expanding
path uses it to double the height and width of its feature maps.
"""
from __future__ import annotations

from ..backend import xp
from .windows import col2im, windows


def transpose_geometry(in_hw, kernel, stride, padding, output_padding=None):
    """Where the output sits in the full scatter: ((top, n_H), (left, n_W)).

    The full scatter of an (H, W) input has (H - 1) s + f rows. The output keeps
    n_H rows of it starting at row ``top`` (rows past the scatter's end are zeros):

    - "valid": top = 0, n_H = (H - 1) s + f + op, or H s + max(f - s, 0) without op (Keras);
    - "same": n_H = H s (or (H - 1) s + f - 2 floor(f / 2) + op), top = floor(pad / 2) with
      pad = max((H - 1) s + f - n_H, 0): TensorFlow's rule, the extra row cut at the bottom;
    - an int p (PyTorch): top = p, n_H = (H - 1) s - 2 p + f + op.
    """
    out = []
    ops = output_padding if output_padding is not None else (None, None)
    for n, f, s, op in zip(in_hw, kernel, stride, ops):
        full = (n - 1) * s + f
        if padding == "valid":
            size, top = (n * s + max(f - s, 0) if op is None else full + op), 0
        elif padding == "same":
            size = n * s if op is None else full - 2 * (f // 2) + op
            top = max(full - size, 0) // 2
        else:
            top, size = padding, full - 2 * padding + (op or 0)
        out.append((top, size))
    return tuple(out)


def conv_transpose_forward(X, W, b, stride=(1, 1), geometry=None):
    """Transposed convolution of X (N, H, W, C_in) with W (f_h, f_w, C_out, C_in).

    Parameters
    ----------
    X : array (N, H, W, C_in)
    W : array (f_h, f_w, C_out, C_in), Keras's layout (PyTorch's is (C_in, C_out, f_h, f_w))
    b : array (C_out,) or None
    stride : (s_h, s_w)
    geometry : ((top, n_H), (left, n_W)) from ``transpose_geometry`` (default "valid")

    Returns
    -------
    Y : array (N, n_H, n_W, C_out); cache for ``conv_transpose_backward``

    Notes
    -----
    Full[n, h s + i, w s + j, c] = sum_{h, w, k} X[n, h, w, k] W[i, j, c, k];
    Y = Full[:, top:top + n_H, left:left + n_W] + b.
    Backward, with dFull the zero-padded dY, the windows D[n, h, w, i, j, c] = dFull[n, h s + i, w s + j, c]:
    dX[n, h, w, k] = sum_{i, j, c} D[n, h, w, i, j, c] W[i, j, c, k],
    dW[i, j, c, k] = sum_{n, h, w} D[n, h, w, i, j, c] X[n, h, w, k], db[c] = sum dY[..., c].

    Examples
    --------
    >>> import numpy as np
    >>> Y, _ = conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 1)), None, (2, 2))
    >>> Y.shape, float(Y[0, :, :, 0].sum())
    ((1, 5, 5, 1), 36.0)
    """
    f_h, f_w, C_out, C_in = W.shape
    N, H, W_in, _ = X.shape
    (s_h, s_w) = stride
    if geometry is None:
        geometry = transpose_geometry((H, W_in), (f_h, f_w), stride, "valid")
    (top, n_H), (left, n_W) = geometry
    full_shape = (N, max((H - 1) * s_h + f_h, top + n_H), max((W_in - 1) * s_w + f_w, left + n_W), C_out)
    cols = X.reshape(-1, C_in)                                         # (N H W, C_in)
    W_t = W.reshape(f_h * f_w, C_out, C_in).transpose(0, 2, 1)          # (f_h f_w, C_in, C_out) view
    dcols = xp.matmul(cols, W_t)                                       # (f_h f_w, N H W, C_out)
    full = col2im(dcols.reshape(f_h, f_w, N, H, W_in, C_out), full_shape, stride)
    Y = full[:, top:top + n_H, left:left + n_W, :]
    Y = Y + b if b is not None else xp.ascontiguousarray(Y)
    return Y, (cols, W, X.shape, full_shape, stride, geometry, b is not None)


def conv_transpose_backward(dY, cache, need_dX=True):
    """Return dX (N, H, W, C_in) (None when ``need_dX`` is False), dW, db (C_out,) or None."""
    cols, W, x_shape, full_shape, stride, geometry, has_bias = cache
    f_h, f_w, C_out, C_in = W.shape
    N, H, W_in, _ = x_shape
    (top, n_H), (left, n_W) = geometry
    if full_shape[1:3] == (n_H, n_W):
        dfull = dY
    else:
        dfull = xp.zeros(full_shape, dY.dtype)
        dfull[:, top:top + n_H, left:left + n_W, :] = dY
    D = windows(dfull, (f_h, f_w), stride, (H, W_in)).reshape(-1, f_h * f_w * C_out)   # (N H W, f_h f_w C_out)
    dW = (D.T @ cols).reshape(W.shape)                                 # (f_h f_w C_out, C_in) -> W's shape
    dY2 = dY.reshape(-1, C_out)                                        # (N n_H n_W, C_out)
    db = xp.ones(dY2.shape[0], dY.dtype) @ dY2 if has_bias else None
    if not need_dX:
        return None, dW, db
    dX = (D @ W.reshape(-1, C_in)).reshape(x_shape)                    # (N H W, C_in) -> NHWC
    return dX, dW, db
