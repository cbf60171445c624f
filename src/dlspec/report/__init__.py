"""The report: every experiment's results in one self-contained HTML page.

>>> from dlspec.report import write_report
>>> write_report("tour")          # reads tour/*/metrics.json, writes tour/index.html  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

from ..io import atomic_write
from .render import COURSES, render_report
from .results import Result, load_results


def write_report(folder, out=None) -> Path:
    """Render ``folder``'s stored results into ``out`` (default ``folder/index.html``).

    Every registered experiment gets a section; see :func:`render.render_report`.
    Raises FileNotFoundError / ValueError, naming the file, for a missing folder,
    a folder without results, or a corrupt ``metrics.json``.
    """
    from ..experiments import all_experiments
    folder = Path(folder)
    results = load_results(folder)
    out = Path(out) if out is not None else folder / "index.html"
    page = render_report(results, all_experiments(), folder=str(folder), page_dir=out.parent)
    with atomic_write(out, "w") as f:
        f.write(page)
    out.chmod(0o644)   # a page to open and share, not a private temporary file
    return out


__all__ = ["write_report", "render_report", "load_results", "Result", "COURSES"]
