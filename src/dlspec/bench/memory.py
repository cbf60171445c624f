"""Peak memory of one call: resident-set growth (both libraries) and NumPy's traced allocations.

Two measures, because neither alone compares the libraries fairly:

- ``rss_peak``: VmHWM (the kernel's high-water mark of the resident set, reset by writing
  5 to /proc/self/clear_refs) minus the resident set just before the call. It sees every
  allocator (NumPy's, PyTorch's CPU allocator, BLAS buffers), so it is the one to compare.
  It is only meaningful in a process started with ``MALLOC_MMAP_THRESHOLD_=65536``: glibc
  then maps every large block on its own and unmaps it when freed, so a freed array leaves
  the resident set instead of waiting in malloc's free lists (``memory_env()``). Linux only.
- ``traced_peak``: tracemalloc's peak over the call. NumPy reports its array buffers to
  tracemalloc, PyTorch does not, so this is the dlspec side's exact array working set.
"""
from __future__ import annotations

import ctypes
import gc
import tracemalloc

#: The environment of a process that measures memory (see the module's docstring).
MEMORY_ENV = {"MALLOC_MMAP_THRESHOLD_": "65536", "MALLOC_TRIM_THRESHOLD_": "0"}


def _status_kb(key):
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise OSError(f"{key} not in /proc/self/status")


def _release_free_memory():
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)   # give malloc's free pages back to the OS
    except (OSError, AttributeError):
        pass


def rss_peak(fn):
    """Bytes by which the resident set grew at its peak during ``fn()`` (None if unsupported)."""
    _release_free_memory()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")                            # reset VmHWM to the current RSS
        base = _status_kb("VmRSS")
    except OSError:
        return None
    fn()
    return max(0, _status_kb("VmHWM") - base) * 1024


def traced_peak(fn):
    """Peak bytes allocated through tracemalloc (NumPy's arrays) during ``fn()``."""
    _release_free_memory()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_memory(fn, traced: bool = True) -> dict:
    """Both measures for one call of ``fn`` after a warm-up call (lazily built buffers)."""
    fn()
    out = {"rss_peak_bytes": rss_peak(fn)}
    if traced:
        out["traced_peak_bytes"] = traced_peak(fn)
    return out
