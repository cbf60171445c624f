"""Dense (fully connected) layer, over the last axis, with an optional activation."""
from __future__ import annotations

from .. import logits_link
from ..functional import activations as F
from ..functional.dense import dense_backward, dense_forward
from .. import init as initializers
from ..regularization import check_lambda
from .. import initializers as keras_initializers
from .layer import Layer

# name -> (forward, backward); forward(Z) -> (A, cache), backward(dA, cache) -> dZ.
ACTIVATIONS = {
    "tanh": (F.tanh_forward, F.tanh_backward),
    "relu": (F.relu_forward, F.relu_backward),
    "sigmoid": (F.sigmoid_forward, F.sigmoid_backward),
    "softmax": (F.softmax_forward, F.softmax_backward),     # over the last axis (the units)
}


class Dense(Layer):
    """Fully connected layer: A = g(A_prev W + b), over the last axis of A_prev.

    Parameters
    ----------
    units : int
        Number of output units D_out (the course's n[l]).
    activation : str or None
        g: "tanh", "relu", "sigmoid", "softmax" (over the units) or None / "linear" (the
        identity, the default), as Keras's ``Dense(10, activation="tanh")``.
    init : str or callable
        Weight initializer: "he" (default), "xavier", "random" (x 0.01, as in course 1's
        first assignment) or "zeros"; or a function ``(shape, rng, dtype) -> W``.
    kernel_initializer : Keras's spelling of ``init``, with Keras's names ("glorot_uniform",
        ``random_uniform(seed=0)``...: ``dlspec.initializers``).
    use_bias : bool
        Whether to add b.
    input_dim : int, optional
        D_in. If given the layer is built at once, for inputs of shape (N, D_in).
    l2 : float, optional
        This layer's L2 strength lambda, overriding the model's ``compile(l2=...)``.

    Notes
    -----
    Shapes: A_prev (N, ..., D_in), W (D_in, D_out), b (D_out,), A (N, ..., D_out). As in
    Keras, inputs of any rank are mapped along their last axis: the course's attention applies
    ``Dense(10, activation="tanh")`` to (N, Tx, 2 n_a + n_s), every time step with the same W.
    Forward: Z = A_prev W + b, A = g(Z).
    Backward: dZ = dA * g'(Z) (the activation's own backward), dW = A_prev^T dZ,
    db = sum over N (and the other leading axes) of dZ, dA_prev = dZ W^T.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dense(3, input_dim=2)
    >>> layer.forward(np.ones((5, 2), np.float32)).shape
    (5, 3)
    >>> Dense(4, activation="tanh").forward(np.ones((5, 7, 2), np.float32)).shape
    (5, 7, 4)
    """

    propagates_mask = True      # per step: a mask from an Embedding passes through

    def __init__(self, units: int, activation: str | None = None, init="he", use_bias: bool = True,
                 input_dim: int | None = None, l2: float | None = None, name: str | None = None,
                 kernel_initializer=None):
        super().__init__(name)
        self.l2 = check_lambda(l2, "Dense(l2=...)")
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise ValueError(f"Dense(units) expects a positive integer number of units; "
                             f"got {units!r}.")
        if activation is not None and activation != "linear" and activation not in ACTIVATIONS:
            raise ValueError(f"Dense(activation) expects None, 'linear' or one of "
                             f"{sorted(ACTIVATIONS)}; got {activation!r}. For other activations "
                             "add an activation layer after Dense (LeakyReLU(), ReLU6()).")
        self.units = units
        self.activation = activation
        self._activation = ACTIVATIONS.get(activation)     # None: the identity
        if kernel_initializer is not None:          # Keras's spelling of init
            if init != "he":
                raise ValueError("Dense: give init (dlspec's name) or kernel_initializer (Keras's), "
                                 f"not both; got init={init!r}, kernel_initializer={kernel_initializer!r}.")
            init = kernel_initializer
        self.init = init
        if not isinstance(use_bias, bool):
            raise TypeError(f"Dense(use_bias) must be True or False; got {use_bias!r}.")
        self.use_bias = use_bias
        self.input_dim = input_dim
        self._initializer = keras_initializers.get(init)
        if input_dim is not None:
            self.build((input_dim,))
            self._provisional = True    # a model's build re-initializes it from the model's seed

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) == 0:
            raise ValueError(f"Dense expects inputs of shape (N, ..., D); got per-example shape "
                             f"{input_shape} (one number per example). Add a feature axis: "
                             "X[:, None].")
        d_in = input_shape[-1]
        if len(input_shape) == 1:
            self.input_dim = d_in      # (N, D) inputs: the config can rebuild it at once
        self.params["W"] = self._initializer((d_in, self.units), rng, dtype)
        if self.use_bias:
            self.params["b"] = initializers.zeros((self.units,), rng, dtype)

    def output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def _accepts(self, shape):
        """Any (N, ..., D) with the D it was built for (Keras): T may change between calls."""
        return len(shape) >= 1 and shape[-1] == self.params["W"].shape[0]

    def _forward(self, x, training):
        b = self.params.get("b", 0)
        shape = None
        if x.ndim > 2:
            shape = x.shape
            x = x.reshape(-1, shape[-1])                     # (N, ..., D_in) -> (N ..., D_in)
        Z, cache = dense_forward(x, self.params["W"], b)
        if shape is not None:
            Z = Z.reshape(*shape[:-1], self.units)           # (N ..., D_out) -> (N, ..., D_out)
        if self._activation is None:
            return Z, (cache, shape, None)
        A, act_cache = self._activation[0](Z)
        if self.activation in ("softmax", "sigmoid"):      # a Keras cross-entropy may fuse with it
            logits_link.remember_logits(self, self.activation, A, Z)
        return A, (cache, shape, act_cache)

    def _backward(self, dA, cache):
        cache, shape, act_cache = cache
        dZ = logits_link.lent_gradient(self, dA) if act_cache is not None else dA
        if dZ is None:
            dZ = self._activation[1](dA, act_cache)
        if shape is not None:
            dZ = dZ.reshape(-1, self.units)                  # (N, ..., D_out) -> (N ..., D_out)
        dA_prev, dW, db = dense_backward(dZ, cache, need_dA_prev=self.input_grad)
        self.grads["W"] = dW
        if self.use_bias:
            self.grads["b"] = db
        if shape is not None and dA_prev is not None:
            dA_prev = dA_prev.reshape(shape)                 # (N ..., D_in) -> (N, ..., D_in)
        return dA_prev

    def get_config(self):
        init = self.init if isinstance(self.init, str) else "custom"
        return {"units": self.units, "activation": self.activation, "init": init,
                "use_bias": self.use_bias, "input_dim": self.input_dim, "l2": self.l2,
                "name": self.name}
