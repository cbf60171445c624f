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
    p.set_defaults(func=cmd_tour)


def cmd_tour(args):
    from ..experiments.tour import run_tour, select, summary_line
    from ..report import write_report
    from ..io.files import check_writable_dir
    select(args.only)   # a clear error for an unknown name before anything runs
    check_writable_dir(args.out)
    records = []
    try:
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
