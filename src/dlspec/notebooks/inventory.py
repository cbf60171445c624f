"""One cell of the course's notebook, replayed: every value it printed beside ours.

The course helper's inventory (``dlspec/course/inventory.csv``) lists each value a pinned
course notebook prints, by cell; ``course_replays_course.REPLAYS`` recomputes a cell through
``dlspec.course`` (the course's functions under their names, in its layout). ``course_cell``
runs one cell's replay and puts each printed value beside ours, matched to its printed digits
(``course_inventory.mismatch``). A row the inventory marks ``differs`` carries its reason; a
row that should match and does not is marked UNEXPLAINED.
"""
from __future__ import annotations

import numpy as np

from .verdict import UNEXPLAINED, Comparison, Row


def course_cell(*cells: str) -> Comparison:
    """The values the course's notebook printed in each of ``cells`` (such as ``"c1w3.29"``,
    its cell 29) beside ours, in one table: a row per printed value, named after the course's
    function that printed it."""
    rows = []
    for cell in cells:
        rows += _cell_rows(cell, prefix=len(cells) > 1)
    return Comparison(rows)


def _cell_rows(cell, prefix):
    from ..experiments import course_inventory as inventory
    from ..experiments.course_replays_course import REPLAYS
    rows = [r for r in inventory.rows() if r["id"].rsplit(".", 1)[0] == cell]
    if not rows:
        cells = sorted({r["id"].rsplit(".", 1)[0] for r in inventory.rows() if r["id"] != "id"})
        raise ValueError(f"the course inventory has no cell {cell!r}; cells: {', '.join(cells[:12])}, ...")
    replayable = [r for r in rows if r["status"] in ("replayed", "differs")]
    values = REPLAYS[cell]() if replayable and cell in REPLAYS else {}
    out = []
    for row in rows:
        label = row["label"]
        shown = f"{row['function'] or 'output'}: {label}" if prefix else label
        if row["status"] == "not replayable" or label not in values:
            out.append(Row(shown, None, row["printed"], f"not replayed: {row['reason'] or 'no replay for this cell'}"))
            continue
        ours = values[label]
        differs = inventory.mismatch(row, ours)
        if differs is None:
            verdict = "same as the course (to its printed digits)"
        elif row["status"] == "differs":
            verdict = f"differs, and why: {row['reason']}"
        else:
            verdict = UNEXPLAINED
        out.append(Row(shown, _short(ours), row["printed"], verdict))
    return out


def _short(value) -> str:
    if isinstance(value, (list, tuple)) and not all(np.isscalar(v) for v in value):
        return "; ".join(_short(v) for v in value)
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{array.item():.10g}" if array.dtype.kind == "f" else str(array.item())
    return np.array2string(array, precision=8, separator=" ", max_line_width=10_000).replace("\n", "")


def replayed(*cells: str) -> list:
    """Those of ``cells`` that have a replay (the course helper adds them week by week): a
    notebook shows the course's printed values for a step as soon as they are replayed."""
    from ..experiments.course_replays_course import REPLAYS
    return [cell for cell in cells if cell in REPLAYS]
