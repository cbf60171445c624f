"""Boundary checks for the course's layout: examples in columns, parameters in dicts.

dlspec's layers are batch first, (m, n_x); the course's courses 1 and 2 keep examples in
columns, (n_x, m). An array given in the other layout is the likeliest mistake when moving
between the two, so where the shapes tell, the error says which layout is expected and to
transpose. Parameter dictionaries are checked entry by entry, so a missing ``b2`` is named
instead of silently building a smaller network.
"""
from __future__ import annotations

import numpy as np


def as_float64(x, name, fn):
    """``x`` as a float64 array (the course computes in float64); refuse non-numbers."""
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{fn}: {name} must be a numeric array; got {type(x).__name__}.") from None


def columns(X, n_x, name, fn, what="n_x"):
    """Check ``X`` is (n_x, m): examples in columns. Say to transpose when it is (m, n_x)."""
    X = as_float64(X, name, fn)
    if X.ndim != 2:
        raise ValueError(f"{fn}: {name} must be 2-D of shape ({what}, m), examples in columns; "
                         f"got shape {X.shape}. Reshape it, for example {name}.reshape({what}, -1).")
    if n_x is not None and X.shape[0] != n_x:
        hint = (f" It looks batch first (m, {what}), dlspec's layers' layout: pass {name}.T."
                if X.shape[1] == n_x else "")
        raise ValueError(f"{fn}: {name} must be of shape ({what}, m) = ({n_x}, m), examples in "
                         f"columns as the course writes them; got {X.shape}.{hint}")
    return X


def labels(Y, m, fn, name="Y"):
    """Check ``Y`` is the course's (1, m) row of labels; say how to reshape (m,) or (m, 1)."""
    Y = as_float64(Y, name, fn)
    if Y.shape != (1, m):
        hint = (f" Pass {name}.reshape(1, -1) (the course keeps labels as a row)."
                if Y.size == m else "")
        raise ValueError(f"{fn}: {name} must be of shape (1, m) = (1, {m}); got {Y.shape}.{hint}")
    return Y


def entries(parameters, shapes, fn, what="parameters"):
    """Check a parameter dict holds every key of ``shapes`` ({key: shape or None}) with that shape.

    A shape entry of None only requires the key. Returns the arrays as float64.
    """
    if not isinstance(parameters, dict):
        raise TypeError(f"{fn}: {what} must be a dict such as {{'W1': ..., 'b1': ...}}; "
                        f"got {type(parameters).__name__}.")
    missing = [k for k in shapes if k not in parameters]
    if missing:
        raise KeyError(f"{fn}: {what} has no entry {', '.join(map(repr, missing))} (it holds "
                       f"{sorted(parameters)}). The course's dict names every W and b of every layer.")
    out = {}
    for key, shape in shapes.items():
        value = as_float64(parameters[key], f"{what}[{key!r}]", fn)
        if shape is not None and value.shape != tuple(shape):
            hint = (f" It looks transposed (dlspec's layers keep W as (n_in, n_out)): pass its .T."
                    if value.shape == tuple(shape)[::-1] and key.startswith(("W", "dW")) else "")
            raise ValueError(f"{fn}: {what}[{key!r}] must be of shape {tuple(shape)}; "
                             f"got {value.shape}.{hint}")
        out[key] = value
    return out


def layer_count(parameters, fn, prefix="W"):
    """Number of layers L in a course dict {"W1", "b1", ..., "WL", "bL"}, checking every b is there."""
    if not isinstance(parameters, dict):
        raise TypeError(f"{fn}: parameters must be a dict such as {{'W1': ..., 'b1': ...}}; "
                        f"got {type(parameters).__name__}.")
    L = 0
    while f"{prefix}{L + 1}" in parameters:
        L += 1
    if L == 0:
        raise KeyError(f"{fn}: parameters has no 'W1' (it holds {sorted(parameters)}).")
    stray = sorted(k for k in parameters if k[:1] in "Wb" and k[1:].isdigit() and int(k[1:]) > L)
    if stray:
        raise KeyError(f"{fn}: parameters has {stray} but no 'W{L + 1}': the layers must be "
                       "numbered 1..L without a gap.")
    return L
