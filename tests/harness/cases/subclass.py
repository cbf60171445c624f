"""Subclassed layers (Keras's ``class X(Layer)`` with ``call``) and ``Lambda`` in the harness.

``CourseEncoderLayer`` is the course's encoder layer written as the course writes it (our own
code): sub-layers as attributes, ``call(x, training, mask)``; the harness checks it like any
layer, since forward/backward come from its traced call.
"""
import math

import numpy as np
import torch

from dlspec import ops
from dlspec.nn import Dense, Dropout, Lambda, Layer, LayerNormalization, MultiHeadAttention
from harness import LayerCase


class Linear(Layer):
    """y = x w + b with weights from add_weight (Keras's guide example)."""

    def __init__(self, units=3, name=None):
        super().__init__(name)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        return {"units": self.units, "name": self.name}


class CourseEncoderLayer(Layer):
    """Self-attention, then a two-Dense feed-forward network, each with a residual and a norm."""

    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1,
                 layernorm_eps=1e-6, key_dim=None, name=None):
        super().__init__(name)
        self.config = dict(embedding_dim=embedding_dim, num_heads=num_heads,
                           fully_connected_dim=fully_connected_dim, dropout_rate=dropout_rate,
                           layernorm_eps=layernorm_eps, key_dim=key_dim)
        # The course passes key_dim=embedding_dim; torch's heads have embedding_dim / num_heads.
        self.mha = MultiHeadAttention(num_heads=num_heads, key_dim=key_dim or embedding_dim,
                                      dropout=dropout_rate, output_dim=embedding_dim)
        self.ffn1 = Dense(fully_connected_dim, activation="relu")
        self.ffn2 = Dense(embedding_dim)
        self.layernorm1 = LayerNormalization(layernorm_eps)
        self.layernorm2 = LayerNormalization(layernorm_eps)
        self.dropout_ffn = Dropout(dropout_rate)           # Keras's rate, as the course writes it

    def call(self, x, training=False, mask=None):
        attn_output = self.mha(x, x, x, mask)
        out1 = self.layernorm1(x + attn_output)
        ffn_output = self.ffn2(self.ffn1(out1))
        ffn_output = self.dropout_ffn(ffn_output, training=training)
        return self.layernorm2(ffn_output + out1)

    def get_config(self):
        return {**self.config, "name": self.name}


def torch_mha(x, p, prefix, h):
    """Multi-head self-attention in torch on our parameter layout (Wq (D, h dk), ...)."""
    N, T, _ = x.shape

    def heads(z):                        # (N, T, h dk) -> (N, h, T, dk)
        return z.reshape(N, T, h, -1).transpose(1, 2)
    q, k, v = (heads(x @ p[f"{prefix}W{c}"] + p[f"{prefix}b{c}"]) for c in "qkv")
    w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]), dim=-1)
    o = (w @ v).transpose(1, 2).reshape(N, T, -1)   # (N, T, h dv)
    return o @ p[f"{prefix}Wo"] + p[f"{prefix}bo"]


def torch_encoder(x, p, layer):
    ln = lambda z, k: torch.nn.functional.layer_norm(z, z.shape[-1:], p[f"{k}.gamma"], p[f"{k}.beta"], 1e-6)
    out1 = ln(x + torch_mha(x, p, "mha.", layer.config["num_heads"]), "layernorm1")
    f = torch.relu(out1 @ p["ffn1.W"] + p["ffn1.b"]) @ p["ffn2.W"] + p["ffn2.b"]
    return ln(f + out1, "layernorm2")


CASES = [
    LayerCase("lambda-ops", lambda: Lambda(lambda z: ops.tanh(z[:, :, None] * 2.0) + ops.reduce_mean(z, axis=1, keepdims=True)[:, :, None]),
              (3, 4), lambda x, p, l: torch.tanh(x[:, :, None] * 2.0) + x.mean(1, keepdim=True)[:, :, None]),
    LayerCase("subclass-add-weight", lambda: Linear(3), (5, 4), lambda x, p, l: x @ p["w"] + p["b"]),
    LayerCase("subclass-course-encoder", lambda: CourseEncoderLayer(8, 2, 16, dropout_rate=0.0, key_dim=4), (2, 5, 8),
              torch_encoder, training=False),
]
