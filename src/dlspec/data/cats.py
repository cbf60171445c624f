"""A stand-in for the course's cat / non-cat pictures (course 1, weeks 2 and 4), drawn here.

The course's ``train_catvnoncat.h5`` (209 training and 50 test photos of 64x64x3, 72 and
33 of them cats) cannot be downloaded on these machines, so ``load_cats`` draws pictures
of the same shapes and counts:

- a **cat** is a head (an ellipse) with two pointed ears, two eyes with slit pupils, a
  pink nose and whiskers, tilted at random;
- a **non-cat** is one of five things that share parts with a cat, so that no single
  blob gives the answer: a ball, a bear (a head like the cat's with round ears, dark eyes
  and no whiskers), a house (a pointed roof, like an ear), a flower, or no object at all;
- every picture has a random two-colour gradient with a soft coloured blob behind the
  object, random lighting (x0.6 to x1.2) and pixel noise; the object is brighter or
  darker than the background behind it, at random.

How hard it is, and why it stands in for the course's photos: the objects sit near the
centre (within 2 % of the side) and vary in size (1:1.4) and tilt (+-17 degrees). Because
an object is brighter *or* darker than its background, a pixel's value alone says little;
the size of its difference from the background says more, which hidden ReLU units can
compute and a linear model on pixels cannot. So logistic regression fits the 209
training pictures perfectly but misses about one test picture in five, and the networks
of week 4 do better: the course's ordering (logistic regression 70 %, 2-layer 72 %,
L-layer 80 % test accuracy on its photos). Measured over seeds 0-3 while choosing these
settings: logistic regression 0.78-0.84 test accuracy, the [12288, 20, 7, 5, 1] network
0.80-0.96, above it on every seed. With the objects anywhere in the middle 40 % of the
picture, logistic regression fell to the majority class (0.66): the jitter is what sets
the difficulty. The cards of ``c1-logistic-regression`` and ``c1-deep`` give the numbers.

Images come as the course's file holds them: uint8 in [0, 255], (N, 64, 64, 3); labels
are 1 for cat and 0 for non-cat. Seeded: the same seed gives the same pictures, bit for bit.
"""
from __future__ import annotations

from ..backend import rng as make_rng
from ..backend import xp
from . import drawing as d

CLASSES = ("non-cat", "cat")
NON_CATS = ("ball", "bear", "house", "flower", "nothing")


def draw_cats(labels, size=64, rng=None, kinds=None):
    """Pictures (N, size, size, 3) float32 in [0, 1]: cats where ``labels`` is 1.

    Parameters
    ----------
    labels : (N,) 0 or 1.
    size : the picture's height and width in pixels.
    rng : seed or Generator.
    kinds : (N,) ints in 0..4 choosing the non-cat of each 0 label (``NON_CATS``);
        None: drawn at random.
    """
    rng = make_rng(rng)
    labels = xp.asarray(labels)
    N = len(labels)
    px, py = d.grid(size)
    col = d.column
    u = lambda lo, hi: rng.uniform(lo, hi, N)              # noqa: E731
    kind = rng.integers(0, len(NON_CATS), N)               # drawn always: same stream either way
    kind = kind if kinds is None else xp.asarray(kinds)
    kind = xp.where(labels == 1, -1, kind)                  # -1: a cat
    images = d.cluttered_background(N, size, rng, blobs=1)
    # Centred within 2 % of the side, as most of the course's cats are (more jitter and
    # a linear model on pixels falls to the majority class; see the module's notes).
    cx, cy, r = col(u(0.48, 0.52)), col(u(0.53, 0.57)), col(u(0.2, 0.28))
    tilt = col(u(-0.3, 0.3))
    # The object is brighter or darker than the background behind it, at random: the sign
    # of a pixel's difference from the background says nothing, only its size does, which
    # a hidden layer can compute and logistic regression cannot.
    centre = images[:, size // 2, size // 2, :]                       # (N, 3)
    sign = xp.where(rng.uniform(size=(N, 1)) < 0.5, -1.0, 1.0)
    colour = xp.clip(centre + sign * rng.uniform(0.25, 0.45, (N, 1)) + rng.normal(0, 0.08, (N, 3)), 0, 1)
    is_ = {k: col(kind == k) > 0 for k in range(-1, len(NON_CATS))}
    head = d.ellipse(px, py, cx, cy, r, 0.85 * r, tilt)
    cos, sin = xp.cos(tilt), xp.sin(tilt)

    def at(dx, dy):                                         # a point of the head's own frame
        return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos

    ears = xp.zeros_like(head)
    round_ears = xp.zeros_like(head)
    for side in (-1, 1):
        base_in, base_out = at(side * 0.15 * r, -0.7 * r), at(side * 0.85 * r, -0.45 * r)
        tip = at(side * 0.75 * r, -1.45 * r)
        ears |= d.triangle(px, py, base_in, base_out, tip)
        ex, ey = at(side * 0.7 * r, -0.75 * r)
        round_ears |= d.ellipse(px, py, ex, ey, 0.3 * r, 0.3 * r)
    cat, bear = is_[-1], is_[1]
    images = d.paint(images, (cat & (head | ears)) | (bear & (head | round_ears)) | (is_[0] & head),
                     colour)
    # Faces of cats and bears: eyes (cats' are green or yellow with slit pupils), a nose.
    face = cat | bear
    iris = xp.where(rng.uniform(size=(N, 1)) < 0.5, [[0.4, 0.8, 0.2]], [[0.95, 0.8, 0.15]])
    iris = xp.where(labels[:, None] == 1, iris, 0.1)
    for side in (-1, 1):
        ex, ey = at(side * 0.4 * r, -0.1 * r)
        images = d.paint(images, face & d.ellipse(px, py, ex, ey, 0.17 * r, 0.13 * r, tilt), iris)
        images = d.paint(images, cat & d.ellipse(px, py, ex, ey, 0.05 * r, 0.12 * r, tilt),
                         xp.zeros((N, 3)))
        for k in (-1, 1):                                   # whiskers: thin dark strokes
            x0, y0 = at(side * 0.2 * r, 0.3 * r)
            x1, y1 = at(side * 1.1 * r, (0.25 + 0.15 * k) * r)
            images = d.paint(images, cat & (d.segment_distance(px, py, x0, y0, x1, y1) < 0.012),
                             xp.full((N, 3), 0.15))
    nose = d.triangle(px, py, at(-0.1 * r, 0.18 * r), at(0.1 * r, 0.18 * r), at(0, 0.32 * r))
    images = d.paint(images, face & nose, xp.where(labels[:, None] == 1, [[0.95, 0.5, 0.6]], 0.1))
    # A ball's stripe, a house's walls and roof, a flower's petals.
    images = d.paint(images, is_[0] & head & (xp.abs(py - cy) < 0.2 * r), 1 - colour)
    walls = (xp.abs(px - cx) < 0.8 * r) & (py > cy - 0.3 * r) & (py < cy + 0.9 * r)
    roof = d.triangle(px, py, (cx - r, cy - 0.3 * r), (cx + r, cy - 0.3 * r), (cx, cy - 1.2 * r))
    images = d.paint(images, is_[2] & walls, colour)
    images = d.paint(images, is_[2] & roof, 1 - colour)
    images = d.paint(images, is_[2] & (xp.abs(px - cx) < 0.2 * r) & (py > cy + 0.3 * r) & walls,
                     xp.full((N, 3), 0.2))
    petals = xp.zeros_like(head)
    for k in range(6):
        angle = tilt + k * xp.pi / 3
        petals |= d.ellipse(px, py, cx + 0.6 * r * xp.cos(angle), cy + 0.6 * r * xp.sin(angle),
                            0.4 * r, 0.25 * r, angle)
    images = d.paint(images, is_[3] & petals, colour)
    images = d.paint(images, is_[3] & d.ellipse(px, py, cx, cy, 0.3 * r, 0.3 * r), 1 - colour)
    light = rng.uniform(0.6, 1.2, (N, 1, 1, 1))            # lighting: brighter or darker pictures
    return d.finish(images * light, rng)


def load_cats(n_train=209, n_test=50, train_cats=None, test_cats=None, size=64, seed=0):
    """The cat / non-cat stand-in with the course's sizes: (X_train, Y_train, X_test, Y_test, classes).

    Parameters
    ----------
    n_train, n_test : number of pictures (the course's: 209 and 50).
    train_cats, test_cats : how many of them are cats; None: the course's shares (72 of
        209 and 33 of 50, so that always answering "non-cat" scores 0.656 on the training
        set, and always answering "cat" 0.66 on the test set).
    size : height and width (the course's: 64).
    seed : the same seed gives the same pictures.

    Returns
    -------
    X_train (n_train, size, size, 3) uint8, Y_train (n_train,) int64 (1 = cat), the test
    pair, and ``classes`` = ("non-cat", "cat") as the course's file names them.
    """
    if train_cats is None and isinstance(n_train, int):
        train_cats = int(round(n_train * 72 / 209))
    if test_cats is None and isinstance(n_test, int):
        test_cats = int(round(n_test * 33 / 50))
    for name, value in (("n_train", n_train), ("n_test", n_test), ("size", size),
                        ("train_cats", train_cats), ("test_cats", test_cats)):
        low = 16 if name == "size" else (0 if name.endswith("cats") else 1)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"load_cats({name}) expects an integer >= {low}; got {value!r}.")
    if train_cats > n_train or test_cats > n_test:
        raise ValueError(f"load_cats: more cats than pictures (train_cats={train_cats} of "
                         f"n_train={n_train}, test_cats={test_cats} of n_test={n_test}).")
    rng = make_rng(seed)
    Y_train = rng.permutation(xp.arange(n_train) < train_cats).astype(xp.int64)
    Y_test = rng.permutation(xp.arange(n_test) < test_cats).astype(xp.int64)
    X = draw_cats(xp.concatenate([Y_train, Y_test]), size, rng)
    X = xp.round(X * 255).astype(xp.uint8)                 # as the course's .h5 file stores them
    return X[:n_train], Y_train, X[n_train:], Y_test, CLASSES
