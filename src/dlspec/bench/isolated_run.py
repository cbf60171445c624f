"""``run(isolate=True)``: the benchmarks timed in two worker processes (see ``isolate.py``)."""
from __future__ import annotations

from .hardware import machine_info
from .isolate import SIDES, close_workers, measure_pair, open_workers
from .memory import MEMORY_ENV
from .results import finish_report, make_result


def run_isolated(benches, repeats, use_torch, quick, seed, threads, progress, memory, settle,
                 reference_malloc="dlspec"):
    sample_time = 0.02 if quick else 0.05
    workers = mem_workers = None
    results, order = [], {}
    try:
        workers = open_workers(use_torch, quick, seed, threads, reference_malloc=reference_malloc)
        kernels = {side: w.ask("info") for side, w in workers.items()}
        if memory and any(b.memory for b in benches):
            mem_workers = open_workers(use_torch, quick, seed, threads, env=MEMORY_ENV)
        for bench in benches:
            if progress is not None:
                progress(bench.name)
            built = {}
            for side in SIDES:   # one after the other: each warms up and calibrates alone
                built[side] = workers[side].ask("build", bench.name, 2, sample_time)
            active = {s: workers[s] for s in SIDES if built[s]["available"]}
            log = []
            timings = measure_pair(active, {s: built[s]["number"] for s in active}, repeats,
                                   settle, log)
            order[bench.name] = log
            info = built["dlspec"]
            result = make_result(bench, info["flops"], info["dtype"], timings["dlspec"],
                                 timings.get("reference"), built["reference"]["reference_name"])
            if mem_workers and bench.memory:
                result["memory"] = _memory(bench, mem_workers, active)
            results.append(result)
        peaks = {}
        for dtype in sorted({r["dtype"] for r in results if r["gflops"]}):   # after the benchmarks
            peaks[dtype] = workers["dlspec"].ask("gemm_peak", dtype, 1024 if quick else 2048)
    finally:
        close_workers(workers)
        close_workers(mem_workers)
    machine = machine_info(None)
    machine["blas"] = kernels["dlspec"]["blas"]          # the dlspec worker's, limits applied
    machine["kernels"] = kernels["dlspec"].get("kernels", machine.get("kernels"))
    machine["malloc"] = kernels["dlspec"]["malloc"]      # the reference's: kernels["reference"]
    if "torch" in kernels["reference"]:
        machine["torch"] = kernels["reference"]["torch"]["version"]
        machine["torch_threads"] = kernels["reference"]["torch"]["threads"]
    return finish_report(benches, results, peaks, machine, repeats, quick, threads,
                         isolated=True, settle_s=settle, kernels=kernels, sample_order=order,
                         reference_malloc=reference_malloc)


def _memory(bench, mem_workers, active):
    """Peak memory of one call on each side, each in its fresh memory worker."""
    out = {}
    for side in active:
        w = mem_workers[side]
        w.ask("build", bench.name, 0, 0)
        out[side] = w.ask("memory")
        w.ask("drop")   # free the case before the next benchmark's
    return out
