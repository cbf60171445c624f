"""``dlspec tour``: run every course experiment and write one HTML report."""
from __future__ import annotations

from . import seed as _seed


def register(sub):
    p = sub.add_parser("tour", help="run every course experiment and write DIR/index.html, one self-contained page",
                       description="Run every registered course experiment (or those named by --only), "
                                   "one after another, then write DIR/index.html: each experiment's summary, "
                                   "plots and numbers beside the course's. A failing experiment is shown "
                                   "as failed and the tour goes on.")
    p.add_argument("--size", choices=("quick", "full"), default="quick",
                   help="quick (the whole tour in a few minutes, the default) or full (the course's sizes)")
    p.add_argument("--out", default="tour", metavar="DIR", help="output folder (default ./tour)")
    p.add_argument("--only", default=None, metavar="LIST",
                   help="comma-separated course prefixes and experiment names, such as c1,c2-optimizers")
    p.add_argument("--seed", type=_seed, default=0, help="random seed for every experiment (default 0)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    add_scale_options(p)
    p.set_defaults(func=cmd_tour)


def add_scale_options(p):
    """--threads and --ray, shared by ``tour`` and ``run``."""
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="cores per experiment, for the BLAS and the compiled kernels alike (default: "
                        "DLSPEC_NUM_THREADS or all; with --ray: 1, the CPUs each Ray task asks for)")
    p.add_argument("--ray", default=None, metavar="ADDRESS",
                   help="run the experiments as tasks on a Ray cluster: HOST:PORT of a running cluster "
                        "('ray start --head'), or 'local' to start one here (pip install 'dlspec[ray]')")


def apply_threads(args):
    """Set this process's threads for a local run (a Ray task sets its own)."""
    if args.threads is not None and args.threads < 1:
        raise ValueError(f"--threads expects an integer >= 1; got {args.threads}.")
    if args.threads is not None and args.ray is None:
        from ..backend import set_num_threads
        set_num_threads(args.threads)


def cmd_tour(args):
    from ..experiments.tour import run_tour, select, summary_line
    from ..report import write_report
    from ..io.files import check_writable_dir
    select(args.only)   # a clear error for an unknown name before anything runs
    check_writable_dir(args.out)
    apply_threads(args)
    records = []
    try:
        if args.ray is not None:
            from ..experiments.on_ray import run_on_ray
            from ..experiments.tour import _one_line
            show = (lambda r: None) if args.quiet else (lambda r: print(_one_line(r), flush=True))
            run_on_ray(args.ray, only=args.only, size=args.size, seed=args.seed, out=args.out,
                       threads=args.threads or 1, on_result=lambda r: (records.append(r), show(r)))
        else:
            run_tour(only=args.only, size=args.size, seed=args.seed, out=args.out,
                     verbose=0 if args.quiet else 1, on_result=records.append)
    except KeyboardInterrupt:
        if records:   # keep what finished: a page of the experiments done so far
            print(f"\ninterrupted; {summary_line(records)}; wrote {write_report(args.out)}")
        raise
    from ..notebooks.write import tour_notebooks
    tour_notebooks(args.out, [r["name"] for r in records], seed=args.seed)   # the report links them
    page = write_report(args.out)
    print(summary_line(records))
    for record in records:
        if record["status"] != "ok":
            print(f"  {record['name']} failed: {record['error']}")
    print(f"wrote {page}: open it in a browser")
    return 1 if any(r["status"] != "ok" for r in records) else 0
