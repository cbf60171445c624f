"""Numba, loaded only when a compiled twin first runs: the decorator, the cache, the threads.

Every kernel is compiled with ``cache=True`` (machine code kept on disk beside the source,
in ``kernels/__pycache__``) and ``parallel=True`` (``prange`` loops split over Numba's
threads). Where the package folder is not writable (a system-wide install), the cache goes
to ``~/.cache/dlspec/numba`` (``$XDG_CACHE_HOME/dlspec/numba`` if set) instead of Numba's
own user cache, so that deleting ~/.cache/dlspec clears everything dlspec keeps.

Results never depend on the thread count: every reduction is split into blocks of a fixed
number of rows (``ROWS``), whatever the number of threads, and the blocks' partial sums
are added in block order by one thread. Element-wise loops have no order to respect.
"""
from __future__ import annotations

import os

import numba
from numba.core import caching

# NOTE: the block size fixes the reduction order; changing it changes float32 results in
# the last bits (still within the tests' 1e-5), and with it every pinned replay.
ROWS = 256


def cache_root(environ=None) -> str:
    """~/.cache/dlspec/numba, or under $XDG_CACHE_HOME when that is set."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "dlspec", "numba")


# Numba 0.61 named these with a leading underscore; later versions made them public.
_UserWide = getattr(caching, "UserWideCacheLocator", None) or caching._UserWideCacheLocator
_CacheImpl = getattr(caching, "CacheImpl", None) or caching._CacheImpl


class DlspecCacheLocator(_UserWide):
    """Numba's user-wide locator, for dlspec's kernels only, rooted in ~/.cache/dlspec."""

    def __init__(self, py_func, py_file):
        super().__init__(py_func, py_file)
        self._cache_path = os.path.join(cache_root(), self.get_suitable_cache_subpath(py_file))

    @classmethod
    def from_function(cls, py_func, py_file):
        if os.path.dirname(os.path.abspath(py_file)) != os.path.dirname(os.path.abspath(__file__)):
            return None
        return super().from_function(py_func, py_file)


def _install_locator():
    """Put the dlspec locator right after Numba's in-tree one (tried only when that fails)."""
    classes = _CacheImpl._locator_classes
    if DlspecCacheLocator in classes:
        return
    in_tree = [i for i, c in enumerate(classes) if c.__name__.lstrip("_") == "InTreeCacheLocator"]
    classes.insert(in_tree[0] + 1 if in_tree else 0, DlspecCacheLocator)


_install_locator()

# NOTE: Numba's OpenMP layer spins its threads between parallel loops; on a shared machine
# (or beside OpenBLAS's and PyTorch's own spinning pools) a loop then waits for a thread
# that lost its core: batch norm's forward + backward, 2 threads, load 8 on 2 cores, went
# from a median 156 ms (omp) to 15 ms (workqueue; one thread: 14 ms, NumPy: 31 ms).
# The workqueue layer's threads sleep instead. A user's NUMBA_THREADING_LAYER is kept.
if not os.environ.get("NUMBA_THREADING_LAYER"):
    numba.config.THREADING_LAYER = "workqueue"


def kernel(fn):
    """Compile ``fn`` lazily per dtype, multi-threaded, cached on disk.

    error_model="numpy": a division by zero gives inf/nan as NumPy does, without the
    per-division check that Python's semantics would add. No fastmath: it would reorder
    sums and break the agreement with the reference to 1e-12 in float64.
    """
    return numba.njit(cache=True, parallel=True, nogil=True, error_model="numpy")(fn)


prange = numba.prange


def apply_threads():
    """Run the kernels on ``backend.num_threads()`` threads (at most Numba's pool size)."""
    from .. import backend
    numba.set_num_threads(max(1, min(backend.num_threads(), numba.config.NUMBA_NUM_THREADS)))


apply_threads()
