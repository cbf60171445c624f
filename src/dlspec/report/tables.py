"""The numbers table of an experiment's card: ours beside the course's, and the difference
coloured by the stated tolerance."""
from __future__ import annotations

import math

from .markup import _text, e


def _table(metrics, reference, exp=None, targets=None, sources=None) -> str:
    """The card's table: metric, ours, the course's printed number (and the notebook it is
    from), the difference; a further column for targets and other references, when any."""
    targets = (exp.targets if exp is not None else targets) or {}
    sources = (exp.sources if exp is not None else sources) or {}
    names = list(metrics) + [k for k in (*reference, *targets) if k not in metrics]
    names = list(dict.fromkeys(names))
    other = (lambda k: f"<td>{_target(targets.get(k))}</td>") if targets else (lambda k: "")
    rows = "".join(f"<tr><td><code>{e(k)}</code></td><td>{_fmt(metrics.get(k))}</td>"
                   f"<td>{_fmt(reference.get(k))}{_source(sources, k, reference)}</td>"
                   f"{_diff(metrics.get(k), reference.get(k), _tolerance(exp, k), _exact(exp, k))}{other(k)}</tr>"
                   for k in names)
    note = "" if reference else ("<p class='note'>The course prints no numbers for this experiment; "
                                 "ours are shown " + ("beside other references.</p>" if targets else "alone.</p>"))
    notes = (exp.notes if exp is not None else {}) or {}
    explained = "".join(f"<li><code>{e(k)}</code>: {_text(v)}</li>" for k, v in notes.items())
    if explained:
        note += f"<p class='meta'>Known differences from the course:</p><ul class='notes'>{explained}</ul>"
    head = "<th>other reference (not the course)</th>" if targets else ""
    return ("<div class='table'><table><thead><tr><th>metric</th><th>dlspec</th><th>course</th>"
            f"<th>difference</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>{note}")


def _source(sources, metric, reference) -> str:
    """Where a course number comes from: its own entry, else "*" (the card's notebook), which
    is shown once, under the card's first course number, so that the column stays short."""
    if metric not in reference:
        return ""
    text = sources.get(metric) or (sources.get("*") if metric == next(iter(reference)) else None)
    return f"<span class='source'>{_text(text)}</span>" if text else ""


def _target(target) -> str:
    """A target cell: the number and, under it, where it comes from."""
    if target is None:
        return "&ndash;"
    value, source = target if isinstance(target, (tuple, list)) else (target, "")
    return _fmt(value) + (f"<span class='source'>{_text(source)}</span>" if source else "")


def _exact(exp, metric) -> bool:
    return exp is not None and metric in exp.exact


def _tolerance(exp, metric) -> float:
    if exp is not None:
        return exp.tolerance_of(metric)
    from ..experiments.registry import REPLAY_TOLERANCE, TOLERANCE
    return REPLAY_TOLERANCE if metric.startswith("course_") else TOLERANCE


def off_the_course(metrics, reference, exp=None) -> list:
    """The metrics further from the course's number than their stated tolerance."""
    return [k for k, theirs in reference.items()
            if (_number(metrics.get(k)) and _number(theirs) and abs(metrics[k] - theirs) > _tolerance(exp, k))
            or (isinstance(theirs, str) and k in metrics and metrics[k] != theirs)]


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _fmt(value) -> str:
    if value is None:
        return "&ndash;"
    if isinstance(value, float):
        return e(f"{value:.4g}")
    return e(value)


def _diff(ours, theirs, tolerance, exact=False) -> str:
    """The difference cell: green within the stated tolerance, red and said so outside it;
    text (a sampled name) agrees only when equal."""
    if isinstance(theirs, str) and ours is not None:
        return "<td class='agree'>same</td>" if ours == theirs else "<td class='off'>differs</td>"
    if not (_number(ours) and _number(theirs)):
        return "<td>&ndash;</td>"
    d = ours - theirs
    if exact:
        if abs(d) <= tolerance:
            return "<td class='agree' title='equal to every printed digit'>exact</td>"
        return (f"<td class='off'>{e(f'{d:+.4g}')}<br><span class='why'>not equal to the printed "
                "digits (an exact check)</span></td>")
    if abs(d) <= tolerance:
        return f"<td class='agree' title='within {tolerance:g}'>{e(f'{d:+.4g}')}</td>"
    return (f"<td class='off'>{e(f'{d:+.4g}')}<br><span class='why'>out of tolerance "
            f"(&plusmn;{e(f'{tolerance:g}')})</span></td>")
