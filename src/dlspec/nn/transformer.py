"""The transformer's blocks (course 5, week 4): ``EncoderLayer`` and ``DecoderLayer``, post-norm.

Written as the course writes them: sub-layers made in ``__init__`` as attributes, the forward
pass in ``call(x, training, mask)``. Backward comes from the recorded calls (each sub-layer's
and op's own hand-derived backward; see ``dlspec.models.subclass``). Parameters are named by
attribute path: ``mha.Wq``, ``ffn1.W``, ``layernorm1.gamma`` (files saved with the former
``mha_Wq`` names load through ``dlspec.io.legacy_names``).
"""
from __future__ import annotations

from ..backend import xp
from .attention import MultiHeadAttention
from .dense import Dense
from .dropout import Dropout
from .layer import Layer
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
        return mask[:, None, :]                                 # (N, Tk) -> (N, 1, Tk)
    return mask


class _Block(Layer):
    """What an encoder and a decoder layer share: the feed-forward network, norms, dropout."""

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
        for i in range(1, n_attention + 1):
            setattr(self, f"mha{i}" if n_attention > 1 else "mha",
                    MultiHeadAttention(num_heads, dk, dropout=dropout_rate, output_dim=embedding_dim))
        self.ffn1 = Dense(fully_connected_dim, activation="relu", init="glorot")
        self.ffn2 = Dense(embedding_dim, init="glorot")
        self.dropout_ffn = Dropout(rate=dropout_rate)
        for i in range(1, n_attention + 2):
            setattr(self, f"layernorm{i}", LayerNormalization(layernorm_eps))

    def output_shape(self, input_shape):
        return tuple(input_shape)          # (T, d_model) in, (T, d_model) out

    def _check(self, x):
        shape = tuple(getattr(x, "shape", ()))
        if len(shape) != 2 or shape[-1] != self.embedding_dim:
            raise ValueError(f"{type(self).__name__} expects inputs of shape (N, T, "
                             f"{self.embedding_dim}) (embedding_dim); got per-example shape {shape}.")

    def _ffn(self, x, norm, training):
        """norm(x + dropout(ffn2(relu(ffn1(x)))))."""
        f = self.dropout_ffn(self.ffn2(self.ffn1(x)), training=training)
        return norm(f + x)

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
    mask is read as (N, 1, T)). Forward (the course's ``call``): a = MHA(x, x, x, mask);
    out1 = LN1(x + a); f = dropout(W2 relu(W1 out1 + b1) + b2); out2 = LN2(out1 + f).
    Backward: the recorded calls in reverse, the residual branches summed. Same as
    ``torch.nn.TransformerEncoderLayer(batch_first=True, norm_first=False,
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

    def call(self, x, training=False, mask=None):
        """Encode x (N, T, d_model); returns (N, T, d_model)."""
        self._check(x)
        attn_output = self.mha(x, x, x, _padding(mask), training=training)
        out1 = self.layernorm1(x + attn_output)
        return self._ffn(out1, self.layernorm2, training)


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

    side_outputs = "attention_weights"      # call's second result, kept after each forward

    def __init__(self, embedding_dim: int, num_heads: int, fully_connected_dim: int,
                 dropout_rate: float = 0.1, layernorm_eps: float = 1e-6,
                 key_dim: int | None = None, name: str | None = None):
        super().__init__(name)
        self._init_block(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                         layernorm_eps, key_dim, 2)
        self.attention_weights = {}

    def example_inputs(self, input_shape):
        """What ``build`` traces ``call`` on (weights exist before any data): x and enc_output."""
        T = input_shape[0] or 1
        return xp.zeros((1, T, self.embedding_dim), self.dtype), xp.zeros((1, 1, self.embedding_dim), self.dtype)

    def call(self, x, enc_output, training=False, look_ahead_mask=None, padding_mask=None):
        """Decode x (N, T, d_model) attending to enc_output (N, T_enc, d_model)."""
        self._check(x)
        mult_attn_out1, attn_weights_block1 = self.mha1(
            x, x, x, look_ahead_mask, training=training, return_attention_scores=True)
        Q1 = self.layernorm1(mult_attn_out1 + x)
        mult_attn_out2, attn_weights_block2 = self.mha2(
            Q1, enc_output, enc_output, _padding(padding_mask), training=training,
            return_attention_scores=True)
        out2 = self.layernorm2(mult_attn_out2 + Q1)
        out3 = self._ffn(out2, self.layernorm3, training)
        return out3, {"block1": attn_weights_block1, "block2": attn_weights_block2}
