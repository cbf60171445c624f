"""``dlspec diagnose``: avoidable bias, variance, data mismatch and dev overfitting from errors."""
from __future__ import annotations

import argparse

HELP = """\
Line up the error rates as course 3 does and name the largest gap:
  avoidable bias = train - human       variance = train-dev - train
  data mismatch  = dev - train-dev     overfitting to the dev set = test - dev
then print the course's remedies for it.

Errors are percent (8 means 8%) or fractions (0.08): with --unit auto (the default) they
are read as percent if any value is above 1, else as fractions; say --unit percent when all
your errors are below 1%. --train and --dev are required (here or in --from); --human,
--train-dev and --test are optional.

--from reads a run's metrics.json (or any JSON of metrics): keys human_error, train_error,
train_dev_error, dev_error, test_error as fractions (or *_accuracy = 1 - error), with an
optional --prefix such as baseline_. Flags given on the command line override the file.

examples:
  dlspec diagnose --human 0.5 --train 8 --train-dev 10 --dev 12 --test 12.5
  dlspec diagnose --from runs/c3-mismatch/metrics.json --prefix baseline_
"""


def register(sub):
    p = sub.add_parser("diagnose", help="bias, variance or data mismatch? the course's diagnosis "
                       "and next steps", description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    for flag, what in (("--human", "human-level error (proxy for Bayes error)"),
                       ("--train", "training error"), ("--train-dev", "train-dev error (held-out "
                        "training-distribution data)"), ("--dev", "dev error"), ("--test", "test error")):
        p.add_argument(flag, type=float, metavar="ERR", help=f"{what}, percent or fraction")
    p.add_argument("--unit", choices=("auto", "percent", "fraction"), default="auto",
                   help="how to read the numbers (default auto: percent if any is above 1)")
    p.add_argument("--from", dest="from_file", metavar="METRICS.json",
                   help="read the errors from a run's metrics.json")
    p.add_argument("--prefix", default="", help="key prefix in --from, such as baseline_")
    p.add_argument("--json", action="store_true", help="print the diagnosis as JSON")
    p.set_defaults(func=cmd_diagnose)


def cmd_diagnose(args):
    from ..project.diagnosis import diagnose, errors_from_metrics
    flags = {"human": args.human, "train": args.train, "train_dev": args.train_dev,
             "dev": args.dev, "test": args.test}
    unit = args.unit
    if args.from_file:
        from ..io import read_json
        try:
            found = errors_from_metrics(read_json(args.from_file), prefix=args.prefix)
        except ValueError as exc:
            message = str(exc)
            raise ValueError(message if args.from_file in message else f"{args.from_file}: {message}") from None
        given = {k: v for k, v in flags.items() if v is not None}
        if given and unit == "auto" and any(v > 1 for v in given.values()):
            found = {k: 100 * v for k, v in found.items()}     # the file's fractions, as percent
            unit = "percent"
        elif unit == "percent":
            found = {k: 100 * v for k, v in found.items()}
        flags = {**found, **given}
        if unit == "auto":
            unit = "fraction"
    result = diagnose(**flags, unit=unit)
    if args.json:
        import json
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print(result.report())
    return 0
