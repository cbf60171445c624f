"""The transformer's layers (course 5, week 4): LayerNormalization, MultiHeadAttention (with
boolean masks, separate keys, attention scores returned), EncoderLayer and DecoderLayer.

The torch twins are written on OUR weight layout (W (D_in, D_out)), so autograd gives
gradients in our layout; tests/nn/test_transformer_torch.py also compares with
``torch.nn.MultiheadAttention`` and ``torch.nn.TransformerEncoderLayer/DecoderLayer`` through
the weight-copy helpers.
"""
import math

import numpy as np
import torch

from dlspec.nn import DecoderLayer, EncoderLayer, LayerNormalization, MultiHeadAttention
from dlspec import losses
from harness import LayerCase, LossCase

N, T, S, D = 2, 4, 5, 6


def torch_layer_norm(x, p, eps):
    return torch.nn.functional.layer_norm(x, x.shape[-1:], p["gamma"], p["beta"], eps)


def torch_mha(query, p, layer, value, key=None, attention_mask=None, scores=False):
    key = value if key is None else key
    h, dk, dv = layer.num_heads, layer.key_dim, layer.value_dim
    split = lambda z, d: z.reshape(z.shape[0], z.shape[1], h, d).transpose(1, 2)
    Q = split(query @ p["Wq"] + p["bq"], dk)
    K = split(key @ p["Wk"] + p["bk"], dk)
    V = split(value @ p["Wv"] + p["bv"], dv)
    logits = Q @ K.transpose(-1, -2) / math.sqrt(dk)
    if attention_mask is not None:
        m = attention_mask if attention_mask.dim() == 4 else attention_mask[:, None]
        logits = logits + (1 - m.to(logits.dtype)) * -1e9
    A = torch.softmax(logits, dim=-1)
    O = (A @ V).transpose(1, 2).reshape(query.shape[0], query.shape[1], h * dv)
    y = O @ p["Wo"] + p["bo"]
    return [y, A] if scores else y


def _sub(p, prefix):
    return {k[len(prefix) + 1:]: v for k, v in p.items() if k.startswith(prefix + ".")}


def _ffn(x, p, layer):
    f = torch.relu(x @ p["ffn1.W"] + p["ffn1.b"]) @ p["ffn2.W"] + p["ffn2.b"]
    return f


def torch_encoder_layer(x, p, layer, mask=None):
    eps = layer.layernorm_eps
    a = torch_mha(x, _sub(p, "mha"), layer.mha, x,
                  attention_mask=None if mask is None else mask[:, None, :])
    out1 = torch_layer_norm(x + a, _sub(p, "layernorm1"), eps)
    return torch_layer_norm(out1 + _ffn(out1, p, layer), _sub(p, "layernorm2"), eps)


def torch_decoder_layer(x, p, layer, enc_output, look_ahead_mask=None, padding_mask=None):
    eps = layer.layernorm_eps
    a1 = torch_mha(x, _sub(p, "mha1"), layer.mha1, x, attention_mask=look_ahead_mask)
    q1 = torch_layer_norm(a1 + x, _sub(p, "layernorm1"), eps)
    pm = None if padding_mask is None else padding_mask[:, None, :]
    a2 = torch_mha(q1, _sub(p, "mha2"), layer.mha2, enc_output, attention_mask=pm)
    out2 = torch_layer_norm(a2 + q1, _sub(p, "layernorm2"), eps)
    return torch_layer_norm(out2 + _ffn(out2, p, layer), _sub(p, "layernorm3"), eps)


class MHAWithScores(MultiHeadAttention):
    """Always returns [output, scores], so the harness checks the scores' gradient too."""

    def forward(self, query, value, key=None, attention_mask=None, training=False):
        return super().forward(query, value, key, attention_mask, training, return_attention_scores=True)

    def output_shape(self, input_shape):
        return [super().output_shape(input_shape), (self.num_heads, input_shape[0], S)]


def _padding_mask(n, t):
    m = np.ones((n, t), dtype=bool)
    m[1, -2:] = False                   # the second sequence ends with two pads
    return m


def _causal(t):
    return np.tril(np.ones((1, t, t), dtype=bool))


def kw(value=True, key=False, mask=None, t_key=S):
    def make(rng, dtype):
        out = {}
        if value:
            out["value"] = rng.standard_normal((N, t_key, D))
        if key:
            out["key"] = rng.standard_normal((N, t_key, D))
        if mask == "padding":
            out["attention_mask"] = _padding_mask(N, t_key)[:, None, :]
        elif mask == "causal":
            out["attention_mask"] = np.broadcast_to(_causal(T), (N, T, T)).copy()
        return out
    return make


def _mha_case(id, make, shape=(N, T, D), scores=False, **kwargs):
    twin = (lambda q, p, l, **kw: torch_mha(q, p, l, scores=True, **kw)) if scores else torch_mha
    return LayerCase(id, make, shape, twin, make_kwargs=kw(**kwargs))


CASES = [
    LayerCase("layer-norm-2d", LayerNormalization, (4, 6), lambda x, p, l: torch_layer_norm(x, p, 1e-3)),
    LayerCase("layer-norm-3d-eps", lambda: LayerNormalization(1e-6), (2, 3, 5),
              lambda x, p, l: torch_layer_norm(x, p, 1e-6)),
    _mha_case("mha-cross", lambda: MultiHeadAttention(2, 3)),
    _mha_case("mha-key-value-dims", lambda: MultiHeadAttention(3, 2, value_dim=4, output_dim=5),
              key=True),
    _mha_case("mha-padding-mask", lambda: MultiHeadAttention(2, 3), mask="padding"),
    _mha_case("mha-self-causal", lambda: MultiHeadAttention(2, 3), mask="causal", t_key=T),
    _mha_case("mha-scores", lambda: MHAWithScores(2, 3), scores=True, mask="padding"),
    LayerCase("encoder-layer", lambda: EncoderLayer(D, 2, 8, dropout_rate=0.0), (N, T, D),
              torch_encoder_layer),
    LayerCase("encoder-layer-padding", lambda: EncoderLayer(D, 3, 8, dropout_rate=0.0), (N, T, D),
              torch_encoder_layer, make_kwargs=lambda rng, dt: {"mask": _padding_mask(N, T)}),
    LayerCase("decoder-layer", lambda: DecoderLayer(D, 2, 8, dropout_rate=0.0), (N, T, D),
              torch_decoder_layer,
              make_kwargs=lambda rng, dt: {"enc_output": rng.standard_normal((N, S, D)),
                                           "look_ahead_mask": _causal(T),
                                           "padding_mask": _padding_mask(N, S)}),
]


def _ids_with_padding(rng, shape):
    ids = rng.integers(0, shape[2], size=shape[:2])
    ids[0, -1] = -1                              # padding adds nothing
    return ids


def _torch_smoothed_ce(eps):
    def loss(z, y):
        return torch.nn.functional.cross_entropy(z.reshape(-1, z.shape[-1]), torch.tensor(y).reshape(-1),
                                                 ignore_index=-1, reduction="sum", label_smoothing=eps) / z.shape[0]
    return loss


CASES += [
    LossCase("sequence-ce-label-smoothing", lambda: losses.SequenceCrossEntropy(label_smoothing=0.1),
             (3, 4, 5), _ids_with_padding, _torch_smoothed_ce(0.1)),
    LossCase("sequence-ce-label-smoothing-0.3", lambda: losses.SequenceCrossEntropy(label_smoothing=0.3),
             (2, 3, 7), _ids_with_padding, _torch_smoothed_ce(0.3)),
]
