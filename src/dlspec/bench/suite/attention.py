"""Transformer benchmarks (course 5, week 4): multi-head attention and an encoder layer,
forward + backward, against ``torch.nn.MultiheadAttention`` / ``TransformerEncoderLayer``
with the same weights (copied by ``dlspec.io.torch_modules``). Shapes: B=32, T=64,
d_model=128, 8 heads, d_ff=512, float32, no dropout.

Peak memory of a step (dlspec, float32): the attention weights A and their gradient are
the only (T, T) arrays per head, B h T^2 x 4 bytes = 4.2 MB each; the projections are
B T d x 4 bytes = 1 MB each.
"""
from __future__ import annotations

import numpy as np

from ...io.torch_modules import copy_weights, encoder_layer_weights_from_torch, mha_weights_from_torch
from ...nn import EncoderLayer, MultiHeadAttention
from ..registry import Case, benchmark, ratio_at_most

B, T, D, H, FF = 32, 64, 128, 8, 512


def _mha_case(ctx):
    rng = np.random.default_rng(ctx.seed)
    x = rng.standard_normal((B, T, D)).astype(np.float32)
    g = np.ones((B, T, D), np.float32)
    layer = MultiHeadAttention(H, D // H)
    layer.build((T, D), rng, np.float32)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        torch.manual_seed(ctx.seed)
        module = torch.nn.MultiheadAttention(D, H, batch_first=True)
        copy_weights(layer, mha_weights_from_torch(module))
        x_t, g_t = torch.tensor(x, requires_grad=True), torch.tensor(g)

        def ref():
            module.zero_grad()
            x_t.grad = None
            module(x_t, x_t, x_t, need_weights=False)[0].backward(g_t)

    def step():
        layer.forward(x, x, training=True)
        layer.backward(g)

    return Case(step, ref)


def _encoder_case(ctx):
    rng = np.random.default_rng(ctx.seed)
    x = rng.standard_normal((B, T, D)).astype(np.float32)
    g = np.ones((B, T, D), np.float32)
    layer = EncoderLayer(D, H, FF, dropout_rate=0.0)
    layer.build((T, D), rng, np.float32)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        torch.manual_seed(ctx.seed)
        module = torch.nn.TransformerEncoderLayer(D, H, FF, dropout=0.0, batch_first=True,
                                                  layer_norm_eps=1e-6)
        copy_weights(layer, encoder_layer_weights_from_torch(module))
        x_t, g_t = torch.tensor(x, requires_grad=True), torch.tensor(g)

        def ref():
            module.zero_grad()
            x_t.grad = None
            module(x_t).backward(g_t)

    def step():
        layer.forward(x, training=True)
        layer.backward(g)

    return Case(step, ref)


benchmark("mha-step", f"MultiHeadAttention self-attention forward + backward, B={B} T={T} "
          f"d_model={D} heads={H}, float32", group="attention",
          target=ratio_at_most(1.3))(_mha_case)
benchmark("encoder-layer-step", f"EncoderLayer forward + backward, B={B} T={T} d_model={D} "
          f"heads={H} d_ff={FF}, float32", group="attention",
          target=ratio_at_most(1.3))(_encoder_case)
