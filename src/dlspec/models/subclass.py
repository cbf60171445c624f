"""Subclassed layers, as Keras writes them: sub-layers as attributes, a ``call``, ``add_weight``.

```python
class EncoderLayer(dlspec.nn.Layer):
    def __init__(self, ...):
        super().__init__()
        self.mha = MultiHeadAttention(...)        # tracked: found by walking the attributes
        self.ffn = [Dense(...), Dense(...)]        # lists and dicts of layers too
    def call(self, x, training=False, mask=None):
        ...                                      # layer calls and dlspec.ops on tensors
```

One mechanism: ``call`` is traced once per input signature (per-example shapes, dtypes, the
other arguments, training) on symbolic tensors, which records its layer and op calls as a
``Model``; ``forward`` runs that graph (the engine's fast path, a cache per call) and
``backward`` walks it in reverse. Under a ``GradientTape`` or on arrays the layer is one call,
recorded like any layer. Parameters are named by attribute path (``mha.Wq``,
``enc_layers.0.ffn1.W``); a subclass's own ``build(input_shape)`` gets Keras's shape with the
batch axis (None in a symbolic call, N on arrays) and may call ``self.add_weight``. A class
that writes its own ``forward``/``backward`` keeps them (the course's step-by-step layers).
"""
from __future__ import annotations

import inspect

from ..backend import as_dtype, rng as make_rng
from ..nn import recording
from ..nn.layer import Layer
from ..nn.node import Input, SymbolicTensor
from . import subclass_state as S
from .model import Model


class Subclassed:
    """The methods a ``Layer`` subclass with ``call`` receives (``install``)."""

    traces_call = True

    # -- weights: views over the sub-layers (by attribute path) and the own weights ---------
    @property
    def layers(self):
        return [layer for _, layer in S.sublayers(self)]

    def _view(self, attr, own):
        t = S.state(self)
        out = dict(own(t))
        for path, layer in S.sublayers(self):
            out.update({f"{path}.{k}": v for k, v in getattr(layer, attr).items()})
        return out

    params = property(lambda self: self._view("params", lambda t: {k: v for k, v in t.weights.items() if t.trainable[k]}))
    state = property(lambda self: self._view("state", lambda t: {k: v for k, v in t.weights.items() if not t.trainable[k]}))
    grads = property(lambda self: self._view("grads", lambda t: t.grads))

    @property
    def trainable(self):
        return self.__dict__.get("_trainable", True)

    @trainable.setter
    def trainable(self, value):
        self.__dict__["_trainable"] = bool(value)
        for layer in self.layers:
            layer.trainable = bool(value)

    def has_own_trainable_weights(self):
        t = S.state(self)
        return self.trainable and any(t.trainable.values())

    def add_weight(self, name=None, shape=None, initializer="glorot_uniform", dtype=None, trainable=True, **kw):
        return S.add_weight(self, name, shape, initializer, dtype, trainable, **kw)

    def _assign_grads(self, grads):
        t = S.state(self)
        t.grads.update({k: v for k, v in grads.items() if k in t.weights})
        for path, layer in S.sublayers(self):
            prefix = f"{path}."
            mine = {k[len(prefix):]: v for k, v in grads.items() if k.startswith(prefix)}
            if mine:
                layer._assign_grads(mine)

    def named_params_and_grads(self):
        """(attribute path, param, grad) for the trainable weights the last backward reached."""
        t = S.state(self)
        graph = t.last
        ran = {id(layer) for layer in graph.layers if id(layer) not in graph._not_run} if graph else set()
        for key, value in t.weights.items():
            if t.trainable[key] and key in t.grads:
                yield key, value, t.grads[key]
        for path, layer in S.sublayers(self):
            if not layer.trainable or id(layer) not in ran:
                continue
            if hasattr(layer, "named_params_and_grads"):
                for key, param, grad in layer.named_params_and_grads():
                    yield f"{path}.{key}", param, grad
            else:
                for key, param in layer.params.items():
                    yield f"{path}.{key}", param, layer.grads[key]

    def named_variables(self, prefix):
        from ..autodiff.variable import layer_variables
        t = S.state(self)
        out = [(prefix + k, v) for k, v in t.variables.items() if t.trainable[k]]
        for path, layer in S.sublayers(self):
            if hasattr(layer, "named_variables"):
                out += layer.named_variables(f"{prefix}{path}.") if layer.trainable else []
            else:
                out += [(v.name, v) for v in layer_variables(layer, f"{prefix}{path}.")]
        return out

    # -- life cycle ---------------------------------------------------------------------
    def build(self, input_shape, rng=None, dtype=None):
        """Framework build (the engine's, per-example shape): the rng and dtype for the weights;
        the sub-layers are built when ``call`` is traced."""
        t = S.state(self)
        self.input_shape = input_shape
        self.dtype = as_dtype(dtype)
        t.rng = make_rng(rng)
        for key, w in t.weights.items():           # add_weight in __init__: the model's dtype
            if w.dtype != self.dtype:
                t.weights[key] = w.astype(self.dtype)
        self.built, self._provisional = True, False
        for graph in t.graphs.values():            # traced by symbolic calls: build sub-layers now
            if not graph.built:
                _build_graph(self, graph)

    def call_output_shape(self, *args, **kwargs):
        args, kwargs, _ = _bind(self, args, kwargs, False)
        graph = self._graph(args, kwargs, False, symbolic=True)
        return graph.output_shape(None)

    def output_shape(self, input_shape):
        return self.call_output_shape(input_shape)

    def forward(self, *args, training=False, **kwargs):
        args, kwargs, training = _bind(self, args, kwargs, training)
        if not self.built:
            first = next(iter(_leaves((args, kwargs))), None)
            floating = first is not None and first.dtype.kind == "f"
            self.build(None if first is None else first.shape[1:], dtype=first.dtype if floating else None)
        graph = self._graph(args, kwargs, bool(training))
        y = graph.forward(_leaves((args, kwargs)), training=bool(training))
        self._cache = (graph, graph._cache)
        return y

    def backward(self, dy, input_grad=True):
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward(); run forward first.")
        t = S.state(self)
        graph, cache = self._cache
        graph._cache = cache
        self._provisional = False
        dxs = graph.backward(dy, input_grad=input_grad)
        t.last = graph
        for key, var in t.variables.items():       # own weights: their readers' gradients
            reader = var.__dict__.get("_reader")
            if reader is not None and reader in graph.layers and id(reader) not in graph._not_run:
                t.grads[key] = reader.grads.get("value")
        if not input_grad:
            return None
        return dxs[0] if len(dxs) == 1 else dxs

    # -- tracing --------------------------------------------------------------------------
    def _graph(self, args, kwargs, training, symbolic=False):
        t = S.state(self)
        key = (_signature((args, kwargs), symbolic), training)
        if key not in t.graphs:
            t.graphs[key] = _trace(self, args, kwargs, training, symbolic)
        return t.graphs[key]


def _bind(layer, args, kwargs, training):
    """Arguments by ``call``'s names; an explicit ``training`` in them wins over the engine's."""
    try:
        bound = inspect.signature(layer.call).bind(*args, **kwargs)
    except TypeError as exc:
        raise TypeError(f"{type(layer).__name__}.call{inspect.signature(layer.call)}: {exc}") from None
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
            full.append((None if symbolic else v.shape[0], *shape))
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
            layer._keras_build(first[0] if len(first) == 1 and _is_array(args[0], symbolic) else first)
    params = inspect.signature(layer.call).parameters
    if "training" in params or any(p.kind == p.VAR_KEYWORD for p in params.values()):
        sym_kwargs["training"] = training
    recording.TRACING.append(layer)
    try:
        out = layer.call(*sym_args, **sym_kwargs)
    finally:
        recording.TRACING.pop()
    out = _symbolic(out)
    graph = Model(name=f"{layer.name}.call")
    graph._set_graph(inputs, out)       # built below, not at once: weights wait for the layer's build
    if layer.built:
        _build_graph(layer, graph)
    return graph


def _build_graph(layer, graph):
    t = S.state(layer)
    seed = int(t.rng.integers(2 ** 31)) if t.rng is not None else 0
    graph.seed, graph.model_dtype = seed, layer.dtype
    graph.build()


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


_INSTALLED = set()


def install(cls):
    """Give ``cls`` (a Layer subclass defining ``call``) the methods of ``Subclassed`` (of
    ``SubclassedModel`` for a Model); a method the class or a base of its own defines stays,
    and the class's own ``build(input_shape)`` becomes ``_keras_build`` (Keras's build)."""
    from .subclass_model import SubclassedModel
    if getattr(cls, "composite_call", False):
        return
    source = SubclassedModel if issubclass(cls, Model) else Subclassed
    if "build" in cls.__dict__ and cls.__dict__["build"] not in _INSTALLED:
        cls._keras_build = cls.__dict__["build"]
    for name, value in vars(source).items():
        if name.startswith("__"):
            continue
        owner = next((k for k in cls.__mro__ if name in k.__dict__), None)
        ours = owner is None or owner in (Layer, Model, object) or name == "build" \
            or _installed(owner.__dict__[name])
        if ours:
            setattr(cls, name, value)
            if callable(value) or isinstance(value, property):
                _INSTALLED.add(value)


def _installed(value):
    return (callable(value) or isinstance(value, property)) and value in _INSTALLED


recording.add_subclass_hook(install)
