"""Slice: ``X[:, t, :]`` on a symbolic tensor (the course's ``Lambda(lambda z: z[:, t, :])``)."""
from __future__ import annotations

from ..backend import xp
from .layer import Layer


class Slice(Layer):
    """Index every example the same way: y = x[:, key].

    The course steps one LSTM cell over a sequence by taking ``X[:, t, :]`` with a Keras
    ``Lambda``; in dlspec, indexing a symbolic tensor (``X[:, t, :]``) records this layer.

    Parameters
    ----------
    key : the per-example index: a tuple of ints and slices (the batch axis is left out),
        or its saved form, a list of ints and [start, stop, step] lists.

    Notes
    -----
    Forward: y = x[:, key]. Backward: dx = 0 everywhere but dx[:, key] = dy.

    Examples
    --------
    >>> import numpy as np
    >>> Slice((2, slice(None))).forward(np.zeros((4, 5, 3))).shape
    (4, 3)
    """

    def __init__(self, key, name: str | None = None):
        super().__init__(name)
        key = key if isinstance(key, (tuple, list)) else (key,)
        self.key = tuple(_to_index(k) for k in key)

    def output_shape(self, input_shape):
        if len(self.key) > len(input_shape):
            raise ValueError(f"Slice{self.key} indexes {len(self.key)} axes; the inputs have "
                             f"{len(input_shape)} per example (shape (N, {input_shape})).")
        out = []
        for n, k in zip(input_shape, self.key):
            if isinstance(k, slice):
                full = k == slice(None)
                out.append(n if full or n is None else len(range(*k.indices(n))))
            elif n is not None and not -n <= k < n:
                raise ValueError(f"Slice: index {k} is out of range for an axis of size {n}.")
        return (*out, *input_shape[len(self.key):])

    def _forward(self, x, training):
        return x[(slice(None), *self.key)], (x.shape, x.dtype)

    def _backward(self, dy, cache):
        shape, dtype = cache
        dx = xp.zeros(shape, dtype=dtype)
        dx[(slice(None), *self.key)] = dy
        return dx

    def get_config(self):
        key = [k if isinstance(k, int) else [k.start, k.stop, k.step] for k in self.key]
        return {"key": key, "name": self.name}


def _to_index(k):
    if isinstance(k, slice):
        return k
    if isinstance(k, list) and len(k) == 3:
        return slice(*k)
    if isinstance(k, int) and not isinstance(k, bool):
        return k
    raise TypeError(f"Slice takes ints and slices (x[:, t, :], x[:, 1:5]); got {k!r}.")
