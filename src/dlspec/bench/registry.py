"""The benchmark registry: one decorated function per benchmark, in ``bench/suite/``.

A benchmark function takes a ``BenchContext`` and returns a ``Case``: the dlspec
callable, the reference callable (PyTorch on the same shapes, data and weights, or
a course-style loop), and the floating-point work of one call. Adding a benchmark
is adding one function (or one module in ``bench/suite/``)::

    @benchmark("mlp-step", "MLP 784-256-128-10 training step", target=ratio_at_most(0.8))
    def mlp_step(ctx):
        ...
        return Case(dlspec=step, reference=torch_step if ctx.torch else None, flops=...)
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable


@dataclass
class BenchContext:
    """What a benchmark may use: ``torch`` (the module, or None), the size and a seed."""

    torch: object = None
    quick: bool = False
    seed: int = 0

    def pick(self, quick, full):
        return quick if self.quick else full


@dataclass
class Case:
    """The callables to time (no arguments each) and what one call computes.

    ``flops`` is the floating-point work of one call (None where it is not GEMM-like);
    ``dtype`` selects which GEMM peak the GFLOP/s are compared with.
    """

    dlspec: Callable
    reference: Callable | None = None
    reference_name: str = "PyTorch"
    flops: float | None = None
    dtype: str = "float32"


@dataclass(frozen=True)
class Target:
    """A goal: ``metric`` ("ratio" = dlspec / reference time, or "peak_share") vs ``value``."""

    metric: str
    op: str
    value: float

    def met(self, result: dict):
        """True/False, or None when the run did not measure the metric."""
        x = result.get(self.metric)
        if x is None:
            return None
        return x <= self.value if self.op == "<=" else x >= self.value

    def __str__(self):
        if self.metric == "peak_share":
            return f"{self.op} {self.value:.0%} of peak"
        if self.value < 0.01:   # "<= 1/300": the reference is at least 300x slower
            return f"{self.op} 1/{1 / self.value:.0f}"
        return f"{self.op} {self.value:g}"


def ratio_at_most(value):
    return Target("ratio", "<=", value)


def peak_share_at_least(value):
    return Target("peak_share", ">=", value)


@dataclass
class Benchmark:
    name: str
    title: str
    make: Callable[[BenchContext], Case]
    target: Target | None = None
    group: str = "dense"
    default: bool = True      # False: run only when named (scaling series, slow references)
    heavy: bool = False       # large arrays: runs after the others (see runner.py's NOTE)
    memory: bool = False      # a training step whose peak memory is measured (memory.py)


_REGISTRY: dict[str, Benchmark] = {}


def benchmark(name, title, target=None, group="dense", default=True, heavy=False, memory=False):
    """Register the decorated ``make(ctx) -> Case`` function as benchmark ``name``.

    ``group`` names a set that runs together (``dlspec bench GROUP``); ``default=False``
    keeps a benchmark out of a plain ``dlspec bench`` (it runs when named or by group);
    ``heavy=True`` (hundreds of MB of arrays) runs it after the light ones;
    ``memory=True`` measures the peak memory of one call beside the reference's.
    """
    def register(make):
        if name in _REGISTRY and _REGISTRY[name].make.__module__ != make.__module__:
            raise ValueError(f"benchmark {name!r} is defined twice ({make.__module__} and "
                             f"{_REGISTRY[name].make.__module__}); pick another name.")
        _REGISTRY[name] = Benchmark(name, title, make, target, group, default, heavy, memory)
        return make
    return register


def _discover():
    from . import suite
    for info in pkgutil.iter_modules(suite.__path__):
        importlib.import_module(f"{suite.__name__}.{info.name}")


def all_benchmarks() -> list[Benchmark]:
    """Every registered benchmark, in suite-module order then definition order."""
    _discover()
    return list(_REGISTRY.values())


def select(names=None) -> list[Benchmark]:
    """Benchmarks by name or group (``None`` or empty: the default set); unknown names raise."""
    benches = all_benchmarks()
    if not names:
        chosen = [b for b in benches if b.default]
    else:
        chosen, known = [], {b.name for b in benches} | {b.group for b in benches}
        for name in names:
            if name not in known:
                raise ValueError(f"unknown benchmark {name!r}; expected one of "
                                 f"{sorted(known)} (see 'dlspec bench --list').")
            chosen += [b for b in benches if name in (b.name, b.group) and b not in chosen]
    return sorted(chosen, key=lambda b: b.heavy)   # stable: light ones first, in order
