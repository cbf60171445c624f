"""A trial: a function of a configuration that returns metrics, run and recorded safely.

Any callable ``fn(config, seed) -> {metric: number}`` can be searched. ``ExperimentTrial``
wraps a registered dlspec experiment (the experiment reads its hyperparameters with
``ctx.hp(name, default)``). A trial that raises, or returns a NaN/infinite objective,
is recorded as failed with the reason, and the search goes on.
"""
from __future__ import annotations

import math
import os
import time
import traceback
from dataclasses import asdict, dataclass, field


class UnknownParameterError(ValueError):
    """The search space names a hyperparameter that the trial does not read (fatal for a search)."""


@dataclass
class Job:
    """One configuration to try: ``trial_id`` is its place in the search."""

    trial_id: int
    stage: int
    config: dict
    seed: int


@dataclass
class TrialResult:
    """A finished trial, as stored: status "ok" or "failed" (with ``error``)."""

    trial_id: int
    stage: int
    config: dict
    seed: int
    status: str
    metrics: dict = field(default_factory=dict)
    objective: float = None
    error: str = None
    duration: float = 0.0
    worker: str = ""

    def to_dict(self):
        return asdict(self)


def run_trial(fn, job: Job, objective: str | None) -> TrialResult:
    """Run ``fn(job.config, job.seed)``; never raises except for an unknown parameter.

    ``objective`` names the metric the search optimizes; when it is missing, NaN or
    infinite the trial is recorded as failed.
    """
    start = time.perf_counter()
    worker = f"{os.uname().nodename}:{os.getpid()}" if hasattr(os, "uname") else str(os.getpid())
    result = TrialResult(job.trial_id, job.stage, dict(job.config), job.seed, "failed", worker=worker)
    try:
        metrics = fn(dict(job.config), job.seed)
    except UnknownParameterError:
        raise
    except Exception as exc:   # a failing trial is data, not a crash of the search
        result.error = f"{type(exc).__name__}: {exc}"
        result.duration = time.perf_counter() - start
        tb = traceback.extract_tb(exc.__traceback__)
        if tb:
            result.error += f" (at {os.path.basename(tb[-1].filename)}:{tb[-1].lineno})"
        return result
    result.duration = time.perf_counter() - start
    if not isinstance(metrics, dict):
        result.error = f"the trial returned {type(metrics).__name__}; expected a dict metric -> number"
        return result
    result.metrics = {k: _plain(v) for k, v in metrics.items()}
    if objective is None:
        result.status = "ok"
        return result
    value = result.metrics.get(objective)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        result.error = (f"the trial returned no number named {objective!r}; it returned "
                        f"{sorted(result.metrics)}")
    elif not math.isfinite(value):
        result.error = f"the objective {objective} is {value} (diverged)"
    else:
        result.status, result.objective = "ok", float(value)
    return result


def _plain(value):
    """NumPy scalars to Python numbers, so metrics store as JSON."""
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return value.item()
    return value


class ExperimentTrial:
    """Search a registered experiment: ``fn(config, seed)`` runs it with ``hparams=config``.

    Parameters
    ----------
    name : experiment name, such as "c1-planar"
    size : "quick" or "full"

    The experiment's plots and metrics.json go to a temporary folder, removed after
    each trial; the search's store keeps the numbers.
    """

    def __init__(self, name, size="quick"):
        from ..experiments import get
        self.experiment = get(name)
        self.name, self.size = self.experiment.name, size

    @property
    def hyperparameters(self):
        """The names the experiment declares tunable (empty if it declares none)."""
        return tuple(getattr(self.experiment, "hyperparameters", ()) or ())

    def check(self, names):
        """Raise UnknownParameterError for names the experiment does not declare."""
        known = self.hyperparameters
        unknown = [n for n in names if known and n not in known]
        if unknown:
            raise UnknownParameterError(
                f"Experiment {self.name!r} has no hyperparameter {', '.join(map(repr, unknown))}; "
                f"it reads {', '.join(known)}. Fix the names in --space.")

    def __call__(self, config, seed):
        import tempfile
        from ..experiments.runner import run_experiment
        self.check(config)
        with tempfile.TemporaryDirectory(prefix="dlspec-trial-") as out:
            record = run_experiment(self.name, size=self.size, seed=seed, out=out, verbose=0,
                                    hparams=config)
        unread = sorted(set(config) - set(record.get("hparams_read", config)))
        if unread:
            raise UnknownParameterError(
                f"Experiment {self.name!r} never read {', '.join(map(repr, unread))}; it reads "
                f"{', '.join(record['hparams_read']) or 'no hyperparameters'}. Fix the names in --space.")
        return record["metrics"]

    def __repr__(self):
        return f"ExperimentTrial({self.name!r}, size={self.size!r})"
