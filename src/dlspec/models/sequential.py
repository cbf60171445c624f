"""Sequential: a stack of layers, each feeding the next."""
from __future__ import annotations

from .model import Model


class Sequential(Model):
    """A model that applies its layers in order; backward runs them in reverse.

    Parameters
    ----------
    layers : list of Layer
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
        super().__init__(seed=seed, dtype=dtype, name=name)
        self.layers = []
        for layer in layers:
            self.add(layer)

    def add(self, layer):
        from ..nn.layer import Layer
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential takes dlspec layers; got {type(layer).__name__}. "
                            "Wrap plain functions in a Layer subclass.")
        self._unique_name(layer)
        self.layers.append(layer)
        self.built = False
        return self

    def _build(self, input_shape, rng, dtype):
        shape = input_shape
        for layer in self.layers:
            shape = layer.build(shape, rng, dtype)

    def output_shape(self, input_shape):
        for layer in self.layers:
            input_shape = layer.output_shape(input_shape)
        return input_shape

    def _forward(self, x, training):
        for layer in self.layers:
            x = layer.forward(x, training)
        return x, True

    def _backward(self, dy, cache):
        if self.input_grad:
            for layer in reversed(self.layers):
                dy = layer.backward(dy)
            return dy
        # Nobody needs dX (fit passes input_grad=False): the layers below the first one
        # with parameters would only carry gradients to the data, so stop at that layer
        # and let it skip its own input gradient.
        first = next((i for i, layer in enumerate(self.layers) if layer.params), len(self.layers))
        for i in range(len(self.layers) - 1, first - 1, -1):
            dy = self.layers[i].backward(dy, input_grad=i > first)
        return None

    def get_config(self):
        return {"layers": [{"class": type(layer).__name__, "config": layer.get_config()}
                           for layer in self.layers],
                "seed": self.seed if isinstance(self.seed, int) else None,
                "dtype": self.model_dtype, "name": self.name}
