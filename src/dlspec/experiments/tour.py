"""The tour: run every registered experiment (or a selection), one after another.

A failing experiment does not stop the tour: its ``metrics.json`` records the failure
(status "failed", the error and the traceback) so that the report can show it.
"""
from __future__ import annotations

import re
import time
import traceback
from pathlib import Path

from ..io import write_json
from .registry import all_experiments
from .runner import run_experiment

_COURSE = re.compile(r"^c?([1-9])$")   # "c1" or "1": every experiment of course 1


def select(only=None) -> list:
    """The experiments named by ``only``, in course order.

    Parameters
    ----------
    only : str, iterable of str, or None
        Course prefixes (``"c1"``, or ``"1"``) and experiment names (``"c1-planar"``),
        as a list or one comma-separated string. None or "": every experiment; a list
        that names nothing (",") is an error, not "everything".

    Raises
    ------
    ValueError
        For a name that is neither a registered experiment nor a course that has some,
        listing the known courses and names.
    """
    experiments = all_experiments()
    if only is None:
        return experiments
    tokens = [t.strip() for t in (only.split(",") if isinstance(only, str) else only)]
    tokens = [t for t in tokens if t]
    if not tokens and isinstance(only, str) and not only.strip():
        return experiments          # an empty option, as if not given
    if not tokens:
        raise ValueError(f"--only {only!r} names no experiment; give course prefixes or names, such as "
                         "--only c1,c2-optimizers (or leave --only out to run everything).")
    by_name = {e.name: e for e in experiments}
    courses = sorted({e.course for e in experiments})
    chosen, unknown = set(), []
    for token in tokens:
        match = _COURSE.match(token.lower())
        if token in by_name:
            chosen.add(token)
        elif match and int(match.group(1)) in courses:
            chosen.update(e.name for e in experiments if e.course == int(match.group(1)))
        else:
            unknown.append(token)
    if unknown:
        raise ValueError(
            f"--only: unknown course or experiment {', '.join(map(repr, unknown))}. "
            f"Known courses: {', '.join(f'c{c}' for c in courses)}. "
            f"Known experiments: {', '.join(by_name)}. "
            "Give a comma-separated list, such as --only c1,c2-optimizers ('dlspec list' shows them all).")
    return [e for e in experiments if e.name in chosen]


def run_tour(only=None, size="quick", seed=0, out="tour", verbose=1, on_result=None) -> list:
    """Run the selected experiments; write ``OUT/NAME/metrics.json`` for each, even failed ones.

    Parameters
    ----------
    only : see :func:`select`.
    size : "quick" (the whole tour in a few minutes) or "full" (the course's sizes).
    seed : int, the same for every experiment.
    out : folder for the results, one sub-folder per experiment.
    verbose : 1 shows a progress bar across experiments (and each experiment's own bars).
    on_result : optional callable(record), called after each experiment.

    Returns
    -------
    list of dict
        One record per experiment, as written to its ``metrics.json``.
    """
    from tqdm.auto import tqdm
    from .context import SIZES
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}; got {size!r}.")
    experiments = select(only)
    records = []
    bar = tqdm(experiments, desc="tour", unit="experiment", disable=None if verbose else True)
    for exp in bar:
        bar.set_postfix_str(exp.name)
        start, started_at = time.perf_counter(), time.time()
        try:
            record = run_experiment(exp.name, size=size, seed=seed, out=out, verbose=verbose, echo=False)
        except Exception as exc:   # noqa: BLE001 -- any failure is recorded and the tour goes on
            record = failed_record(exp, exc, size, seed, out, time.perf_counter() - start, started_at)
        records.append(record)
        if verbose:
            tqdm.write(_one_line(record))
        if on_result is not None:
            on_result(record)
    return records


def failed_record(exp, exc, size, seed, out, seconds, started_at=None) -> dict:
    """Write and return the ``metrics.json`` record of an experiment that raised ``exc``.

    Plots written since ``started_at`` (a ``time.time()``) are kept: they may show what went
    wrong; older ones, from an earlier run, are not.
    """
    from .. import __version__
    out_dir = Path(out) / exp.name
    plots = []
    if started_at is not None and out_dir.is_dir():
        plots = sorted(p.name for p in out_dir.glob("*.png") if p.stat().st_mtime >= started_at - 1)
    record = {
        "name": exp.name, "course": exp.course, "title": exp.title, "summary": exp.summary,
        "status": "failed", "size": size, "seed": seed, "hparams": {},
        "seconds": round(seconds, 2), "metrics": {}, "reference": exp.reference,
        "plots": plots,
        "modules": list(exp.modules), "dlspec_version": __version__,
        "error": f"{type(exc).__name__}: {exc}",
        "traceback": "".join(traceback.format_exception(exc)),
    }
    write_json(out_dir / "metrics.json", record)
    return record


def _one_line(record) -> str:
    if record["status"] == "ok":
        return f"  ok      {record['name']:<24} {record['seconds']:>7.1f} s"
    return f"  FAILED  {record['name']:<24} {record['seconds']:>7.1f} s  {record['error']}"


def summary_line(records) -> str:
    """``4 experiments: 3 ok, 1 failed (c1-deep) in 12.3 s``."""
    failed = [r["name"] for r in records if r["status"] != "ok"]
    total = sum(r["seconds"] for r in records)
    n = len(records)
    text = f"{n} experiment{'' if n == 1 else 's'}: {n - len(failed)} ok, {len(failed)} failed"
    if failed:
        text += f" ({', '.join(failed)})"
    return text + f", in {total:.1f} s"
