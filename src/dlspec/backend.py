"""The array module, the dtype policy and the random-number helpers.

All array code in dlspec uses ``xp`` from here, so that a GPU array module (CuPy)
can be added in one place. Parameters default to float32; gradient checks run in
float64. Randomness always comes from an explicit ``numpy.random.Generator``.
"""
from __future__ import annotations

import numpy as np

xp = np

DEFAULT_DTYPE = np.float32
FLOAT_DTYPES = (np.float32, np.float64)


def as_dtype(dtype) -> np.dtype:
    """Return ``dtype`` as a NumPy float dtype; ``None`` means the default (float32).

    >>> as_dtype("float64")
    dtype('float64')
    """
    if dtype is None:
        return np.dtype(DEFAULT_DTYPE)
    dt = np.dtype(dtype)
    if dt.type not in FLOAT_DTYPES:
        raise TypeError(f"dlspec computes in float32 or float64; got dtype {dt}. "
                        "Pass dtype='float32' (the default) or dtype='float64'.")
    return dt


def rng(seed=None) -> np.random.Generator:
    """Return a Generator: ``seed`` may be an int, None (seed 0) or a Generator.

    None gives seed 0 rather than fresh entropy, so that an unseeded run is
    still reproducible bit for bit.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        seed = 0
    if isinstance(seed, (bool, float)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int or a numpy.random.Generator; got {seed!r}.")
    if seed < 0:
        raise ValueError(f"seed must be an integer >= 0; got {seed}. Use --seed 0 (or any seed >= 0).")
    return np.random.default_rng(int(seed))
