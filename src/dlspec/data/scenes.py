"""Scenes of coloured shapes with their boxes and per-pixel masks: data for detection and U-Net.

The course trains YOLO on road photos (drive.ai) and its U-Net on CARLA street scenes; neither
can be downloaded here, so ``draw_scenes`` makes scenes with both kinds of labels: each image
holds 1 to ``max_objects`` shapes (circle, square, triangle, diamond) of random size, position
and colour on a shaded, noisy background. Objects sit in distinct cells of a jittered grid, so
they never overlap and every box is the tight box of a visible object. Rendering is
vectorised over the images (one pass per object slot), and seeded.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..backend import rng as make_rng
from ..backend import xp

SHAPES = ("circle", "square", "triangle", "diamond")
_PALETTE = xp.array([[0.9, 0.2, 0.2], [0.2, 0.8, 0.3], [0.25, 0.35, 0.95], [0.95, 0.85, 0.2]])


@dataclass
class Scenes:
    """Images (N, H, W, 3) float32 in [0, 1]; masks (N, H, W) int64, 0 = background and
    k + 1 = class k; boxes (B, 4) float corners (x1, y1, x2, y2) in pixels; classes (B,) int;
    image_ids (B,) int: which image each box belongs to; names: the class names."""

    images: object
    masks: object
    boxes: object
    classes: object
    image_ids: object
    names: tuple

    def boxes_of(self, n):
        """(boxes (K, 4), classes (K,)) of image n."""
        keep = self.image_ids == n
        return self.boxes[keep], self.classes[keep]


def draw_scenes(n, size=(64, 64), num_classes=3, max_objects=4, min_objects=1, grid=(3, 3),
                scale=(0.45, 0.95), palette="random", rng=None):
    """Draw ``n`` scenes of shapes with boxes and per-pixel masks.

    Parameters
    ----------
    n : number of images.
    size : (H, W) in pixels.
    num_classes : how many of ``SHAPES`` to use (1 to 4).
    max_objects, min_objects : objects per image (at most grid cells).
    grid : (rows, cols) of the placement grid: one object per cell at most.
    scale : the object's radius as a share of half the cell's smaller side.
    palette : "random" (any colour: only the shape tells the class) or "class" (each class
        has its own colour family, jittered, as road, car and sky differ in the course's
        street scenes: quicker to learn).
    rng : seed or Generator.

    Returns
    -------
    Scenes
    """
    if palette not in ("random", "class"):
        raise ValueError(f"draw_scenes(palette) must be 'random' or 'class'; got {palette!r}.")
    if not 1 <= num_classes <= len(SHAPES):
        raise ValueError(f"draw_scenes(num_classes) must be 1 to {len(SHAPES)}; got {num_classes}.")
    cells = grid[0] * grid[1]
    if not 1 <= min_objects <= max_objects <= cells:
        raise ValueError(f"draw_scenes needs 1 <= min_objects <= max_objects <= {cells} grid cells; "
                         f"got min_objects={min_objects}, max_objects={max_objects}.")
    rng = make_rng(rng)
    H, W = size
    cell_h, cell_w = H / grid[0], W / grid[1]
    yy, xx = xp.mgrid[0:H, 0:W].astype(xp.float32) + 0.5                 # pixel centres (H, W)
    background = rng.uniform(0, 1, (n, 3))
    shade = rng.uniform(-0.3, 0.3, (n, 1, 1, 1)) * (yy[None, :, :, None] / H - 0.5)
    images = (background[:, None, None, :] + shade).astype(xp.float32)   # (N, H, W, 3)
    masks = xp.zeros((n, H, W), xp.int64)
    count = rng.integers(min_objects, max_objects + 1, n)
    order = xp.argsort(rng.uniform(size=(n, cells)), axis=1)              # a random cell per slot
    boxes, classes, ids = [], [], []
    for k in range(max_objects):
        present = count > k                                               # (N,)
        row, col = order[:, k] // grid[1], order[:, k] % grid[1]
        r = rng.uniform(*scale, n) * min(cell_h, cell_w) / 2
        cy = (row + 0.5) * cell_h + rng.uniform(-1, 1, n) * (cell_h / 2 - r)
        cx = (col + 0.5) * cell_w + rng.uniform(-1, 1, n) * (cell_w / 2 - r)
        cls = rng.integers(0, num_classes, n)
        dx = xx[None] - cx[:, None, None].astype(xp.float32)              # (N, H, W)
        dy = yy[None] - cy[:, None, None].astype(xp.float32)
        rr = r[:, None, None].astype(xp.float32)
        ax, ay = abs(dx), abs(dy)
        c = cls[:, None, None]
        inside = xp.where(c == 0, dx * dx + dy * dy <= rr * rr,                      # circle
                          xp.where(c == 1, xp.maximum(ax, ay) <= rr,                 # square
                                   xp.where(c == 2, (ay <= rr) & (ax <= (dy + rr) / 2),   # triangle
                                            ax + ay <= rr)))                         # diamond
        inside &= present[:, None, None]
        colour = rng.uniform(0, 1, (n, 3))
        if palette == "class":
            colour = xp.clip(_PALETTE[cls] + 0.3 * (colour - 0.5), 0, 1)
        close = xp.abs(colour - background).sum(axis=1) < 0.6             # keep a visible contrast
        colour[close] = 1 - background[close]
        where = xp.nonzero(inside)                                        # (image, row, col) triples
        images[where] = colour[where[0]]
        masks[where] = cls[where[0]] + 1
        boxes.append(xp.stack([cx - r, cy - r, cx + r, cy + r], axis=1)[present])
        classes.append(cls[present])
        ids.append(xp.flatnonzero(present))
    images = xp.clip(images + rng.normal(0, 0.03, images.shape).astype(xp.float32), 0, 1)
    ids = xp.concatenate(ids)
    order = xp.argsort(ids, kind="stable")                                # boxes grouped by image
    return Scenes(images, masks, xp.concatenate(boxes)[order], xp.concatenate(classes)[order],
                  ids[order], SHAPES[:num_classes])
