"""Conv2DTranspose: learned upsampling, the U-Net's expanding path."""
from __future__ import annotations

from .. import init as initializers
from ..functional.conv_transpose import conv_transpose_backward, conv_transpose_forward, transpose_geometry
from ._spatial import check_image_shape, pair
from ._keras_args import activate, check_activation, deactivate, resolve_initializer
from .layer import Layer


class Conv2DTranspose(Layer):
    """Transposed 2-D convolution (Keras's ``Conv2DTranspose``, PyTorch's ``ConvTranspose2d``).

    Parameters
    ----------
    filters : int
        Output channels n_C.
    kernel_size : int or (f_h, f_w)
    strides : int or (s_h, s_w); with stride s the output is about s times larger.
    padding : "valid" (output (H - 1) s + f), "same" (output H s, Keras/TensorFlow) or an
        int p (PyTorch's ``padding``: output (H - 1) s - 2 p + f + output_padding).
    output_padding : None, an int or (op_h, op_w), each < its stride: rows added to the
        bottom (columns to the right) of the output, to pick among the sizes that a strided
        convolution maps to the same size.
    use_bias, init, input_shape, name : as for ``Conv2D``.

    Notes
    -----
    W has Keras's layout (f_h, f_w, n_C, n_C_prev); Keras and PyTorch count the same
    f_h f_w n_C_prev n_C + n_C parameters. Equations in ``dlspec.functional.conv_transpose``.

    Examples
    --------
    >>> import numpy as np
    >>> Conv2DTranspose(4, 3, strides=2, padding="same").forward(np.zeros((1, 6, 8, 2))).shape
    (1, 12, 16, 4)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 use_bias=True, init="he", input_shape=None, name=None, activation=None,
                 kernel_initializer=None):
        super().__init__(name)
        if not isinstance(filters, int) or isinstance(filters, bool) or filters < 1:
            raise ValueError(f"Conv2DTranspose(filters) expects a positive integer; got {filters!r}.")
        self.filters = filters
        self.kernel_size = pair(kernel_size, "kernel_size", "Conv2DTranspose")
        self.strides = pair(strides, "strides", "Conv2DTranspose")
        if isinstance(padding, str) and padding.lower() in ("valid", "same"):
            padding = padding.lower()
        elif not (isinstance(padding, int) and not isinstance(padding, bool) and padding >= 0):
            raise ValueError(f"Conv2DTranspose(padding) expects 'valid', 'same' or an int >= 0; "
                             f"got {padding!r}.")
        self.padding = padding
        self.output_padding = None if output_padding is None else pair(
            output_padding, "output_padding", "Conv2DTranspose", minimum=0)
        if self.output_padding is not None and any(
                op >= s for op, s in zip(self.output_padding, self.strides)):
            raise ValueError(f"Conv2DTranspose(output_padding={self.output_padding}) must be smaller "
                             f"than the strides {self.strides} (as in Keras and PyTorch); larger "
                             "values would add rows that no input pixel reaches.")
        self.use_bias = bool(use_bias)
        self.activation = check_activation(activation, "Conv2DTranspose")
        self.init, self._initializer = resolve_initializer(init, kernel_initializer, "Conv2DTranspose")
        if input_shape is not None:
            self.build(input_shape)
            self._provisional = True

    def _geometry(self, input_shape):
        H, W, _ = check_image_shape(input_shape, repr(self))
        geometry = transpose_geometry((H, W), self.kernel_size, self.strides, self.padding,
                                      self.output_padding)
        if any(size < 1 for _, size in geometry):
            raise ValueError(f"{self!r}: inputs of shape (N, {H}, {W}, ...) give an empty output "
                             f"{tuple(s for _, s in geometry)}; use a smaller padding.")
        return geometry

    def _build(self, input_shape, rng, dtype):
        self._geom = self._geometry(input_shape)
        # fan_in of the adjoint: each output pixel reads about f f C_prev / s^2 inputs; the
        # initializer sees (f_h, f_w, C_out, C_in), so He's variance uses f_h f_w n_C.
        self.params["W"] = self._initializer((*self.kernel_size, self.filters, input_shape[-1]), rng, dtype)
        if self.use_bias:
            self.params["b"] = initializers.zeros((self.filters,), rng, dtype)

    def output_shape(self, input_shape):
        (_, n_H), (_, n_W) = self._geometry(input_shape)
        return (n_H, n_W, self.filters)

    def _forward(self, x, training):
        geometry = self._geom if x.shape[1:3] == self.input_shape[:2] else self._geometry(x.shape[1:])
        Z, cache = conv_transpose_forward(x, self.params["W"], self.params.get("b"), self.strides, geometry)
        A, act_cache = activate(self, Z)
        return A, (cache, act_cache)

    def _backward(self, dA, cache):
        cache, act_cache = cache
        dY = deactivate(self, dA, act_cache)
        dX, dW, db = conv_transpose_backward(dY, cache, need_dX=self.input_grad)
        self.grads["W"] = dW
        if self.use_bias:
            self.grads["b"] = db
        return dX

    def get_config(self):
        return {"filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "output_padding": self.output_padding,
                "use_bias": self.use_bias,
                "init": self.init if isinstance(self.init, str) else "custom", "name": self.name,
                "activation": self.activation}
