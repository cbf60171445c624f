"""Bias, variance, data mismatch and dev-set overfitting from five error rates (course 3).

Course 3, weeks 1 and 2: line up the errors

    human-level (proxy for Bayes) -> training -> train-dev -> dev -> test

and read the gaps: avoidable bias = train - human, variance = train-dev - train,
data mismatch = dev - train-dev, overfitting to the dev set = test - dev. Work on the
largest gap first; each has its own remedies.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

LEVELS = ("human", "train", "train_dev", "dev", "test")

GAPS = {  # name -> (lower level, upper level, readable name)
    "avoidable_bias": ("human", "train", "avoidable bias"),
    "variance": ("train", "train_dev", "variance"),
    "data_mismatch": ("train_dev", "dev", "data mismatch"),
    "dev_overfitting": ("dev", "test", "overfitting to the dev set"),
}

REMEDIES = {
    "avoidable_bias": [
        "train a bigger model (more hidden units or layers)",
        "train longer, or with a better optimization algorithm (momentum, RMSprop, Adam)",
        "try another architecture (CNN, RNN) or search the hyperparameters",
    ],
    "variance": [
        "get more training data",
        "regularize: L2, dropout, data augmentation",
        "try another architecture or search the hyperparameters",
    ],
    "data_mismatch": [
        "carry out manual error analysis to understand how training and dev/test data differ",
        "make the training data more like the dev/test data: artificial data synthesis "
        "(beware synthesizing from a small subset of all possible variations)",
        "collect more training data like the dev/test data",
    ],
    "dev_overfitting": [
        "get a bigger dev set (you have tuned to this one)",
    ],
}


@dataclass
class Diagnosis:
    """Errors (fractions), the gaps between them, the largest gap and its remedies."""

    errors: dict
    gaps: dict
    largest: str | None
    notes: list = field(default_factory=list)

    @property
    def remedies(self) -> list:
        return list(REMEDIES.get(self.largest, []))

    def report(self) -> str:
        """The errors, the gaps (in percentage points), the verdict and what to do next."""
        lines = ["error rates:"]
        for level in LEVELS:
            if self.errors.get(level) is not None:
                lines.append(f"  {level.replace('_', '-') + ' error':<17} {100 * self.errors[level]:7.2f}%")
        lines.append("gaps (percentage points):")
        for key, value in self.gaps.items():
            lo, hi, label = GAPS[key]
            if key == "variance" and "train_dev" not in self.errors:
                hi = "dev"
            mark = "  <- largest" if key == self.largest else ""
            lines.append(f"  {label:<27} {100 * value:+7.2f}   ({hi.replace('_', '-')} - "
                         f"{lo.replace('_', '-')}){mark}")
        if self.largest is None:
            lines.append("verdict: no gap is positive; nothing to fix from these numbers.")
        else:
            lines.append(f"verdict: the largest gap is {GAPS[self.largest][2]}. Next steps:")
            lines += [f"  - {r}" for r in self.remedies]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"errors": dict(self.errors), "gaps": dict(self.gaps), "largest": self.largest,
                "remedies": self.remedies, "notes": list(self.notes)}


def diagnose(human=None, train=None, train_dev=None, dev=None, test=None, unit="auto") -> Diagnosis:
    """Compute the course's gaps and name the largest.

    Parameters
    ----------
    human : human-level error, the proxy for Bayes error (None: assumed 0, with a note).
    train, train_dev, dev, test : error rates; ``train`` and ``dev`` are required.
        Without ``train_dev`` the dev - train gap is reported as variance (it then also holds
        any data mismatch); without ``test`` there is no dev-overfitting gap.
    unit : "fraction" (0.08), "percent" (8) or "auto": percent if any value is above 1,
        else fractions.

    Returns
    -------
    Diagnosis with ``errors`` (fractions), ``gaps``, ``largest``, ``remedies`` and ``report()``.

    Examples
    --------
    >>> diagnose(human=0.5, train=8, train_dev=10, dev=12, test=12.5).largest
    'avoidable_bias'
    """
    given = {"human": human, "train": train, "train_dev": train_dev, "dev": dev, "test": test}
    if train is None or dev is None:
        raise ValueError("diagnose needs at least the training error and the dev error; "
                         f"got train={train!r}, dev={dev!r}.")
    values = {}
    for level, v in given.items():
        if v is None:
            continue
        if not isinstance(v, (int, float)) or isinstance(v, bool) or math.isnan(v):
            raise ValueError(f"the {level.replace('_', '-')} error must be a number; got {v!r}.")
        values[level] = float(v)
    if unit not in ("auto", "percent", "fraction"):
        raise ValueError(f"unit must be 'auto', 'percent' or 'fraction'; got {unit!r}.")
    if unit == "auto":
        unit = "percent" if any(v > 1 for v in values.values()) else "fraction"
    top = 100.0 if unit == "percent" else 1.0
    for level, v in values.items():
        if not 0 <= v <= top:
            hint = ("errors given as fractions must lie in [0, 1]; for percent pass unit='percent' "
                    "(CLI: --unit percent)") if unit == "fraction" else "errors in percent must lie in [0, 100]"
            raise ValueError(f"the {level.replace('_', '-')} error {v:g} is out of range: {hint}.")
    errors = {level: v / top for level, v in values.items()}
    notes = []
    if "human" not in errors:
        errors["human"] = 0.0
        notes.append("no human-level error given: Bayes error assumed 0, so avoidable bias is an "
                      "upper bound. Pass the human-level (or best-known) error for a fair split.")
    gaps = {"avoidable_bias": errors["train"] - errors["human"]}
    if "train_dev" in errors:
        gaps["variance"] = errors["train_dev"] - errors["train"]
        gaps["data_mismatch"] = errors["dev"] - errors["train_dev"]
    else:
        gaps["variance"] = errors["dev"] - errors["train"]
        notes.append("no train-dev error: the dev - train gap is reported as variance, but it also "
                     "holds any data mismatch. Hold out a train-dev set to tell them apart.")
    if "test" in errors:
        gaps["dev_overfitting"] = errors["test"] - errors["dev"]
    if errors["train"] < errors["human"]:
        notes.append("training error is below human-level error: human level is no longer a good "
                     "proxy for Bayes error, and progress usually gets harder from here.")
    if gaps.get("data_mismatch", 0) < 0:
        notes.append("dev error is below train-dev error: the dev/test data is easier than the "
                     "training data.")
    if "train_dev" not in errors and errors["dev"] < errors["train"]:
        notes.append("dev error is below training error: check that dev and training sets are "
                     "labelled the same way.")
    positive = {k: v for k, v in gaps.items() if v > 0}
    largest = max(positive, key=positive.get) if positive else None
    return Diagnosis(errors, gaps, largest, notes)


ALIASES = {"human": ("human_error", "human_level_error", "bayes_error"),
           "train": ("train_error", "training_error"),
           "train_dev": ("train_dev_error",),
           "dev": ("dev_error", "val_error", "validation_error"),
           "test": ("test_error",)}


def _number(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"the metric {name!r} should be a number; got {value!r}.")
    return float(value)


def errors_from_metrics(metrics, prefix="") -> dict:
    """Pick the five error rates (fractions) out of a run's metrics.

    ``metrics`` is a metrics dict or a ``metrics.json`` record (with a "metrics" key). Keys
    are ``PREFIX + human_error, train_error, train_dev_error, dev_error, test_error`` (aliases:
    bayes_error, training_error, val_error); an ``*_accuracy`` key counts as 1 - error.
    """
    if isinstance(metrics, dict) and isinstance(metrics.get("metrics"), dict):
        metrics = metrics["metrics"]
    if not isinstance(metrics, dict):
        raise ValueError(f"expected a run's metrics (a JSON object such as {{\"train_error\": 0.08, "
                         f"\"dev_error\": 0.12}}, or a metrics.json record); got a JSON "
                         f"{type(metrics).__name__}. Pass the metrics.json that 'dlspec run' writes.")
    found = {}
    for level, keys in ALIASES.items():
        for key in keys:
            for name, flip in ((prefix + key, False), (prefix + key.replace("_error", "_accuracy"), True)):
                if name in metrics and level not in found:
                    v = _number(metrics[name], name)
                    found[level] = 1 - v if flip else v
    if "train" not in found or "dev" not in found:
        shown = ", ".join(sorted(metrics)[:20])
        raise ValueError(f"the metrics hold no {prefix}train_error and {prefix}dev_error (or "
                         f"*_accuracy) keys; found: {shown}. Pass --prefix if the keys have one, "
                         "or give the errors as flags.")
    return found
