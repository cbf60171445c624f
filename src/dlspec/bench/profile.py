"""Where a benchmark's time goes: the dlspec side under cProfile (``dlspec bench --profile``)."""
from __future__ import annotations

import cProfile
import io
import pstats
import time

from .registry import BenchContext, select


def profile(name, seconds: float = 1.0, top: int = 15, seed: int = 0) -> str:
    """Run benchmark ``name``'s dlspec callable for about ``seconds`` under cProfile.

    Returns the ``top`` functions by own time (``tottime``): for NumPy code, the lines
    that do the arithmetic show up as ``dense_backward``, ``conv_forward``..., and the
    calls into NumPy itself as ``{method 'reduce' ...}``, ``{built-in method ...}``.
    """
    (bench,) = select([name])
    case = bench.make(BenchContext(torch=None, seed=seed))
    case.dlspec()   # warm-up: first-call allocations
    start, calls = time.perf_counter(), 0
    profiler = cProfile.Profile()
    profiler.enable()
    while time.perf_counter() - start < seconds or calls == 0:
        case.dlspec()
        calls += 1
    profiler.disable()
    out = io.StringIO()
    print(f"{bench.name}: {calls} calls profiled", file=out)
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()
