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


# -- dlspec's own errors: each also derives from ValueError, so that one ``except ValueError``
# catches every bad input, while code that expects the classic type keeps working.

class OrderError(RuntimeError, ValueError):
    """A call made out of order (fit before compile)."""


class TooLargeError(MemoryError, ValueError):
    """An array that would not fit in memory, with its size and what to do."""


class MissingFileError(FileNotFoundError, ValueError):
    """A file that does not exist, named, with what was expected there."""


class UnknownKeyError(KeyError, ValueError):
    """A name that is not there (a word, a tensor); prints as the message, not its repr."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


def check_int(value, name, minimum=1, allow_none=False, hint=""):
    """Return ``value`` if it is an int >= minimum (not a bool, a float or a string)."""
    if value is None and allow_none:
        return None
    import numbers
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        none = " (or None)" if allow_none else ""
        raise TypeError(f"{name} must be an integer >= {minimum}{none}; got {type(value).__name__} "
                        f"{value!r}. {hint}".rstrip())
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}. {hint}".rstrip())
    return int(value)


def check_bool(value, name):
    """Return ``value`` if it is True or False ("no", 0, None are refused: they read as truths)."""
    import numpy
    if not isinstance(value, (bool, numpy.bool_)):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__} {value!r} "
                        f"(a string such as 'no' would read as True). Write {name} = False.")
    return bool(value)


def check_number(value, name, minimum=None, maximum=None, open_min=False, open_max=False, hint=""):
    """Return ``value`` as a float if it is a finite real number within the bounds."""
    import math
    import numbers
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}. {hint}".rstrip())
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}. {hint}".rstrip())
    low = minimum is not None and (value <= minimum if open_min else value < minimum)
    high = maximum is not None and (value >= maximum if open_max else value > maximum)
    if low or high:
        lo = "" if minimum is None else f"{'>' if open_min else '>='} {minimum:g}"
        hi = "" if maximum is None else f"{'<' if open_max else '<='} {maximum:g}"
        raise ValueError(f"{name} must be {' and '.join(s for s in (lo, hi) if s)}; got {value!r}. "
                         f"{hint}".rstrip())
    return value


def check_choice(value, name, choices):
    """Return ``value`` if it is one of ``choices``, else name them."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}.")
    return value


def human_bytes(n) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024


def too_large(exc, what, n_examples=None):
    """The TooLargeError for NumPy's MemoryError ``exc`` raised while doing ``what``: the
    size of the array that did not fit and, with ``n_examples``, a ``batch_size`` that would."""
    shape, dtype = getattr(exc, "shape", None), getattr(exc, "dtype", None)
    size = getattr(exc, "_total_size", None)
    array = f"an array of shape {shape} ({dtype}, {human_bytes(size)})" if size else "more memory"
    message = f"{what} needs {array}, more than this machine can allocate."
    if n_examples and size:
        batch = max(1, int(n_examples * (256 * 2**20) / size))
        if batch < n_examples:
            message += (f" Predict in mini-batches: batch_size={batch} keeps that array near "
                        "256 MiB (for example model.predict(X, batch_size=" + str(batch) + ")).")
            return TooLargeError(message)
    return TooLargeError(message + " Use a smaller model (fewer units or filters) or smaller inputs.")


def check_vector(x, name, length=None, of="", integer=False, minimum=None):
    """Return ``x`` as a 1-D array of finite numbers (ints if ``integer``): (length,) when
    ``length`` is given, one per ``of`` (such as "box")."""
    try:
        x = xp.asarray(x)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a 1-D array of numbers; could not convert it ({exc}).") from None
    if x.dtype.kind not in "biuf" or x.dtype.kind == "b":
        raise TypeError(f"{name} must hold numbers; got dtype {x.dtype} ({x.reshape(-1)[:3].tolist()}...).")
    x = x.reshape(-1) if x.ndim == 0 else x
    if x.ndim != 1:
        raise ValueError(f"{name} must be 1-D{f', one per {of}' if of else ''}; got shape {x.shape}.")
    if length is not None and len(x) != length:
        raise ValueError(f"{name} must hold one value per {of or 'item'} ({length} of them); got {len(x)}.")
    if x.dtype.kind == "f" and not xp.isfinite(x).all():
        raise ValueError(f"{name} holds {int((~xp.isfinite(x)).sum())} NaN or infinite values; "
                         "every entry must be a finite number (drop or fix those entries first).")
    if integer and x.dtype.kind == "f":
        if not (x == xp.round(x)).all():
            raise ValueError(f"{name} must hold integer ids; got fractions such as "
                             f"{x[x != xp.round(x)][0]!r}.")
        x = x.astype(xp.int64)
    if minimum is not None and x.size and x.min() < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {x.min()!r}.")
    return x
