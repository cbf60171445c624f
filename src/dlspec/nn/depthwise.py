"""DepthwiseConv2D: one set of filters per input channel (MobileNet's separable convolutions)."""
from __future__ import annotations

from .. import init as initializers
from ..functional.depthwise import depthwise_conv_backward, depthwise_conv_forward
from ..functional.padding import check_padding_arg
from ._spatial import pair, spatial_output
from .layer import Layer


class DepthwiseConv2D(Layer):
    """Depthwise convolution: each of the C input channels convolved with its own M filters.

    Parameters
    ----------
    kernel_size : int or (f_h, f_w)
    strides : int or (s_h, s_w)
    padding : "valid" (default), "same", or explicit padding as in Conv2D
    depth_multiplier : int M, filters per input channel (output channels C M)
    use_bias : bool
    init : initializer (default "he", fan_in = f_h f_w, the taps each output sees)

    Notes
    -----
    W has shape (f_h, f_w, C, M) (Keras' layout); b (C M,). Followed by a 1x1 Conv2D
    (pointwise) this is a depthwise separable convolution: f^2 C + C C' multiplications per
    pixel instead of f^2 C C'. Equations in ``dlspec.functional.depthwise``.
    """

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1,
                 use_bias=True, init="he", name=None):
        super().__init__(name)
        self.kernel_size = pair(kernel_size, "kernel_size", "DepthwiseConv2D")
        self.strides = pair(strides, "strides", "DepthwiseConv2D")
        self.padding = check_padding_arg(padding, "DepthwiseConv2D")
        if not isinstance(depth_multiplier, int) or depth_multiplier < 1:
            raise ValueError("DepthwiseConv2D(depth_multiplier) expects a positive integer; "
                             f"got {depth_multiplier!r}.")
        self.depth_multiplier = depth_multiplier
        self.use_bias = bool(use_bias)
        self.init = init
        self._initializer = initializers.get(init)

    def _build(self, input_shape, rng, dtype):
        self._pads, _ = spatial_output(input_shape, self.kernel_size, self.strides,
                                       self.padding, repr(self))
        C, M = input_shape[-1], self.depth_multiplier
        # Draw as (f_h, f_w, 1, C M) so that He's fan_in is f_h f_w, then lay out as (f_h, f_w, C, M).
        W = self._initializer((*self.kernel_size, 1, C * M), rng, dtype)
        self.params["W"] = W.reshape(*self.kernel_size, C, M)
        if self.use_bias:
            self.params["b"] = initializers.zeros((C * M,), rng, dtype)

    def output_shape(self, input_shape):
        _, (n_H, n_W) = spatial_output(input_shape, self.kernel_size, self.strides,
                                       self.padding, repr(self))
        return (n_H, n_W, input_shape[-1] * self.depth_multiplier)

    def _forward(self, x, training):
        return depthwise_conv_forward(x, self.params["W"], self.params.get("b"), self.strides,
                                      self._pads)

    def _backward(self, dZ, cache):
        dA_prev, dW, db = depthwise_conv_backward(dZ, cache)
        self.grads["W"] = dW
        if self.use_bias:
            self.grads["b"] = db
        return dA_prev

    def get_config(self):
        return {"kernel_size": self.kernel_size, "strides": self.strides, "padding": self.padding,
                "depth_multiplier": self.depth_multiplier, "use_bias": self.use_bias,
                "init": self.init if isinstance(self.init, str) else "custom", "name": self.name}
