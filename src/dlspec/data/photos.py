"""The sample photos scikit-learn ships (``china.jpg``, ``flower.jpg``), square and small."""
from __future__ import annotations

import numpy as np

from .digits import INSTALL_HINT

PHOTOS = ("china.jpg", "flower.jpg")


def load_photo(name="china.jpg", size=64):
    """A centred square crop of one of scikit-learn's sample photos, averaged down to
    (size, size, 3) float32 in [0, 1] (block means: no resampling library needed)."""
    if name not in PHOTOS:
        raise ValueError(f"load_photo knows {PHOTOS}; got {name!r}.")
    try:
        from sklearn.datasets import load_sample_image
        image = load_sample_image(name)                           # (427, 640, 3) uint8
    except ImportError as exc:
        raise ImportError(f"load_photo needs scikit-learn and pillow: {INSTALL_HINT}") from exc
    h, w, _ = image.shape
    side = min(h, w)
    if not 1 <= size <= side:
        raise ValueError(f"load_photo(size) must be in [1, {side}]; got {size!r}.")
    f = side // size
    top, left = (h - f * size) // 2, (w - f * size) // 2
    crop = image[top:top + f * size, left:left + f * size].astype(np.float32) / 255.0
    return crop.reshape(size, f, size, f, 3).mean(axis=(1, 3))    # (size, f, size, f, 3) -> (size, size, 3)
