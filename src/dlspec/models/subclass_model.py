"""Subclassed models (``class MyModel(dlspec.Model)`` with a ``call``), as Keras writes them.

The first ``fit``/``predict``/call on data (or ``model.build((None, ...))``) traces ``call``
on ``Input``s shaped as the data: the recorded calls become the model's own graph, so from
then on it is a functional ``Model`` (summary, fit, save of weights, the engine's fast path).
Sub-layers take their attribute paths as names, so weights are named ``encoder.mha.Wq``.
The graph follows the model's mode at run time, so ``call`` must pass ``training`` on rather
than branch on it in Python.
"""
from __future__ import annotations

import inspect

from ..nn import recording
from ..nn.node import Input
from . import subclass_state as S
from .api import TrainingAPI
from .model import Model
from .subclass_trace import keras_build


class SubclassedModel:
    """The methods a ``Model`` subclass with ``call`` receives (``subclass.install``)."""

    def add_weight(self, name=None, shape=None, initializer="glorot_uniform", dtype=None, trainable=True, **kw):
        return S.add_weight(self, name, shape, initializer, dtype, trainable, **kw)

    def build(self, input_shape=None, rng=None, dtype=None):
        """Trace ``call`` for ``input_shape`` (Keras's, with the batch axis None, or per example)."""
        if not self._inputs:
            if input_shape is None:
                raise ValueError(f"{type(self).__name__} is a subclassed model: call it on data "
                                 "(fit, predict, model(X)) or build((None, ...)) first, so that its "
                                 "call() can be traced.")
            _trace_model(self, _per_example(input_shape), None)
            input_shape = None
        return Model.build(self, input_shape, rng, dtype)

    def forward(self, x, training=False, keep_caches=True):
        if not self._inputs:
            _trace_model(self, _shapes(x), _dtypes(x))
        return Model.forward(self, x, training=training, keep_caches=keep_caches)

    def prepare_inputs(self, X):
        if not self._inputs:
            _trace_model(self, _shapes(X), _dtypes(X))
        return TrainingAPI.prepare_inputs(self, X)


def _per_example(shape):
    if isinstance(shape, dict):
        return {k: _per_example(v) for k, v in shape.items()}
    if isinstance(shape, list) and shape and isinstance(shape[0], (list, tuple)):
        return [_per_example(s) for s in shape]
    shape = tuple(shape)
    return shape[1:] if shape and shape[0] is None else shape


def _shapes(x):
    if isinstance(x, dict):
        return {k: _shapes(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_shapes(v) for v in x]
    return tuple(x.shape[1:])


def _dtypes(x):
    if isinstance(x, dict):
        return {k: _dtypes(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_dtypes(v) for v in x]
    kind = getattr(getattr(x, "dtype", None), "kind", "f")
    return None if kind == "f" else str(x.dtype)


def _trace_model(model, shapes, dtypes):
    """Make the model's graph: ``call`` on Inputs of ``shapes`` (one, a list or a dict)."""
    def inputs_for(s, d, name=None):
        if isinstance(s, dict):
            return {k: inputs_for(v, (d or {}).get(k), k) for k, v in s.items()}
        if isinstance(s, list):
            return [inputs_for(v, (d or [None] * len(s))[i]) for i, v in enumerate(s)]
        return Input(tuple(s), dtype=d, name=name)

    inputs = inputs_for(shapes, dtypes)
    t = S.state(model)
    if not t.keras_built and hasattr(model, "_keras_build"):
        t.keras_built = True
        full = _full(shapes)
        keras_build(model, full)
    for path, layer in S.sublayers(model):
        layer.name = path                       # weights named by attribute path
    params = inspect.signature(model.call).parameters
    kwargs = {"training": None} if "training" in params else {}
    recording.TRACING.append(model)
    try:
        outputs = model.call(inputs, **kwargs)
    finally:
        recording.TRACING.pop()
    if isinstance(outputs, tuple):
        outputs = list(outputs)
    model._set_graph(inputs, outputs)


def _full(shapes):
    if isinstance(shapes, dict):
        return {k: _full(v) for k, v in shapes.items()}
    if isinstance(shapes, list):
        return [_full(v) for v in shapes]
    return (None, *shapes)
