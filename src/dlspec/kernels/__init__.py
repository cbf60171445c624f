"""Compiled twins of the hot NumPy kernels, chosen when dlspec is imported.

``functional/`` is the readable reference in the course's notation. A few of its functions,
where a profile showed NumPy's one-core element-wise or data-movement passes as the cost,
have a compiled twin here (Numba, the optional extra ``dlspec[fast]``): the same signature,
the same results to rounding, multi-threaded over the cores ``backend.set_num_threads``
gives. A reference function marked ``@twin("module")`` runs ``dlspec.kernels.module``'s
function of the same name when the compiled kernels are active; a twin returns
``NotImplemented`` for inputs it does not handle (the reference then runs).

Which kernels run is decided once, at import, from ``DLSPEC_KERNELS``:

- ``auto`` (default): the compiled twins where Numba is installed, else the reference;
- ``numpy``: the NumPy reference everywhere (the twins are never imported);
- ``numba``: the compiled twins, and an error if Numba is missing.

Nothing is compiled or even imported at ``import dlspec``: Numba loads at the first call
of a twin, and each kernel compiles at its first call per dtype (float32, float64), into
an on-disk cache (``kernels/__pycache__``, or ``~/.cache/dlspec/numba`` when the package
folder is read-only), so only the first run after an install compiles.

NOTE: a twin's forward may keep a different cache than the reference's (the compiled
convolution keeps its input, not the im2col windows): run a forward and its backward
under the same kernels. ``use`` switches for a whole block (the tests compare the two).
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import os

CHOICES = ("auto", "numba", "numpy")


def choose(environ=None, numba_installed=None) -> tuple[str, str]:
    """(mode, why) from ``DLSPEC_KERNELS`` and whether Numba is installed."""
    environ = os.environ if environ is None else environ
    value = environ.get("DLSPEC_KERNELS", "auto").strip().lower() or "auto"
    if value not in CHOICES:
        raise ValueError(f"DLSPEC_KERNELS must be one of {', '.join(CHOICES)}; got "
                         f"{environ['DLSPEC_KERNELS']!r}. Unset it (auto: compiled kernels where "
                         "Numba is installed) or set DLSPEC_KERNELS=numpy for the reference.")
    if value == "numpy":
        return "numpy", "DLSPEC_KERNELS=numpy: the NumPy reference kernels"
    if numba_installed is None:
        numba_installed = importlib.util.find_spec("numba") is not None
    if not numba_installed:
        if value == "numba":
            raise ImportError("DLSPEC_KERNELS=numba, but Numba is not installed. Install it with "
                              "pip install 'dlspec[fast]', or unset DLSPEC_KERNELS.")
        return "numpy", "Numba not installed: the NumPy reference kernels (pip install 'dlspec[fast]')"
    return "numba", "Numba compiled kernels (DLSPEC_KERNELS=numpy for the NumPy reference)"


MODE, DECISION = choose()
# Below this many elements an element-wise twin hands the work back to NumPy: waking the
# threads and crossing into compiled code costs tens of microseconds, more than NumPy's
# whole pass over a small array (the MLP's (128, 256) activations, planar's (400, 4)).
MIN_SIZE = 1 << 15
_twins: dict = {}
ran: set = set()       # (module, name) of every twin that has computed a result (for the tests)


def active() -> str:
    """The kernels in use now: "numba" or "numpy"."""
    return MODE


def large(size: int) -> bool:
    """True where an element-wise twin should run on an array of ``size`` elements."""
    return size >= MIN_SIZE


@contextlib.contextmanager
def use(mode: str, min_size: int | None = None):
    """Run a block with the given kernels ("numba" or "numpy"); for tests and benchmarks.

    ``min_size=0`` sends even tiny arrays to the twins (the harness's cases are small).
    """
    global MODE, MIN_SIZE
    if mode not in ("numba", "numpy"):
        raise ValueError(f"kernels.use expects 'numba' or 'numpy'; got {mode!r}.")
    if mode == "numba" and importlib.util.find_spec("numba") is None:
        raise ImportError("Numba is not installed: pip install 'dlspec[fast]'.")
    old = MODE, MIN_SIZE
    MODE, MIN_SIZE = mode, MIN_SIZE if min_size is None else min_size
    try:
        yield
    finally:
        MODE, MIN_SIZE = old


def _resolve(module: str, name: str):
    key = (module, name)
    if key not in _twins:
        _twins[key] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return _twins[key]


def twin(module: str):
    """Mark a reference function as having a compiled twin in ``dlspec.kernels.<module>``."""
    def decorate(reference):
        name = reference.__name__

        @functools.wraps(reference)
        def dispatch(*args, **kwargs):
            if MODE == "numba":
                out = _resolve(module, name)(*args, **kwargs)
                if out is not NotImplemented:
                    ran.add((module, name))
                    return out
            return reference(*args, **kwargs)

        dispatch.reference = reference
        dispatch.twin_module = module
        return dispatch
    return decorate
