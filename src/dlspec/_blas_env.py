"""OpenBLAS's AVX-512 kernels, for the processes dlspec owns (never on ``import dlspec``).

OpenBLAS (the BLAS inside NumPy's wheels) picks its kernels once, when it is loaded,
from the CPU it detects; on some CPUs and virtual machines it falls back to its
AVX2 ("Haswell") kernels although AVX-512 is available, which can halve float32
GEMM speed. The environment variable ``OPENBLAS_CORETYPE`` overrides that choice,
but only if it is set before NumPy is first imported.

A library must not change the process that imports it, so ``import dlspec`` does
nothing here. The processes dlspec starts itself opt in: the ``dlspec`` command
(``dlspec.process.tune_process(relaunch=True)``: when OpenBLAS has already loaded its
slower kernels, the command starts itself again once with the variable set) and the
benchmark workers (``environment_for_child``: both sides get the same variable).

It never overrides a choice: nothing happens if ``OPENBLAS_CORETYPE`` is already set,
if ``DLSPEC_BLAS_TUNING=0``, or if the CPU (as the Linux kernel reports it in
/proc/cpuinfo, which lists AVX-512 only when the OS enables it) lacks any of the
AVX-512 subsets the SkylakeX kernels use.

Notebook recipe (first cell, before anything imports NumPy)::

    import os
    os.environ.setdefault("OPENBLAS_CORETYPE", "SkylakeX")   # only on AVX-512 CPUs
    import numpy as np

This module uses the standard library only (threadpoolctl, lazily, to read the kernels).
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


#: Set in the environment of a process that dlspec relaunched with the variable.
RELAUNCH_MARK = "DLSPEC_BLAS_RELAUNCHED"


def loaded_openblas_coretypes() -> list[str]:
    """The kernel sets of the OpenBLAS libraries loaded in this process (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return [i.get("architecture") or "" for i in threadpool_info() if i.get("internal_api") == "openblas"]


def slow_kernels(environ=None, flags=None, coretypes=None) -> str | None:
    """The slower kernel set OpenBLAS loaded on an AVX-512 CPU where dlspec may act, else None."""
    environ = os.environ if environ is None else environ
    if "OPENBLAS_CORETYPE" in environ or environ.get("DLSPEC_BLAS_TUNING", "1") == "0":
        return None
    if not cpu_supports_avx512(flags):
        return None
    coretypes = loaded_openblas_coretypes() if coretypes is None else coretypes
    return next((c for c in coretypes if c and c.lower() not in AVX512_CORETYPES), None)


def environment_for_child(environ=None, flags=None) -> dict:
    """The variables to give a new process so that its OpenBLAS loads the AVX-512 kernels.

    Empty when the user chose (``OPENBLAS_CORETYPE`` set, ``DLSPEC_BLAS_TUNING=0``) or the
    CPU lacks AVX-512. The benchmark gives the same to both of its workers.
    """
    env = dict(os.environ if environ is None else environ)    # a copy: this process is not changed
    select_openblas_coretype(env, flags=flags, modules={})    # a new process has no NumPy yet
    given = (os.environ if environ is None else environ).get("OPENBLAS_CORETYPE")
    return {} if given or "OPENBLAS_CORETYPE" not in env else {"OPENBLAS_CORETYPE": env["OPENBLAS_CORETYPE"]}


def decision(environ=None) -> str:
    """What this process runs with and why, for ``dlspec bench`` to report."""
    environ = os.environ if environ is None else environ
    if environ.get(RELAUNCH_MARK) and "OPENBLAS_CORETYPE" in environ:
        return (f"OPENBLAS_CORETYPE={environ['OPENBLAS_CORETYPE']} set by dlspec's command line "
                f"(AVX-512 CPU; OpenBLAS had loaded its {environ[RELAUNCH_MARK]} kernels)")
    if "OPENBLAS_CORETYPE" in environ:
        return f"OPENBLAS_CORETYPE={environ['OPENBLAS_CORETYPE']} set by the user or the parent process; kept"
    if environ.get("DLSPEC_BLAS_TUNING", "1") == "0":
        return "DLSPEC_BLAS_TUNING=0: OpenBLAS chooses its own kernels"
    return "OpenBLAS chose its own kernels (dlspec sets OPENBLAS_CORETYPE only where they are slower)"


# What the last ``dlspec.process.tune_process`` decided (reported by ``dlspec bench``).
DECISION = "import dlspec leaves OpenBLAS alone (the dlspec command and dlspec.tune_process() opt in)"
