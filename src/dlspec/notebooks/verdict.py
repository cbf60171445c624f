"""Our number beside the course's, with a verdict a learner can read at a glance.

A replay (a ``course_*`` metric: the course's own inputs through dlspec) gets one of
three verdicts: *same as the course* (relative difference under 1e-8), *within the printed precision* (the
course printed fewer digits, or a documented rounding drift: the experiment's
``tolerance``), or *differs, and why* (the experiment's ``notes``). A replay that differs
with no note is marked ``UNEXPLAINED``: the notebook tests fail on that word.
A trained metric (ours on data generated here) is *close to the course* within the
experiment's tolerance, or differs with the experiment's note or the generic reason.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

from ..experiments.registry import printed_tolerance

UNEXPLAINED = "differs, UNEXPLAINED"
SAME = 1e-8
TRAINED_REASON = ("a training run, not a replay: dlspec's own data generated here and the "
                  "notebook's size, where the course trained on its own data set")


@dataclass(frozen=True)
class Row:
    metric: str
    ours: object
    course: object
    verdict: str


class Comparison:
    """Rows of (metric, ours, the course's, verdict); a table in a notebook, text elsewhere."""

    def __init__(self, rows):
        self.rows = list(rows)

    @property
    def unexplained(self) -> list:
        return [r.metric for r in self.rows if r.verdict == UNEXPLAINED]

    def __getitem__(self, metric):
        return next(r for r in self.rows if r.metric == metric)

    def __repr__(self):
        cells = [("metric", "dlspec", "course", "verdict")]
        cells += [(r.metric, _fmt(r.ours), _fmt(r.course), r.verdict) for r in self.rows]
        widths = [max(len(c[i]) for c in cells) for i in range(3)]
        return "\n".join("  ".join(c[i].ljust(widths[i]) for i in range(3)) + "  " + c[3]
                         for c in cells)

    def _repr_html_(self):
        left = "style='text-align:left'"         # Jupyter right-aligns cells: numbers, not prose
        head = "".join(f"<th {left}>{h}</th>" for h in ("metric", "dlspec", "course", "verdict"))
        body = "".join(
            f"<tr><td {left}><code>{html.escape(r.metric)}</code></td><td {left}>{html.escape(_fmt(r.ours))}</td>"
            f"<td {left}>{html.escape(_fmt(r.course))}</td><td {left}>{html.escape(r.verdict)}</td></tr>"
            for r in self.rows)
        return f"<table class='dlspec-compare'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def compare(values: dict, experiment: str, course=None) -> Comparison:
    """Compare ``values`` (metric -> number) with the course's numbers that experiment
    ``experiment`` registers (its ``reference``, ``tolerance`` and ``notes``).

    ``course`` adds numbers the course prints for a step that the experiment does not
    record (a deterministic test case, such as ``iou`` of two given boxes): a key starting
    with ``course_`` is held to the replay rules, 1e-8 unless the experiment says otherwise."""
    from dataclasses import replace

    from ..experiments import get
    exp = get(experiment)
    if course:
        exp = replace(exp, reference={**exp.reference, **course})
    return Comparison(Row(k, v, exp.reference.get(k), verdict(exp, k, v)) for k, v in values.items())


def verdict(exp, metric, ours) -> str:
    theirs = exp.reference.get(metric)
    if theirs is None:
        target = exp.targets.get(metric)
        return "no course number" + (f" (target: {_fmt(target)})" if target is not None else "")
    if not _is_number(ours) or not _is_number(theirs):
        same = ours == theirs
        return "same as the course" if same else _differs(exp, metric, replay=True)
    gap = abs(float(ours) - float(theirs))
    replay = metric.startswith("course_")
    if gap <= max(SAME * abs(float(theirs)), 1e-12):     # relative: 1e-7 is not 1.0000001e-7
        return "same as the course"
    if metric in exp.exact or replay:
        # Within what the course printed: the digits of its number as written (0.01538192: 8
        # decimals; a short number such as 1.0 or 0.5 is taken as exact unless the experiment
        # says it was rounded), or a precision the experiment states (a documented drift).
        stated = exp.tolerance.get(metric, 0.0)
        if metric in exp.exact or _significant_digits(theirs) >= 6:
            stated = max(stated, printed_tolerance(theirs))
        if gap <= stated:
            return "within the printed precision"
        return _differs(exp, metric, replay=True)
    if gap <= exp.tolerance_of(metric):
        return f"close to the course (within {exp.tolerance_of(metric):g})"
    return _differs(exp, metric, replay)


def _differs(exp, metric, replay) -> str:
    note = exp.notes.get(metric)
    if note:
        return f"differs, and why: {note}"
    return UNEXPLAINED if replay else f"differs, and why: {TRAINED_REASON}"


def _significant_digits(value) -> int:
    mantissa = repr(float(value)).lower().partition("e")[0]
    return len(mantissa.replace("-", "").replace(".", "").lstrip("0"))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)
