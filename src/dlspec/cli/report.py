"""``dlspec report DIR``: re-render the HTML report from stored results, without training."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("report", help="re-render DIR/index.html from stored results (no training)",
                       description="Read DIR/*/metrics.json and the plots beside them, written by "
                                   "'dlspec tour' or 'dlspec run', and write DIR/index.html.")
    p.add_argument("folder", metavar="DIR", help="results folder, such as ./tour")
    p.add_argument("--output", default=None, metavar="FILE", help="where to write the page (default DIR/index.html)")
    p.set_defaults(func=cmd_report)


def cmd_report(args):
    from ..report import write_report
    page = write_report(args.folder, out=args.output)
    print(f"wrote {page}: open it in a browser")
    return 0
