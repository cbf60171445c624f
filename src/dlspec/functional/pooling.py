"""Max and average pooling (NHWC) by a loop over the f_h * f_w kernel offsets.

Each offset (i, j) is one strided slice of the padded input covering every output position,
so memory stays the size of the output: no (N, n_H, n_W, f, f, C) copy is ever made.
"""
from __future__ import annotations

from ..backend import xp
from .padding import unpad, zero_pad
from .windows import offset_slice


def _out_hw(padded_shape, kernel, stride):
    return tuple((n - f) // s + 1 for n, f, s in zip(padded_shape[1:3], kernel, stride))


def max_pool_forward(A_prev, kernel=(2, 2), stride=(2, 2), pads=((0, 0), (0, 0))):
    """A[n, h, w, c] = max over the window (h s + i, w s + j) of A_prev; padding never wins.

    Parameters
    ----------
    A_prev : array (N, n_H_prev, n_W_prev, C)
    kernel, stride : (f_h, f_w), (s_h, s_w)
    pads : ((top, bottom), (left, right)), filled with -inf

    Returns
    -------
    A : array (N, n_H, n_W, C); cache : (A_pad, A, kernel, stride, pads)

    Notes
    -----
    Backward routes each dA[n, h, w, c] to the window's maximum (the course's
    ``create_mask_from_window``). With ties, the first maximum in row-major order gets it,
    as in PyTorch.
    """
    A_pad = zero_pad(A_prev, pads, value=-xp.inf)
    out_hw = _out_hw(A_pad.shape, kernel, stride)
    A = None
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            part = A_pad[offset_slice(i, j, stride, out_hw)]
            A = part.copy() if A is None else xp.maximum(A, part, out=A)
    return A, (A_pad, A, kernel, stride, pads)


def max_pool_backward(dA, cache):
    """dA_prev (N, n_H_prev, n_W_prev, C): each gradient goes to its window's (first) maximum."""
    A_pad, A, kernel, stride, pads = cache
    out_hw = A.shape[1:3]
    dA_pad = xp.zeros(A_pad.shape, dtype=dA.dtype)
    unclaimed = xp.ones(A.shape, dtype=bool)       # windows whose maximum is not found yet
    hit = xp.empty(A.shape, dtype=bool)
    # Windows that do not overlap (stride >= kernel, the usual case) touch each input pixel
    # once, so their gradient can be written straight into place rather than added.
    overlap = kernel[0] > stride[0] or kernel[1] > stride[1]
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            index = offset_slice(i, j, stride, out_hw)
            xp.equal(A_pad[index], A, out=hit)
            hit &= unclaimed
            unclaimed ^= hit                       # hit is a subset of unclaimed: removes it
            if overlap:
                dA_pad[index] += dA * hit
            else:
                xp.multiply(dA, hit, out=dA_pad[index])
    return unpad(dA_pad, pads)


def avg_pool_forward(A_prev, kernel=(2, 2), stride=(2, 2), pads=((0, 0), (0, 0))):
    """A[n, h, w, c] = mean of A_prev over the window; padded positions are not counted.

    Returns
    -------
    A : array (N, n_H, n_W, C); cache : (padded shape, count, kernel, stride, pads)

    Notes
    -----
    Backward spreads dA evenly over the window (the course's ``distribute_value``):
    dA_prev[window] += dA / count, where count is the number of real pixels in the window
    (f_h f_w without padding; Keras' "same" average pooling excludes the padding).
    """
    A_pad = zero_pad(A_prev, pads)
    out_hw = _out_hw(A_pad.shape, kernel, stride)
    total = None
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            part = A_pad[offset_slice(i, j, stride, out_hw)]
            total = part.copy() if total is None else xp.add(total, part, out=total)
    count = _window_counts(A_prev.shape, kernel, stride, pads, out_hw, A_prev.dtype)
    return total / count, (A_pad.shape, count, kernel, stride, pads)


def _window_counts(prev_shape, kernel, stride, pads, out_hw, dtype):
    """Real (unpadded) pixels per window, shape (1, n_H, n_W, 1); a scalar without padding."""
    if not any(p for side in pads for p in side):
        return dtype.type(kernel[0] * kernel[1])
    ones = zero_pad(xp.ones((1, *prev_shape[1:3], 1), dtype=dtype), pads)
    count = xp.zeros((1, *out_hw, 1), dtype=dtype)
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            count += ones[offset_slice(i, j, stride, out_hw)]
    return count


def avg_pool_backward(dA, cache):
    """dA_prev (N, n_H_prev, n_W_prev, C): dA / count added to every pixel of the window."""
    padded_shape, count, kernel, stride, pads = cache
    share = dA / count
    dA_pad = xp.zeros((dA.shape[0], *padded_shape[1:3], dA.shape[3]), dtype=dA.dtype)
    overlap = kernel[0] > stride[0] or kernel[1] > stride[1]
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            index = offset_slice(i, j, stride, dA.shape[1:3])
            if overlap:
                dA_pad[index] += share
            else:   # each input pixel lies in one window: assign, no read-modify-write
                dA_pad[index] = share
    return unpad(dA_pad, pads)


def global_avg_pool_forward(A_prev):
    """A[n, c] = mean over h, w of A_prev (N, H, W, C); cache: the input shape."""
    return A_prev.mean(axis=(1, 2)), A_prev.shape


def global_avg_pool_backward(dA, shape):
    """dA_prev (N, H, W, C) = dA[n, c] / (H W) at every pixel."""
    N, H, W, C = shape
    return xp.broadcast_to((dA / (H * W))[:, None, None, :], shape).copy()


def global_max_pool_forward(A_prev):
    """A[n, c] = max over h, w of A_prev (N, H, W, C); cache: where each maximum was (first one)."""
    N, H, W, C = A_prev.shape
    flat = A_prev.reshape(N, H * W, C)                       # (N, H, W, C) -> (N, H W, C)
    idx = flat.argmax(axis=1)                                # (N, C)
    return xp.take_along_axis(flat, idx[:, None, :], axis=1)[:, 0, :], (idx, A_prev.shape)


def global_max_pool_backward(dA, cache):
    """dA_prev is dA[n, c] at each channel's maximum (the first, on ties), 0 elsewhere."""
    idx, (N, H, W, C) = cache
    dflat = xp.zeros((N, H * W, C), dtype=dA.dtype)
    xp.put_along_axis(dflat, idx[:, None, :], dA[:, None, :], axis=1)
    return dflat.reshape(N, H, W, C)                         # (N, H W, C) -> (N, H, W, C)
