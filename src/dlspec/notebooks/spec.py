"""What a notebook is made of: the assignment it stands for and its steps, as data.

One ``Notebook`` per assignment, written once in ``course1.py`` ... ``course5.py`` beside
this file. ``build.py`` turns it into an ``.ipynb``: a title from the experiment's registry
entry, a setup cell (``SIZE``, ``SEED``), then one markdown cell and one code cell per step.
Nothing in a notebook is hand-written JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NOTEBOOKS: dict[str, "Notebook"] = {}


@dataclass(frozen=True)
class Step:
    """One step of an assignment.

    title : a short heading ("Forward propagation").
    text : what the step computes, in our own words (Markdown).
    equation : the course's equation in LaTeX, shown as display math (may be empty).
    code : the Python source of the step's code cell; it calls dlspec. Its last line may be
        an expression (a ``compare(...)`` table, a figure), shown as the cell's output.
    """

    title: str
    text: str
    equation: str = ""
    code: str = ""


@dataclass(frozen=True)
class Notebook:
    """The notebook of one assignment (or lab), built from experiment ``experiment``.

    assignment : the course's title of the assignment, with its course and week.
    steps : the assignment's steps, in its order.
    quick : hyperparameter overrides that make the experiment's run small enough for a
        notebook at quick size (``SIZE = "full"`` drops them and runs the course's sizes).
    run : whether the last step runs the whole experiment (``run_experiment``) with its plots.
    """

    experiment: str
    assignment: str
    steps: tuple
    quick: dict = field(default_factory=dict)
    run: bool = True


def notebook(experiment, assignment, steps, quick=None, run=True) -> Notebook:
    """Register the notebook of ``experiment`` (one per experiment)."""
    if experiment in NOTEBOOKS:
        raise ValueError(f"a notebook for {experiment!r} is registered twice")
    spec = Notebook(experiment, assignment, tuple(steps), dict(quick or {}), run)
    NOTEBOOKS[experiment] = spec
    return spec
