"""The pieces of a benchmark report that both ways of timing share (in this process, or
each side in its own worker): the torch module, one benchmark's entry, and the report."""
from __future__ import annotations

import datetime

from .hardware import kernel_advice


def load_torch(use_torch: bool = True):
    """The torch module, or None when it is not wanted or not installed."""
    if not use_torch:
        return None
    try:
        import torch
    except ImportError:
        return None
    return torch


def make_result(bench, flops, dtype, mine, ref=None, reference_name=None) -> dict:
    """One benchmark's entry of the report from the two Timings (``ref`` may be None)."""
    result = {"name": bench.name, "title": bench.title, "group": bench.group,
              "dlspec": mine.as_dict(), "reference_name": None, "reference": None,
              "ratio": None, "gflops": None, "peak_share": None, "dtype": dtype}
    if ref is not None:
        result["reference_name"] = reference_name
        result["reference"] = ref.as_dict()
        result["ratio"] = mine.median / ref.median
        if mine.cpu_median and ref.cpu_median:
            result["cpu_ratio"] = mine.cpu_median / ref.cpu_median
    if flops:
        result["gflops"] = flops / mine.median / 1e9
    return result


def finish_report(benches, results, peaks, machine, repeats, quick, threads, **extra) -> dict:
    """Peak shares and targets for each result, and the report around them."""
    for bench, result in zip(benches, results):
        if result["gflops"]:
            result["peak_share"] = result["gflops"] / peaks[result["dtype"]]
        result["target"] = str(bench.target) if bench.target else None
        result["target_metric"] = bench.target.metric if bench.target else None
        result["met"] = bench.target.met(result) if bench.target else None
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine, "advice": kernel_advice(machine["blas"]),
            "gemm_peak_gflops": peaks, "repeats": repeats, "quick": quick, "threads": threads,
            "isolated": False, **extra, "results": results}
