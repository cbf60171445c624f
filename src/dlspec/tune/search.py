"""The search driver: sample configurations, run them on an executor, store every result.

>>> from dlspec.tune import tune
>>> def trial(config, seed):
...     return {"cost": (config["x"] - 0.3) ** 2}
>>> result = tune(trial, "x=uniform:0:1", trials=20, objective="cost")
>>> abs(result.best()[0].config["x"] - 0.3) < 0.1
True
"""
from __future__ import annotations

import math
from pathlib import Path

from .executors import LocalExecutor
from .samplers import SAMPLERS, grid_configs, narrow, random_configs
from .space import parse_space
from .store import TrialStore
from .trial import ExperimentTrial, Job, UnknownParameterError

MAXIMIZE_HINTS = ("accuracy", "acc", "f1", "precision", "recall", "auc", "score", "r2", "reward")


def infer_mode(objective: str) -> str:
    """"max" for metrics that grow when better (accuracy, f1, ...), else "min" (cost, loss)."""
    name = objective.lower()
    return "max" if any(h in name for h in MAXIMIZE_HINTS) else "min"


class SearchResult:
    """Every finished trial of a search, with the best ones first via ``best()``."""

    def __init__(self, results, space, objective, mode, name, store_path):
        self.results, self.space, self.objective, self.mode = results, space, objective, mode
        self.name, self.store_path = name, store_path

    @property
    def ok(self):
        return [r for r in self.results if r.status == "ok"]

    @property
    def failed(self):
        return [r for r in self.results if r.status == "failed"]

    def best(self, k=1):
        """The ``k`` best successful trials, best first (ties: lower trial id first)."""
        sign = -1 if self.mode == "max" else 1
        return sorted(self.ok, key=lambda r: (sign * r.objective, r.trial_id))[:k]

    def __repr__(self):
        return f"SearchResult({self.name}: {len(self.ok)} ok, {len(self.failed)} failed)"


def _target_name(trial):
    if isinstance(trial, ExperimentTrial):
        return f"experiment {trial.name} ({trial.size})"
    return f"{getattr(trial, '__module__', '?')}.{getattr(trial, '__qualname__', type(trial).__name__)}"


def _check_names(trial, space):
    if hasattr(trial, "check"):
        trial.check(space.names)
        return
    known = getattr(trial, "hyperparameters", None)
    unknown = [n for n in space.names if known is not None and n not in known]
    if unknown:
        raise UnknownParameterError(f"{_target_name(trial)} has no hyperparameter "
                                    f"{', '.join(map(repr, unknown))}; it reads {', '.join(known)}.")


def tune(trial, space, trials=20, seed=0, sampler="random", executor=None, store=":memory:",
         resume=False, objective=None, mode=None, stages=2, top_fraction=0.25, progress=False):
    """Search ``space`` for the configuration that optimizes ``objective``.

    Parameters
    ----------
    trial : callable ``(config, seed) -> {metric: number}``, or an ``ExperimentTrial``.
        Every trial gets the same ``seed``, so trials differ only by their hyperparameters.
    space : a Space, a spec string ("learning_rate=log:1e-4:1e-1,...") or a dict.
    trials : the budget: how many configurations to try.
    seed : seeds the sampler and the trials; the same seed gives the same trials.
    sampler : "random", "grid" or "coarse-to-fine" (``stages`` rounds of random search,
        each narrowed around the best ``top_fraction`` of the trials so far).
    executor : LocalExecutor (default), PoolExecutor or RayExecutor.
    store : path of the SQLite store (":memory:" keeps nothing).
    resume : continue the search held in ``store``, skipping its finished trials.
    objective : the metric to optimize (default: the experiment's declared objective).
    mode : "max" or "min" (default: from the objective's name, see ``infer_mode``).
    progress : show a progress bar over trials.

    Returns
    -------
    SearchResult with every finished trial (including those from earlier runs).
    """
    space = parse_space(space)
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {SAMPLERS}; got {sampler!r}.")
    if not isinstance(trials, int) or trials < 1:
        raise ValueError(f"trials must be an integer >= 1; got {trials!r}.")
    if objective is None:
        objective = getattr(getattr(trial, "experiment", None), "objective", None)
        if objective is None:
            raise ValueError(f"Name the metric to optimize: objective=... (--objective METRIC) for "
                             f"{_target_name(trial)}.")
    mode = mode or infer_mode(objective)
    if mode not in ("max", "min"):
        raise ValueError(f"mode must be 'max' or 'min'; got {mode!r}.")
    _check_names(trial, space)
    seed = int(seed)
    identity = {"target": _target_name(trial), "space": space.to_json(), "seed": seed,
                "sampler": sampler, "objective": objective, "mode": mode}
    if sampler == "coarse-to-fine" and (isinstance(stages, bool) or not isinstance(stages, int) or stages < 1):
        raise ValueError(f"stages must be an integer >= 1 (rounds of coarse-to-fine search; 2 is usual); "
                         f"got {stages!r}.")
    if sampler == "coarse-to-fine":
        identity.update(stages=stages, top_fraction=top_fraction)
    fresh = store is not None and str(store) != ":memory:" and not Path(store).exists()
    db = TrialStore(store, identity, resume=resume)
    executor = executor or LocalExecutor()
    result = SearchResult([], space, objective, mode, identity["target"], str(store))
    typo = False
    try:
        plan = _plan(space, trials, seed, sampler, stages)
        total = sum(len(jobs) for _, jobs in plan)
        bar = _bar(progress, total, db.count())
        best = None
        for stage, configs in plan:
            stage_space = space
            if stage > 0:   # coarse to fine: narrow around the best trials of earlier stages
                # (only earlier stages, so a resumed search narrows exactly as the first run did)
                result.results = [r for r in db.results() if r.stage < stage]
                k = max(2, math.ceil(top_fraction * len(result.ok)))
                stage_space = narrow(space, [r.config for r in result.best(k)])
                configs = random_configs(stage_space, len(configs), seed, stage, configs[0][0])
            done = db.finished_ids()
            jobs = [Job(i, stage, config, seed) for i, config in configs if i not in done]
            for res in executor.run(trial, jobs, objective):
                _check_objective_exists(res, objective)
                db.add(res)
                if bar is not None:
                    best = _better(best, res, mode)
                    bar.set_postfix({f"best {objective}": "-" if best is None else f"{best:.4g}"},
                                    refresh=False)
                    bar.update(1)
        if bar is not None:
            bar.close()
        result.results = db.results()
    except ObjectiveNotFoundError:
        typo = True
        raise
    finally:
        executor.close()
        db.close()
        if typo and fresh:       # a store named after a typo would refuse the corrected command
            Path(store).unlink(missing_ok=True)
    return result


class ObjectiveNotFoundError(ValueError):
    """The trial ran but returned no metric of the objective's name (a typo): stop the search."""


def _check_objective_exists(res, objective):
    if res.status != "ok" and res.metrics and objective not in res.metrics:
        raise ObjectiveNotFoundError(
            f"--objective {objective!r}: the trial returns no metric of that name, so no trial can "
            f"succeed; it returns {', '.join(sorted(res.metrics))}. Pick one of those.")


def _plan(space, trials, seed, sampler, stages):
    """[(stage, [(trial_id, config), ...]), ...]; later coarse-to-fine stages are re-drawn."""
    if sampler == "grid":
        return [(0, grid_configs(space, trials))]
    if sampler == "random" or stages < 2 or trials < 2 * stages:
        return [(0, random_configs(space, trials, seed))]
    sizes = [trials // stages + (1 if s < trials % stages else 0) for s in range(stages)]
    plan, start = [], 0
    for stage, n in enumerate(sizes):
        plan.append((stage, random_configs(space, n, seed, stage, start)))
        start += n
    return plan


def _better(best, res, mode):
    if res.status != "ok":
        return best
    if best is None:
        return res.objective
    return max(best, res.objective) if mode == "max" else min(best, res.objective)


def _bar(progress, total, initial):
    if not progress:
        return None
    from ..progress import tqdm
    return tqdm(total=total, initial=min(initial, total), desc="trials", unit="trial")
