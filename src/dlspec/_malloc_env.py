"""Keep freed array memory for the next training step instead of faulting fresh pages in.

glibc's malloc maps every large block (from 128 KB, rising to 32 MB as blocks are freed)
on its own and gives it back to the kernel on ``free``, and it trims the heap's top when
more than about twice that is free. A NumPy training step allocates and frees the same
megabyte-sized temporaries every call, so each call faults its pages in again and the
kernel zeroes them: on the LSTM training step (T 30, B 64, H 128) that was half the time
(35 ms -> 17 ms with the settings below, one thread, the same code), and it slows every
convolution's im2col buffer alike.

``tune_malloc()`` turns off the separate mapping of large
blocks (``M_MMAP_MAX = 0``; raising ``M_MMAP_THRESHOLD`` stops at 32 MB, and MobileNet's
padded 112x112x96 batch of 8 is 40 MB: its depthwise forward went 49 -> 40 ms) and raises
the trim threshold to 512 MB, so freed blocks stay in the heap and the next step reuses
them, already resident. The cost is the usual one of a caching allocator (PyTorch's GPU
allocator does the same): the process keeps the memory of its largest step, less what
rises above 512 MB free at the heap's top.

Because that changes the whole process, ``import dlspec`` never calls it: the ``dlspec``
command and the benchmark workers do (``dlspec.process.tune_process``), and a script or
notebook opts in with ``dlspec.tune_process()``.

It never overrides a choice: nothing happens with ``DLSPEC_MALLOC_TUNING=0``, when any
``MALLOC_*`` tuning variable is set (``dlspec bench`` measures memory that way), or where
the C library is not glibc. Standard library only.
"""
from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4            # glibc's mallopt parameter numbers
TRIM_THRESHOLD = 512 * 2 ** 20
USER_VARIABLES = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
                  "MALLOC_MMAP_MAX_", "GLIBC_TUNABLES")


def tune_malloc(environ=None, platform=None) -> str:
    """Apply the settings above where allowed; returns what was decided, for ``dlspec bench``."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("DLSPEC_MALLOC_TUNING", "1") == "0":
        return "DLSPEC_MALLOC_TUNING=0: glibc's default malloc thresholds"
    user = [v for v in USER_VARIABLES if v in environ]
    if user:
        return f"{user[0]} set by the user: malloc left alone"
    if not platform.startswith("linux"):
        return "not Linux/glibc: malloc left alone"
    try:
        libc = ctypes.CDLL("libc.so.6")
        ok = libc.mallopt(M_MMAP_MAX, 0) and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    except (OSError, AttributeError):
        return "no glibc mallopt: malloc left alone"
    if not ok:
        return "mallopt refused the settings: glibc's defaults"
    return ("malloc keeps freed blocks in its heap for reuse (set by dlspec; "
            "DLSPEC_MALLOC_TUNING=0 to disable)")


# What the last ``tune_malloc`` decided in this process (reported by ``dlspec bench``).
DECISION = "glibc's default malloc (import dlspec leaves it alone; dlspec.tune_process() opts in)"
