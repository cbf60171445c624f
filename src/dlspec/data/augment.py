"""Image data augmentation (course 2 and course 3): seeded transforms on NHWC batches.

Each transform is called as ``transform(X, rng) -> X_augmented`` on a batch X of shape
(N, H, W, C), draws one random choice per image from the Generator ``rng`` (so the same
seed gives the same augmented batches) and keeps X's dtype. ``Compose`` chains them, and
``fit(..., augment=...)`` applies one to every training mini-batch:

>>> import numpy as np
>>> augment = Compose([RandomFlip(), RandomShift(2), RandomRotation(10), GaussianNoise(0.01)])
>>> augment(np.zeros((5, 8, 8, 3), np.float32), np.random.default_rng(0)).shape
(5, 8, 8, 3)
"""
from __future__ import annotations

import math

from ..backend import xp


def _check_images(X, who):
    if getattr(X, "ndim", None) != 4:
        raise ValueError(f"{who} expects a batch of images (N, H, W, C), channels last; got shape "
                         f"{getattr(X, 'shape', type(X).__name__)}. Reshape flat images with "
                         "X.reshape(N, H, W, C), adding C = 1 for grey images.")


class Transform:
    """Base class: ``transform(X, rng) -> X`` on NHWC batches."""

    def __call__(self, X, rng):
        _check_images(X, type(self).__name__)
        return self.apply(X, rng)

    def apply(self, X, rng):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


class Compose(Transform):
    """Apply ``transforms`` one after the other."""

    def __init__(self, transforms):
        self.transforms = list(transforms)
        for t in self.transforms:
            if not callable(t):
                raise TypeError(f"Compose takes transforms (callables (X, rng) -> X); got {t!r}.")

    def apply(self, X, rng):
        for t in self.transforms:
            X = t(X, rng)
        return X


def _check_probability(p, who):
    if not 0 <= p <= 1:
        raise ValueError(f"{who}(p) is a probability in [0, 1]; got {p!r}.")
    return float(p)


class RandomFlip(Transform):
    """Mirror each image left-right (and/or up-down) with probability ``p``."""

    def __init__(self, horizontal=True, vertical=False, p=0.5):
        self.horizontal, self.vertical = bool(horizontal), bool(vertical)
        self.p = _check_probability(p, "RandomFlip")

    def apply(self, X, rng):
        X = X.copy()
        for axis, on in ((2, self.horizontal), (1, self.vertical)):   # W is axis 2, H axis 1
            if on:
                flip = rng.random(len(X)) < self.p
                X[flip] = xp.flip(X[flip], axis=axis)
        return X


class RandomShift(Transform):
    """Translate each image by up to ``max_shift`` pixels in each direction (pad, then crop).

    Parameters
    ----------
    max_shift : int >= 0
    mode : "constant" (fill with zeros), "edge" or "reflect", as ``numpy.pad``.
    """

    def __init__(self, max_shift=2, mode="constant"):
        if isinstance(max_shift, bool) or not isinstance(max_shift, int) or max_shift < 0:
            raise ValueError(f"RandomShift(max_shift) expects an integer number of pixels >= 0; "
                             f"got {max_shift!r}.")
        if mode not in ("constant", "edge", "reflect"):
            raise ValueError(f"RandomShift(mode) expects 'constant', 'edge' or 'reflect'; got {mode!r}.")
        self.max_shift, self.mode = max_shift, mode

    def apply(self, X, rng):
        s = self.max_shift
        if s == 0:
            return X.copy()
        N, H, W, _ = X.shape
        padded = xp.pad(X, ((0, 0), (s, s), (s, s), (0, 0)), mode=self.mode)   # (N, H+2s, W+2s, C)
        dy = rng.integers(0, 2 * s + 1, size=N)
        dx = rng.integers(0, 2 * s + 1, size=N)
        rows = dy[:, None] + xp.arange(H)            # (N, H)
        cols = dx[:, None] + xp.arange(W)            # (N, W)
        n = xp.arange(N)[:, None, None]
        return padded[n, rows[:, :, None], cols[:, None, :]]                   # (N, H, W, C)


class RandomRotation(Transform):
    """Rotate each image about its centre by an angle uniform in [-max_degrees, max_degrees].

    Bilinear interpolation; pixels that come from outside the image are filled with 0.
    """

    def __init__(self, max_degrees=10.0):
        if not 0 <= max_degrees <= 180:
            raise ValueError(f"RandomRotation(max_degrees) expects an angle in [0, 180]; "
                             f"got {max_degrees!r}.")
        self.max_degrees = float(max_degrees)

    def apply(self, X, rng):
        N, H, W, C = X.shape
        theta = rng.uniform(-1, 1, size=N) * math.radians(self.max_degrees)
        cos, sin = xp.cos(theta)[:, None, None], xp.sin(theta)[:, None, None]   # (N, 1, 1)
        yc, xc = (H - 1) / 2, (W - 1) / 2
        y, x = xp.meshgrid(xp.arange(H) - yc, xp.arange(W) - xc, indexing="ij")  # (H, W)
        # Each output pixel samples the input at the inversely rotated position.
        src_y = cos * y - sin * x + yc                                           # (N, H, W)
        src_x = sin * y + cos * x + xc
        y0, x0 = xp.floor(src_y).astype(xp.int64), xp.floor(src_x).astype(xp.int64)
        wy, wx = (src_y - y0)[..., None], (src_x - x0)[..., None]                # (N, H, W, 1)
        n = xp.arange(N)[:, None, None]
        out = xp.zeros(X.shape, dtype=xp.float64)
        for dy, dx, weight in ((0, 0, (1 - wy) * (1 - wx)), (0, 1, (1 - wy) * wx),
                               (1, 0, wy * (1 - wx)), (1, 1, wy * wx)):
            yy, xx = y0 + dy, x0 + dx
            inside = ((yy >= 0) & (yy < H) & (xx >= 0) & (xx < W))[..., None]
            out += weight * inside * X[n, yy.clip(0, H - 1), xx.clip(0, W - 1)]
        return out.astype(X.dtype)


class GaussianNoise(Transform):
    """Add noise drawn from N(0, std^2) to every pixel."""

    def __init__(self, std=0.05):
        if not std >= 0:
            raise ValueError(f"GaussianNoise(std) expects a standard deviation >= 0; got {std!r}.")
        self.std = float(std)

    def apply(self, X, rng):
        return (X + self.std * rng.standard_normal(X.shape)).astype(X.dtype)
