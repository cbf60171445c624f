"""TimeDistributed: apply one layer (the same weights) at every time step."""
from __future__ import annotations

from .layer import Layer


class TimeDistributed(Layer):
    """Apply ``layer`` to every step of a sequence x (N, T, ...), sharing its parameters.

    The course's language model computes y^<t> = softmax(a<t> Wya + by) at every t with the
    same Wya: that is ``TimeDistributed(Dense(V))`` on the hidden states (N, T, H).

    Parameters
    ----------
    layer : Layer, or its ``{"class": ..., "config": ...}`` as in ``get_config()``
        Any layer for per-step inputs (``Dense``, an activation...).

    Notes
    -----
    Forward reshapes (N, T, ...) -> (N*T, ...), applies ``layer`` and reshapes back, so the
    wrapped layer sees one batch of N*T examples; its gradients are therefore already summed
    over time. ``params``/``grads``/``state`` are the wrapped layer's own dicts. T may vary
    between calls.

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec.nn import Dense
    >>> TimeDistributed(Dense(4)).forward(np.zeros((2, 5, 3), np.float32)).shape
    (2, 5, 4)
    """

    propagates_mask = True      # per step: a mask from an Embedding passes through

    params = property(lambda self: self.layer.params)
    grads = property(lambda self: self.layer.grads)
    state = property(lambda self: self.layer.state)

    def __init__(self, layer, name: str | None = None):
        if isinstance(layer, dict) and set(layer) == {"class", "config"}:
            layer = _layer_from_config(layer)
        if not isinstance(layer, Layer):
            raise TypeError(f"TimeDistributed wraps a dlspec layer; got {type(layer).__name__}.")
        self.layer = layer
        super().__init__(name or f"timedistributed_{layer.name}")

    def _build(self, input_shape, rng, dtype):
        self.layer.build(input_shape[1:], rng, dtype)

    def output_shape(self, input_shape):
        return (input_shape[0], *self.layer.output_shape(input_shape[1:]))

    def forward(self, x, training: bool = False):
        """Apply the wrapped layer at every step of x (N, T, ...)."""
        if getattr(x, "ndim", 0) < 3:
            raise ValueError(f"TimeDistributed expects sequences (N, T, ...); got shape "
                             f"{tuple(getattr(x, 'shape', ()))}. For inputs (N, D) use the "
                             f"wrapped {type(self.layer).__name__} on its own.")
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype if x.dtype.kind == "f" else None)
        N, T = x.shape[:2]
        y = self.layer.forward(x.reshape(N * T, *x.shape[2:]), training)   # (N*T, ...)
        self._cache = (N, T, self.layer._cache)    # the inner call's cache: one per call of ours
        return y.reshape(N, T, *y.shape[1:])                                # (N, T, ...)

    def _backward(self, dy, cache):
        N, T, self.layer._cache = cache
        dx = self.layer.backward(dy.reshape(N * T, *dy.shape[2:]), self.input_grad)   # (N*T, ...)
        return None if dx is None else dx.reshape(N, T, *dx.shape[1:])

    def get_config(self):
        return {"layer": {"class": type(self.layer).__name__, "config": self.layer.get_config()},
                "name": self.name}


def _layer_from_config(spec):
    """Rebuild the wrapped layer from ``{"class": name, "config": kwargs}``."""
    from .. import nn
    cls = getattr(nn, spec["class"], None)
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise ValueError(f"TimeDistributed: unknown layer class {spec['class']!r}; expected one of "
                         f"dlspec.nn's layers ({', '.join(nn.__all__)}).")
    return cls(**spec["config"])
