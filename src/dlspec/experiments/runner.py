"""Run one experiment: time it, write ``metrics.json`` and its plots, format the table."""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

from ..io import write_json
from ..io.provenance import differences
from ..train import fit_hook
from .context import Context
from .registry import get


def run_experiment(name, size="quick", seed=0, out="runs", verbose=1, hparams=None,
                   checkpoint_dir=None, resume=False, checkpoint_every=None, echo=True,
                   restart=False) -> dict:
    """Run experiment ``name``; write ``OUT/NAME/metrics.json`` and PNGs; return the record.

    ``checkpoint_dir`` turns on checkpoints for the experiment's training runs (those that
    pass ``ctx.checkpoints(tag)``); ``resume`` continues them from their latest checkpoints
    (in ``OUT/NAME/checkpoints`` unless ``checkpoint_dir`` says otherwise), refusing
    checkpoints made with another seed, size, hyperparameters or dlspec version (``run.json``
    beside them; each fit also checks its own data and settings). A folder that already holds
    checkpoints needs ``resume`` or ``restart`` (which deletes them first): nothing is
    replaced silently. ``echo=False`` silences the experiment's ``ctx.say`` (the tour).
    """
    exp = get(name)
    out_dir = Path(out) / exp.name
    ctx = Context(size=size, seed=seed, out_dir=out_dir, verbose=verbose, hparams=dict(hparams or {}),
                  checkpoint_dir=Path(checkpoint_dir) / exp.name if checkpoint_dir else None,
                  resume=resume, checkpoint_every=checkpoint_every, echo=echo)
    if restart and ctx.checkpoint_dir is None:
        ctx.checkpoint_dir = out_dir / "checkpoints"
    _check_checkpoint_flags(exp, ctx, restart)
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
    if ctx.checkpoint_dir is not None:   # where each checkpointed fit started, epochs (steps) it ran
        record["fits"] = ctx.fit_log
    write_json(out_dir / "metrics.json", record)
    return record


def _check_checkpoint_flags(exp, ctx, restart=False):
    """Refuse checkpoint flags an experiment cannot honour, checkpoints of another run, and a
    folder of checkpoints given neither --resume nor --restart; say --resume with nothing to resume."""
    if ctx.checkpoint_dir is None:
        return
    if not exp.checkpoints:
        raise ValueError(f"{exp.name} does not train with fit(), so it writes no checkpoints and has "
                         "none to resume: run it without --checkpoint-dir/--checkpoint-every/--resume "
                         "(it takes seconds).")
    if ctx.resume and restart:
        raise ValueError("--resume continues the checkpoints and --restart deletes them: give one of them.")
    found = sorted(ctx.checkpoint_dir.glob("**/*-epoch*.npz"))
    manifest, now = ctx.checkpoint_dir / "run.json", run_manifest(exp, ctx)
    if found and restart:
        for path in found:
            path.unlink()
        manifest.unlink(missing_ok=True)
        print(f"--restart: deleted {len(found)} checkpoint(s) of {exp.name} in {ctx.checkpoint_dir}.",
              file=sys.stderr)
    elif found and ctx.resume:
        saved = json.loads(manifest.read_text()) if manifest.is_file() else None
        different = differences(saved, now) if isinstance(saved, dict) else []
        if different:
            raise ValueError(f"cannot resume {exp.name} from {ctx.checkpoint_dir}: its checkpoints were made "
                             f"by another run ({'; '.join(different)}). Resume with the same --seed, --size "
                             "and hyperparameters, or pass --restart to delete them and start again.")
    elif found:
        raise ValueError(f"{ctx.checkpoint_dir} holds {len(found)} checkpoint(s) of an earlier run of {exp.name} "
                         f"(such as {found[-1].relative_to(ctx.checkpoint_dir)}): pass --resume to continue "
                         "it, or --restart to delete them and start again (nothing was deleted).")
    elif ctx.resume:
        # Said, not raised: "always pass --resume" stays a valid way to run a job.
        print(f"--resume: no checkpoint of {exp.name} in {ctx.checkpoint_dir}; starting from the "
              "beginning (checkpoints go there from now on).", file=sys.stderr)
    write_json(manifest, now)


def run_manifest(exp, ctx) -> dict:
    """What a run's checkpoints are made with (``run.json``): a resumed run must match it.

    Hyperparameters that count epochs are left out: a finished run may be asked for more.
    """
    from .. import __version__
    return {"experiment": exp.name, "size": ctx.size, "seed": ctx.seed,
            "hparams": {k: v for k, v in sorted(ctx.hparams.items()) if not k.endswith("epochs")},
            "dlspec_version": __version__}


def results_table(record) -> str:
    """Our numbers beside the course's, one row per metric."""
    ref, targets = record.get("reference", {}), record.get("targets") or {}
    target = lambda k: targets.get(k)[0] if isinstance(targets.get(k), (list, tuple)) else targets.get(k)  # noqa: E731
    rows = [(k, _fmt(v), _fmt(ref.get(k)), _diff(v, ref.get(k))) + ((_fmt(target(k)),) if targets else ())
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
