"""Model: a graph of layer calls from inputs to outputs (Keras's functional API), itself a layer."""
from __future__ import annotations

from collections import Counter

from ..backend import as_dtype, rng as make_rng
from ..nn.layer import Layer, shape_matches
from ..nn.node import SymbolicTensor
from . import engine
from .api import TrainingAPI


class Model(TrainingAPI, Layer):
    """A model from symbolic inputs to outputs, written as the course writes Keras models.

    Parameters
    ----------
    inputs : a tensor from ``dlspec.Input``, or a list or dict of them.
    outputs : symbolic tensor(s) computed from ``inputs``: one, a list or a dict.
    name : str, optional.
    seed : int or numpy.random.Generator, seeds parameter initialization (and, in ``fit``,
        shuffling and dropout).
    dtype : "float32" (default) or "float64".

    Notes
    -----
    Each layer call is a node with its own forward cache, so a layer called several times
    shares its weights and backward sums its parameter gradients over the calls; a tensor
    read by several calls gets the sum of their gradients. Only the calls the outputs depend
    on run. ``backward(dy)`` returns the gradient w.r.t. each input (as the inputs were
    given: one array, a list or a dict), so an input can be optimized (style transfer).
    ``params``/``grads``/``state`` are flat views keyed ``"layer_name.W"``; the arrays are
    the layers' own. The layers are built at construction (seeded by ``seed``) when the
inputs' shapes are fully known, else on the first ``fit``/``predict``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec.nn import Dense, Input
    >>> x = Input((4,)); shared = Dense(3)
    >>> model = Model(x, [shared(x), shared(shared(x))], seed=0)   # one Dense called three times
    >>> [y.shape for y in model.predict(np.ones((2, 4)))]
    [(2, 3), (2, 3)]
    """

    def __init__(self, inputs=None, outputs=None, name=None, seed=0, dtype=None):
        super().__init__(name or "model")
        self.seed = seed
        self.model_dtype = dtype
        self.loss = self.optimizer = None
        self.l2 = 0.0
        self._trainable = True
        self._not_run = set()
        self.output_masks = []      # per output, the mask of the last forward (None: no mask)
        self.layers = []
        self._in_keys = self._out_keys = None
        self._inputs, self._outputs, self._nodes = [], [], []
        self._shared, self._plan, self._tracks_masks = set(), [], False
        if inputs is not None or outputs is not None:
            self._set_graph(inputs, outputs)
            if all(None not in t.shape for t in self._inputs):
                self.build()        # as Keras: weights exist (and shapes are checked) at once

    # -- the graph ------------------------------------------------------------
    def _set_graph(self, inputs, outputs):
        self._in_keys, self._inputs = _structure(inputs, "inputs")
        self._out_keys, self._outputs = _structure(outputs, "outputs")
        for t in self._inputs:
            if t.node.layer is not None:
                raise ValueError(f"Model inputs must come from dlspec.Input; {t.name} is the output "
                                 f"of {type(t.node.layer).__name__}. Pass the Input it was computed from.")
        self._nodes = engine.collect_nodes(self._outputs, self._inputs)
        calls = Counter(id(node.layer) for node in self._nodes)
        self._shared = {k for k, n in calls.items() if n > 1}
        self.layers = list(dict.fromkeys(node.layer for node in self._nodes))
        self._plan = engine.plan(self)
        self._tracks_masks = any(getattr(layer, "mask_zero", False) for layer in self.layers)
        self._constant = (None, None)
        taken = set()
        for layer in self.layers:
            base, i = layer.name, 1
            while layer.name in taken:
                layer.name = f"{base}_{i}"
                i += 1
            taken.add(layer.name)
        self.built = False

    @property
    def inputs(self):
        return self._pack(self._in_keys, self._inputs)

    @property
    def outputs(self):
        return self._pack(self._out_keys, self._outputs)

    @property
    def input_spec(self):
        """The inputs' per-example shapes, as declared by ``Input``."""
        return self._pack(self._in_keys, [t.shape for t in self._inputs])

    # -- flat views of the children's dicts --------------------------------------
    def _flat(self, attr):
        return {f"{layer.name}.{k}": v for layer in self.layers for k, v in getattr(layer, attr).items()}

    params = property(lambda self: self._flat("params"))
    grads = property(lambda self: self._flat("grads"))
    state = property(lambda self: self._flat("state"))

    def _assign_grads(self, grads):
        for layer in self.layers:
            prefix = f"{layer.name}."
            mine = {k[len(prefix):]: v for k, v in grads.items() if k.startswith(prefix)}
            if mine:
                layer._assign_grads(mine)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Freeze (False) or unfreeze every layer inside, as Keras does."""
        self._trainable = bool(value)
        for layer in self.layers:
            layer.trainable = bool(value)

    def named_params_and_grads(self):
        """Yield ``(qualified name, param, grad)`` for every trainable parameter that got a
        gradient in the last backward (frozen layers and unused calls are left out)."""
        for layer in self.layers:
            if not layer.trainable or id(layer) in self._not_run:
                continue
            if hasattr(layer, "named_params_and_grads"):      # a sub-model or subclassed layer
                for key, param, grad in layer.named_params_and_grads():
                    yield f"{layer.name}.{key}", param, grad
            else:
                for key, param in layer.params.items():
                    yield f"{layer.name}.{key}", param, layer.grads[key]

    # -- layer life cycle ---------------------------------------------------
    def build(self, input_shape=None, rng=None, dtype=None):
        """Build every layer (those already built keep their weights); returns output shapes."""
        sub = self.__dict__.get("_sub")
        if sub is not None and sub.keras_phase:
            return None             # Keras's super().build(input_shape) in a subclassed model's build
        shapes = self._input_shapes(input_shape)
        self.dtype = as_dtype(dtype if dtype is not None else self.model_dtype)
        rng = make_rng(self.seed if rng is None else rng)
        for layer in self.layers:
            if layer._provisional:
                layer.built = False
        out = engine.shape_pass(self, shapes, build=(rng, self.dtype))
        self.input_shape = shapes[0] if self._in_keys is None else shapes
        self.built = True
        self._provisional = False
        return self._pack(self._out_keys, [out[id(t)] for t in self._outputs])

    def _input_shapes(self, input_shape):
        if input_shape is None:
            return [t.shape for t in self._inputs]
        if self._in_keys is None:
            given = [input_shape]
        elif isinstance(input_shape, dict) or isinstance(self._in_keys, int):
            given = self._flatten(input_shape, self._in_keys, "input shapes")
        else:                       # a dict model's shapes in input order (as saved)
            given = self._flatten(dict(zip(self._in_keys, input_shape)), self._in_keys, "input shapes")
        return [tuple(s) for s in given]

    def output_shape(self, input_shape):
        shapes = engine.shape_pass(self, self._input_shapes(input_shape))
        return self._pack(self._out_keys, [shapes[id(t)] for t in self._outputs])

    def forward(self, x, training: bool = False, keep_caches: bool = True):
        """Outputs for the input array(s) ``x``: one array, a list or a dict, as the inputs.

        ``keep_caches=False``: no backward will follow (``predict`` passes it), so the
        layers' caches are freed as the forward goes (less memory, buffers reused).
        """
        xs = self._flatten(x, self._in_keys, "inputs")
        if not self.built:   # the dtype the model was given wins over the first batch's
            data_dtype = xs[0].dtype if xs[0].dtype.kind == "f" else None
            self.build([a.shape[1:] for a in xs] if self._in_keys is not None else xs[0].shape[1:],
                       dtype=self.model_dtype if self.model_dtype is not None else data_dtype)
        self._check_shapes(xs)
        outs, self._cache, self.output_masks = engine.forward(self, xs, training, keep_caches)
        return self._pack(self._out_keys, outs)

    def _check_shapes(self, xs):
        built = [self.input_shape] if self._in_keys is None else self.input_shape
        for t, a, shape in zip(self._inputs, xs, built):
            if not shape_matches(a.shape[1:], shape):
                raise ValueError(f"{self.name}: input {t.name} expects arrays of shape (N, "
                                 f"{', '.join(map(str, shape))}); got {tuple(a.shape)}.")

    def _backward(self, dy, cache):
        dys = self._flatten(dy, self._out_keys, "output gradients", allow_none=True)
        dxs = engine.backward(self, cache, dys, self.input_grad)
        return self._pack(self._in_keys, dxs) if self.input_grad else None

    # -- structures: one tensor, a list or a dict ----------------------------------
    def _flatten(self, value, keys, what, allow_none=False):
        if keys is None:
            return [value]
        if isinstance(keys, int):
            if not isinstance(value, (list, tuple)) or len(value) != keys:
                raise ValueError(f"{self.name} has {keys} {what.split()[0]}; give a list of {keys} "
                                 f"{what}; got {_what(value)}.")
            return list(value)
        if not isinstance(value, dict) or (set(value) - set(keys)) or (not allow_none and set(keys) - set(value)):
            raise ValueError(f"{self.name} takes its {what} as a dict with keys {list(keys)}; "
                             f"got {_what(value)}.")
        return [value.get(k) for k in keys]

    @staticmethod
    def _pack(keys, values):
        if keys is None:
            return values[0]
        if isinstance(keys, int):
            return list(values)
        return dict(zip(keys, values))

    # -- conveniences -------------------------------------------------------
    def count_params(self, include_state=False) -> int:
        """Parameters (trainable and frozen); with ``include_state``, also the non-trainable
        state such as batch norm's moving averages (Keras's count)."""
        self._ensure_built()
        total = sum(layer.count_params() for layer in self.layers)
        if include_state:     # float state only: moving averages, not dropout's step counter
            total += sum(int(v.size) for v in self.state.values() if v.dtype.kind == "f")
        return total

    def _ensure_built(self):
        if not self.built:
            self.build()

    def summary(self, print_fn=None) -> None:
        """Print Keras's table: layer (type), output shape, params, connected to; and totals.

        As Keras: returns None; ``print_fn`` (default ``print``) receives the text, so
        ``model.summary(print_fn=lines.append)`` keeps it.
        """
        from .summary import summary
        self._ensure_built()
        (print if print_fn is None else print_fn)(summary(self))

    def _repr_html_(self):
        """Jupyter shows a model as its summary table (nothing to show before it is built)."""
        if not self.built:
            try:
                self.build()
            except (ValueError, TypeError, RuntimeError):
                return None      # no input shape yet: Jupyter falls back to repr()
        from .summary import summary_html
        return summary_html(self)

    def get_config(self):
        from .config import model_config
        return model_config(self)

    @classmethod
    def from_config(cls, config):
        """Rebuild from ``get_config()`` (its layers already rebuilt by ``dlspec.io``)."""
        config = dict(config)
        frozen = set(config.pop("frozen", ()))
        if "nodes" not in config:
            model = cls(**config)
        else:
            from .config import model_from_config
            model = model_from_config(cls, config, config["layers"])
        for layer in model.layers:
            if layer.name in frozen:
                layer.trainable = False
        return model

    def __repr__(self):
        return (f"{type(self).__name__}(name={self.name!r}, {len(self._inputs) if self.layers else 0} "
                f"input(s), {len(self.layers)} layers)")


def _structure(value, what):
    """(keys, flat list): keys None for one tensor, an int for a list, the keys for a dict."""
    if isinstance(value, SymbolicTensor):
        return None, [value]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, SymbolicTensor) for v in value):
        return len(value), list(value)
    if isinstance(value, dict) and value and all(isinstance(v, SymbolicTensor) for v in value.values()):
        return list(value), list(value.values())
    raise TypeError(f"Model({what}=...) expects a symbolic tensor (from dlspec.Input or a layer "
                    f"call), or a non-empty list or dict of them; got {_what(value)}.")


def _what(value):
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)}"
    if isinstance(value, dict):
        return f"a dict with keys {list(value)}"
    return type(value).__name__
