"""Conv2D: a bank of learned filters slid over NHWC images."""
from __future__ import annotations

from .. import init as initializers
from ..functional.conv import conv_backward, conv_forward
from ..functional.padding import check_padding_arg
from ._spatial import pair, spatial_output
from ._keras_args import activate, check_activation, deactivate, resolve_initializer
from .layer import Layer


class Conv2D(Layer):
    """2-D convolution: Z = W * A_prev + b over every window (the course's conv_forward).

    Parameters
    ----------
    filters : int
        Number of filters n_C (output channels).
    kernel_size : int or (f_h, f_w)
    strides : int or (s_h, s_w)
    padding : "valid" (default), "same" (output ceil(n / s)), an int p, (p_h, p_w) or
        ((top, bottom), (left, right)).
    use_bias : bool
        Set False before batch normalization, which has its own shift.
    init : weight initializer name or function (default "he", fan_in = f_h f_w n_C_prev).
    input_shape : (H, W, C), optional: build now instead of at the first forward.
    activation : None (default), "relu", "tanh", "sigmoid" or "softmax", applied after Z (Keras's).
    kernel_initializer : Keras's spelling of ``init``: "he_normal", ``random_uniform(seed=0)``...
        (``dlspec.initializers``).

    Notes
    -----
    Shapes: A_prev (N, n_H_prev, n_W_prev, n_C_prev), W (f_h, f_w, n_C_prev, n_C),
    b (n_C,), Z (N, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1.
    See ``dlspec.functional.conv`` for the forward and backward equations.

    Examples
    --------
    >>> import numpy as np
    >>> Conv2D(8, 3, padding="same").forward(np.zeros((2, 6, 6, 3), np.float32)).shape
    (2, 6, 6, 8)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", use_bias=True,
                 init="he", input_shape=None, name=None, activation=None, kernel_initializer=None):
        super().__init__(name)
        if not isinstance(filters, int) or isinstance(filters, bool) or filters < 1:
            raise ValueError(f"Conv2D(filters) expects a positive integer; got {filters!r}.")
        self.filters = filters
        self.kernel_size = pair(kernel_size, "kernel_size", "Conv2D")
        self.strides = pair(strides, "strides", "Conv2D")
        self.padding = check_padding_arg(padding, "Conv2D")
        self.use_bias = bool(use_bias)
        self.activation = check_activation(activation, "Conv2D")
        self.init, self._initializer = resolve_initializer(init, kernel_initializer, "Conv2D")
        if input_shape is not None:
            self.build(input_shape)
            self._provisional = True    # a model's build re-initializes it from the model's seed

    def _build(self, input_shape, rng, dtype):
        self._pads, _ = spatial_output(input_shape, self.kernel_size, self.strides,
                                       self.padding, repr(self))
        shape = (*self.kernel_size, input_shape[-1], self.filters)
        self.params["W"] = self._initializer(shape, rng, dtype)
        if self.use_bias:
            self.params["b"] = initializers.zeros((self.filters,), rng, dtype)

    def output_shape(self, input_shape):
        _, (n_H, n_W) = spatial_output(input_shape, self.kernel_size, self.strides,
                                       self.padding, repr(self))
        return (n_H, n_W, self.filters)

    def forward(self, x, training=False):
        if self.built and x.ndim == 4 and x.shape[1:3] == self.input_shape[:2] \
                and x.shape[3] != self.input_shape[2]:
            raise ValueError(f"{self!r} was built for {self.input_shape[2]} input channels; got "
                             f"inputs of shape {tuple(x.shape)} with {x.shape[3]}. Check the "
                             "previous layer's number of filters.")
        return super().forward(x, training)

    def _forward(self, x, training):
        Z, cache = conv_forward(x, self.params["W"], self.params.get("b"), self.strides, self._pads)
        A, act_cache = activate(self, Z)
        return A, (cache, act_cache)

    def _backward(self, dA, cache):
        cache, act_cache = cache
        dZ = deactivate(self, dA, act_cache)
        dA_prev, dW, db = conv_backward(dZ, cache, need_dA_prev=self.input_grad)
        self.grads["W"] = dW
        if self.use_bias:
            self.grads["b"] = db
        return dA_prev

    def get_config(self):
        return {"filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "use_bias": self.use_bias,
                "init": self.init if isinstance(self.init, str) else "custom", "name": self.name,
                "activation": self.activation}
