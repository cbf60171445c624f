"""Rebuild layers, models, losses and optimizers from their class name and config.

A saved model stores each object as ``{"class": "Dense", "config": {...}}``, where
``config`` is what ``get_config()`` returned: the constructor arguments. Classes are
looked up by name in the public modules (``dlspec.nn``, ``dlspec.models``,
``dlspec.losses``, ``dlspec.optim``), so a new layer round-trips as soon as it is
exported from ``dlspec.nn`` and its ``get_config()`` returns its constructor arguments.
"""
from __future__ import annotations

import importlib
import inspect

# Where each kind of object is looked up (modules are imported on first use, so that
# this low-level file does not import the whole library).
SEARCH_MODULES = {
    "layer": ("dlspec.nn", "dlspec.models"),
    "loss": ("dlspec.losses", "dlspec.multi_loss"),
    "optimizer": ("dlspec.optim", "dlspec.optimizers"),
}


def find_class(name, kind="layer", custom_objects=None):
    """Return the class called ``name`` among dlspec's public ``kind`` classes.

    ``custom_objects`` maps names to user-defined classes (as in Keras), for layers
    that live outside dlspec.
    """
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    for module_name in SEARCH_MODULES[kind]:
        cls = getattr(importlib.import_module(module_name), name, None)
        if inspect.isclass(cls):
            return cls
    raise ValueError(
        f"Unknown {kind} class {name!r} in the saved config: it is not exported by "
        f"{' or '.join(SEARCH_MODULES[kind])}. If it is your own class, pass "
        f"custom_objects={{{name!r}: {name}}} to load_model.")


def serialize(obj) -> dict:
    """``{"class": name, "config": obj.get_config()}``."""
    return {"class": getattr(type(obj), "config_class", type(obj).__name__), "config": obj.get_config()}


def deserialize(spec, kind="layer", custom_objects=None):
    """Build an object from ``{"class", "config"}``; nested specs (a model's layers) first."""
    if not (isinstance(spec, dict) and "class" in spec and "config" in spec):
        raise ValueError(f"Expected a saved object of the form {{'class': ..., 'config': ...}}; "
                         f"got {str(spec)[:80]!r}. The file's metadata is damaged.")
    if spec["class"] == "Graph" and _is_graph_config(spec["config"]):
        # Files saved by the retired Graph class: replayed as a functional model.
        from ..models.legacy import LegacyGraph
        return LegacyGraph(spec["config"], lambda s: deserialize(s, "layer", custom_objects))
    name, config = _renamed(spec["class"], spec["config"], kind, custom_objects)
    cls = find_class(name, kind, custom_objects)
    config = {k: _build_nested(v, custom_objects) for k, v in config.items()}
    if hasattr(cls, "from_config"):
        return cls.from_config(config)
    for key, value in config.items():
        if value == "custom" and "init" in key:
            # get_config() writes "custom" for a user's initializer function, which cannot
            # be saved; the saved weights are loaded over it, so any initializer will do.
            config[key] = "zeros"
    try:
        return cls(**config)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Could not rebuild {spec['class']} from its saved config {config}: {exc}. "
                         f"Its get_config() must return exactly its constructor arguments.") from exc


def _renamed(name, config, kind, custom_objects):
    """A class renamed since the file was saved: today's name and a config with the old meaning.

    Each module in ``SEARCH_MODULES`` may list ``RENAMED_CLASSES = {old: (new, defaults)}``;
    the defaults fill what the old config leaves out (``dlspec.losses``: BinaryCrossEntropy).
    """
    if custom_objects and name in custom_objects:
        return name, config
    for module_name in SEARCH_MODULES[kind]:
        renamed = getattr(importlib.import_module(module_name), "RENAMED_CLASSES", {})
        if name in renamed:
            new, defaults = renamed[name]
            return new, {**defaults, **config}
    return name, config


def _build_nested(value, custom_objects):
    """Turn nested ``{"class", "config"}`` dicts (inside lists or dicts) into layers."""
    if isinstance(value, dict):
        if set(value) == {"class", "config"}:
            return deserialize(value, "layer", custom_objects)
        return {k: _build_nested(v, custom_objects) for k, v in value.items()}
    if isinstance(value, list):
        return [_build_nested(v, custom_objects) for v in value]
    return value


def _is_graph_config(config):
    layers = config.get("layers") if isinstance(config, dict) else None
    return isinstance(layers, list) and any(isinstance(l, dict) and "inputs" in l for l in layers)
