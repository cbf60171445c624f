"""Run benchmarks, compare with the reference and the GEMM peak, print a table, write JSON."""
from __future__ import annotations

import json
import os

from .hardware import gemm_peak, machine_info
from .registry import BenchContext, select
from .results import finish_report, load_torch, make_result
from .timing import measure


def run(names=None, repeats=9, use_torch=True, quick=False, seed=0, threads=None,
        progress=None, isolate=False, memory=False, settle=None, reference_malloc="dlspec") -> dict:
    """Run the selected benchmarks; returns a JSON-ready report.

    Parameters
    ----------
    names : benchmark names or groups (None: the default set).
    repeats : timed samples per side; the median is reported.
    use_torch : compare with PyTorch when it is installed.
    quick : smaller problems and a smaller GEMM for the peak (a smoke run).
    threads : limit BLAS (and PyTorch) to this many threads; None keeps their defaults.
    progress : optional function called with each benchmark's name before it runs.
    isolate : time each side in its own process, samples alternating (``isolate.py``: the
        fair way when the libraries use several threads; ``dlspec bench``'s default).
    memory : with ``isolate``, also measure the peak memory of one call of each benchmark
        declared with ``memory=True`` (``memory.py``), in two more fresh processes.
    settle : seconds to wait before each isolated sample (default 0.15, quick 0.02).
    reference_malloc : "dlspec" (both sides with dlspec's malloc setting) or "glibc" (the
        reference with glibc's defaults, as its users run it); isolated runs only.
    """
    benches = select(names)
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be an integer >= 1; got {threads!r}.")
    if isolate:
        from .isolated_run import run_isolated
        settle = settle if settle is not None else (0.02 if quick else 0.15)
        return run_isolated(benches, repeats, use_torch, quick, seed, threads, progress,
                            memory, settle, reference_malloc)
    torch = load_torch(use_torch)
    if threads is not None:
        from threadpoolctl import threadpool_limits
        torch_threads = torch.get_num_threads() if torch is not None else None
        try:
            with threadpool_limits(limits=threads):
                if torch is not None:
                    torch.set_num_threads(threads)
                return _run(benches, repeats, torch, quick, seed, progress, threads)
        finally:
            if torch is not None:
                torch.set_num_threads(torch_threads)
    return _run(benches, repeats, torch, quick, seed, progress)


def _run(benches, repeats, torch, quick, seed, progress, threads=None):
    ctx = BenchContext(torch=torch, quick=quick, seed=seed)
    peaks, results = {}, []
    for bench in benches:
        if progress is not None:
            progress(bench.name)
        case = bench.make(ctx)
        fns = [case.dlspec] + ([case.reference] if case.reference is not None else [])
        timings = measure(*fns, repeats=repeats, warmup=2, sample_time=0.02 if quick else 0.05)
        results.append(make_result(bench, case.flops, case.dtype, timings[0],
                                   timings[1] if case.reference is not None else None,
                                   case.reference_name))
        del case, fns   # free the benchmark's arrays before the next one
    # NOTE: the GEMM peak is timed after the benchmarks, never between them: on the
    # 2-vCPU VM used for benchmarks/README.md, a 2048x2048 GEMM with two BLAS threads
    # slowed the next ~50 small training steps 10-30x.
    for dtype in sorted({r["dtype"] for r in results if r["gflops"]}):
        peaks[dtype] = gemm_peak(dtype, n=1024 if quick else 2048)
    return finish_report(benches, results, peaks, machine_info(torch), repeats, quick, threads)


def _ratio(x):
    if x is None:
        return "-"
    return f"1/{1 / x:.0f}" if x < 0.01 else f"{x:.3g}"


def _ms(seconds):
    return f"{seconds * 1e3:.3g}" if seconds is not None else "-"


def _mb(measure):
    if not measure or measure.get("rss_peak_bytes") is None:
        return "-"
    return f"{measure['rss_peak_bytes'] / 2 ** 20:.3g}"


def format_table(report: dict, markdown: bool = False) -> str:
    """The results as a text (or Markdown) table: times in ms, ratio, GFLOP/s, target."""
    head = ["benchmark", "dlspec ms", "+-", "reference", "ref ms", "ratio", "GFLOP/s",
            "of peak", "target", "met"]
    with_cpu = any(r.get("cpu_ratio") for r in report["results"])
    if with_cpu:      # CPU-time ratio: steadier on a busy machine, one thread only
        head.insert(6, "cpu ratio")
    with_memory = any(r.get("memory") for r in report["results"])
    if with_memory:   # peak RSS growth of one call, each side (memory.py)
        head += ["MB", "ref MB"]
    rows = []
    for r in report["results"]:
        ref = r["reference"]
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        rows.append([r["name"], _ms(r["dlspec"]["median_s"]), f"{r['dlspec']['spread'] / 2:.0%}",
                     r["reference_name"] or "-", _ms(ref["median_s"]) if ref else "-",
                     _ratio(r["ratio"]),
                     f"{r['gflops']:.0f}" if r["gflops"] is not None else "-",
                     f"{r['peak_share']:.0%}" if r["peak_share"] is not None else "-",
                     r["target"] or "-", met])
        if with_cpu:
            rows[-1].insert(6, _ratio(r.get("cpu_ratio")))
        if with_memory:
            mem = r.get("memory") or {}
            rows[-1] += [_mb(mem.get(side)) for side in ("dlspec", "reference")]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))]
                     + [fmt.format(*row) for row in rows])


def format_machine(report: dict) -> str:
    """A few lines on the machine, the BLAS kernels and the GEMM peak."""
    m = report["machine"]
    lines = [f"date      {report['date']}",
             f"machine   {m['cpu']}, {m['cpu_count']} logical CPUs, AVX-512: "
             f"{'yes' if m['avx512'] else 'no'}, load average {m.get('load_average')}",
             f"software  Python {m['python']}, NumPy {m['numpy']}"
             + (f", torch {m['torch']} ({m['torch_threads']} threads)" if "torch" in m
                else ", PyTorch not installed or disabled: absolute numbers only")]
    for lib in m["blas"]:
        if "error" in lib:
            lines.append(f"BLAS      {lib['error']}")
            continue
        if lib.get("user_api") != "blas":
            lines.append(f"threads   {lib['prefix']} ({lib['internal_api']}), {lib['num_threads']} threads")
            continue
        lines.append(f"BLAS      {lib['internal_api']} {lib['version']} ({lib['prefix']}), kernels "
                     f"{lib['architecture']}, {lib['num_threads']} threads")
    torch_k = (report.get("kernels") or {}).get("reference", {}).get("torch")
    if torch_k:
        lines.append(f"PyTorch   BLAS {torch_k['blas']} (MKL {'yes' if torch_k['mkl'] else 'no'}), "
                     f"{torch_k['onednn'] or 'no oneDNN'}, CPU capability {torch_k['cpu_capability']}, "
                     f"{torch_k['threads']} threads")
    if report.get("isolated"):
        lines.append(f"timing    each side in its own process, samples alternating, "
                     f"{report['settle_s']:g} s pause before each (bench/isolate.py); the "
                     + ("reference with glibc's default malloc" if report.get("reference_malloc") == "glibc"
                        else "same malloc setting on both sides"))
    else:
        lines.append("timing    both sides in this process, samples alternating (--in-process)")
    if report.get("threads"):
        lines.append(f"threads   limited to {report['threads']} for BLAS, dlspec's kernels and PyTorch (--threads)")
    k = m.get("kernels")
    if k:
        lines.append(f"dlspec    {'Numba ' + k['numba'] + ' compiled' if k.get('numba') else 'NumPy reference'} "
                     f"element-wise kernels, {k['threads']} threads ({k['decision']})")
    if m.get("blas_selection"):
        lines.append(f"kernels   {m['blas_selection']}")
    if m.get("malloc"):
        lines.append(f"malloc    {m['malloc']}")
    for dtype, peak in report["gemm_peak_gflops"].items():
        lines.append(f"GEMM peak {peak:.0f} GFLOP/s ({dtype} 2048x2048 product, measured after the benchmarks)")
    if report.get("advice"):
        lines.append(f"NOTE      {report['advice']}")
    load, cpus = m.get("load_average"), m.get("cpu_count") or 1
    if load and load[0] > 0.5 * cpus and not report.get("threads"):
        lines.append(f"NOTE      the machine is busy (load {load[0]} on {cpus} CPUs): multi-threaded "
                     "BLAS and PyTorch times swing 10-100x then; --threads 1 gives steadier numbers")
    return "\n".join(lines)


def write_json(report: dict, path) -> str:
    path = os.fspath(path)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    return path
