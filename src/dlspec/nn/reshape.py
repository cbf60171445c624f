"""Layers that only move values around: Flatten, Reshape, Permute and ZeroPadding2D."""
from __future__ import annotations

import math

from ..functional.padding import resolve_padding, unpad, zero_pad
from ._spatial import check_image_shape
from .layer import Layer


class Flatten(Layer):
    """(N, d1, d2, ...) -> (N, d1 d2 ...), in C order (so NHWC flattens as h, w, c)."""

    def output_shape(self, input_shape):
        return (math.prod(input_shape),)

    def _forward(self, x, training):
        return x.reshape(x.shape[0], -1), x.shape     # (N, H W C)

    def _backward(self, dy, shape):
        return dy.reshape(shape)


class Reshape(Layer):
    """(N, *input_shape) -> (N, *target_shape), in C order (Keras's ``Reshape``).

    Parameters
    ----------
    target_shape : tuple of int
        Per-example output shape, without N. One entry may be -1: it is inferred from the
        input's size.

    Notes
    -----
    A reshape moves no values: backward reshapes dY back to the input's shape.

    Examples
    --------
    >>> import numpy as np
    >>> Reshape((3, -1)).forward(np.zeros((2, 12))).shape
    (2, 3, 4)
    """

    def __init__(self, target_shape, name=None):
        super().__init__(name)
        dims = tuple(target_shape) if isinstance(target_shape, (tuple, list)) else None
        if (not dims or not all(isinstance(d, int) and not isinstance(d, bool) for d in dims)
                or any(d == 0 or d < -1 for d in dims) or dims.count(-1) > 1):
            raise ValueError(f"Reshape(target_shape) expects a tuple of positive ints, one of which "
                             f"may be -1, for the per-example shape (without N); got "
                             f"{target_shape!r}. For example Reshape((1, n_values)).")
        self.target_shape = dims

    def output_shape(self, input_shape):
        size, known = math.prod(input_shape), math.prod(d for d in self.target_shape if d != -1)
        if -1 in self.target_shape and size % known == 0:
            return tuple(size // known if d == -1 else d for d in self.target_shape)
        if size == known and -1 not in self.target_shape:
            return self.target_shape
        raise ValueError(f"{self!r} cannot reshape inputs of shape (N, {', '.join(map(str, input_shape))}) "
                         f"({size} values per example) to (N, {', '.join(map(str, self.target_shape))}); "
                         f"the target must hold {size} values. Check target_shape, or use -1 for "
                         "one axis to let it be inferred.")

    def _build(self, input_shape, rng, dtype):
        self._target = self.output_shape(input_shape)       # checks the sizes once

    def _forward(self, x, training):
        return x.reshape(x.shape[0], *self._target), x.shape    # (N, ...) -> (N, *target_shape)

    def _backward(self, dy, shape):
        return dy.reshape(shape)                                # (N, *target_shape) -> (N, ...)

    def get_config(self):
        return {"target_shape": self.target_shape, "name": self.name}


class Permute(Layer):
    """Reorder the per-example axes (Keras's ``Permute``): ``Permute((2, 1))`` turns (N, T, D) into (N, D, T).

    Parameters
    ----------
    dims : tuple of int
        A permutation of 1..k for a per-example rank k; axis 0 (the examples) never moves.
        Output axis i + 1 is input axis ``dims[i]``.

    Notes
    -----
    Forward: Y = X.transpose(0, *dims). Backward: dX = dY transposed by the inverse permutation.

    Examples
    --------
    >>> import numpy as np
    >>> Permute((2, 1)).forward(np.zeros((4, 3, 5))).shape
    (4, 5, 3)
    """

    def __init__(self, dims, name=None):
        super().__init__(name)
        perm = tuple(dims) if isinstance(dims, (tuple, list)) else None
        if (not perm or not all(isinstance(d, int) and not isinstance(d, bool) for d in perm)
                or sorted(perm) != list(range(1, len(perm) + 1))):
            raise ValueError(f"Permute(dims) expects a permutation of 1..k, the per-example axes "
                             f"(axis 0, the examples, never moves); got {dims!r}. For example "
                             "Permute((2, 1)) swaps the time and feature axes of (N, T, D).")
        self.dims = perm
        self._inverse = tuple(1 + perm.index(i) for i in range(1, len(perm) + 1))

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != len(self.dims):
            raise ValueError(f"{self!r} permutes {len(self.dims)} per-example axes; got inputs of "
                             f"shape (N, {', '.join(map(str, input_shape))}) with {len(input_shape)}. "
                             "Give one entry of dims per axis after N.")

    def output_shape(self, input_shape):
        return tuple(input_shape[d - 1] for d in self.dims)

    def _forward(self, x, training):
        return x.transpose(0, *self.dims), True      # (N, d_1, ..., d_k) -> (N, d_dims[0], ...)

    def _backward(self, dy, cache):
        return dy.transpose(0, *self._inverse)       # back to (N, d_1, ..., d_k)

    def get_config(self):
        return {"dims": self.dims, "name": self.name}


class ZeroPadding2D(Layer):
    """Pad images (N, H, W, C) with zeros around the height and width (the course's zero_pad).

    Parameters
    ----------
    padding : int p, (p_h, p_w) or ((top, bottom), (left, right))
    """

    def __init__(self, padding=1, name=None):
        super().__init__(name)
        if isinstance(padding, str):
            raise ValueError(f"ZeroPadding2D(padding) expects an int or pairs of ints; got "
                             f"{padding!r}. ('same' and 'valid' belong to Conv2D/MaxPool2D.)")
        self.pads = resolve_padding(padding, (1, 1), (1, 1), (1, 1), "ZeroPadding2D")
        self.padding = padding

    def _build(self, input_shape, rng, dtype):
        check_image_shape(input_shape, repr(self))

    def output_shape(self, input_shape):
        (t, b), (l, r) = self.pads
        H, W, C = input_shape
        return (H + t + b, W + l + r, C)

    def _forward(self, x, training):
        return zero_pad(x, self.pads), True

    def _backward(self, dy, cache):
        return unpad(dy, self.pads)

    def get_config(self):
        return {"padding": self.padding, "name": self.name}
