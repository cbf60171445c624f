"""Characters rendered in the fonts matplotlib ships: many classes (or identities) drawn here.

An image is one character in one of ~20 fonts (DejaVu Sans, Serif and Mono, STIX, Computer
Modern, each in several weights and slants) at a random size, position and rotation, so a
class has many "photos". Course 4 uses them as the many-class source task of transfer
learning and as the identities of face verification (an identity is a character).

>>> X, Y = load_glyphs("AB", n_per_char=3, size=24)
>>> X.shape, Y.tolist()
((6, 24, 24, 1), [0, 0, 0, 1, 1, 1])
"""
from __future__ import annotations

import functools
import os
import string

import numpy as np

FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
         "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf",
         "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf",
         "DejaVuSansMono-BoldOblique.ttf", "STIXGeneral.ttf", "STIXGeneralBol.ttf",
         "STIXGeneralItalic.ttf", "STIXGeneralBolIta.ttf", "cmr10.ttf", "cmss10.ttf", "cmtt10.ttf",
         "cmti10.ttf", "cmb10.ttf")
# Computer Modern's TrueType files place some punctuation elsewhere: letters and digits only.
_CM_SAFE = set(string.ascii_letters + string.digits)
LETTERS = string.ascii_letters
DIGITS = string.digits


def fonts_for(char):
    """The font files that draw ``char`` as itself."""
    return tuple(f for f in FONTS if char in _CM_SAFE or not f.startswith("cm"))


@functools.lru_cache(maxsize=None)
def _font(font):
    import matplotlib
    from matplotlib.ft2font import FT2Font
    return FT2Font(os.path.join(matplotlib.get_data_path(), "fonts", "ttf", font))


@functools.lru_cache(maxsize=8192)
def glyph_bitmap(char, font, pixels):
    """``char`` in ``font`` at about ``pixels`` pixels high: a tight (h, w) float32 array in [0, 1]."""
    ft = _font(font)
    ft.set_size(pixels, 72)                   # 72 dpi: points are pixels
    ft.set_text(char)
    ft.draw_glyphs_to_bitmap(antialiased=True)
    return np.asarray(ft.get_image(), dtype=np.float32) / 255.0


def draw_glyphs(chars, size=32, rng=None, scale=(0.5, 0.8), max_shift=0.12, max_degrees=15.0):
    """One image per character of ``chars`` (a sequence), each in a random font, scale,
    position and rotation: (N, size, size, 1) float32 in [0, 1], white ink on black."""
    from .augment import RandomRotation
    rng = np.random.default_rng(rng)
    X = np.zeros((len(chars), size, size, 1), np.float32)
    for i, char in enumerate(chars):
        fonts = fonts_for(char)
        bitmap = glyph_bitmap(char, fonts[rng.integers(len(fonts))], int(size * rng.uniform(*scale)))
        h, w = (min(s, size) for s in bitmap.shape)
        shift = (rng.uniform(-max_shift, max_shift, 2) * size).astype(int)
        top = int(np.clip((size - h) // 2 + shift[0], 0, size - h))
        left = int(np.clip((size - w) // 2 + shift[1], 0, size - w))
        X[i, top:top + h, left:left + w, 0] = bitmap[:h, :w]
    return RandomRotation(max_degrees)(X, rng) if max_degrees else X


def load_glyphs(chars, n_per_char=20, size=32, seed=0, **draw):
    """``n_per_char`` renderings of each character of ``chars``: X (N, size, size, 1) float32,
    Y (N,) int64, the index of the character in ``chars`` (sorted by class)."""
    chars = list(chars)
    if not chars or n_per_char < 1:
        raise ValueError(f"load_glyphs needs characters and n_per_char >= 1; got {chars!r}, {n_per_char!r}.")
    Y = np.repeat(np.arange(len(chars)), n_per_char)
    return draw_glyphs([chars[y] for y in Y], size, np.random.default_rng(seed), **draw), Y
