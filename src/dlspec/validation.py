"""Input checks at the boundary: clear errors that say what, expected, received and the fix."""
from __future__ import annotations

from .backend import xp


def check_array(X, name="X", min_ndim=2, dtype=None):
    """Return X as a float array, or raise if it is empty, non-numeric or not finite."""
    try:
        X = xp.asarray(X)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array; could not convert it ({exc}).") from None
    if X.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers (float or int); got dtype {X.dtype}. "
                        "Convert it first, for example with X.astype('float32').")
    if X.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dimensions with examples on the "
                         f"first axis (N, ...); got shape {X.shape}. For one feature use "
                         f"{name}.reshape(-1, 1); for one example use {name}.reshape(1, -1).")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {X.shape}); at least one example is needed.")
    if X.dtype.kind == "f" and not xp.isfinite(X).all():
        n_bad = int((~xp.isfinite(X)).sum())
        raise ValueError(f"{name} contains {n_bad} NaN or infinite values; remove or impute them "
                         "before training (for example with numpy.nan_to_num).")
    if dtype is not None:
        X = X.astype(dtype, copy=False)
    return X


def check_same_length(X, Y, x_name="X", y_name="Y"):
    if len(X) != len(Y):
        raise ValueError(f"{x_name} and {y_name} must have one row per example; got "
                         f"{len(X)} rows in {x_name} and {len(Y)} in {y_name}.")


def check_positive(value, name, allow_zero=False):
    ok = value >= 0 if allow_zero else value > 0
    if not ok:
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}; got {value!r}.")
    return value
