"""The transformer's blocks (course 5, week 4): ``EncoderLayer`` and ``DecoderLayer``, post-norm."""
from __future__ import annotations

from ..backend import xp
from .attention import MultiHeadAttention
from .composite import Composite
from .dense import Dense
from .dropout import Dropout
from .layernorm import LayerNormalization


def _key_dim(embedding_dim, num_heads, key_dim, who):
    for arg, v in (("embedding_dim", embedding_dim), ("num_heads", num_heads)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{who}({arg}) expects a positive int; got {v!r}.")
    if key_dim is None:
        if embedding_dim % num_heads:
            raise ValueError(f"{who}: embedding_dim={embedding_dim} is not divisible by "
                             f"num_heads={num_heads}, so the heads cannot split the model width "
                             f"(key_dim = embedding_dim / num_heads). Pick num_heads dividing "
                             f"{embedding_dim}, or pass key_dim= explicitly.")
        return embedding_dim // num_heads
    return key_dim


def _padding(mask):
    """A (N, T) key mask (an Embedding's mask_zero) becomes (N, 1, T); others pass as given."""
    if mask is not None and getattr(mask, "ndim", 0) == 2:
        return xp.asarray(mask)[:, None, :]                     # (N, Tk) -> (N, 1, Tk)
    return mask


class _Block(Composite):
    """Shared parts: the feed-forward network, norms and dropout of an encoder/decoder layer."""

    def _init_block(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                    layernorm_eps, key_dim, n_attention):
        who = type(self).__name__
        if isinstance(dropout_rate, bool) or not isinstance(dropout_rate, (int, float)) \
                or not 0 <= dropout_rate < 1:
            raise ValueError(f"{who}(dropout_rate) expects a rate in [0, 1); got {dropout_rate!r}.")
        self.embedding_dim, self.num_heads = embedding_dim, num_heads
        self.fully_connected_dim, self.dropout_rate = fully_connected_dim, float(dropout_rate)
        self.layernorm_eps, self.key_dim = layernorm_eps, key_dim
        dk = _key_dim(embedding_dim, num_heads, key_dim, who)
        self.children = {}
        for i in range(1, n_attention + 1):
            self.children[f"mha{i}" if n_attention > 1 else "mha"] = MultiHeadAttention(
                num_heads, dk, dropout=dropout_rate, output_dim=embedding_dim)
        self.children.update({"ffn1": Dense(fully_connected_dim, activation="relu", init="glorot"),
                              "ffn2": Dense(embedding_dim, init="glorot"),
                              "dropout_ffn": Dropout(rate=dropout_rate)})
        for i in range(1, n_attention + 2):
            self.children[f"layernorm{i}"] = LayerNormalization(layernorm_eps)
        self._last_norm = f"layernorm{n_attention + 1}"

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 2 or input_shape[-1] != self.embedding_dim:
            raise ValueError(f"{type(self).__name__} expects inputs of shape (N, T, "
                             f"{self.embedding_dim}) (embedding_dim); got per-example shape "
                             f"{tuple(input_shape)}.")
        T, D = None, input_shape[1]        # any length T
        shapes = {name: (T, self.fully_connected_dim) if name == "ffn2" else (T, D)
                  for name in self.children}
        self._build_children(shapes, rng, dtype)

    def _ensure_built(self, x):
        if getattr(x, "ndim", 0) != 3:
            raise ValueError(f"{type(self).__name__} expects inputs of shape (N, T, "
                             f"{self.embedding_dim}); got {tuple(getattr(x, 'shape', ()))}.")
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype)
        elif x.shape[-1] != self.embedding_dim:
            raise ValueError(f"{self!r} expects inputs (N, T, {self.embedding_dim}); got {x.shape}.")
        self._begin()

    def _ffn_forward(self, x, training):
        """out = layernorm_last(x + dropout(ffn2(relu(ffn1(x)))))."""
        f = self.call("ffn2", self.call("ffn1", x, training=training), training=training)
        f = self.call("dropout_ffn", f, training=training)
        return self.call(self._last_norm, f + x, training=training)

    def _ffn_backward(self, dy):
        ds = self.back(self._last_norm, dy)
        return ds + self.back("ffn1", self.back("ffn2", self.back("dropout_ffn", ds)))

    def get_config(self):
        return {"embedding_dim": self.embedding_dim, "num_heads": self.num_heads,
                "fully_connected_dim": self.fully_connected_dim, "dropout_rate": self.dropout_rate,
                "layernorm_eps": self.layernorm_eps, "key_dim": self.key_dim, "name": self.name}


class EncoderLayer(_Block):
    """The course's encoder layer: self-attention then a feed-forward network, each followed
    by a residual connection and layer normalization (post-norm).

    Parameters
    ----------
    embedding_dim : int, d_model.
    num_heads : int, h (must divide d_model unless key_dim is given).
    fully_connected_dim : int, d_ff, the hidden size of the feed-forward network.
    dropout_rate : float, the rate of the attention-weight dropout and of ``dropout_ffn``
        (training only).
    layernorm_eps : float, the layer norms' epsilon (1e-6 as the course).
    key_dim : int, optional, each head's d_k; d_model / h by default (as torch; the course's
        notebook passes key_dim=embedding_dim).

    Notes
    -----
    x (N, T, d_model), mask broadcastable to (N, T, T) (1/True = attend; a (N, T) padding
    mask is read as (N, 1, T)). Forward (the course's ``EncoderLayer.call``):
    a = MHA(x, x, x, mask); out1 = LN1(x + a); f = dropout(W2 relu(W1 out1 + b1) + b2);
    out2 = LN2(out1 + f). Backward: each step's own backward in reverse, summing the
    residual branches; dx = d(x + a)/dx + the MHA's query and value gradients.
    Same as ``torch.nn.TransformerEncoderLayer(batch_first=True, norm_first=False,
    activation="relu")`` without dropout (``dlspec.io.torch_modules`` copies its weights).

    Examples
    --------
    >>> import numpy as np
    >>> EncoderLayer(8, 2, 16).forward(np.ones((3, 5, 8))).shape
    (3, 5, 8)
    """

    supports_masking = True
    propagates_mask = True

    def __init__(self, embedding_dim: int, num_heads: int, fully_connected_dim: int,
                 dropout_rate: float = 0.1, layernorm_eps: float = 1e-6,
                 key_dim: int | None = None, name: str | None = None):
        super().__init__(name)
        self._init_block(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                         layernorm_eps, key_dim, 1)

    def forward(self, x, training: bool = False, mask=None):
        """Encode x (N, T, d_model); returns (N, T, d_model)."""
        self._ensure_built(x)
        a = self.call("mha", x, x, attention_mask=_padding(mask), training=training)
        out1 = self.call("layernorm1", x + a, training=training)
        out2 = self._ffn_forward(out1, training)
        self._cache = (self._calls, mask is not None)
        return out2

    def _backward(self, dy, cache):
        mask_given = cache[1]
        ds1 = self.back("layernorm1", self._ffn_backward(dy))
        g = self.back("mha", ds1, input_grad=self.input_grad)
        dx = ds1 + g[0] + g[1] if self.input_grad else None
        return [dx, None] if mask_given else dx


class DecoderLayer(_Block):
    """The course's decoder layer: masked self-attention, attention on the encoder's output,
    a feed-forward network; each followed by a residual connection and layer normalization.

    Parameters
    ----------
    As ``EncoderLayer``.

    Attributes
    ----------
    attention_weights : dict, after each forward: ``"block1"`` (N, h, T, T) the
        self-attention's weights and ``"block2"`` (N, h, T, T_enc) the encoder-decoder
        attention's (the course's ``attn_weights_block1/2``), for plotting.

    Notes
    -----
    x (N, T, d_model), enc_output (N, T_enc, d_model), look_ahead_mask broadcastable to
    (N, T, T), padding_mask to (N, T, T_enc) (a (N, T_enc) mask is read as (N, 1, T_enc)).
    Forward: Q1 = LN1(x + MHA1(x, x, x, look_ahead_mask));
    out2 = LN2(Q1 + MHA2(Q1, enc_output, enc_output, padding_mask));
    out3 = LN3(out2 + dropout(FFN(out2))). Backward returns [dx, d_enc_output] (and None
    per mask). Same as ``torch.nn.TransformerDecoderLayer(batch_first=True, norm_first=False)``
    without dropout.

    Examples
    --------
    >>> import numpy as np
    >>> DecoderLayer(8, 2, 16).forward(np.ones((3, 4, 8)), np.ones((3, 6, 8))).shape
    (3, 4, 8)
    """

    def __init__(self, embedding_dim: int, num_heads: int, fully_connected_dim: int,
                 dropout_rate: float = 0.1, layernorm_eps: float = 1e-6,
                 key_dim: int | None = None, name: str | None = None):
        super().__init__(name)
        self._init_block(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                         layernorm_eps, key_dim, 2)
        self.attention_weights = {}

    def forward(self, x, enc_output, training: bool = False, look_ahead_mask=None,
                padding_mask=None):
        """Decode x (N, T, d_model) attending to enc_output (N, T_enc, d_model)."""
        self._ensure_built(x)
        a1, w1 = self.call("mha1", x, x, attention_mask=look_ahead_mask, training=training,
                           return_attention_scores=True)
        q1 = self.call("layernorm1", a1 + x, training=training)
        a2, w2 = self.call("mha2", q1, enc_output, attention_mask=_padding(padding_mask),
                           training=training, return_attention_scores=True)
        out2 = self.call("layernorm2", a2 + q1, training=training)
        out3 = self._ffn_forward(out2, training)
        self.attention_weights = {"block1": w1, "block2": w2}
        self._cache = (self._calls, (look_ahead_mask is not None, padding_mask is not None))
        return out3

    def _backward(self, dy, cache):
        _, masks = cache
        ds2 = self.back("layernorm2", self._ffn_backward(dy))
        dq1, d_enc = self.back("mha2", [ds2, None])[:2]
        ds1 = self.back("layernorm1", ds2 + dq1)
        g = self.back("mha1", [ds1, None], input_grad=self.input_grad)
        dx = ds1 + g[0] + g[1] if self.input_grad else None
        return [dx, d_enc] + [None for given in masks if given]
