"""Keras's ``apply_gradients`` pairs as the optimizers' ``(name, param, grad)`` triples."""
from __future__ import annotations

import warnings

from .backend import xp


def named_updates(grads_and_vars, owners):
    """``[(name, array, grad), ...]`` from ``zip(grads, variables)``, for ``Optimizer.step``.

    A variable's name keys its optimizer state; ``owners`` (name -> array, kept by the
    optimizer) gives a second variable of the same name its own key (``w_1``). A None
    gradient (a variable the cost does not depend on) is skipped with a warning, as Keras.
    """
    triples = []
    for grad, var in grads_and_vars:
        name = getattr(var, "name", None)
        if not hasattr(var, "assign") or name is None:
            raise TypeError(f"apply_gradients expects (gradient, dlspec.Variable) pairs; got a "
                            f"{type(var).__name__}. Use layer.trainable_variables or dlspec.Variable.")
        if grad is None:
            warnings.warn(f"Gradients do not exist for variable {name!r} (the cost does not "
                          "depend on it); it is left unchanged.", stacklevel=3)
            continue
        value = var.value
        key, k = name, 1
        while owners.get(key, value) is not value:      # two variables of one name
            key, k = f"{name}_{k}", k + 1
        owners[key] = value
        triples.append((key, value, xp.asarray(getattr(grad, "value", grad), dtype=value.dtype)))
    return triples
