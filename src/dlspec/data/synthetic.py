"""Seeded 2-D toy datasets, generated here (no downloads).

Every generator returns ``X`` (N, 2) float64 and ``Y`` (N,) int64 class ids, and
takes ``seed`` (int or Generator): the same seed gives the same data.
"""
from __future__ import annotations

import math

from ..backend import rng as make_rng, xp


def _check_n(n, minimum=2):
    if not isinstance(n, int) or n < minimum:
        raise ValueError(f"n_samples must be an integer >= {minimum}; got {n!r}.")


def planar_flower(n_samples=400, petals=4, noise=0.2, seed=1):
    """Course 1's "flower": two classes on interleaved petals, not linearly separable.

    Each class draws n_samples/2 points at angles t (one half-turn each, plus noise)
    and radii r = petals * sin(4 t) + noise; the point is (r sin t, r cos t).
    """
    _check_n(n_samples)
    g = make_rng(seed)
    per_class = n_samples // 2
    X = xp.zeros((2 * per_class, 2))
    Y = xp.zeros(2 * per_class, dtype=xp.int64)
    for j in range(2):
        rows = slice(j * per_class, (j + 1) * per_class)
        t = xp.linspace(j * 3.12, (j + 1) * 3.12, per_class) + g.standard_normal(per_class) * noise
        r = petals * xp.sin(4 * t) + g.standard_normal(per_class) * noise
        X[rows] = xp.stack([r * xp.sin(t), r * xp.cos(t)], axis=1)
        Y[rows] = j
    return X, Y


def moons(n_samples=300, noise=0.2, seed=0):
    """Two interleaving half circles (course 2's optimization data)."""
    _check_n(n_samples)
    g = make_rng(seed)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    t_out = xp.linspace(0, math.pi, n_out)
    t_in = xp.linspace(0, math.pi, n_in)
    X = xp.concatenate([xp.stack([xp.cos(t_out), xp.sin(t_out)], 1),
                        xp.stack([1 - xp.cos(t_in), 0.5 - xp.sin(t_in)], 1)])
    X += g.standard_normal(X.shape) * noise
    Y = xp.concatenate([xp.zeros(n_out, xp.int64), xp.ones(n_in, xp.int64)])
    return _shuffle(X, Y, g)


def circles(n_samples=300, noise=0.05, factor=0.5, seed=0):
    """A small circle (class 1) inside a large one (class 0): course 2's initialization data."""
    _check_n(n_samples)
    if not 0 < factor < 1:
        raise ValueError(f"factor (inner radius / outer radius) must lie in (0, 1); got {factor!r}.")
    g = make_rng(seed)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    t_out = xp.linspace(0, 2 * math.pi, n_out, endpoint=False)
    t_in = xp.linspace(0, 2 * math.pi, n_in, endpoint=False)
    X = xp.concatenate([xp.stack([xp.cos(t_out), xp.sin(t_out)], 1),
                        factor * xp.stack([xp.cos(t_in), xp.sin(t_in)], 1)])
    X += g.standard_normal(X.shape) * noise
    Y = xp.concatenate([xp.zeros(n_out, xp.int64), xp.ones(n_in, xp.int64)])
    return _shuffle(X, Y, g)


def spirals(n_samples=300, n_classes=2, turns=1.5, noise=0.2, seed=0):
    """``n_classes`` interleaved spiral arms (each arm one class)."""
    _check_n(n_samples)
    g = make_rng(seed)
    per = n_samples // n_classes
    r = xp.linspace(0.05, 1, per)
    X, Y = [], []
    for k in range(n_classes):
        t = turns * 2 * math.pi * r + 2 * math.pi * k / n_classes + g.standard_normal(per) * noise * 0.5
        X.append(xp.stack([r * xp.cos(t), r * xp.sin(t)], 1))
        Y.append(xp.full(per, k, dtype=xp.int64))
    return _shuffle(xp.concatenate(X), xp.concatenate(Y), g)


def blobs(n_samples=300, centers=3, std=1.0, box=(-6.0, 6.0), seed=0):
    """Gaussian blobs around ``centers`` random centres (or a given (K, 2) array)."""
    _check_n(n_samples)
    g = make_rng(seed)
    if isinstance(centers, int):
        centers = g.uniform(box[0], box[1], size=(centers, 2))
    centers = xp.asarray(centers, dtype=xp.float64)
    Y = xp.arange(n_samples) % len(centers)
    X = centers[Y] + g.standard_normal((n_samples, 2)) * std
    return _shuffle(X, Y.astype(xp.int64), g)


def gaussian_quantiles(n_samples=300, n_classes=2, seed=0):
    """A 2-D standard normal cut into ``n_classes`` rings of equal mass by distance from 0."""
    _check_n(n_samples)
    g = make_rng(seed)
    X = g.standard_normal((n_samples, 2))
    dist = (X * X).sum(axis=1)
    ranks = xp.argsort(xp.argsort(dist))
    Y = (ranks * n_classes // n_samples).astype(xp.int64)
    return X, Y


def _shuffle(X, Y, g):
    order = g.permutation(len(X))
    return X[order], Y[order]


DATASETS = {"planar_flower": planar_flower, "moons": moons, "circles": circles,
            "spirals": spirals, "blobs": blobs, "gaussian_quantiles": gaussian_quantiles}
