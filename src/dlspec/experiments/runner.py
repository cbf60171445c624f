"""Run one experiment: time it, write ``metrics.json`` and its plots, format the table."""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from ..io import write_json
from ..train import fit_hook
from .context import Context
from .registry import get


def run_experiment(name, size="quick", seed=0, out="runs", verbose=1, hparams=None,
                   checkpoint_dir=None, resume=False, checkpoint_every=None, echo=True) -> dict:
    """Run experiment ``name``; write ``OUT/NAME/metrics.json`` and PNGs; return the record.

    ``checkpoint_dir`` turns on checkpoints for the experiment's training runs (those that
    pass ``ctx.checkpoints(tag)``); ``resume`` continues them from their latest checkpoints
    (in ``OUT/NAME/checkpoints`` unless ``checkpoint_dir`` says otherwise). ``echo=False``
    silences the experiment's ``ctx.say`` (the tour).
    """
    exp = get(name)
    out_dir = Path(out) / exp.name
    ctx = Context(size=size, seed=seed, out_dir=out_dir, verbose=verbose, hparams=dict(hparams or {}),
                  checkpoint_dir=Path(checkpoint_dir) / exp.name if checkpoint_dir else None,
                  resume=resume, checkpoint_every=checkpoint_every, echo=echo)
    _check_checkpoint_flags(exp, ctx)
    start = time.perf_counter()
    with fit_hook(ctx.fit_hook):
        metrics = exp.run(ctx)
    from .. import __version__
    record = {
        "name": exp.name, "course": exp.course, "title": exp.title, "summary": exp.summary,
        "status": "ok", "size": size, "seed": seed, "hparams": ctx.hparams,
        "hparams_read": list(ctx.hparams_read),
        "seconds": round(time.perf_counter() - start, 2),
        "metrics": metrics, "reference": exp.reference, "targets": exp.targets,
        "sources": exp.sources, "plots": list(ctx.plots),
        "audio": list(ctx.audio),
        "modules": list(exp.modules), "dlspec_version": __version__,
    }
    write_json(out_dir / "metrics.json", record)
    return record


def _check_checkpoint_flags(exp, ctx):
    """Refuse checkpoint flags an experiment cannot honour, and --resume with nothing to resume."""
    if ctx.checkpoint_dir is None:
        return
    if not exp.checkpoints:
        raise ValueError(f"{exp.name} does not train with fit(), so it writes no checkpoints and has "
                         "none to resume: run it without --checkpoint-dir/--checkpoint-every/--resume "
                         "(it takes seconds).")
    if ctx.resume and not any(ctx.checkpoint_dir.glob("**/*-epoch*.npz")):
        # Said, not raised: "always pass --resume" stays a valid way to run a job.
        print(f"--resume: no checkpoint of {exp.name} in {ctx.checkpoint_dir}; starting from the "
              "beginning (checkpoints go there from now on).", file=sys.stderr)


def results_table(record) -> str:
    """Our numbers beside the course's, one row per metric."""
    ref, targets = record.get("reference", {}), record.get("targets") or {}
    rows = [(k, _fmt(v), _fmt(ref.get(k)), _diff(v, ref.get(k))) + ((_fmt(targets.get(k)),) if targets else ())
            for k, v in record["metrics"].items()]
    header = ("metric", "dlspec", "course", "difference") + (("target",) if targets else ())
    n = len(header)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(n)]
    line = "  ".join("{:<%d}" % widths[0] if i == 0 else "{:>%d}" % widths[i] for i in range(n))
    out = [f"{record['name']}: {record['title']}  (size {record['size']}, seed {record['seed']}, "
           f"{record['seconds']} s)", line.format(*header), line.format(*("-" * w for w in widths))]
    out += [line.format(*r) for r in rows]
    return "\n".join(out)


def _fmt(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _diff(ours, theirs):
    if isinstance(theirs, str) and ours is not None:          # a sampled name
        return "same" if ours == theirs else "differs"
    if not isinstance(ours, (int, float)) or not isinstance(theirs, (int, float)):
        return "-"
    if math.isnan(ours):
        return "-"
    return f"{ours - theirs:+.4g}"
