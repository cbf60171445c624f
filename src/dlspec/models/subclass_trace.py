"""Tracing a subclassed layer's ``call``: arguments to symbolic inputs, the recorded calls to a
``Model``, signatures that say when to trace again, and building the sub-layers."""
from __future__ import annotations

import inspect

import numpy as np

from ..nn import recording
from ..nn.node import Input, SymbolicTensor
from . import subclass_state as S
from .model import Model


def _bind(layer, args, kwargs, training):
    """Arguments by ``call``'s names; an explicit ``training`` in them wins over the engine's."""
    cls = type(layer)
    signature = cls.__dict__.get("_call_signature")
    if signature is None:                   # once per class: inspect is slow on every call
        signature = inspect.signature(layer.call)
        setattr(cls, "_call_signature", signature)
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise TypeError(f"{cls.__name__}.call{signature}: {exc}") from None
    given = bound.arguments.pop("training", None)
    return bound.args, bound.kwargs, training if given is None else given


def _is_array(v, symbolic):
    if symbolic:
        return isinstance(v, tuple) and all(d is None or isinstance(d, int) for d in v)
    return hasattr(v, "shape") and hasattr(v, "dtype") and not isinstance(v, SymbolicTensor)


def _leaves(value, symbolic=False, out=None):
    out = [] if out is None else out
    if _is_array(value, symbolic):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _leaves(v, symbolic, out)
    elif isinstance(value, dict):
        for v in value.values():
            _leaves(v, symbolic, out)
    return out


def _signature(value, symbolic):
    if _is_array(value, symbolic):
        return ("array", tuple(value) if symbolic else (tuple(value.shape[1:]), str(value.dtype)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_signature(v, symbolic) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, _signature(v, symbolic)) for k, v in value.items()))
    return ("value", repr(value))


def _trace(layer, args, kwargs, training, symbolic):
    """Run ``call`` on symbolic inputs shaped as the arguments; the recorded calls, as a Model."""
    t = S.state(layer)
    inputs, full = [], []

    def to_input(v):
        if _is_array(v, symbolic):
            shape = v if symbolic else tuple(v.shape[1:])
            dtype = None if symbolic or v.dtype.kind == "f" else str(v.dtype)
            inputs.append(Input(shape, dtype=dtype))
            full.append((None if symbolic or t.example else v.shape[0], *shape))
            return inputs[-1]
        if isinstance(v, (list, tuple)):
            return type(v)(to_input(x) for x in v)
        if isinstance(v, dict):
            return {k: to_input(x) for k, x in v.items()}
        return v

    sym_args = [to_input(a) for a in args]
    first = full[:len(_leaves(args[0], symbolic))] if args else full[:1]
    sym_kwargs = {k: to_input(v) for k, v in kwargs.items()}
    if not t.keras_built:
        t.keras_built = True
        if hasattr(layer, "_keras_build"):     # Keras's build: the first argument's full shape(s)
            keras_build(layer, first[0] if len(first) == 1 and _is_array(args[0], symbolic) else first)
    params = inspect.signature(layer.call).parameters
    if "training" in params or any(p.kind == p.VAR_KEYWORD for p in params.values()):
        sym_kwargs["training"] = training
    recording.TRACING.append(layer)
    try:
        out = layer.call(*sym_args, **sym_kwargs)
    finally:
        recording.TRACING.pop()
    side_keys = None
    if getattr(layer, "side_outputs", None):     # (output, {name: tensor}): see DecoderLayer
        out, extras = out
        side_keys, out = list(extras), [out, *extras.values()]
    out = _symbolic(out)
    graph = Model(name=f"{layer.name}.call")
    graph._set_graph(inputs, out)       # built below, not at once: weights wait for the layer's build
    graph.side_keys = side_keys
    if layer.built:
        _build_graph(layer, graph)
    return graph


def _build_by_example(layer, input_shape):
    """Build the sub-layers at build time (count_params before any data, as Keras's functional
    models): trace ``call`` on zeros of ``input_shape`` (None read as 1), or on the layer's
    own ``example_inputs(input_shape)``. A call that cannot run on them builds at its first call."""
    def zeros(shape):
        if isinstance(shape, list) and shape and isinstance(shape[0], (list, tuple)):
            return [zeros(s) for s in shape]
        dtype = getattr(layer, "input_dtype", None) or layer.dtype
        return np.zeros((1, *(1 if d is None else d for d in shape)), dtype=dtype)
    make = getattr(layer, "example_inputs", None)
    t = S.state(layer)
    t.example = True                        # Keras's build sees (None, ...), not the example's 1
    try:
        args = make(input_shape) if make is not None else (zeros(input_shape),)
        layer._graph(tuple(args), {}, False)
    except (ValueError, TypeError, IndexError):
        pass
    finally:
        t.example = False


def _build_graph(layer, graph):
    t = S.state(layer)
    seed = int(t.rng.integers(2 ** 31)) if t.rng is not None else 0
    graph.seed, graph.model_dtype = seed, layer.dtype
    graph.build()
    _any_length(graph)


def _any_length(graph):
    """Sub-layers built by a trace take any size on their axes other than the features (the
    last axis; every axis of token ids), as the same layers built on Input((None, d)): a call
    traced again for another T (a decoder read one more step) reuses them."""
    for node in graph._nodes:
        layer, shape = node.layer, node.layer.input_shape
        if not (node.inputs and layer.built and isinstance(shape, tuple)) or not shape \
                or not all(d is None or isinstance(d, int) for d in shape):
            continue
        ids = node.inputs[0].dtype is not None and np.dtype(node.inputs[0].dtype).kind in "iu"
        layer.input_shape = (None,) * len(shape) if ids else (*(None,) * (len(shape) - 1), shape[-1])


def _symbolic(out):
    """``call``'s result with weights read and lists kept (a tuple becomes a list)."""
    if hasattr(out, "symbolic_read"):
        return out.symbolic_read()
    if isinstance(out, (list, tuple)):
        return [_symbolic(o) for o in out]
    if isinstance(out, dict):
        return {k: _symbolic(v) for k, v in out.items()}
    if not isinstance(out, SymbolicTensor):
        raise TypeError(f"call() must return tensors computed from its inputs (layer calls and "
                        f"dlspec.ops); it returned {type(out).__name__}.")
    return out


def keras_build(layer, input_shape):
    """Run the subclass's own ``build(input_shape)`` (its ``super().build`` calls included)."""
    t = S.state(layer)
    t.keras_phase = True
    try:
        layer._keras_build(input_shape)
    finally:
        t.keras_phase = False
