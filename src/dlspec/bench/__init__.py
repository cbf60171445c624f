"""Benchmarks against PyTorch and the machine's GEMM peak (``dlspec bench``).

>>> from dlspec import bench
>>> report = bench.run(["planar-step"], repeats=3)      # doctest: +SKIP
>>> print(bench.format_table(report))                    # doctest: +SKIP
"""
from .registry import BenchContext, Case, Target, all_benchmarks, benchmark, peak_share_at_least, ratio_at_most, select
from .runner import format_machine, format_table, run, write_json

__all__ = ["BenchContext", "Case", "Target", "all_benchmarks", "benchmark", "peak_share_at_least",
           "ratio_at_most", "select", "run", "format_table", "format_machine", "write_json"]
