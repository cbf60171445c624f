"""A model's weights as a flat dict of named arrays, and loading such a dict with checks.

Names are the model's qualified names: ``"dense_1.W"`` for a parameter and
``"bn.running_mean"`` for non-trainable state (a layer's params and state never share
a key). ``strict=False`` is for transfer learning: it loads what fits and reports the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .legacy_names import rename


def state_dict(model) -> dict:
    """Every parameter and state array of ``model`` by qualified name (shared, not copied)."""
    _require_built(model, "take its weights")
    return {**model.params, **model.state}


@dataclass
class LoadReport:
    """What ``load_state_dict`` did.

    loaded : names copied into the model.
    missing : model tensors the source did not have (left as they were).
    unexpected : source tensors the model has no place for (ignored).
    mismatched : (name, model shape, source shape) for tensors skipped for their shape.
    """

    loaded: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    unexpected: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)

    @property
    def skipped_anything(self) -> bool:
        return bool(self.missing or self.unexpected or self.mismatched)

    def __str__(self):
        lines = [f"loaded {len(self.loaded)} tensors"]
        if self.missing:
            lines.append(f"missing from the source (kept the model's values): {_names(self.missing)}")
        if self.unexpected:
            lines.append(f"in the source but not in the model (ignored): {_names(self.unexpected)}")
        for name, expected, found in self.mismatched:
            lines.append(f"{name}: the model has shape {expected}, the source {found} (skipped)")
        return "\n".join(lines)


def load_state_dict(model, weights: dict, strict: bool = True, source: str = "the weights",
                    optional=()) -> LoadReport:
    """Copy ``weights`` (name -> array) into ``model``'s arrays, in place.

    Parameters
    ----------
    model : a built Layer or Model.
    weights : dict of qualified name -> array (any float dtype; cast to the model's).
    strict : if True (default) every model tensor must be present with its exact shape and
        nothing extra may be given, otherwise a ValueError lists the problems and nothing is
        copied. If False, load what fits and report the rest (transfer learning: a new
        classifier head, a different number of classes).
    source : how to name the weights in errors (a file name).
    optional : names that may be missing without counting as missing (counters such as
        dropout's step, which weights from another framework never have).

    Returns
    -------
    LoadReport listing loaded, missing, unexpected and shape-mismatched tensors.
    """
    targets = state_dict(model)
    weights = rename(weights, targets)      # files written before the transformer's layers were subclasses
    report = LoadReport()
    report.missing = [name for name in targets if name not in weights and name not in optional]
    report.unexpected = [name for name in weights if name not in targets]
    for name, value in weights.items():
        if name in targets:
            found, expected = tuple(np.shape(value)), tuple(targets[name].shape)
            if found != expected:
                report.mismatched.append((name, expected, found))
    if strict and report.skipped_anything:
        raise ValueError(_strict_message(model, report, source))
    bad = {name for name, _, _ in report.mismatched}
    for name, value in weights.items():
        if name in targets and name not in bad:
            # In place: the optimizer's and the layers' references stay valid.
            np.copyto(targets[name], np.asarray(value), casting="same_kind")
            report.loaded.append(name)
    return report


def _strict_message(model, report, source):
    lines = [f"{source} do not fit {type(model).__name__} {model.name!r}:"]
    for name, expected, found in report.mismatched:
        lines.append(f"  {name}: the model expects shape {expected}; {source} have {found}")
    if report.missing:
        lines.append(f"  missing (in the model, not in {source}): {_names(report.missing)}")
    if report.unexpected:
        lines.append(f"  unexpected (in {source}, not in the model): {_names(report.unexpected)}")
    lines.append("Check that the model is built with the same architecture and input shape; "
                 "for transfer learning pass strict=False to load what fits and get a report "
                 "of what was skipped.")
    return "\n".join(lines)


def _names(names, limit=12):
    shown = ", ".join(names[:limit])
    return shown + (f" ... and {len(names) - limit} more" if len(names) > limit else "")


def _require_built(model, what):
    if not getattr(model, "built", False):
        raise ValueError(f"{type(model).__name__} {model.name!r} is not built yet, so it has no "
                         f"weights; call model.build(input_shape) (per-example shape, without N) "
                         f"or run it on a batch before you {what}.")
