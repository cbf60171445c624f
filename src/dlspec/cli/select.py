"""``dlspec select CANDIDATES.csv``: one optimizing metric, satisficing constraints."""
from __future__ import annotations

import argparse

HELP = """\
Choose a model the course-3 way: make one metric the optimizing metric (as good as
possible) and the others satisficing (a threshold is enough); say which constraint ruled
out each candidate.

CANDIDATES.csv (header row required; one row per model, numbers in the metric columns):
  name,accuracy,running_time_ms
  A,0.90,80
  B,0.92,95
  C,0.95,1500

example (the course's):
  dlspec select candidates.csv --optimize accuracy --satisfy "running_time_ms <= 100"
"""


def register(sub):
    p = sub.add_parser("select", help="pick a model: one optimizing metric, satisficing constraints",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("candidates", metavar="CANDIDATES.csv", help="columns name,<metric>,...")
    p.add_argument("--optimize", required=True, metavar="METRIC", help="the optimizing metric")
    p.add_argument("--minimize", action="store_true",
                   help="smaller is better for the optimizing metric (errors, costs, times)")
    p.add_argument("--satisfy", action="append", default=[], metavar="'METRIC OP VALUE'",
                   help="a satisficing constraint such as 'running_time_ms <= 100' (OP is <=, <, >=, >); "
                        "repeat for several")
    p.set_defaults(func=cmd_select)


def cmd_select(args):
    from ..project.selection import read_candidates_csv, select_model
    candidates = read_candidates_csv(args.candidates)
    satisficing = {}
    for text in args.satisfy:
        op = next((o for o in ("<=", ">=", "<", ">") if o in text), None)
        if op is None:
            raise ValueError(f"--satisfy {text!r} must look like 'METRIC <= VALUE' "
                             "(operators <=, <, >=, >).")
        metric, value = text.split(op, 1)
        satisficing[metric.strip()] = f"{op} {value.strip()}"
    print(select_model(candidates, args.optimize, satisficing, maximize=not args.minimize).report())
    return 0
