"""Seeded image corruptions (noise, blur, shift): a "target distribution" built offline.

Course 3, week 2: when training data (clean studio photos) differs from what the system
will see (blurry phone photos), you can *synthesize* target-like training data by applying
the target's corruptions to clean examples. These functions are both the target generator
and the synthesizer. Images are (N, H, W) or NHWC (N, H, W, C) in [0, 1], any float dtype.
"""
from __future__ import annotations

from ..backend import rng as make_rng, xp

KINDS = ("noise", "blur", "shift")


def gaussian_noise(X, sigma, rng):
    """X + sigma * standard normal, clipped to [0, 1]."""
    return xp.clip(X + sigma * rng.standard_normal(X.shape), 0.0, 1.0).astype(X.dtype)


def blur(X, passes=1):
    """``passes`` rounds of the separable [1, 2, 1] / 4 kernel over height and width.

    Edges are replicated, so a blank border stays blank and the mean is kept.
    """
    for _ in range(passes):
        for axis in (1, 2):                      # height, then width
            n = X.shape[axis]
            lo = xp.take(X, [0] + list(range(n - 1)), axis=axis)      # the pixel before
            hi = xp.take(X, list(range(1, n)) + [n - 1], axis=axis)   # the pixel after
            X = 0.25 * lo + 0.5 * X + 0.25 * hi
    return X


def shift(X, max_shift, rng):
    """Move each image by its own random (dy, dx) in [-max_shift, max_shift], zero-filled."""
    N, H, W = X.shape[:3]
    s = int(max_shift)
    pad = [(0, 0), (s, s), (s, s)] + [(0, 0)] * (X.ndim - 3)
    P = xp.pad(X, pad)                                            # (N, H + 2s, W + 2s, ...)
    dy, dx = rng.integers(-s, s + 1, size=(2, N))
    rows = xp.arange(H)[None, :] + s - dy[:, None]               # (N, H) source rows
    cols = xp.arange(W)[None, :] + s - dx[:, None]               # (N, W) source columns
    n = xp.arange(N)[:, None, None]
    return P[n, rows[:, :, None], cols[:, None, :]]              # (N, H, W, ...)


def corrupt(X, seed=0, kinds=KINDS, sigma=0.35, blur_passes=2, max_shift=1):
    """Apply one corruption per image, drawn uniformly from ``kinds``.

    Parameters
    ----------
    X : images (N, H, W) or (N, H, W, C) in [0, 1]; (N, H*W) square images are accepted too.
    seed : int or Generator: which image gets which corruption, and the noise and shifts.
    kinds : a subset of ("noise", "blur", "shift").
    sigma, blur_passes, max_shift : the strength of each corruption.

    Returns
    -------
    (X_corrupted shaped like X, kind (N,) index into ``kinds`` of each image's corruption).
    """
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"kinds must be a non-empty subset of {KINDS}; got {tuple(kinds)!r}.")
    g = make_rng(seed)
    X = xp.asarray(X)
    flat = X.ndim == 2
    if flat:                                     # (N, H*W) -> (N, H, W) for square images
        side = int(round(X.shape[1] ** 0.5))
        if side * side != X.shape[1]:
            raise ValueError(f"flat images must be square (N, H*W); got {X.shape}.")
        X = X.reshape(len(X), side, side)
    kind = g.integers(0, len(kinds), size=len(X))
    out = X.copy()
    for k, name in enumerate(kinds):
        rows = xp.flatnonzero(kind == k)
        if rows.size == 0:
            continue
        if name == "noise":
            out[rows] = gaussian_noise(X[rows], sigma, g)
        elif name == "blur":
            out[rows] = blur(X[rows], blur_passes)
        else:
            out[rows] = shift(X[rows], max_shift, g)
    return (out.reshape(len(out), -1) if flat else out), kind
