"""Layers with several inputs: Add (residual connections), Multiply and Concatenate (Inception
branches); Dot (attention's context) is in ``dot.py``.

Their ``forward`` takes a list of arrays and their ``backward`` returns a list of gradients,
one per input; a ``dlspec.Model`` wires them.
"""
from __future__ import annotations

from ..backend import as_dtype, rng as make_rng, xp
from .layer import Layer


class Merge(Layer):
    """Base for layers whose input is a list of tensors of per-example shapes ``input_shape``."""

    def build(self, input_shape, rng=None, dtype=None):
        shapes = [tuple(s) for s in input_shape]
        if len(shapes) < 2 or not all(isinstance(d, int) for s in shapes for d in s):
            raise ValueError(f"{self!r} merges two or more inputs; got input shapes {input_shape!r}.")
        self.input_shape = shapes
        self.dtype = as_dtype(dtype)
        self._build(shapes, make_rng(rng), self.dtype)
        self.built = True
        return self.output_shape(shapes)

    def forward(self, xs, training=False):
        if not isinstance(xs, (list, tuple)):
            raise TypeError(f"{self!r} takes a list of arrays (one per input); got "
                            f"{type(xs).__name__}.")
        shapes = [tuple(x.shape[1:]) for x in xs]
        if not self.built:
            self.build(shapes, dtype=xs[0].dtype if xs[0].dtype.kind == "f" else None)
        elif shapes != self.input_shape:
            raise ValueError(f"{self!r} was built for input shapes {self.input_shape}; got {shapes}.")
        y, self._cache = self._forward(list(xs), training)
        return y


class Add(Merge):
    """Elementwise sum of inputs of the same shape: the skip connection a[l+2] = g(z[l+2] + a[l]).

    Backward hands the same gradient to every input.
    """

    def _build(self, shapes, rng, dtype):
        if any(s != shapes[0] for s in shapes):
            raise ValueError(
                f"Add needs inputs of the same shape; got {[('N', *s) for s in shapes]}. In a "
                "residual block, give the shortcut a 1x1 Conv2D with the main path's number of "
                "filters and stride (the course's convolutional block).")

    def output_shape(self, input_shape):
        return tuple(input_shape[0])

    def _forward(self, xs, training):
        out = xs[0] + xs[1]
        for x in xs[2:]:
            out += x
        return out, len(xs)

    def _backward(self, dy, n):
        return [dy] * n


class Multiply(Merge):
    """Elementwise product of two or more inputs of the same shape (Keras's ``Multiply``).

    Notes
    -----
    Forward: Y = X_1 * X_2 * ... * X_k.
    Backward: dX_i = dY * prod_{j != i} X_j, from prefix and suffix products (no division,
    so inputs that are exactly 0 get the right gradient).

    Examples
    --------
    >>> import numpy as np
    >>> Multiply().forward([np.full((1, 2), 2.0), np.full((1, 2), 3.0)])
    array([[6., 6.]])
    """

    def _build(self, shapes, rng, dtype):
        if any(s != shapes[0] for s in shapes):
            raise ValueError(f"Multiply needs inputs of the same shape; got "
                             f"{[('N', *s) for s in shapes]}. Reshape or RepeatVector an input so "
                             "that the shapes agree.")

    def output_shape(self, input_shape):
        return tuple(input_shape[0])

    def _forward(self, xs, training):
        out = xs[0] * xs[1]
        for x in xs[2:]:
            out *= x
        return out, xs

    def _backward(self, dy, xs):
        if len(xs) == 2:
            return [dy * xs[1], dy * xs[0]]
        # before[i] = X_1 ... X_{i-1} (times dY), after[i] = X_{i+1} ... X_k
        before = [dy]
        for x in xs[:-1]:
            before.append(before[-1] * x)
        grads, after = [None] * len(xs), None
        for i in range(len(xs) - 1, -1, -1):
            grads[i] = before[i] if after is None else before[i] * after
            after = xs[i] if after is None else after * xs[i]
        return grads


class Concatenate(Merge):
    """Join inputs along an axis (channels, -1, by default): the Inception module's output.

    Parameters
    ----------
    axis : int, axis of the full (N, ...) arrays; -1 for channels.
    """

    def __init__(self, axis=-1, name=None):
        super().__init__(name)
        if axis == 0:
            raise ValueError("Concatenate(axis=0) would join examples, not features; use axis=-1.")
        self.axis = axis

    def _build(self, shapes, rng, dtype):
        ndim = len(shapes[0])
        axis = self.axis - 1 if self.axis > 0 else self.axis + ndim    # per-example axis
        others = [s[:axis] + s[axis + 1:] for s in shapes]
        if not 0 <= axis < ndim or any(len(s) != ndim for s in shapes) or any(o != others[0] for o in others):
            raise ValueError(f"Concatenate(axis={self.axis}) needs inputs that agree on every other "
                             f"axis; got {[('N', *s) for s in shapes]}. Use padding='same' in the "
                             "branches so that they keep the same height and width.")
        self._axis = axis

    def output_shape(self, input_shape):
        shapes = [tuple(s) for s in input_shape]
        ndim = len(shapes[0])
        axis = self.axis - 1 if self.axis > 0 else self.axis + ndim
        out = list(shapes[0])
        out[axis] = sum(s[axis] for s in shapes)
        return tuple(out)

    def _forward(self, xs, training):
        axis = self._axis + 1
        sizes = [x.shape[axis] for x in xs]
        return xp.concatenate(xs, axis=axis), (axis, sizes)

    def _backward(self, dy, cache):
        axis, sizes = cache
        bounds = list(xp.cumsum(sizes)[:-1])
        return xp.split(dy, bounds, axis=axis)

    def get_config(self):
        return {"axis": self.axis, "name": self.name}


# Keras's functional forms, as the course writes them: concatenate([up, skip], axis=3).
def add(inputs, **kwargs):
    """``Add(**kwargs)(inputs)``: the elementwise sum of a list of (symbolic) tensors."""
    return Add(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """``Multiply(**kwargs)(inputs)``: the elementwise product of a list of tensors."""
    return Multiply(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """``Concatenate(axis, **kwargs)(inputs)``: join a list of tensors along ``axis``."""
    return Concatenate(axis=axis, **kwargs)(inputs)
