"""The page's contents list and the cards' status badges (ok, failed, not run, off the course)."""
from __future__ import annotations

from .markup import e
from .tables import off_the_course

COURSES = {
    1: "Neural networks and deep learning",
    2: "Improving deep neural networks",
    3: "Structuring machine learning projects",
    4: "Convolutional neural networks",
    5: "Sequence models",
}


def course_title(course) -> str:
    if course in COURSES:
        return f"Course {course}: {COURSES[course]}"
    return f"Course {course}" if course else "Other results"


def _status(result) -> str:
    if result is None:
        return "notrun"
    return "ok" if result.record["status"] == "ok" else "failed"


_BADGE = {"ok": "ok", "failed": "failed", "notrun": "not run"}


def _badge(status) -> str:
    return f"<span class='badge status-{status}'>{_BADGE[status]}</span>"


def _off_badge(record, reference, exp) -> str:
    off = off_the_course(record.get("metrics") or {}, reference, exp) if record.get("status") == "ok" else []
    if not off:
        return ""
    return (f"<span class='badge status-off' title='{e(', '.join(off))}'>{len(off)} "
            f"off the course</span>")


def _off(exp, res) -> list:
    """The metrics of a stored result that are off the course (none for a failed or missing run)."""
    if res is None or res.record.get("status") != "ok":
        return []
    reference = exp.reference if exp is not None else res.record.get("reference") or {}
    return off_the_course(res.record.get("metrics") or {}, reference, exp)


def _toc(by_course) -> str:
    items, off_cards = [], 0
    for course, entries in by_course.items():
        links = []
        for _, name, exp, res in entries:
            off = _off(exp, res)
            off_cards += bool(off)
            links.append(f"<li><a href='#{e(name)}'>{e(name)}</a> {_badge(_status(res))}"
                         + (f" <span class='badge status-off' title='{e(', '.join(off))}'>{len(off)} off "
                            "the course</span>" if off else "") + "</li>")
        items.append(f"<li><a href='#course-{course}'>{e(course_title(course))}</a>"
                     + (f"<ul>{''.join(links)}</ul>" if links else "") + "</li>")
    summary = (f"<p class='meta toc-off'>{off_cards} experiment{'s' if off_cards != 1 else ''} with "
               "numbers off the course (outside the stated tolerance; each card says why)</p>")
    return f"<nav class='toc'><h2>Contents</h2>{summary}<ol>{''.join(items)}</ol></nav>"
