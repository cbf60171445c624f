"""``dlspec tune EXPERIMENT --trials N --space SPEC``: hyperparameter search on an experiment."""
from __future__ import annotations

from . import at_least, seed as _seed

import argparse
import sys

SPACE_HELP = """search space: NAME=KIND:ARGS pairs separated by commas, where KIND is
  uniform:LOW:HIGH   evenly on [LOW, HIGH]
  log:LOW:HIGH       log-uniform, LOW > 0: r = log10 LOW + u (log10 HIGH - log10 LOW), value = 10^r
  beta:LOW:HIGH      the course's 1 - 10^r scale for beta-like values, 0 <= LOW < HIGH < 1
  int:LOW:HIGH       an integer in [LOW, HIGH]
  choice:A|B|C       one of the options
  or NAME=VALUE for a fixed value. Example:
  --space 'learning_rate=log:1e-4:1e-1,beta1=beta:0.8:0.999,hidden_units=int:2:50,activation=choice:relu|tanh'
  A JSON file works too (--space space.json or --space @space.json), mapping each name to such a
  string or to {"type": "log", "low": 1e-4, "high": 0.1} / {"type": "choice", "values": ["relu", "tanh"]}."""


def register(sub):
    p = sub.add_parser(
        "tune", help="hyperparameter search on an experiment (random, grid, coarse-to-fine; pool or Ray)",
        description="Search an experiment's hyperparameters. Every finished trial is written at once to "
                    "an SQLite store, so an interrupted search loses nothing and --resume continues it. "
                    "Prints the best trials and writes plots of the objective against each hyperparameter.",
        epilog=SPACE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", help="experiment name, such as c1-planar (see 'dlspec list')")
    p.add_argument("--space", help="the search space (format below); without it, lists the "
                                    "experiment's tunable hyperparameters")
    p.add_argument("--trials", type=at_least(1, 20), default=20, help="budget: number of trials (default 20)")
    p.add_argument("--sampler", choices=("random", "grid", "coarse-to-fine"), default="random",
                   help="random search (default), an evenly spaced grid, or coarse-to-fine "
                        "(random search, then again in the region of the best trials)")
    p.add_argument("--stages", type=at_least(1, 2), default=2, help="coarse-to-fine rounds (default 2)")
    p.add_argument("--objective", help="metric to optimize (default: the experiment's own)")
    p.add_argument("--mode", choices=("max", "min"),
                   help="maximize or minimize (default: max for accuracy-like names, else min)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=at_least(1, 2), help="run trials on N local processes (1 BLAS thread each)")
    where.add_argument("--ray", metavar="ADDRESS",
                       help="run trials on Ray: 'local' starts a cluster here, HOST:PORT joins one "
                            "(needs the extra: pip install 'dlspec[ray]')")
    p.add_argument("--store", help="SQLite trial store (default OUT/tune/NAME/trials.sqlite)")
    p.add_argument("--resume", action="store_true",
                   help="continue the search in the store; finished trials are not repeated")
    p.add_argument("--size", choices=("quick", "full"), default="quick",
                   help="experiment size for every trial (default quick)")
    p.add_argument("--seed", type=_seed, default=0,
                   help="seeds the sampler and every trial (default 0): same seed, same trials")
    p.add_argument("--out", default="runs", help="output folder (default ./runs)")
    p.add_argument("--top", type=at_least(1, 10), default=10, help="rows in the table of best trials (default 10)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_tune)


def cmd_tune(args):
    from pathlib import Path

    from ..io import write_json
    from ..tune import ExperimentTrial, make_executor, parse_space, tune
    from ..tune.report import best_table, plot_search

    if args.trials < 1:
        raise ValueError(f"--trials must be >= 1; got {args.trials}.")
    trial = ExperimentTrial(args.name, size=args.size)
    if not args.space:             # as the help says: list what can be tuned
        names = trial.hyperparameters
        if not names:
            raise ValueError(f"Experiment {trial.name!r} declares no tunable hyperparameters; "
                             "name the ones it reads with ctx.hp in --space.")
        print(f"{trial.name} reads these hyperparameters (tunable with --space): {', '.join(names)}")
        print(f"objective: {trial.experiment.objective or 'none declared; pass --objective'}")
        print(f"for example: dlspec tune {trial.name} --space '{names[0]}=log:1e-3:1' --trials 20")
        return 0
    space = parse_space(args.space)
    trial.check(space.names)       # before starting workers or a cluster
    out_dir = Path(args.out) / "tune" / trial.name
    from ..io.files import check_writable_dir
    check_writable_dir(out_dir)
    store = Path(args.store) if args.store else out_dir / "trials.sqlite"
    if args.store:
        from ..io.files import check_writable_file
        check_writable_file(store, "--store")
    executor = make_executor(workers=args.workers, ray=args.ray)
    if not args.quiet:
        print(f"searching {trial.name}: {args.trials} trial(s), {args.sampler} sampler, {executor}; "
              f"store {store}")
    try:
        result = tune(trial, space, trials=args.trials, seed=args.seed, sampler=args.sampler,
                      executor=executor, store=store, resume=args.resume, objective=args.objective,
                      mode=args.mode, stages=args.stages, progress=not args.quiet)
    except KeyboardInterrupt:
        executor.close()
        print(f"\ninterrupted: every finished trial is saved in {store}; run the same command with "
              "--resume to continue", file=sys.stderr)
        return 130
    print(best_table(result, args.top))
    out_dir.mkdir(parents=True, exist_ok=True)
    plot_search(result, out_dir / "search.png")
    best = result.best(1)
    write_json(out_dir / "best.json", {
        "experiment": trial.name, "size": args.size, "seed": args.seed, "objective": result.objective,
        "mode": result.mode, "space": space.to_json(), "trials_ok": len(result.ok),
        "trials_failed": len(result.failed),
        "best": best[0].to_dict() if best else None})
    print(f"\nwrote {out_dir / 'search.png'} and {out_dir / 'best.json'}; trials in {store}")
    if best:
        overrides = ",".join(f"{k}={v}" for k, v in best[0].config.items())
        print(f"best configuration: {overrides}")
    return 0 if best else 1
