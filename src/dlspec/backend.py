"""The array module, the dtype policy and the random-number helpers.

All array code in dlspec uses ``xp`` from here, so that a GPU array module (CuPy)
can be added in one place. Parameters default to float32; gradient checks run in
float64. Randomness always comes from an explicit ``numpy.random.Generator``.
"""
from __future__ import annotations

import os
import sys

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


# -- threads ----------------------------------------------------------------------
# NOTE: the BLAS and the compiled kernels never run at once (a kernel calls no BLAS inside
# its parallel loops), so giving each the same N threads uses N cores, never 2 N.
_threads: int | None = None       # set by set_num_threads (or DLSPEC_NUM_THREADS); None: not limited
_blas_limit = None


def machine_threads() -> int:
    """The cores this process may run on (its CPU affinity; os.cpu_count() elsewhere)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _check_threads(n, name):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"{name} must be an integer >= 1 (the cores to use); got {n!r}. "
                         f"This machine has {machine_threads()}.")
    return int(n)


def threads_from_env(environ=None) -> int | None:
    """``DLSPEC_NUM_THREADS`` as an int, or None when it is not set."""
    value = (os.environ if environ is None else environ).get("DLSPEC_NUM_THREADS", "").strip()
    if not value:
        return None
    try:
        n = int(value)
    except ValueError:
        n = value
    return _check_threads(n, "DLSPEC_NUM_THREADS")


def num_threads() -> int:
    """The threads dlspec's kernels use: set_num_threads's, DLSPEC_NUM_THREADS, or the machine's."""
    return _threads or machine_threads()


def set_num_threads(n: int) -> int:
    """Use ``n`` threads for the BLAS (via threadpoolctl) and the compiled kernels alike.

    Returns ``n``. Called by ``dlspec bench --threads``, by the Ray runner for each task,
    and at import when ``DLSPEC_NUM_THREADS`` is set; otherwise dlspec leaves the BLAS
    alone and the kernels use the machine's cores.
    """
    global _threads, _blas_limit
    _threads = _check_threads(n, "threads")
    from threadpoolctl import threadpool_limits
    _blas_limit = threadpool_limits(limits=_threads)       # kept: the limit holds until changed
    jit = sys.modules.get("dlspec.kernels._jit")
    if jit is not None:
        jit.apply_threads()
    return _threads


if threads_from_env() is not None:          # the user's choice, for the BLAS and the kernels
    set_num_threads(threads_from_env())
