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

from ..backend import as_dtype, rng as make_rng
from ..nn import recording
from ..nn.layer import Layer
from . import subclass_state as S
from .model import Model
from .subclass_trace import _bind, _build_by_example, _build_graph, _leaves, _signature, _trace


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
        if input_shape is not None and not t.graphs:
            _build_by_example(self, input_shape)

    def call_output_shape(self, *args, **kwargs):
        args, kwargs, _ = _bind(self, args, kwargs, False)
        graph = self._graph(args, kwargs, False, symbolic=True)
        shapes = graph.output_shape(None)
        return shapes[0] if graph.side_keys is not None else shapes

    def output_shape(self, input_shape):
        return self.call_output_shape(input_shape)

    def forward(self, *args, training=False, **kwargs):
        args, kwargs, training = _bind(self, args, kwargs, training)
        if not self.built:
            first = next(iter(_leaves((args, kwargs))), None)
            floating = first is not None and first.dtype.kind == "f"
            self.build(None, dtype=first.dtype if floating else None)   # the trace below builds
            self.input_shape = None if first is None else first.shape[1:]
        graph = self._graph(args, kwargs, bool(training))
        y = graph.forward(_leaves((args, kwargs)), training=bool(training))
        self._cache = (graph, graph._cache)
        if graph.side_keys is not None:            # call's second result: kept, not an output
            setattr(self, self.side_outputs, dict(zip(graph.side_keys, y[1:])))
            y = y[0]
        return y

    def backward(self, dy, input_grad=True):
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward(); run forward first.")
        t = S.state(self)
        graph, cache = self._cache
        graph._cache = cache
        self._provisional = False
        if graph.side_keys is not None:
            dy = [dy] + [None] * len(graph.side_keys)
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


_INSTALLED = set()


def install(cls):
    """Give ``cls`` (a Layer subclass defining ``call``) the methods of ``Subclassed`` (of
    ``SubclassedModel`` for a Model); a method the class or a base of its own defines stays,
    and the class's own ``build(input_shape)`` becomes ``_keras_build`` (Keras's build)."""
    from .subclass_model import SubclassedModel
    source = SubclassedModel if issubclass(cls, Model) else Subclassed
    user = cls.__dict__.get("build")
    user = None if user is None or user in _INSTALLED else user
    if user is not None:
        cls._keras_build = user
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
    if user is not None:
        cls.build = _chained_build(user, source.build)


def _chained_build(user, framework):
    """The class's ``build``: the engine's build, except inside a Keras build, where
    ``super().build(input_shape)`` from a subclass's own build reaches this class's."""
    def build(self, input_shape=None, rng=None, dtype=None):
        if S.state(self).keras_phase:
            return user(self, input_shape)
        return framework(self, input_shape, rng, dtype)
    _INSTALLED.add(build)
    return build


def _installed(value):
    return (callable(value) or isinstance(value, property)) and value in _INSTALLED


recording.add_subclass_hook(install)
