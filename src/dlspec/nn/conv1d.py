"""Conv1D: filters slid along time, batch first (N, T, C) as in Keras (the trigger-word model)."""
from __future__ import annotations

from .. import init as initializers
from ..functional.conv import conv_backward, conv_forward
from ..functional.padding import check_padding_arg, output_size, resolve_padding
from ._keras_args import activate, check_activation, deactivate, resolve_initializer
from .layer import Layer


class Conv1D(Layer):
    """1-D convolution over sequences X (N, T, C_prev) -> (N, T_out, n_C).

    Parameters
    ----------
    filters : int, output channels n_C.
    kernel_size : int f.
    strides : int s.
    padding : "valid" (T_out = floor((T - f) / s) + 1), "same" (T_out = ceil(T / s)) or an
        int p on both ends.
    use_bias, init, name : as for ``Conv2D``.

    Notes
    -----
    Z[n, t, c] = sum_{i, k} X_pad[n, t s + i, k] W[i, k, c] + b[c]: a Conv2D on an image one
    row high, so forward and backward are ``conv_forward``/``conv_backward`` (one GEMM each).
    W is (f, n_C_prev, n_C), Keras's layout (PyTorch's ``Conv1d`` weight is (n_C, n_C_prev, f)).

    Examples
    --------
    >>> import numpy as np
    >>> Conv1D(196, 15, strides=4).forward(np.zeros((1, 5511, 101), np.float32)).shape
    (1, 1375, 196)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", use_bias=True,
                 init="he", name=None, activation=None, kernel_initializer=None):
        super().__init__(name)
        for what, v in (("filters", filters), ("kernel_size", kernel_size), ("strides", strides)):
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ValueError(f"Conv1D({what}) expects a positive integer; got {v!r}.")
        self.filters, self.kernel_size, self.strides = filters, kernel_size, strides
        if isinstance(padding, (tuple, list)):
            raise ValueError(f"Conv1D(padding) expects 'valid', 'same' or an int; got {padding!r}.")
        self.padding = check_padding_arg(padding, "Conv1D")
        self.use_bias = bool(use_bias)
        self.activation = check_activation(activation, "Conv1D")
        self.init, self._initializer = resolve_initializer(init, kernel_initializer, "Conv1D")

    def _pads_and_length(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError(f"{self!r} expects sequences of shape (N, T, C); got per-example shape "
                             f"{tuple(input_shape)}. For one channel add an axis: X[..., None].")
        T = input_shape[0]
        k, s = (1, self.kernel_size), (1, self.strides)
        pads = resolve_padding(self.padding, k, s, (1, T), repr(self))
        # NOTE: an int pads both axes of the one-row image; only time is padded (else row 0 of
        # the output is the padding row: the bias alone, and backward's shapes disagree).
        pads = ((0, 0), pads[1])
        _, T_out = output_size((1, T), k, s, pads, self.padding, repr(self), input_shape)
        return pads, T_out

    def _build(self, input_shape, rng, dtype):
        self._pads, _ = self._pads_and_length(input_shape)
        self.params["W"] = self._initializer((self.kernel_size, input_shape[-1], self.filters), rng, dtype)
        if self.use_bias:
            self.params["b"] = initializers.zeros((self.filters,), rng, dtype)

    def output_shape(self, input_shape):
        return (self._pads_and_length(input_shape)[1], self.filters)

    def _forward(self, x, training):
        pads = self._pads if x.shape[1] == self.input_shape[0] else self._pads_and_length(x.shape[1:])[0]
        W = self.params["W"][None]                                   # (1, f, C_prev, n_C)
        Z, cache = conv_forward(x[:, None], W, self.params.get("b"), (1, self.strides), pads)   # (N, 1, T, C)
        A, act_cache = activate(self, Z[:, 0])                       # (N, T_out, n_C)
        return A, (cache, act_cache)

    def _backward(self, dA, cache):
        cache, act_cache = cache
        dZ = deactivate(self, dA, act_cache)
        dX, dW, db = conv_backward(dZ[:, None], cache, need_dA_prev=self.input_grad)
        self.grads["W"] = dW[0]
        if self.use_bias:
            self.grads["b"] = db
        return None if dX is None else dX[:, 0]

    def get_config(self):
        return {"filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "use_bias": self.use_bias,
                "init": self.init if isinstance(self.init, str) else "custom", "name": self.name,
                "activation": self.activation}
