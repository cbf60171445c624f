"""``dlspec errors PREDICTIONS.csv TAGS.csv``: error analysis of tagged dev-set errors."""
from __future__ import annotations

import argparse

HELP = """\
Tally the tags of the misclassified dev examples (course 3's error analysis): the share of
the reviewed errors per tag, the ceiling on the improvement from fixing each (error rate x
share), and the part of the error due to mislabeled examples.

PREDICTIONS.csv (header row required; extra columns ignored):
  id,label,prediction
  img_001,cat,cat
  img_002,cat,dog

TAGS.csv, wide form (the course's spreadsheet; cells 1/0, x/blank, yes/no, true/false;
columns named comments or notes are free text and skipped):
  id,dog,great_cat,blurry,mislabeled,comments
  img_002,1,0,0,0,pitbull
TAGS.csv, long form (tags separated by ";"; an id may repeat):
  id,tags
  img_002,dog;blurry

Only tagged ids that are errors count; the reviewed errors may be a sample of all errors.

example:
  dlspec errors dev_predictions.csv dev_tags.csv --plot error_analysis.png
"""


def register(sub):
    p = sub.add_parser("errors", help="error analysis: share of dev errors per tag, ceiling per fix",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("predictions", metavar="PREDICTIONS.csv", help="columns id,label,prediction")
    p.add_argument("tags", metavar="TAGS.csv", help="columns id,<tag>,... (or id,tags)")
    p.add_argument("--tags", dest="only", metavar="TAG,TAG",
                   help="analyse only these tags (comma-separated)")
    p.add_argument("--mislabeled", metavar="TAG",
                   help="the tag that marks a wrong label (default: a tag named like 'mislabeled')")
    p.add_argument("--plot", metavar="OUT.png", help="also write a bar chart")
    p.set_defaults(func=cmd_errors)


def cmd_errors(args):
    from ..project.error_analysis import error_analysis, read_predictions_csv, read_tags_csv
    ids, labels, predictions = read_predictions_csv(args.predictions)
    only = [t.strip() for t in args.only.split(",") if t.strip()] if args.only else None
    tags = read_tags_csv(args.tags, only=only)
    result = error_analysis(ids, labels, predictions, tags, mislabeled=args.mislabeled)
    print(result.report())
    if args.plot:
        from .. import plots
        fig, axes = plots.new_figure(width=6, height=0.5 * max(len(result.counts), 3) + 1.2)
        result.plot(axes[0])
        fig.savefig(args.plot, dpi=110)
        print(f"\nwrote {args.plot}")
    return 0
