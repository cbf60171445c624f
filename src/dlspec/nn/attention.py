"""MultiHeadAttention (course 5, week 4), Keras's signature, hand-derived backward."""
from __future__ import annotations

from .. import init as initializers
from ..backend import xp
from ..functional.attention import (scaled_dot_product_attention_backward,
                                    scaled_dot_product_attention_forward)
from ..functional.dropout import dropout_mask
from .dropout import _derived_seed
from .layer import Layer


class MultiHeadAttention(Layer):
    """Multi-head attention: h heads of scaled dot-product attention on learned projections.

    Parameters
    ----------
    num_heads : int
        h, the number of heads.
    key_dim : int
        d_k, the size of each head's queries and keys (d_model / h in the course).
    value_dim : int, optional
        d_v, each head's value size; key_dim by default.
    dropout : float
        Keras's rate: the probability of dropping an attention weight in training.
    output_dim : int, optional
        The output's features; the query's features by default (Keras's ``output_shape``).
    kdim, vdim : int, optional
        Features of the keys and values when they differ from the query's (torch's names).
    use_bias : bool
    seed : int, optional, seeds the attention dropout (by default derived from the build rng).

    Notes
    -----
    Called as Keras's ``mha(query, value, key=None, attention_mask=None,
    return_attention_scores=False)``; key defaults to value. Shapes: query (N, Tq, Dq),
    value (N, Tv, Dv), key (N, Tv, Dk), attention_mask broadcastable to (N, Tq, Tv) (or
    (N, h, Tq, Tv)), 1/True where attending is allowed. Parameters Wq (Dq, h d_k), Wk
    (Dk, h d_k), Wv (Dv, h d_v), Wo (h d_v, D_out) and biases.
    Forward: Q = query Wq + bq split into h heads (N, h, Tq, d_k), likewise K and V;
    O_i = softmax(Q_i K_i^T / sqrt(d_k) + mask bias) V_i; output = concat_i(O_i) Wo + bo.
    Backward: the dense projections' backward around ``scaled_dot_product_attention_backward``.
    Output: (N, Tq, D_out), and the attention weights (N, h, Tq, Tv) with
    return_attention_scores. Matches ``torch.nn.MultiheadAttention(batch_first=True)``
    (``dlspec.io.torch_modules.mha_weights_from_torch`` copies its weights).

    Examples
    --------
    >>> import numpy as np
    >>> mha = MultiHeadAttention(num_heads=2, key_dim=4)
    >>> x = np.ones((3, 5, 8))
    >>> out, w = mha(x, x, return_attention_scores=True)
    >>> out.shape, w.shape
    ((3, 5, 8), (3, 2, 5, 5))
    """

    def __init__(self, num_heads: int, key_dim: int, value_dim: int | None = None,
                 dropout: float = 0.0, output_dim: int | None = None, kdim: int | None = None,
                 vdim: int | None = None, use_bias: bool = True, seed: int | None = None,
                 name: str | None = None):
        super().__init__(name)
        for arg, value in (("num_heads", num_heads), ("key_dim", key_dim), ("value_dim", value_dim),
                           ("output_dim", output_dim), ("kdim", kdim), ("vdim", vdim)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"MultiHeadAttention({arg}) expects a positive int; got {value!r}.")
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
            raise ValueError(f"MultiHeadAttention(dropout) is Keras's rate, the probability of "
                             f"dropping an attention weight, in [0, 1); got {dropout!r}.")
        self.num_heads, self.key_dim = num_heads, key_dim
        self.value_dim = value_dim or key_dim
        self.dropout, self.output_dim, self.kdim, self.vdim = float(dropout), output_dim, kdim, vdim
        self.use_bias, self.seed = use_bias, seed
        self._seed = seed

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 2:
            raise ValueError(f"MultiHeadAttention expects queries of shape (N, T, D); got "
                             f"per-example shape {tuple(input_shape)}.")
        Dq = input_shape[-1]
        Dk, Dv = self.kdim or Dq, self.vdim or Dq
        h, dk, dv = self.num_heads, self.key_dim, self.value_dim
        shapes = {"q": (Dq, h * dk), "k": (Dk, h * dk), "v": (Dv, h * dv), "o": (h * dv, self.output_dim or Dq)}
        for p, shape in shapes.items():
            self.params[f"W{p}"] = initializers.glorot(shape, rng, dtype)
            if self.use_bias:
                self.params[f"b{p}"] = xp.zeros(shape[1:], dtype=dtype)
        if self.seed is None:
            self._seed = _derived_seed(rng)
        self.state["step"] = xp.zeros((), dtype=xp.int64)

    def output_shape(self, input_shape):
        return (*input_shape[:-1], self.output_dim or input_shape[-1])

    def call_output_shape(self, query, value, key=None, attention_mask=None, training=None,
                          return_attention_scores=False):
        """Symbolic calls: y (Tq, D), and with return_attention_scores the weights (h, Tq, Tk)."""
        y = self.output_shape(query)
        return [y, (self.num_heads, query[0], value[0])] if return_attention_scores else y

    # -- propagation ------------------------------------------------------
    def forward(self, query, value, key=None, attention_mask=None, training: bool = False,
                return_attention_scores: bool = False):
        """Attend from ``query`` to ``value`` (see the class Notes); returns y or [y, scores]."""
        if getattr(query, "ndim", 0) != 3:
            raise ValueError(f"MultiHeadAttention expects query of shape (N, Tq, D); got "
                             f"{tuple(getattr(query, 'shape', ()))}.")
        if not self.built:
            self.build(query.shape[1:], dtype=query.dtype)
        key_given = key is not None
        key = value if key is None else key
        self._check(query, value, key)
        h = self.num_heads
        q = self._project(query, "q", self.key_dim)                  # (N, h, Tq, dk)
        k = self._project(key, "k", self.key_dim)                    # (N, h, Tk, dk)
        v = self._project(value, "v", self.value_dim)                # (N, h, Tk, dv)
        drop = None
        if training and self.dropout > 0:
            step = int(self.state["step"])
            self.state["step"][...] = step + 1
            rng = xp.random.default_rng([self._seed, step])
            drop = dropout_mask((q.shape[0], h, q.shape[2], k.shape[2]), 1 - self.dropout, rng, q.dtype)
        o, A, sdpa = scaled_dot_product_attention_forward(q, k, v, attention_mask, drop)
        N, _, Tq, dv = o.shape
        concat = o.transpose(0, 2, 1, 3).reshape(N, Tq, h * dv)      # (N, h, Tq, dv) -> (N, Tq, h dv)
        y = concat @ self.params["Wo"]
        if self.use_bias:
            y += self.params["bo"]
        self._cache = ((query, key, value, concat, sdpa), key_given, attention_mask is not None,
                       return_attention_scores)
        return [y, A] if return_attention_scores else y

    def _check(self, query, value, key):
        Dk, Dv = self.params["Wk"].shape[0], self.params["Wv"].shape[0]
        for what, array, D in (("query", query, self.params["Wq"].shape[0]), ("key", key, Dk),
                               ("value", value, Dv)):
            if getattr(array, "ndim", 0) != 3 or array.shape[-1] != D or array.shape[0] != query.shape[0]:
                raise ValueError(f"{self!r} expects {what} of shape (N={query.shape[0]}, T, {D}); "
                                 f"got {tuple(getattr(array, 'shape', ()))}. For keys/values with "
                                 "other features than the query, pass kdim=/vdim= when creating it.")
        if key.shape[1] != value.shape[1]:
            raise ValueError(f"{self!r}: key and value must have the same length T; got key "
                             f"{key.shape} and value {value.shape}.")

    def _project(self, x, p, d):
        N, T, _ = x.shape
        z = x @ self.params[f"W{p}"]
        if self.use_bias:
            z += self.params[f"b{p}"]
        return z.reshape(N, T, self.num_heads, d).transpose(0, 2, 1, 3)   # (N, T, h d) -> (N, h, T, d)

    def _backward(self, dy, cache):
        (query, key, value, concat, sdpa), key_given, mask_given, scores = cache
        d_weights = None
        if scores:
            dy, d_weights = dy
        P = self.params
        N, Tq, _ = dy.shape
        h = self.num_heads
        self.grads["Wo"] = concat.reshape(-1, concat.shape[-1]).T @ dy.reshape(-1, dy.shape[-1])
        if self.use_bias:
            self.grads["bo"] = dy.reshape(-1, dy.shape[-1]).sum(axis=0)
        d_o = (dy @ P["Wo"].T).reshape(N, Tq, h, self.value_dim).transpose(0, 2, 1, 3)  # -> (N, h, Tq, dv)
        dq, dk, dv = scaled_dot_product_attention_backward(d_o, sdpa, d_weights)
        grads = {}
        for p, x, dz in (("q", query, dq), ("k", key, dk), ("v", value, dv)):
            dz = dz.transpose(0, 2, 1, 3).reshape(N, x.shape[1], -1)      # (N, h, T, d) -> (N, T, h d)
            self.grads[f"W{p}"] = x.reshape(-1, x.shape[-1]).T @ dz.reshape(-1, dz.shape[-1])
            if self.use_bias:
                self.grads[f"b{p}"] = dz.reshape(-1, dz.shape[-1]).sum(axis=0)
            grads[p] = dz @ P[f"W{p}"].T if self.input_grad else None
        if not key_given:                       # key = value: one tensor, summed gradient
            grads["v"] = None if grads["v"] is None else grads["v"] + grads["k"]
        out = [grads["q"], grads["v"]] + ([grads["k"]] if key_given else []) + ([None] if mask_given else [])
        return out

    def get_config(self):
        return {"num_heads": self.num_heads, "key_dim": self.key_dim, "value_dim": self.value_dim,
                "dropout": self.dropout, "output_dim": self.output_dim, "kdim": self.kdim,
                "vdim": self.vdim, "use_bias": self.use_bias, "seed": self.seed, "name": self.name}
