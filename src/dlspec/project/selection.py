"""Optimizing and satisficing metrics: pick one model by one number, subject to constraints.

Course 3, week 1: with N metrics, make one the *optimizing* metric (as good as possible)
and the other N - 1 *satisficing* metrics (good enough: a threshold is all that matters).
The course's example: maximize accuracy subject to running time <= 100 ms.
"""
from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field

OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}


@dataclass
class Selection:
    """The outcome of ``select_model``.

    best : name of the chosen candidate (None when no candidate meets every constraint).
    ranking : names of the feasible candidates, best first.
    rejected : name -> list of the constraints it failed, as readable strings.
    optimizing, maximize, constraints : what was asked.
    candidates : name -> metrics, as given.
    """

    best: str | None
    ranking: list
    rejected: dict
    optimizing: str
    maximize: bool
    constraints: list
    candidates: dict = field(repr=False)

    def report(self) -> str:
        """A table of the candidates, the chosen one marked, and why the others were not chosen."""
        goal = "maximize" if self.maximize else "minimize"
        rules = ", ".join(f"{m} {op} {_fmt(t)}" for m, op, t in self.constraints) or "none"
        metrics = [self.optimizing] + [m for m, _, _ in self.constraints if m != self.optimizing]
        metrics = list(dict.fromkeys(metrics))
        width = max(9, *(len(n) for n in self.candidates))
        lines = [f"optimizing: {goal} {self.optimizing}; satisficing: {rules}", "",
                 f"  {'candidate':<{width}} " + " ".join(f"{m:>14}" for m in metrics) + "  verdict"]
        order = self.ranking + [n for n in self.candidates if n not in self.ranking]
        for name in order:
            values = " ".join(f"{_fmt(self.candidates[name].get(m)):>14}" for m in metrics)
            if name == self.best:
                verdict = "chosen"
            elif name in self.rejected:
                verdict = "ruled out: " + "; ".join(self.rejected[name])
            else:
                verdict = f"feasible, rank {self.ranking.index(name) + 1}"
            mark = "*" if name == self.best else " "
            lines.append(f"{mark} {name:<{width}} {values}  {verdict}")
        if self.best is None:
            lines += ["", "No candidate meets every satisficing constraint: relax a threshold or "
                      "find a candidate that meets them."]
        return "\n".join(lines)


def select_model(candidates, optimizing, satisficing=None, maximize=True) -> Selection:
    """Choose the candidate with the best optimizing metric among those meeting every constraint.

    Parameters
    ----------
    candidates : dict name -> dict of metric -> number (or a list of such dicts, each with
        a "name" key), for example ``{"A": {"accuracy": 0.90, "running_time_ms": 80}}``.
    optimizing : the metric to make as good as possible.
    satisficing : dict metric -> constraint, where a constraint is a string such as
        ``"<= 100"`` or a pair ``("<=", 100)``; operators ``<=, <, >=, >``.
    maximize : True if larger values of ``optimizing`` are better (accuracy); False for
        errors, costs and times.

    Returns
    -------
    Selection, whose ``report()`` says which constraint ruled out each candidate.

    Examples
    --------
    >>> s = select_model({"A": {"accuracy": 0.90, "running_time_ms": 80},
    ...                   "B": {"accuracy": 0.92, "running_time_ms": 95},
    ...                   "C": {"accuracy": 0.95, "running_time_ms": 1500}},
    ...                  optimizing="accuracy", satisficing={"running_time_ms": "<= 100"})
    >>> s.best, s.rejected["C"]
    ('B', ['running_time_ms 1500 > 100'])
    """
    candidates = _as_dict(candidates)
    constraints = [_parse(metric, rule) for metric, rule in (satisficing or {}).items()]
    for name, metrics in candidates.items():
        for metric in [optimizing] + [m for m, _, _ in constraints]:
            value = metrics.get(metric)
            if value is None:
                known = ", ".join(sorted(metrics)) or "none"
                raise ValueError(f"candidate {name!r} has no metric {metric!r} (its metrics: {known}); "
                                 "give every candidate the optimizing and every satisficing metric.")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
                raise ValueError(f"candidate {name!r}: metric {metric!r} must be a number; got {value!r}.")
    rejected = {}
    for name, metrics in candidates.items():
        failed = [f"{m} {_fmt(metrics[m])} {_negate(op)} {_fmt(t)}" for m, op, t in constraints
                  if not OPERATORS[op](metrics[m], t)]
        if failed:
            rejected[name] = failed
    feasible = [n for n in candidates if n not in rejected]
    # Stable sort: ties keep the order the candidates were given in.
    ranking = sorted(feasible, key=lambda n: candidates[n][optimizing], reverse=maximize)
    return Selection(ranking[0] if ranking else None, ranking, rejected, optimizing, maximize,
                     constraints, candidates)


def read_candidates_csv(path) -> dict:
    """Read ``name,<metric>,...`` rows (header required) into name -> {metric: number}."""
    import csv
    from pathlib import Path
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise IsADirectoryError(f"{path} is a folder; expected a CSV file name,<metric>,...") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path} is not a CSV text file ({type(exc).__name__}: {exc}); expected rows "
                         "name,<metric>,... in UTF-8.") from None
    if len(rows) < 2 or rows[0][0].strip() != "name":
        raise ValueError(f"{path}: expected a header row starting with 'name' (name,<metric>,...) and "
                         "one row per candidate.")
    header = [c.strip() for c in rows[0]]
    out = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ValueError(f"{path}, row {n}: expected {len(header)} columns, got {len(row)}.")
        try:
            out[row[0].strip()] = {h: float(v) for h, v in zip(header[1:], row[1:])}
        except ValueError:
            raise ValueError(f"{path}, row {n}: metric columns must hold numbers; got {row[1:]}.") from None
    return out


def _as_dict(candidates):
    if isinstance(candidates, dict):
        out = {str(k): dict(v) for k, v in candidates.items()}
    else:
        out = {}
        for i, c in enumerate(candidates):
            if not isinstance(c, dict) or "name" not in c:
                raise ValueError(f"candidate {i} must be a dict with a 'name' key and its metrics; got {c!r}.")
            out[str(c["name"])] = {k: v for k, v in c.items() if k != "name"}
    if not out:
        raise ValueError("select_model needs at least one candidate.")
    return out


def _parse(metric, rule):
    if isinstance(rule, str):
        text = rule.strip()
        op = next((o for o in ("<=", ">=", "<", ">") if text.startswith(o)), None)
        try:
            threshold = float(text[len(op):]) if op else None
        except ValueError:
            threshold = None
    elif isinstance(rule, (tuple, list)) and len(rule) == 2:
        op, threshold = rule
    else:
        op = threshold = None
    if op not in OPERATORS or not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
        raise ValueError(f"satisficing constraint for {metric!r} must look like '<= 100' or ('<=', 100) "
                         f"with an operator in {list(OPERATORS)}; got {rule!r}.")
    return metric, op, threshold


def _negate(op):
    return {"<=": ">", "<": ">=", ">=": "<", ">": "<="}[op]


def _fmt(value):
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4g}"
    return f"{value:g}" if isinstance(value, float) else str(value)
