"""Padding for convolutions and pooling: the course's zero_pad and the output-size formula.

    n_H = floor((n_H_prev + 2 pad - f) / stride) + 1

Padding is given per side as ``((top, bottom), (left, right))``; ``resolve_padding`` turns
the user's "valid", "same", int or pair into that form.
"""
from __future__ import annotations

import math

from ..backend import xp


def zero_pad(X, pad, value=0.0):
    """Pad the height and width of a batch of images X (N, H, W, C) with ``value``.

    Parameters
    ----------
    X : array (N, H, W, C)
    pad : int, or ((top, bottom), (left, right))
    value : fill value (0 for convolutions, -inf for max pooling)

    Returns
    -------
    X_pad : array (N, H + top + bottom, W + left + right, C), same dtype as X

    Examples
    --------
    >>> import numpy as np
    >>> zero_pad(np.ones((1, 2, 2, 1)), 1).shape
    (1, 4, 4, 1)
    """
    (top, bottom), (left, right) = _per_side(pad)
    if top == bottom == left == right == 0:
        return X
    N, H, W, C = X.shape
    X_pad = xp.full((N, H + top + bottom, W + left + right, C), value, dtype=X.dtype)
    X_pad[:, top:top + H, left:left + W, :] = X
    return X_pad


def unpad(X_pad, pad):
    """The inverse of ``zero_pad`` (a view): crop ``pad`` from the height and width."""
    (top, bottom), (left, right) = _per_side(pad)
    H, W = X_pad.shape[1] - bottom, X_pad.shape[2] - right
    return X_pad[:, top:H, left:W, :]


def _per_side(pad):
    if isinstance(pad, (int, xp.integer)):
        return (int(pad), int(pad)), (int(pad), int(pad))
    return tuple(tuple(int(p) for p in side) for side in pad)


def resolve_padding(padding, kernel, stride, in_hw, who="Conv2D"):
    """Return ((top, bottom), (left, right)) for "valid", "same", an int, (ph, pw) or per side.

    "same" follows TensorFlow/Keras: the output has ceil(n / stride) rows, and when the total
    padding is odd the extra row goes at the bottom (and the extra column on the right).
    """
    if isinstance(padding, str):
        mode = padding.lower()
        if mode == "valid":
            return (0, 0), (0, 0)
        if mode == "same":
            pads = []
            for n, f, s in zip(in_hw, kernel, stride):
                out = math.ceil(n / s)
                total = max((out - 1) * s + f - n, 0)
                pads.append((total // 2, total - total // 2))
            return tuple(pads)
    elif isinstance(padding, int) and not isinstance(padding, bool) and padding >= 0:
        return (padding, padding), (padding, padding)
    elif isinstance(padding, (tuple, list)) and len(padding) == 2:
        if all(isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in padding):
            return (padding[0], padding[0]), (padding[1], padding[1])
        if all(isinstance(p, (tuple, list)) and len(p) == 2 and
               all(isinstance(q, int) and q >= 0 for q in p) for p in padding):
            return tuple(tuple(p) for p in padding)
    raise ValueError(f"{who}(padding) expects 'valid', 'same', an int >= 0, (pad_h, pad_w) or "
                     f"((top, bottom), (left, right)); got {padding!r}.")


def check_padding_arg(padding, who):
    """Validate ``padding`` at construction time (the input size is not known yet)."""
    resolve_padding(padding, (1, 1), (1, 1), (1, 1), who)
    return padding.lower() if isinstance(padding, str) else padding


def output_size(in_hw, kernel, stride, pads, padding, who, in_shape):
    """(n_H, n_W) by the course's formula; raise a clear error when the input cannot fit.

    The formula floors: with padding="valid" (or 0) a stride that leaves rows over drops them,
    as the course's formula, Keras and PyTorch do.
    """
    out = []
    for axis, n, f, s, (p0, p1) in zip(("height", "width"), in_hw, kernel, stride, pads):
        span = n + p0 + p1
        if f > span:
            raise ValueError(
                f"{who}: the {f}x{f} kernel is larger than the padded input's {axis} ({span}) for "
                f"inputs of shape (N, {', '.join(map(str, in_shape))}). Use a smaller kernel, "
                "padding='same', or a larger input (or remove a pooling layer before this one).")
        out.append((span - f) // s + 1)
    return tuple(out)
