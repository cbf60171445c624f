"""Sequential: a stack of layers, each feeding the next (a chain of calls on one input)."""
from __future__ import annotations

from ..nn.layer import Layer
from ..nn.node import Input, SymbolicTensor
from .model import Model


class Sequential(Model):
    """A model that applies its layers in order; backward runs them in reverse.

    It is a thin builder on ``Model``: at ``build`` (or the first ``fit``/``predict``), it
    calls each layer on the previous one's output, starting from an ``Input`` of the data's
    shape. Layers that are already built (trained, or loaded with ``from_torch``) keep their
    weights; the sequence length T of recurrent models may change between calls.

    Parameters
    ----------
    layers : list of Layer; the first may be ``dlspec.Input(shape)`` to fix the input shape, or
        take Keras's ``input_shape=`` (``Conv2D(8, 3, input_shape=(64, 64, 3))``); then the
        model is built at once, as Keras builds it.
    seed : int or numpy.random.Generator
        Seeds parameter initialization (and, in ``fit``, shuffling and dropout).
    dtype : "float32" (default) or "float64"

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec.nn import Dense, Tanh, Sigmoid
    >>> model = Sequential([Dense(4), Tanh(), Dense(1), Sigmoid()], seed=1)
    >>> model.predict(np.zeros((3, 2))).shape
    (3, 1)
    """

    def __init__(self, layers=(), seed=0, dtype=None, name=None):
        super().__init__(seed=seed, dtype=dtype, name=name or "sequential")
        self._input_spec = None
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"Sequential takes a list of layers; got a {type(layers).__name__}. "
                            "For one layer write Sequential([layer]).")
        layers = list(layers)
        if layers and isinstance(layers[0], SymbolicTensor):
            self._input_spec = layers.pop(0).shape
        for layer in layers:
            self.add(layer)
        if self._input_spec is None and layers and getattr(layers[0], "keras_input_shape", None):
            self._input_spec = layers[0].keras_input_shape
            if None not in self._input_spec:
                self.build()            # Keras builds a Sequential with an input_shape at once

    def add(self, layer):
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential takes dlspec layers; got {type(layer).__name__}. "
                            "Wrap plain functions in a Layer subclass.")
        self._unique_name(layer)
        self.layers.append(layer)
        if self.built:        # keep the trained layers' weights, build only the new one
            self.build(self.input_shape)
        return self

    def _unique_name(self, layer):
        taken = {child.name for child in self.layers if child is not layer}
        base, i = layer.name, 1
        while layer.name in taken:
            layer.name = f"{base}_{i}"
            i += 1

    @property
    def input_spec(self):
        """The per-example input shape, if known before the data (``Input`` first, or set)."""
        return self._input_spec

    @input_spec.setter
    def input_spec(self, shape):
        self._input_spec = None if shape is None else tuple(shape)

    def build(self, input_shape=None, rng=None, dtype=None):
        if input_shape is None:
            input_shape = self._input_spec
        if input_shape is None and self.layers and self.layers[0].built:
            input_shape = self.layers[0].input_shape       # Dense(4, input_dim=2) first
        if input_shape is None:
            raise ValueError("Sequential.build needs the per-example input shape, for example "
                             "model.build((64, 64, 3)), or Input(shape) as the first layer.")
        if not self.layers:
            raise ValueError("Sequential has no layers; add some with model.add(layer).")
        layers = list(self.layers)
        x = Input(tuple(input_shape))
        y = x
        for layer in layers:
            y = layer(y)
        self._set_graph(x, y)
        return super().build(input_shape, rng, dtype)

    def _check_shapes(self, xs):
        """Each layer checks what it needs (a recurrent model accepts any T)."""
        if xs[0].ndim != len(self._inputs[0].shape) + 1:
            raise ValueError(f"{self.name} was built for inputs of shape (N, "
                             f"{', '.join(map(str, self._inputs[0].shape))}); got {tuple(xs[0].shape)}.")

    def output_shape(self, input_shape):
        for layer in self.layers:
            input_shape = layer.output_shape(input_shape)
        return input_shape

    def get_config(self):
        return {"layers": [{"class": type(layer).__name__, "config": layer.get_config()}
                           for layer in self.layers],
                "frozen": [layer.name for layer in self.layers if not layer.trainable],
                "seed": self.seed if isinstance(self.seed, int) else None,
                "dtype": self.model_dtype, "name": self.name}
