"""Vectorised drawing for generated pictures: masks of ellipses, triangles and strokes, and
cluttered backgrounds, for N images at once on one pixel grid.

Every function takes per-image parameters as arrays of shape (N, 1, 1) (so they broadcast
against the (1, H, W) pixel grid) and returns boolean masks (N, H, W) or colours
(N, H, W, 3). Coordinates are in [0, 1) of the image side, y pointing down.
"""
from __future__ import annotations

from ..backend import xp


def grid(size):
    """Pixel centres ``(px, py)``, each (1, size, size), in [0, 1)."""
    yy, xx = xp.mgrid[0:size, 0:size].astype(xp.float64)
    return (xx[None] + 0.5) / size, (yy[None] + 0.5) / size


def column(values):
    """(N,) parameters as (N, 1, 1), to broadcast against the pixel grid."""
    return xp.asarray(values, dtype=xp.float64)[:, None, None]


def ellipse(px, py, cx, cy, rx, ry, tilt=0.0):
    """Inside the ellipse of centre (cx, cy), radii (rx, ry), turned by ``tilt`` radians."""
    cos, sin = xp.cos(tilt), xp.sin(tilt)
    ex, ey = (px - cx) * cos + (py - cy) * sin, -(px - cx) * sin + (py - cy) * cos
    return (ex / rx) ** 2 + (ey / ry) ** 2 <= 1


def triangle(px, py, a, b, c):
    """Inside the triangle with corners a, b, c (each a pair (x, y) of arrays), either winding."""
    def side(p, q):
        return (px - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (py - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    negative = (d1 < 0) | (d2 < 0) | (d3 < 0)
    positive = (d1 > 0) | (d2 > 0) | (d3 > 0)
    return ~(negative & positive)


def segment_distance(px, py, x0, y0, x1, y1):
    """Distance from each pixel to the segment (x0, y0)-(x1, y1); arrays broadcast."""
    dx, dy = x1 - x0, y1 - y0
    t = xp.clip(((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy + 1e-12), 0, 1)
    return xp.hypot(px - (x0 + t * dx), py - (y0 + t * dy))


def paint(images, mask, colour):
    """Images (N, H, W, 3) with ``mask`` (N, H, W) set to ``colour`` (N, 3) or (N, H, W, 3)."""
    colour = xp.asarray(colour)
    if colour.ndim == 2:
        colour = colour[:, None, None, :]                     # (N, 3) -> (N, 1, 1, 3)
    return xp.where(mask[..., None], colour, images)


def cluttered_background(N, size, rng, blobs=3):
    """Backgrounds (N, size, size, 3): a two-colour vertical gradient and ``blobs`` soft
    coloured bumps of random place and width, so that no pixel alone says "background"."""
    px, py = grid(size)
    top, bottom = rng.uniform(0, 1, (N, 3)), rng.uniform(0, 1, (N, 3))
    t = py[..., None]                                          # (1, H, W, 1)
    images = top[:, None, None, :] * (1 - t) + bottom[:, None, None, :] * t
    for _ in range(blobs):
        cx, cy = column(rng.uniform(0, 1, N)), column(rng.uniform(0, 1, N))
        width = column(rng.uniform(0.08, 0.3, N))
        bump = xp.exp(-((px - cx) ** 2 + (py - cy) ** 2) / (2 * width ** 2))[..., None]
        colour = rng.uniform(0, 1, (N, 3))[:, None, None, :]
        images = images * (1 - 0.8 * bump) + colour * 0.8 * bump
    return images


def finish(images, rng, noise=0.04):
    """Add pixel noise, clip to [0, 1]; float32."""
    images = images + rng.normal(0, noise, images.shape)
    return xp.clip(images, 0, 1).astype(xp.float32)
