"""What a subclassed layer holds besides its sub-layers: its own weights (``add_weight``), their
gradients and variables, its traced graphs, and how sub-layers are found (its attributes).
"""
from __future__ import annotations

import inspect
import math
from types import SimpleNamespace

from .. import init as initializers
from ..autodiff.variable import LayerVariable
from ..backend import as_dtype, rng as make_rng, xp
from ..nn.layer import Layer

# Attributes of Model that hold layers without being sub-layers of the class's own.
SKIP = {"layers", "loss", "optimizer"}


def state(layer):
    """The subclass's private state, made on first use (``super().__init__`` needs no help)."""
    t = layer.__dict__.get("_sub")
    if t is None:
        t = layer.__dict__["_sub"] = SimpleNamespace(
            weights={}, trainable={}, grads={}, variables={}, graphs={}, keras_built=False,
            rng=None, last=None, example=False, keras_phase=False)
    return t


def sublayers(layer):
    """(attribute path, layer) of each tracked sub-layer, in the order they were assigned:
    attributes holding a layer, or a list, tuple or dict of layers (``enc_layers.0``)."""
    out, seen = [], set()
    for name, value in vars(layer).items():
        if name.startswith("_") or name in SKIP:
            continue
        if isinstance(value, Layer):
            found = [(name, value)]
        elif isinstance(value, (list, tuple)):
            found = [(f"{name}.{i}", v) for i, v in enumerate(value) if isinstance(v, Layer)]
        elif isinstance(value, dict):
            found = [(f"{name}.{k}", v) for k, v in value.items() if isinstance(v, Layer)]
        else:
            continue
        for path, sub in found:
            if id(sub) not in seen and sub is not layer:
                seen.add(id(sub))
                out.append((path, sub))
    return out


class OwnWeight(LayerVariable):
    """A weight made by ``add_weight``: reads the subclass's own array live."""

    @property
    def value(self):
        return state(self.layer).weights[self.key]


def add_weight(layer, name=None, shape=None, initializer="glorot_uniform", dtype=None,
               trainable=True, **ignored):
    """Create a weight of ``shape`` (Keras's ``add_weight``); returns its ``Variable``."""
    t = state(layer)
    key = name or f"weight_{len(t.weights)}"
    if key in t.weights:
        raise ValueError(f"{type(layer).__name__}.add_weight: a weight named {key!r} exists already; "
                         "give each weight its own name.")
    if shape is None:
        raise ValueError(f"{type(layer).__name__}.add_weight({key!r}) needs shape=, e.g. "
                         "shape=(input_shape[-1], self.units).")
    dtype = as_dtype(dtype if dtype is not None else layer.dtype)
    t.weights[key] = initialize(initializer, tuple(int(d) for d in shape), t.rng or make_rng(None), dtype)
    t.trainable[key] = bool(trainable)
    t.variables[key] = OwnWeight(layer, key, f"{layer.name}.{key}", trainable)
    return t.variables[key]


def initialize(initializer, shape, rng, dtype):
    """Keras's initializer names, dlspec's (``"he"``), or a callable ``(shape, dtype)``."""
    if callable(initializer):
        params = inspect.signature(initializer).parameters
        value = initializer(shape, rng, dtype) if "rng" in params else initializer(shape, dtype=dtype)
        return xp.asarray(getattr(value, "value", value), dtype=dtype)
    fan_in = math.prod(shape[:-1]) if len(shape) > 1 else (shape[0] if shape else 1)
    fan_out = shape[-1] if shape else 1
    if initializer == "glorot_uniform":
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape).astype(dtype)
    keras = {"zeros": lambda: xp.zeros(shape, dtype), "ones": lambda: xp.ones(shape, dtype),
             "random_normal": lambda: (0.05 * rng.standard_normal(shape)).astype(dtype),
             "random_uniform": lambda: rng.uniform(-0.05, 0.05, shape).astype(dtype),
             "glorot_normal": lambda: initializers.glorot(shape, rng, dtype),
             "he_normal": lambda: initializers.he(shape, rng, dtype)}
    if initializer in keras:
        return keras[initializer]()
    try:
        return initializers.get(initializer)(shape, rng, dtype)
    except ValueError:
        raise ValueError(f"add_weight: unknown initializer {initializer!r}; use one of "
                         f"{sorted(keras) + ['glorot_uniform']} or a function (shape, dtype).") from None
