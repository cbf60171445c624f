"""``dlspec.ops.random``: seeded random tensors (``tf.random.uniform``, ``tf.random.set_seed``).

One module-level ``numpy.random.Generator`` (seed 0 until ``set_seed``), so a run is the same
bit for bit; ``seed=`` on a call draws from a generator of its own.
"""
from __future__ import annotations

import numpy as np

from ..autodiff.tensor import Tensor

_rng = np.random.default_rng(0)


def set_seed(seed):
    """Restart the module's generator from ``seed`` (``tf.random.set_seed``)."""
    global _rng
    _rng = np.random.default_rng(int(seed))


def _generator(seed):
    return _rng if seed is None else np.random.default_rng(int(seed))


def uniform(shape, minval=0.0, maxval=None, dtype=np.float32, seed=None):
    """Uniform on [minval, maxval) (maxval 1 for floats), as an eager tensor."""
    high = 1.0 if maxval is None else maxval
    if np.dtype(dtype).kind in "iu":
        if maxval is None:
            raise ValueError("random.uniform with an integer dtype needs maxval (as TensorFlow).")
        return Tensor(_generator(seed).integers(minval, high, size=tuple(shape)).astype(dtype))
    return Tensor(_generator(seed).uniform(minval, high, size=tuple(shape)).astype(dtype))


def normal(shape, mean=0.0, stddev=1.0, dtype=np.float32, seed=None):
    """Normal(mean, stddev^2), as an eager tensor."""
    return Tensor((mean + stddev * _generator(seed).standard_normal(tuple(shape))).astype(dtype))
