"""``dlspec list`` and ``dlspec run NAME``."""
from __future__ import annotations

from . import seed as _seed


def register(sub):
    p = sub.add_parser("list", help="list the course experiments")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("run", help="run one experiment: print its results, write plots and metrics.json")
    p.add_argument("name", help="experiment name, such as c1-planar (see 'dlspec list')")
    add_run_options(p)
    p.add_argument("--checkpoint-dir", metavar="DIR",
                   help="write checkpoints of every fit (or training loop) under DIR/NAME/fitKK/ "
                        "(atomic, the last 2 per fit); experiments that do not train refuse it")
    p.add_argument("--checkpoint-every", type=int, metavar="N",
                   help="checkpoint every N epochs, or steps in a step loop (default: every 2 seconds, "
                        "and at the end of each fit)")
    p.add_argument("--resume", action="store_true",
                   help="continue from the latest checkpoints (in --checkpoint-dir, else "
                        "OUT/NAME/checkpoints); the result equals an uninterrupted run. Refused when they "
                        "were made with another seed, size, hyperparameters, data or dlspec version")
    p.add_argument("--restart", action="store_true",
                   help="delete the checkpoints of an earlier run of NAME and start again (a folder that "
                        "holds checkpoints is refused without --resume or --restart)")
    p.set_defaults(func=cmd_run)


def add_run_options(p):
    p.add_argument("--size", choices=("quick", "full"), default="quick",
                   help="quick (seconds, the default) or full (the course's sizes)")
    p.add_argument("--seed", type=_seed, default=0, help="random seed (default 0): same seed, same run")
    p.add_argument("--out", default="runs", help="output folder (default ./runs)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def cmd_list(args):
    from ..experiments import all_experiments
    for exp in all_experiments():
        print(f"{exp.name:<20} course {exp.course}  {exp.title}")
    return 0


def cmd_run(args):
    from ..experiments import get
    from ..experiments.runner import results_table, run_experiment
    get(args.name)   # a clear error for an unknown name before anything runs
    if args.checkpoint_every is not None and args.checkpoint_every < 1:
        raise ValueError(f"--checkpoint-every expects an integer >= 1; got {args.checkpoint_every}.")
    from ..io.files import check_writable_dir
    check_writable_dir(args.out)   # before the training, not after it
    if args.checkpoint_dir:
        check_writable_dir(args.checkpoint_dir, "--checkpoint-dir")
    record = run_experiment(args.name, size=args.size, seed=args.seed, out=args.out,
                            verbose=0 if args.quiet else 1,
                            checkpoint_dir=getattr(args, "checkpoint_dir", None),
                            resume=getattr(args, "resume", False),
                            checkpoint_every=getattr(args, "checkpoint_every", None),
                            restart=getattr(args, "restart", False))
    print(results_table(record))
    print(f"\nwrote {args.out}/{args.name}/metrics.json and {len(record['plots'])} plot(s)")
    return 0
