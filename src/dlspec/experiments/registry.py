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
    reference : the course's numbers, keyed like the metrics they compare with.
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

    def tolerance_of(self, metric) -> float:
        if metric in self.tolerance:
            return self.tolerance[metric]
        return REPLAY_TOLERANCE if metric.startswith("course_") else TOLERANCE


TOLERANCE = 0.05          # absolute: 5 points of accuracy, 0.05 of a cost
REPLAY_TOLERANCE = 1e-8   # the course's numbers replayed on its own inputs


def experiment(name, course, title, summary, reference=None, modules=(), hyperparameters=(),
               objective=None, checkpoints=True, tolerance=None, notes=None):
    """Decorator that registers ``run(ctx) -> metrics`` under ``name``."""
    def register(run):
        if name in REGISTRY:
            raise ValueError(f"experiment {name!r} is registered twice")
        REGISTRY[name] = Experiment(name, course, title, " ".join(summary.split()), run,
                                    dict(reference or {}), tuple(modules),
                                    tuple(hyperparameters), objective, checkpoints,
                                    dict(tolerance or {}), dict(notes or {}))
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
