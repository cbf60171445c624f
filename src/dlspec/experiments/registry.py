"""The experiments registry: each experiment module registers itself here.

The CLI, the tour and the report read only this registry, so a new experiment
appears everywhere by adding one module to ``dlspec/experiments/``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

REGISTRY: dict[str, "Experiment"] = {}


@dataclass(frozen=True)
class Experiment:
    """One course experiment.

    name : CLI name, such as "c1-planar".
    course : 1 to 5.
    title : one line.
    summary : what it shows, in two or three sentences.
    run : function (Context) -> dict of metric name -> number.
    reference : the course's numbers, keyed like the metrics they compare with: only numbers
        the course prints (in a notebook's output or text), nothing else.
    targets : other numbers a metric is held to, keyed the same way: an issue's target, a
        paper's result, a library's score; each a number or (number, "where it comes from").
        Shown in their own column, never counted as off the course.
    sources : metric -> the notebook (or lecture) its course number is printed in; the key
        "*" names the notebook of every course number without its own entry.
    exact : metrics whose course number is an exact check: they agree only when ours rounds
        to the digits the course printed (not within a tolerance).
    modules : the dlspec modules that implement it (for the docs and the report).
    hyperparameters : names the experiment reads with ``ctx.hp`` (tunable by ``dlspec tune``).
    objective : the metric ``dlspec tune`` optimizes by default.
    checkpoints : False for an experiment that does not train with ``fit`` (its runs cannot
        be checkpointed: ``--checkpoint-dir``/``--resume`` are refused with a clear message).
    tolerance : metric -> the largest difference from the course's number still counted as
        agreeing (default: 1e-8 for the replayed ``course_*`` numbers, else ``TOLERANCE``).
    notes : metric -> why ours differs from the course's (shown under the card's table).
    """

    name: str
    course: int
    title: str
    summary: str
    run: Callable
    reference: dict = field(default_factory=dict)
    modules: tuple = ()
    hyperparameters: tuple = ()
    objective: str = None
    checkpoints: bool = True
    tolerance: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    exact: tuple = ()

    def tolerance_of(self, metric) -> float:
        if metric in self.exact and metric in self.reference:
            return printed_tolerance(self.reference[metric])
        if metric in self.tolerance:
            return self.tolerance[metric]
        return REPLAY_TOLERANCE if metric.startswith("course_") else TOLERANCE


TOLERANCE = 0.05          # absolute: 5 points of accuracy, 0.05 of a cost
REPLAY_TOLERANCE = 1e-8   # the course's numbers replayed on its own inputs


def printed_tolerance(value) -> float:
    """Half a unit in the last digit of ``value`` as written (``1.19e-07`` -> 5e-10,
    ``0.4449`` -> 5e-5, ``1.0`` -> 0.05, ``9`` -> 0.5): the course printed those digits, no more."""
    text = repr(float(value)) if not isinstance(value, int) else str(value)
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def experiment(name, course, title, summary, reference=None, modules=(), hyperparameters=(),
               objective=None, checkpoints=True, tolerance=None, notes=None, targets=None,
               sources=None, exact=()):
    """Decorator that registers ``run(ctx) -> metrics`` under ``name``."""
    def register(run):
        if name in REGISTRY:
            raise ValueError(f"experiment {name!r} is registered twice")
        stray = set(exact) - set(reference or {})
        if stray:
            raise ValueError(f"experiment {name!r}: exact names {sorted(stray)}, which have no "
                             "course number in reference")
        REGISTRY[name] = Experiment(name, course, title, " ".join(summary.split()), run,
                                    dict(reference or {}), tuple(modules),
                                    tuple(hyperparameters), objective, checkpoints,
                                    dict(tolerance or {}), dict(notes or {}),
                                    dict(targets or {}), dict(sources or {}), tuple(exact))
        return run
    return register


def get(name) -> Experiment:
    from . import load_all
    load_all()
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ValueError(f"Unknown experiment {name!r}. Known experiments: {known}. "
                         "Run 'dlspec list' to see them with their titles.") from None


def all_experiments() -> list[Experiment]:
    """Every registered experiment, in course order, then by name."""
    from . import load_all
    load_all()
    return sorted(REGISTRY.values(), key=lambda e: (e.course, e.name))
