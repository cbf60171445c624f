"""UpSampling2D: repeat each pixel (nearest neighbour), no parameters."""
from __future__ import annotations

from ._spatial import check_image_shape, pair
from .layer import Layer


class UpSampling2D(Layer):
    """Repeat every row ``size[0]`` times and every column ``size[1]`` times (Keras's default).

    Parameters
    ----------
    size : int or (s_h, s_w)

    Notes
    -----
    Y[n, h s_h + i, w s_w + j, c] = X[n, h, w, c] for 0 <= i < s_h, 0 <= j < s_w;
    dX[n, h, w, c] = sum_{i, j} dY[n, h s_h + i, w s_w + j, c] (a reshape and one sum).

    Examples
    --------
    >>> import numpy as np
    >>> UpSampling2D(2).forward(np.zeros((1, 3, 4, 2))).shape
    (1, 6, 8, 2)
    """

    def __init__(self, size=2, interpolation="nearest", name=None):
        super().__init__(name)
        if interpolation != "nearest":
            raise ValueError(f"UpSampling2D(interpolation) supports 'nearest' only; got {interpolation!r}. "
                             "For a learned upsampling use Conv2DTranspose.")
        self.size = pair(size, "size", "UpSampling2D")
        self.interpolation = interpolation

    def _build(self, input_shape, rng, dtype):
        check_image_shape(input_shape, repr(self))

    def output_shape(self, input_shape):
        H, W, C = input_shape
        return (H * self.size[0], W * self.size[1], C)

    def _forward(self, x, training):
        s_h, s_w = self.size
        return x.repeat(s_h, axis=1).repeat(s_w, axis=2), x.shape

    def _backward(self, dy, shape):
        N, H, W, C = shape
        s_h, s_w = self.size
        return dy.reshape(N, H, s_h, W, s_w, C).sum(axis=(2, 4))   # (N, H, s_h, W, s_w, C) -> (N, H, W, C)

    def get_config(self):
        return {"size": self.size, "interpolation": self.interpolation, "name": self.name}
