"""Layers that only move values around: Flatten and ZeroPadding2D."""
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
