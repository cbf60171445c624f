"""Samplers: which configurations to try. Random search, grid search, coarse-to-fine.

Trial ``i`` of stage ``s`` draws from its own generator seeded by ``(seed, s, i)``,
so a configuration depends only on the seed and its position: asking for more
trials later (``--resume --trials 40``) keeps the first ones unchanged.
"""
from __future__ import annotations

import itertools

import numpy as np

from .space import Param, Space

SAMPLERS = ("random", "grid", "coarse-to-fine")


def trial_rng(seed, stage, index):
    return np.random.default_rng([int(seed), int(stage), int(index)])


def random_configs(space: Space, n, seed=0, stage=0, start=0):
    """``n`` configurations drawn at random, each parameter on its own scale.

    Returns a list of (index, config), indices ``start .. start + n - 1``.
    """
    return [(i, space.sample(trial_rng(seed, stage, i))) for i in range(start, start + n)]


def grid_configs(space: Space, n):
    """An evenly spaced grid of at most ``n`` points (the course's "don't do this").

    Every choice parameter takes all its options; the numeric ones share the rest of
    the budget with ``k`` points each, the largest ``k`` such that the grid holds at
    most ``n`` points. Points are evenly spaced on each parameter's scale (so a
    ``uniform`` learning rate gets a linear grid, a ``log`` one a geometric grid).
    """
    fixed = 1
    numeric = []
    for p in space:
        if p.kind == "choice":
            fixed *= len(p.options)
        else:
            numeric.append(p)
    if fixed > n:
        raise ValueError(f"A grid over the choices alone needs {fixed} trials; got a budget of {n}. "
                         "Raise --trials or use random search.")
    k = 1
    while numeric and fixed * (k + 1) ** len(numeric) <= n:
        k += 1
    axes = [p.grid(k) if p.kind != "choice" else p.grid(0) for p in space]
    return [(i, dict(zip(space.names, values))) for i, values in enumerate(itertools.product(*axes))]


def narrow(space: Space, configs, margin=0.1) -> Space:
    """Coarse to fine: shrink each parameter to the region the given (best) configs occupy.

    On each parameter's unit scale the new interval spans the best values, widened by
    ``margin`` on both sides and clipped to the old interval; a choice keeps only the
    options the best configs used.
    """
    if not configs:
        return space
    params = []
    for p in space:
        values = [c[p.name] for c in configs]
        if p.kind == "choice":
            params.append(Param(p.name, "choice", options=tuple(o for o in p.options if o in values)))
            continue
        units = [p.to_unit(v) for v in values]
        lo, hi = max(0.0, min(units) - margin), min(1.0, max(units) + margin)
        low, high = p.from_unit(lo), p.from_unit(hi)
        if p.kind == "int":
            low, high = int(low), int(high)
        elif p.kind == "beta":
            high = min(high, p.high)
        if low == high and p.kind != "int":
            low, high = p.low, p.high
        params.append(Param(p.name, p.kind, low, high))
    return Space(params)
