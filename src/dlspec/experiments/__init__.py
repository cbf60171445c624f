"""Course experiments: one module per experiment (``cN_*.py``), registered on import."""
from __future__ import annotations

import importlib
import pkgutil

from .registry import REGISTRY, Experiment, all_experiments, experiment, get

_loaded = False


def load_all():
    """Import every ``cN_*`` module in this package, so each registers itself."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.iter_modules(__path__):
        if info.name[:1] == "c" and info.name[1:2].isdigit():
            importlib.import_module(f"{__name__}.{info.name}")


__all__ = ["REGISTRY", "Experiment", "experiment", "get", "all_experiments", "load_all"]
