"""A stand-in for the course's Happy House faces (course 4, week 1), drawn here.

The course's ``train_happy.h5`` / ``test_happy.h5`` (600 training and 150 test photos of
64x64x3, each a person smiling or not) cannot be downloaded on these machines, so
``load_happy`` draws faces of the same shapes and counts: a head (an ellipse) with eyes,
eyebrows, a nose, often hair, and a mouth that curves up (smiling, label 1) or is flat or
turned down (not smiling, label 0). What varies, so that the task is not separable by a
fixed template or a colour:

- the face's **position** (its centre within 6 % of the side from the middle), **size**
  (radius 0.28 to 0.36 of the side) and **tilt** (+-0.2 rad);
- the **skin tone** (from pale to dark brown), **hair** colour and whether there is hair;
- the **lighting**: a brightness gradient across the face from a random side, and an
  overall brightness x0.6 to x1.25;
- the **background**: a random gradient with two soft coloured blobs, and pixel noise;
- the mouth's **width** and **thickness**; smiles curve up by 0.22 to 0.4 of the face's
  radius (60 % of them open, showing teeth), non-smiles by -0.1 to +0.03.

Only the mouth's curvature tells the label, a few pixels at a random place: a fully
connected network on pixels does poorly, a convolution followed by pooling (``happyModel``)
finds it wherever it is. Seeded: the same seed gives the same faces, bit for bit.
"""
from __future__ import annotations

from ..backend import rng as make_rng
from ..backend import xp
from . import drawing as d

CLASSES = ("not smiling", "smiling")
_SKIN = xp.array([[0.98, 0.87, 0.77], [0.92, 0.74, 0.6], [0.78, 0.57, 0.42], [0.58, 0.4, 0.28],
                  [0.4, 0.27, 0.18]])                       # pale to dark brown


def _mouth(px, py, at, r, width, bend, thickness):
    """Pixels within ``thickness`` of the mouth's curve: a parabola through the corners
    (+-width, 0.45 r) of the face's frame, its middle ``bend`` lower than its corners (y
    points down; bend > 0: a smile), drawn as 6 segments."""
    xs = xp.linspace(-1.0, 1.0, 7)
    points = [at(x * width, 0.45 * r + bend * (1 - x * x)) for x in xs]  # y down: middle lower
    near = xp.zeros(xp.broadcast_shapes(px.shape, r.shape), dtype=bool)
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        near |= d.segment_distance(px, py, x0, y0, x1, y1) <= thickness
    return near


def draw_faces(labels, size=64, rng=None):
    """Faces (N, size, size, 3) float32 in [0, 1]: smiling where ``labels`` is 1."""
    rng = make_rng(rng)
    labels = xp.asarray(labels)
    N = len(labels)
    px, py = d.grid(size)
    col = d.column
    u = lambda lo, hi: rng.uniform(lo, hi, N)              # noqa: E731
    images = d.cluttered_background(N, size, rng, blobs=2)
    cx, cy, r, tilt = col(u(0.44, 0.56)), col(u(0.44, 0.56)), col(u(0.28, 0.36)), col(u(-0.2, 0.2))
    cos, sin = xp.cos(tilt), xp.sin(tilt)

    def at(dx, dy):                                         # a point of the face's own frame
        return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos

    skin = xp.clip(_SKIN[rng.integers(0, len(_SKIN), N)] + rng.normal(0, 0.04, (N, 3)), 0, 1)
    head = d.ellipse(px, py, cx, cy, 0.85 * r, r, tilt)
    hair_colour = rng.uniform(0, 0.6, (N, 1)) * xp.array([[1.0, 0.8, 0.55]])
    hair = d.ellipse(px, py, *at(0, -0.35 * r), 0.92 * r, 0.75 * r, tilt) & (col(u(0, 1)) < 0.7)
    images = d.paint(images, hair, hair_colour)
    images = d.paint(images, head & ~(hair & (py < at(0, -0.45 * r)[1])), skin)
    dark = xp.full((N, 3), 0.08)
    for side in (-1, 1):
        ex, ey = at(side * 0.35 * r, -0.15 * r)
        images = d.paint(images, d.ellipse(px, py, ex, ey, 0.09 * r, 0.07 * r, tilt), dark)
        bx0, by0 = at(side * 0.2 * r, -0.32 * r)
        bx1, by1 = at(side * 0.5 * r, -0.34 * r)
        images = d.paint(images, d.segment_distance(px, py, bx0, by0, bx1, by1) <= 0.03 * r,
                         hair_colour * 0.7)
    nx0, ny0 = at(0, 0)
    nx1, ny1 = at(0.05 * r, 0.2 * r)
    images = d.paint(images, d.segment_distance(px, py, nx0, ny0, nx1, ny1) <= 0.035 * r, skin * 0.7)
    smiling = labels == 1
    bend = col(xp.where(smiling, u(0.22, 0.4), u(-0.1, 0.03))) * r
    width, thickness = col(u(0.32, 0.45)) * r, col(u(0.05, 0.08)) * r
    lips = xp.clip(skin * xp.array([0.6, 0.3, 0.3]) + 0.05, 0, 1)
    mouth = _mouth(px, py, at, r, width, bend, thickness)
    # Most smiles are open (as in photos of people smiling): teeth fill the space between
    # the curve and the corners' line.
    open_ = col(smiling & (u(0, 1) < 0.6)) > 0
    teeth = open_ & _between(px, py, at, r, width, bend)
    images = d.paint(images, mouth, lips)
    images = d.paint(images, teeth, xp.full((N, 3), 0.95))
    # Light from a random side: brighter on one side of the picture than the other.
    angle = col(u(0, 2 * xp.pi))
    shade = 1 + 0.3 * ((px - 0.5) * xp.cos(angle) + (py - 0.5) * xp.sin(angle))
    images = images * shade[..., None] * rng.uniform(0.6, 1.25, (N, 1, 1, 1))
    return d.finish(images, rng)


def _between(px, py, at, r, width, bend):
    """Inside an open smile: in the face's frame, between the corners' line and the curve."""
    cx, cy = at(0, 0.45 * r)
    ax, ay = at(1.0, 0.45 * r)
    cos, sin = ax - cx, ay - cy                              # the face's x axis (unit length)
    fx = (px - cx) * cos + (py - cy) * sin                   # pixel in the face's frame
    fy = -(px - cx) * sin + (py - cy) * cos
    t = fx / width
    curve = bend * (1 - t * t)                               # the curve's depth below the corners
    return (xp.abs(t) < 0.9) & (fy >= 0) & (fy <= curve - 0.02 * r)


def load_happy(n_train=600, n_test=150, size=64, seed=0):
    """The Happy House stand-in: (X_train, Y_train, X_test, Y_test, classes).

    Parameters
    ----------
    n_train, n_test : number of faces (the course's: 600 and 150).
    size : height and width (the course's: 64).
    seed : the same seed gives the same faces.

    Returns
    -------
    X_train (n_train, size, size, 3) uint8 in [0, 255] (as the course's file stores them),
    Y_train (n_train,) int64 (1 = smiling), the test pair, and ``classes``. Half of each
    split smiles (the extra one of an odd count does not).
    """
    for name, value in (("n_train", n_train), ("n_test", n_test), ("size", size)):
        low = 16 if name == "size" else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"load_happy({name}) expects an integer >= {low}; got {value!r}.")
    rng = make_rng(seed)
    Y_train = rng.permutation(xp.arange(n_train) < n_train // 2).astype(xp.int64)
    Y_test = rng.permutation(xp.arange(n_test) < n_test // 2).astype(xp.int64)
    X = draw_faces(xp.concatenate([Y_train, Y_test]), size, rng)
    X = xp.round(X * 255).astype(xp.uint8)
    return X[:n_train], Y_train, X[n_train:], Y_test, CLASSES
