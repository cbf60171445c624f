"""A SIGNS-like image set generated here: hands holding up 0 to 5 fingers, 64x64x3.

The course's SIGNS dataset (1,080 training and 120 test photos of hands showing 0-5
fingers) cannot be downloaded on these machines, so ``load_signs`` draws its stand-in: a
palm (an ellipse) with k fingers (capsules) fanned out from it, k = the label, with random
position, size, rotation, spread, skin tone, background colour, gradient and noise.
Rendering is vectorised over the images (masks on a pixel grid), and seeded.
"""
from __future__ import annotations

from ..backend import xp

NUM_CLASSES = 6


def _capsule_distance(px, py, x0, y0, x1, y1):
    """Distance from pixels (px, py) to the segments (x0, y0)-(x1, y1); arrays broadcast."""
    dx, dy = x1 - x0, y1 - y0
    t = xp.clip(((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy), 0, 1)
    return xp.hypot(px - (x0 + t * dx), py - (y0 + t * dy))


def draw_hands(labels, size=64, rng=None):
    """Images (N, size, size, 3) in [0, 1], float32, of hands showing ``labels`` fingers (N,)."""
    rng = xp.random.default_rng(rng)
    labels = xp.asarray(labels)
    N = len(labels)
    u = lambda lo, hi, *shape: rng.uniform(lo, hi, (N, *shape))    # noqa: E731
    yy, xx = xp.mgrid[0:size, 0:size].astype(xp.float64) / size     # (H, W) in [0, 1)
    px, py = xx[None], yy[None]                                      # (1, H, W)
    cx, cy = u(0.38, 0.62)[:, None, None], u(0.55, 0.72)[:, None, None]
    r = u(0.15, 0.2)[:, None, None]                                  # palm radius
    tilt = u(-0.35, 0.35)[:, None, None]
    cos, sin = xp.cos(tilt), xp.sin(tilt)
    # The palm: an ellipse, slightly taller than wide, rotated by the tilt.
    ex, ey = (px - cx) * cos + (py - cy) * sin, -(px - cx) * sin + (py - cy) * cos
    hand = (ex / r) ** 2 + (ey / (1.15 * r)) ** 2 <= 1
    spread = u(0.36, 0.46)[:, None, None]
    length = u(1.5, 2.0)[:, None, None] * r
    width = u(0.3, 0.38)[:, None, None] * r
    for k in range(NUM_CLASSES - 1):
        present = (labels > k)[:, None, None]
        angle = -xp.pi / 2 + tilt + (k - 2) * spread                   # fanned out, upwards
        x0, y0 = cx + 0.6 * r * xp.cos(angle), cy + 0.6 * r * xp.sin(angle)
        x1, y1 = cx + (r + length) * xp.cos(angle), cy + (r + length) * xp.sin(angle)
        hand |= present & (_capsule_distance(px, py, x0, y0, x1, y1) <= width)
    # A wrist below the palm, present in every class, so "0 fingers" is not an empty picture.
    hand |= _capsule_distance(px, py, cx, cy, cx - sin * 1.6 * r, cy + cos * 1.6 * r) <= 0.7 * r
    skin = u(0.45, 0.95, 3) * xp.array([1.0, 0.78, 0.62])          # (N, 3) skin tones
    background = u(0.0, 1.0, 3)
    gradient = u(-0.25, 0.25)[:, None, None, None] * (yy[None, :, :, None] - 0.5)
    images = xp.where(hand[..., None], skin[:, None, None, :], background[:, None, None, :] + gradient)
    images = images + rng.normal(0, 0.04, images.shape)
    return xp.clip(images, 0, 1).astype(xp.float32)


def load_signs(n_train=1080, n_test=120, size=64, seed=0):
    """A SIGNS-sized stand-in: (X_train, Y_train, X_test, Y_test), images NHWC in [0, 1].

    Parameters
    ----------
    n_train, n_test : number of images (the course's SIGNS has 1080 and 120).
    size : image height and width (64 in the course).
    seed : the same seed gives the same images, bit for bit.

    Returns
    -------
    X_train (n_train, size, size, 3) float32, Y_train (n_train,) int64 in 0..5, and the test pair.
    """
    for name, value in (("n_train", n_train), ("n_test", n_test), ("size", size)):
        if not isinstance(value, int) or value < (16 if name == "size" else 1):
            raise ValueError(f"load_signs({name}) expects an integer >= {16 if name == 'size' else 1}; "
                             f"got {value!r}.")
    rng = xp.random.default_rng(seed)
    Y = rng.permutation(xp.arange(n_train + n_test) % NUM_CLASSES).astype(xp.int64)
    X = draw_hands(Y, size, rng)
    return X[:n_train], Y[:n_train], X[n_train:], Y[n_train:]
