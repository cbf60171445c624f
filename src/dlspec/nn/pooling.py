"""Pooling layers: MaxPool2D, AvgPool2D, GlobalAveragePooling2D, GlobalMaxPooling2D (NHWC).

Keras's longer names ``MaxPooling2D`` and ``AveragePooling2D`` are the same classes (as in Keras).
"""
from __future__ import annotations

from ..functional import pooling as P
from ..functional.padding import check_padding_arg, resolve_padding
from ._spatial import check_image_shape, pair, spatial_output
from .layer import Layer


class _Pool2D(Layer):
    _forward_fn = _backward_fn = None

    def __init__(self, pool_size=2, strides=None, padding="valid", name=None):
        super().__init__(name)
        who = type(self).__name__
        self.pool_size = pair(pool_size, "pool_size", who)
        # Keras' default: non-overlapping windows (stride = pool size).
        self.strides = self.pool_size if strides is None else pair(strides, "strides", who)
        self.padding = check_padding_arg(padding, who)
        _check_pool_padding(self.padding, self.pool_size, who)

    def _build(self, input_shape, rng, dtype):
        self._pads, _ = spatial_output(input_shape, self.pool_size, self.strides, self.padding,
                                       repr(self))

    def output_shape(self, input_shape):
        _, (n_H, n_W) = spatial_output(input_shape, self.pool_size, self.strides, self.padding,
                                       repr(self))
        return (n_H, n_W, input_shape[-1])

    def _forward(self, x, training):
        return type(self)._forward_fn(x, self.pool_size, self.strides, self._pads)

    def _backward(self, dA, cache):
        return type(self)._backward_fn(dA, cache)

    def get_config(self):
        return {"pool_size": self.pool_size, "strides": self.strides, "padding": self.padding,
                "name": self.name}


def _check_pool_padding(padding, pool_size, who):
    """Refuse explicit padding wider than f // 2 on a side, as PyTorch does.

    A wider pad makes windows made only of padding: -inf out of MaxPool2D, 0 / 0 = NaN out
    of AvgPool2D. "same" never pads a side by more than f // 2, so only explicit pads (known
    at construction, unlike the input size) need the check.
    """
    if isinstance(padding, str):
        return
    pads = resolve_padding(padding, pool_size, (1, 1), (1, 1), who)
    for axis, f, side in zip(("height", "width"), pool_size, pads):
        if max(side) > f // 2:
            raise ValueError(
                f"{who}(padding) must be at most half the pool size on each side ({f} // 2 = "
                f"{f // 2} for the {axis}), so that every window holds an input pixel; got "
                f"padding={padding!r} with pool_size={pool_size}. Use padding='same', a smaller "
                "padding, or a ZeroPadding2D layer before the pooling if you want zeros pooled.")


class MaxPool2D(_Pool2D):
    """Max pooling: the largest value of each f_h x f_w window, channel by channel.

    Parameters
    ----------
    pool_size : int or (f_h, f_w), default 2
    strides : int or (s_h, s_w), default ``pool_size``
    padding : "valid", "same" or explicit, at most f // 2 per side as in PyTorch (padded
        positions never win the max)

    Notes
    -----
    No parameters. Backward sends each gradient to the position of its window's maximum
    (``dlspec.functional.pooling.max_pool_backward``).

    Examples
    --------
    >>> import numpy as np
    >>> MaxPool2D(2).forward(np.arange(16.0).reshape(1, 4, 4, 1))[0, :, :, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    """

    _forward_fn = staticmethod(P.max_pool_forward)
    _backward_fn = staticmethod(P.max_pool_backward)


class AvgPool2D(_Pool2D):
    """Average pooling: the mean of each f_h x f_w window (padding excluded from the mean).

    Parameters as MaxPool2D. Backward spreads each gradient evenly over its window.
    """

    _forward_fn = staticmethod(P.avg_pool_forward)
    _backward_fn = staticmethod(P.avg_pool_backward)


class GlobalAveragePooling2D(Layer):
    """Mean over height and width: (N, H, W, C) -> (N, C), the head of ResNet and MobileNet."""

    def _build(self, input_shape, rng, dtype):
        check_image_shape(input_shape, repr(self))

    def output_shape(self, input_shape):
        return (input_shape[-1],)

    def _forward(self, x, training):
        return P.global_avg_pool_forward(x)

    def _backward(self, dA, cache):
        return P.global_avg_pool_backward(dA, cache)


class GlobalMaxPooling2D(Layer):
    """Max over height and width: (N, H, W, C) -> (N, C) (Keras's GlobalMaxPooling2D).

    Backward sends each channel's gradient to the pixel that held its maximum (the first on ties).
    """

    def _build(self, input_shape, rng, dtype):
        check_image_shape(input_shape, repr(self))

    def output_shape(self, input_shape):
        return (input_shape[-1],)

    def _forward(self, x, training):
        return P.global_max_pool_forward(x)

    def _backward(self, dA, cache):
        return P.global_max_pool_backward(dA, cache)


MaxPooling2D = MaxPool2D            # Keras's two spellings name one class
AveragePooling2D = AvgPool2D
