"""Opt-in tuning of the host process: glibc's malloc and OpenBLAS's kernels.

``import dlspec`` changes nothing outside dlspec: no allocator setting, no environment
variable. The processes that dlspec runs itself opt in (the ``dlspec`` command, the
benchmark workers), and so may a script or a notebook::

    import dlspec
    print(dlspec.tune_process())       # {'malloc': '...', 'blas': '...'}

Why each setting helps, and when it is left alone: ``_malloc_env.py`` and ``_blas_env.py``.
"""
from __future__ import annotations

import os
import sys

from . import _blas_env, _malloc_env


def tune_process(malloc: bool = True, blas: bool = True, relaunch: bool = False) -> dict:
    """Keep freed array memory for reuse, and report (or fix) OpenBLAS's kernel choice.

    Parameters
    ----------
    malloc : bool, apply ``_malloc_env.tune_malloc`` (glibc only; ``DLSPEC_MALLOC_TUNING=0``
        or any ``MALLOC_*`` variable leaves the allocator alone).
    blas : bool, look at the kernels OpenBLAS loaded.
    relaunch : bool, for a command line only: when OpenBLAS loaded slower kernels on an
        AVX-512 CPU (and the user set neither ``OPENBLAS_CORETYPE`` nor
        ``DLSPEC_BLAS_TUNING=0``), start this same command again, once, with
        ``OPENBLAS_CORETYPE=SkylakeX`` (``os.execve``: this call then does not return).
        Without it, the advice is only reported: kernels cannot change once loaded.

    Returns
    -------
    dict : {"malloc": decision, "blas": decision}, each a sentence.
    """
    decisions = {}
    if malloc:
        _malloc_env.DECISION = decisions["malloc"] = _malloc_env.tune_malloc()
    if blas:
        slow = _blas_env.slow_kernels()
        if slow and relaunch and sys.platform.startswith("linux") and not os.environ.get(_blas_env.RELAUNCH_MARK):
            env = {**os.environ, "OPENBLAS_CORETYPE": _blas_env.FAST_CORETYPE, _blas_env.RELAUNCH_MARK: slow}
            sys.stdout.flush()
            sys.stderr.flush()
            os.execve(sys.executable, sys.orig_argv, env)
        if slow:
            decisions["blas"] = (f"OpenBLAS loaded its {slow} kernels on an AVX-512 CPU: start Python with "
                                 f"OPENBLAS_CORETYPE={_blas_env.FAST_CORETYPE} for faster GEMMs")
        else:
            decisions["blas"] = _blas_env.decision()
        _blas_env.DECISION = decisions["blas"]
    return decisions
