"""Dense (fully connected) layer."""
from __future__ import annotations

from ..functional.dense import dense_backward, dense_forward
from .. import init as initializers
from ..regularization import check_lambda
from .layer import Layer


class Dense(Layer):
    """Fully connected layer: Z = A_prev W + b.

    Parameters
    ----------
    units : int
        Number of output units D_out (the course's n[l]).
    init : str or callable
        Weight initializer: "he" (default), "xavier", "random" (x 0.01, as in course 1's
        first assignment) or "zeros"; or a function ``(shape, rng, dtype) -> W``.
    use_bias : bool
        Whether to add b.
    input_dim : int, optional
        D_in. If given the layer can be built without seeing data.
    l2 : float, optional
        This layer's L2 strength lambda, overriding the model's ``compile(l2=...)``.

    Notes
    -----
    Shapes: A_prev (N, D_in), W (D_in, D_out), b (D_out,), Z (N, D_out).
    Backward: dW = A_prev^T dZ, db = sum over N of dZ, dA_prev = dZ W^T.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dense(3, input_dim=2)
    >>> layer.forward(np.ones((5, 2), np.float32)).shape
    (5, 3)
    """

    def __init__(self, units: int, init="he", use_bias: bool = True,
                 input_dim: int | None = None, l2: float | None = None, name: str | None = None):
        super().__init__(name)
        self.l2 = check_lambda(l2, "Dense(l2=...)")
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise ValueError(f"Dense(units) expects a positive integer number of units; "
                             f"got {units!r}.")
        self.units = units
        self.init = init
        self.use_bias = use_bias
        self.input_dim = input_dim
        self._initializer = initializers.get(init)
        if input_dim is not None:
            self.build((input_dim,))
            self._provisional = True    # a model's build re-initializes it from the model's seed

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 1:
            raise ValueError(f"Dense expects inputs of shape (N, D); got per-example shape "
                             f"{input_shape}. Add Flatten() before Dense.")
        d_in = input_shape[0]
        self.input_dim = d_in
        self.params["W"] = self._initializer((d_in, self.units), rng, dtype)
        if self.use_bias:
            self.params["b"] = initializers.zeros((self.units,), rng, dtype)

    def output_shape(self, input_shape):
        return (self.units,)

    def _forward(self, x, training):
        b = self.params.get("b", 0)
        return dense_forward(x, self.params["W"], b)

    def _backward(self, dZ, cache):
        dA_prev, dW, db = dense_backward(dZ, cache, need_dA_prev=self.input_grad)
        self.grads["W"] = dW
        if self.use_bias:
            self.grads["b"] = db
        return dA_prev

    def get_config(self):
        init = self.init if isinstance(self.init, str) else "custom"
        return {"units": self.units, "init": init, "use_bias": self.use_bias,
                "input_dim": self.input_dim, "l2": self.l2, "name": self.name}
