"""Course 4, week 1, "Convolutional Model: step by step", in the course's layout (m, n_H, n_W, n_C).

The layout is dlspec's own (NHWC), so no transpose is needed: each function calls the
kernel its docstring names and keeps the course's arguments (``hparameters`` dicts with
"pad", "stride", "f"), return values and caches (``(A_prev, W, b, hparameters)`` for a
convolution, ``(A_prev, hparameters)`` for pooling). The kernels' own caches are rebuilt
from the course's in the backward functions (one more forward pass: the course's cache
does not hold them).

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C4 .../Week 1/
Convolution_model_Step_by_Step_v1.ipynb" (the 2021 notebook) and public_tests.py.
"""
from __future__ import annotations

import numpy as np

from ..functional import conv as conv_k, padding, pooling
from . import _checks


def zero_pad(X, pad):
    """X (m, n_H, n_W, n_C) padded with ``pad`` zeros on both sides of H and W (``padding.zero_pad``)."""
    X = _checks.as_float64(X, "X", "zero_pad")
    if X.ndim != 4:
        raise ValueError(f"zero_pad expects X of shape (m, n_H, n_W, n_C); got {X.shape}.")
    return padding.zero_pad(X, pad)


def conv_single_step(a_slice_prev, W, b):
    """Z = sum(a_slice_prev * W) + b for one (f, f, n_C_prev) window (``conv.conv_single_step``)."""
    return np.float64(conv_k.conv_single_step(np.asarray(a_slice_prev, dtype=np.float64),
                                              np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)))


def _conv_args(A_prev, W, b, hparameters, fn):
    A_prev, W, b = (_checks.as_float64(v, k, fn) for v, k in ((A_prev, "A_prev"), (W, "W"), (b, "b")))
    if A_prev.ndim != 4:
        raise ValueError(f"{fn}: A_prev must be (m, n_H_prev, n_W_prev, n_C_prev); got {A_prev.shape}.")
    if W.ndim != 4 or W.shape[2] != A_prev.shape[3]:
        hint = (" It looks like PyTorch's (n_C, n_C_prev, f, f): pass W.transpose(2, 3, 1, 0)."
                if W.ndim == 4 and W.shape[1] == A_prev.shape[3] else "")
        raise ValueError(f"{fn}: W must be (f, f, n_C_prev, n_C) with n_C_prev = {A_prev.shape[3]}; "
                         f"got {W.shape}.{hint}")
    if b.size != W.shape[3]:
        raise ValueError(f"{fn}: b must hold n_C = {W.shape[3]} biases, shape (1, 1, 1, n_C); got {b.shape}.")
    hp = _checks.entries(hparameters, {"pad": (), "stride": ()}, fn, "hparameters")
    return A_prev, W, b, int(hp["pad"]), int(hp["stride"])


def conv_forward(A_prev, W, b, hparameters):
    """Z (m, n_H, n_W, n_C) and cache (A_prev, W, b, hparameters); kernel ``conv.conv_forward``.

    n_H = floor((n_H_prev - f + 2 pad) / stride) + 1, likewise n_W.
    """
    A_prev, W, b, pad, stride = _conv_args(A_prev, W, b, hparameters, "conv_forward")
    Z, _ = conv_k.conv_forward(A_prev, W, b.reshape(-1), stride=(stride, stride), pads=((pad, pad), (pad, pad)))
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """dA_prev, dW, db (db shaped (1, 1, 1, n_C) as the course's b); kernel ``conv.conv_backward``."""
    A_prev, W, b, hparameters = cache
    A_prev, W, b, pad, stride = _conv_args(A_prev, W, b, hparameters, "conv_backward")
    _, kernel_cache = conv_k.conv_forward(A_prev, W, b.reshape(-1), stride=(stride, stride),
                                          pads=((pad, pad), (pad, pad)))
    dA_prev, dW, db = conv_k.conv_backward(np.asarray(dZ, dtype=np.float64), kernel_cache)
    return dA_prev, dW, db.reshape(1, 1, 1, -1)


def _pool_args(A_prev, hparameters, mode, fn):
    if mode not in ("max", "average"):
        raise ValueError(f"{fn}(mode) must be 'max' or 'average'; got {mode!r}.")
    A_prev = _checks.as_float64(A_prev, "A_prev", fn)
    if A_prev.ndim != 4:
        raise ValueError(f"{fn}: A_prev must be (m, n_H_prev, n_W_prev, n_C_prev); got {A_prev.shape}.")
    hp = _checks.entries(hparameters, {"f": (), "stride": ()}, fn, "hparameters")
    f, s = int(hp["f"]), int(hp["stride"])
    run = pooling.max_pool_forward if mode == "max" else pooling.avg_pool_forward
    return A_prev, run(A_prev, kernel=(f, f), stride=(s, s))


def pool_forward(A_prev, hparameters, mode="max"):
    """A (m, n_H, n_W, n_C) and cache (A_prev, hparameters); kernels ``pooling.max_pool_forward``
    and ``pooling.avg_pool_forward``; n_H = floor((n_H_prev - f) / stride) + 1."""
    A_prev, (A, _) = _pool_args(A_prev, hparameters, mode, "pool_forward")
    return A, (A_prev, hparameters)


def pool_backward(dA, cache, mode="max"):
    """dA_prev (m, n_H_prev, n_W_prev, n_C): to each window's maximum (``max_pool_backward``,
    the course's ``create_mask_from_window``) or spread evenly (``avg_pool_backward``,
    the course's ``distribute_value``)."""
    A_prev, hparameters = cache
    _, (_, kernel_cache) = _pool_args(A_prev, hparameters, mode, "pool_backward")
    back = pooling.max_pool_backward if mode == "max" else pooling.avg_pool_backward
    return back(np.asarray(dA, dtype=np.float64), kernel_cache)


def create_mask_from_window(x):
    """mask (f, f): True at the window's maximum; ``max_pool_backward`` of a gradient of 1.

    With ties the kernel (as PyTorch) marks the first maximum only, where the course's
    ``x == np.max(x)`` marks every one.
    """
    x = _checks.as_float64(x, "x", "create_mask_from_window")
    if x.ndim != 2:
        raise ValueError(f"create_mask_from_window expects a 2-D window (f, f); got shape {x.shape}.")
    _, cache = pooling.max_pool_forward(x[None, :, :, None], kernel=x.shape, stride=x.shape)
    return pooling.max_pool_backward(np.ones((1, 1, 1, 1)), cache)[0, :, :, 0] > 0   # (1, f, f, 1) -> (f, f)


def distribute_value(dz, shape):
    """a (n_H, n_W): dz spread evenly over a window of ``shape``; ``avg_pool_backward``."""
    n_H, n_W = shape
    _, cache = pooling.avg_pool_forward(np.zeros((1, n_H, n_W, 1)), kernel=(n_H, n_W), stride=(n_H, n_W))
    return pooling.avg_pool_backward(np.full((1, 1, 1, 1), float(dz)), cache)[0, :, :, 0]
