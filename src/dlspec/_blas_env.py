"""Choose OpenBLAS's AVX-512 kernels before NumPy loads, where the CPU supports them.

OpenBLAS (the BLAS inside NumPy's wheels) picks its kernels once, when it is loaded,
from the CPU it detects; on some CPUs and virtual machines it falls back to its
AVX2 ("Haswell") kernels although AVX-512 is available, which can halve float32
GEMM speed. The environment variable ``OPENBLAS_CORETYPE`` overrides that choice,
but only if it is set before NumPy is first imported. This module is imported by
``dlspec/__init__.py`` before anything imports NumPy, so ``dlspec`` on the command
line, ``python -m dlspec`` and a notebook that runs ``import dlspec`` before
``import numpy`` all get the fast kernels.

It never overrides a choice: it does nothing if ``OPENBLAS_CORETYPE`` is already set,
if NumPy is already loaded, if ``DLSPEC_BLAS_TUNING=0``, or if the CPU (as the Linux
kernel reports it in /proc/cpuinfo, which lists AVX-512 only when the OS enables
it) lacks any of the AVX-512 subsets the SkylakeX kernels use.

Notebook recipe (first cell, before anything imports NumPy)::

    import os
    os.environ.setdefault("OPENBLAS_CORETYPE", "SkylakeX")   # only on AVX-512 CPUs
    import numpy as np

This module uses the standard library only: it runs before NumPy exists.
"""
from __future__ import annotations

import os
import sys

# NOTE: OpenBLAS's SkylakeX kernels use these five subsets; a CPU with only some of
# them (rare, but Knights Landing has F/CD without BW/DQ/VL) must keep AVX2 kernels.
AVX512_SUBSETS = ("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")
FAST_CORETYPE = "SkylakeX"
# Core types that already use AVX-512 kernels (as reported by openblas_get_corename).
AVX512_CORETYPES = ("skylakex", "cooperlake", "sapphirerapids")


def cpu_flags(path: str = "/proc/cpuinfo") -> set[str]:
    """The CPU feature flags the OS reports (empty where /proc/cpuinfo does not exist)."""
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_supports_avx512(flags: set[str] | None = None) -> bool:
    """True if every AVX-512 subset used by OpenBLAS's SkylakeX kernels is available."""
    flags = cpu_flags() if flags is None else flags
    return all(f in flags for f in AVX512_SUBSETS)


def select_openblas_coretype(environ=None, flags=None, modules=None) -> str:
    """Set ``OPENBLAS_CORETYPE=SkylakeX`` where that is safe and still takes effect.

    Parameters
    ----------
    environ : mapping to read and update (default ``os.environ``).
    flags : CPU flags (default: read /proc/cpuinfo).
    modules : loaded modules (default ``sys.modules``), to see whether NumPy is loaded.

    Returns
    -------
    str : what was decided and why, for ``dlspec bench`` to report.
    """
    environ = os.environ if environ is None else environ
    modules = sys.modules if modules is None else modules
    if "OPENBLAS_CORETYPE" in environ:
        return f"OPENBLAS_CORETYPE={environ['OPENBLAS_CORETYPE']} set by the user; kept"
    if environ.get("DLSPEC_BLAS_TUNING", "1") == "0":
        return "DLSPEC_BLAS_TUNING=0: OpenBLAS chooses its own kernels"
    if "numpy" in modules:
        return "NumPy was imported before dlspec: OpenBLAS chose its kernels already"
    if not cpu_supports_avx512(flags):
        return "CPU without full AVX-512: OpenBLAS chooses its own kernels"
    environ["OPENBLAS_CORETYPE"] = FAST_CORETYPE
    return f"OPENBLAS_CORETYPE={FAST_CORETYPE} set by dlspec (AVX-512 CPU)"


# What ``dlspec/__init__.py`` decided when dlspec was imported (reported by ``dlspec bench``).
DECISION = ""
