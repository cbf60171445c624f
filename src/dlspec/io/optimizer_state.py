"""An optimizer's state (step count t, per-parameter slots such as v and s) to arrays and back.

Works for any ``dlspec.optim.Optimizer``: all its state lives in ``optimizer.iterations``,
``optimizer.slots`` (name -> dict of arrays) and its hyperparameters (``get_config()``).
"""
from __future__ import annotations

import numpy as np


def optimizer_payload(optimizer) -> tuple[dict, dict]:
    """(metadata, arrays) with the optimizer's class, config, iterations and every slot."""
    meta = {"class": type(optimizer).__name__, "config": optimizer.get_config(),
            "iterations": int(optimizer.iterations), "slots": {}}
    arrays = {}
    for param_name, slots in optimizer.slots.items():
        meta["slots"][param_name] = list(slots)
        for slot_name, value in slots.items():
            arrays[f"slot/{param_name}/{slot_name}"] = value
    return meta, arrays


def restore_optimizer(optimizer, meta, arrays, source="the file"):
    """Put the saved state into ``optimizer`` (which must be of the same class)."""
    if type(optimizer).__name__ != meta["class"]:
        raise ValueError(f"{source} holds the state of a {meta['class']} optimizer, but the model "
                         f"is compiled with {type(optimizer).__name__}; compile it with "
                         f"{meta['class']} to resume.")
    # Hyperparameters too: a schedule may have changed the learning rate during training.
    for key, value in meta["config"].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and hasattr(optimizer, key):
            setattr(optimizer, key, value)
    optimizer.iterations = meta["iterations"]
    optimizer.slots = {
        param_name: {slot: np.array(arrays[f"slot/{param_name}/{slot}"]) for slot in slot_names}
        for param_name, slot_names in meta["slots"].items()}
