"""Weight initializers: zeros, scaled random, Xavier/Glorot and He.

Each takes ``(shape, rng, dtype)`` and draws from the explicit Generator ``rng``.
For a weight of shape (..., fan_in, fan_out) (dense: (D_in, D_out); convolution
kernels (f, f, C_in, C_out)), fan_in is the product of all but the last axis.
"""
from __future__ import annotations

import math

from .backend import as_dtype, xp


def _fans(shape):
    fan_out = shape[-1]
    fan_in = math.prod(shape[:-1]) if len(shape) > 1 else shape[0]
    return fan_in, fan_out


def zeros(shape, rng=None, dtype=None):
    """All zeros. For weights this fails to break symmetry (course 2's lesson)."""
    return xp.zeros(shape, dtype=as_dtype(dtype))


def random(shape, rng, dtype=None, scale=0.01):
    """Standard normal times ``scale`` (0.01 in course 1, 10 in course 2's "large" case)."""
    return (rng.standard_normal(shape) * scale).astype(as_dtype(dtype))


def xavier(shape, rng, dtype=None):
    """Xavier/Glorot normal: variance 1 / fan_in (the course's form, suited to tanh)."""
    fan_in, _ = _fans(shape)
    return (rng.standard_normal(shape) * math.sqrt(1.0 / fan_in)).astype(as_dtype(dtype))


def glorot(shape, rng, dtype=None):
    """Glorot's original normal: variance 2 / (fan_in + fan_out)."""
    fan_in, fan_out = _fans(shape)
    return (rng.standard_normal(shape) * math.sqrt(2.0 / (fan_in + fan_out))).astype(as_dtype(dtype))


def he(shape, rng, dtype=None):
    """He normal: variance 2 / fan_in, suited to ReLU."""
    fan_in, _ = _fans(shape)
    return (rng.standard_normal(shape) * math.sqrt(2.0 / fan_in)).astype(as_dtype(dtype))


def large_random(shape, rng, dtype=None):
    """Standard normal times 10: course 2's example of a too-large initialization."""
    return random(shape, rng, dtype, scale=10.0)


INITIALIZERS = {"zeros": zeros, "random": random, "large_random": large_random,
                "xavier": xavier, "glorot": glorot, "he": he}


def get(init):
    """Return the initializer named ``init`` (or ``init`` itself if callable)."""
    if callable(init):
        return init
    try:
        return INITIALIZERS[init]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown initializer {init!r}; expected one of "
                         f"{sorted(INITIALIZERS)} or a function (shape, rng, dtype) -> array.") from None
