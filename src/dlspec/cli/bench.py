"""``dlspec bench``: time dlspec against PyTorch and the machine's GEMM peak."""
from __future__ import annotations

from . import at_least, seconds, seed as _seed

import sys


def register(sub):
    p = sub.add_parser("bench", help="benchmark dlspec against PyTorch and the GEMM peak; print a table",
                       description="Run each benchmark for dlspec and PyTorch on the same shapes, data "
                                   "and weights, each side in its own process with samples taken in "
                                   "alternation (warm-up, repeats, median), then print times, "
                                   "ratios (dlspec / PyTorch: lower is better), GFLOP/s and the share of "
                                   "the GEMM peak measured now, with the BLAS library and its kernels. "
                                   "Without PyTorch, absolute numbers only.")
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="benchmarks or groups to run (default: all; see --list)")
    p.add_argument("--list", action="store_true", help="list the benchmarks and their targets, run nothing")
    p.add_argument("--repeats", type=at_least(1, 9), default=9, help="timed samples per side (default 9)")
    p.add_argument("--quick", action="store_true", help="smaller problems: a smoke run in seconds")
    p.add_argument("--no-torch", action="store_true", help="do not compare with PyTorch")
    p.add_argument("--json", default=None, metavar="FILE", help="also write the results as JSON to FILE")
    p.add_argument("--profile", action="store_true",
                   help="profile the dlspec side of each named benchmark (cProfile) instead of timing")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--threads", type=at_least(1, 2), default=None,
                   help="limit BLAS and PyTorch to N threads (default: their own choice)")
    p.add_argument("--in-process", action="store_true",
                   help="time both sides in this process (faster to start; with several threads the "
                        "libraries' spinning thread pools then slow each other)")
    p.add_argument("--no-memory", action="store_true",
                   help="skip the peak-memory measurement of the training steps")
    p.add_argument("--settle", type=seconds, default=None, metavar="S",
                   help="seconds to wait before each sample so the other side's threads park "
                        "(default 0.15; --quick 0.02)")
    p.add_argument("--reference-malloc", choices=("dlspec", "glibc"), default="dlspec",
                   help="the reference's allocator: dlspec's setting, as on the dlspec side (default), "
                        "or glibc's defaults, as PyTorch's users run it")
    p.add_argument("--seed", type=_seed, default=0, help="seed for the data and weights (default 0)")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args):
    from .. import bench
    if args.list:
        for b in bench.all_benchmarks():
            target = f"  target {b.target}" if b.target else ""
            extra = "" if b.default else "  (only when named)"
            print(f"{b.name:<22} {b.group:<8} {b.title}{target}{extra}")
        return 0
    if args.repeats < 1:
        raise ValueError(f"--repeats must be >= 1; got {args.repeats}.")
    bench.select(args.names)   # a clear error for an unknown name before anything runs
    if args.json:
        from ..io.files import check_writable_file
        check_writable_file(args.json, "--json")
    if args.profile:
        from ..bench.profile import profile
        if not args.names:
            raise ValueError("--profile needs benchmark names, such as: dlspec bench mlp-step --profile")
        for b in bench.select(args.names):
            print(profile(b.name, seed=args.seed))
        return 0
    report = bench.run(args.names, repeats=args.repeats, use_torch=not args.no_torch,
                       quick=args.quick, seed=args.seed, threads=args.threads,
                       isolate=not args.in_process, memory=not args.no_memory, settle=args.settle,
                       reference_malloc=args.reference_malloc,
                       progress=lambda name: print(f"running {name}...", file=sys.stderr, flush=True))
    print(bench.format_machine(report))
    print()
    print(bench.format_table(report, markdown=args.markdown))
    if args.json:
        print(f"\nwrote {bench.write_json(report, args.json)}")
    return 0
