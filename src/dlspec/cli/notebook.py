"""``dlspec notebook NAME`` / ``dlspec notebook --all --out DIR``: the assignments as notebooks."""
from __future__ import annotations

from . import seed


def register(sub):
    p = sub.add_parser("notebook", help="write an assignment's Jupyter notebook (or all of them)",
                       description="Write NAME.ipynb: the assignment that experiment NAME stands for, "
                                   "step by step, each step calling dlspec beside the course's expected "
                                   "output. Open them with 'jupyter lab' (pip install -e '.[notebook]').")
    p.add_argument("name", nargs="?", metavar="NAME", help="experiment name, such as c1-planar")
    p.add_argument("--all", action="store_true", help="every assignment's notebook (into --out)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="folder to write into (default: . for NAME, notebooks for --all)")
    p.add_argument("--seed", type=seed, default=0, help="the notebooks' SEED (default 0)")
    p.add_argument("--force", action="store_true", help="replace what is already there")
    p.add_argument("--execute", action="store_true",
                   help="run every cell on a Jupyter kernel and keep the outputs in the notebook")
    p.set_defaults(func=cmd_notebook)


def cmd_notebook(args):
    from ..notebooks import notebook_names, write_notebooks
    if args.all == bool(args.name):
        raise ValueError("give one experiment NAME or --all (not both, not neither). Notebooks: "
                         + ", ".join(notebook_names()))
    names = notebook_names() if args.all else [args.name]
    out = args.out or ("notebooks" if args.all else ".")
    paths = write_notebooks(names, out, seed=args.seed, force=args.force, execute=args.execute,
                            folder=args.all)
    done = "wrote and ran" if args.execute else "wrote"
    print(f"{done} {len(paths)} notebook{'s' if len(paths) != 1 else ''} in {out}: open with 'jupyter lab {out}'")
    return 0
