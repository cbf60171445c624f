"""A ``Notebook`` spec and its experiment's registry entry -> an nbformat v4 notebook.

Deterministic: the same spec and seed give the same bytes (``nbformat.writes`` sorts keys;
cell ids are hashes of the cells' content, not random).
"""
from __future__ import annotations

import hashlib
import pprint

from .spec import Notebook

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

HOW_TO_READ = """Each step's table puts our number beside the one the course's notebook prints for
the same inputs. **same as the course**: equal to the last printed digit (1e-8);
**within the printed precision**: the course printed fewer digits (or a documented rounding
drift); **differs, and why**: the reason is given. Trained numbers (accuracies, costs of our
own runs) come from dlspec's data generated here, so they are only *close to* the course's."""


def build_notebook(spec: Notebook, seed: int = 0):
    """The ``nbformat.NotebookNode`` of ``spec``, its ``SEED`` set to ``seed``."""
    import nbformat
    from nbformat import v4

    from ..experiments import get
    exp = get(spec.experiment)
    cells = [v4.new_markdown_cell(_title(spec, exp)), v4.new_code_cell(_setup(spec, seed))]
    for number, step in enumerate(spec.steps, 1):
        cells.append(v4.new_markdown_cell(_step_text(number, step)))
        if step.code:
            cells.append(v4.new_code_cell(step.code.strip("\n")))
    if spec.run:
        cells.append(v4.new_markdown_cell(
            f"## {len(spec.steps) + 1}. The whole experiment\n\n`dlspec run {exp.name}` in one call: "
            f"{exp.summary}\n\nIts plots show below, then every metric beside the course's number. "
            "At `SIZE = \"full\"` it runs the course's sizes."))
        cells.append(v4.new_code_cell(
            "run(EXPERIMENT, size=SIZE, seed=SEED, hparams=QUICK if SIZE == \"quick\" else {})"))
    cells.append(v4.new_markdown_cell("## How to read the tables\n\n" + HOW_TO_READ))
    _set_ids(cells)
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "dlspec": {"experiment": exp.name, "course": exp.course, "seed": seed},
    })
    nbformat.validate(nb)
    return nb


def notebook_bytes(spec: Notebook, seed: int = 0) -> bytes:
    import nbformat
    return nbformat.writes(build_notebook(spec, seed)).encode("utf-8") + b"\n"


def _title(spec, exp) -> str:
    return (f"# {spec.assignment}\n\n"
            f"dlspec's notebook for this assignment: experiment `{exp.name}` (course {exp.course}), "
            f"*{exp.title}*.\n\n{exp.summary}\n\n"
            "Run the cells in order (*Run All*). The steps follow the assignment; each calls "
            "dlspec and shows the course's expected output beside ours. Everything runs offline "
            "at quick size in seconds; set `SIZE = \"full\"` in the next cell for the course's sizes.")


def _setup(spec, seed) -> str:
    quick = pprint.pformat(spec.quick, width=88, sort_dicts=True)
    return ("SIZE = \"quick\"   # \"full\": the course's sizes (minutes to hours)\n"
            f"SEED = {int(seed)}\n"
            f"EXPERIMENT = {spec.experiment!r}\n"
            f"QUICK = {quick}   # what quick size shrinks, so the notebook runs in seconds\n\n"
            "import numpy as np\n"
            "from dlspec.notebooks.inline import compare, display, run, show")


def _step_text(number, step) -> str:
    text = f"## {number}. {step.title}\n\n{' '.join(step.text.split())}"
    if step.equation:
        text += f"\n\n$$\n{step.equation.strip()}\n$$"
    return text


def _set_ids(cells):
    """Cell ids from the content (nbformat 4.5): the same notebook, the same ids."""
    seen = {}
    for cell in cells:
        digest = hashlib.sha256(f"{cell.cell_type}\n{cell.source}".encode("utf-8")).hexdigest()[:12]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        cell["id"] = digest if n == 0 else f"{digest}-{n}"
