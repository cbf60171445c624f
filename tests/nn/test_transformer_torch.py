"""MultiHeadAttention, EncoderLayer and DecoderLayer against torch's own modules.

Weights copied with ``dlspec.io.torch_modules``; float64; forward and every gradient
(inputs and parameters, read back from torch through the same helpers with grad=True).
"""
import numpy as np
import pytest
import torch

from dlspec.io.torch_modules import (copy_weights, decoder_layer_weights_from_torch,
                                     encoder_layer_weights_from_torch, mha_weights_from_torch)
from dlspec.nn import DecoderLayer, EncoderLayer, MultiHeadAttention

N, T, S, E, H, FF = 3, 5, 6, 8, 2, 16
TOL = dict(rtol=1e-7, atol=1e-10)


def _pad(n, t):
    keep = np.ones((n, t), dtype=bool)
    keep[1, -2:] = False
    keep[2, -1] = False
    return keep


def _compare_params(layer, torch_grads):
    assert set(layer.grads) == set(torch_grads)
    for key, g in torch_grads.items():
        np.testing.assert_allclose(layer.grads[key], g, **TOL, err_msg=key)


@pytest.mark.parametrize("masked", [False, True])
def test_mha_matches_torch_multihead_attention(masked):
    torch.manual_seed(0)
    module = torch.nn.MultiheadAttention(E, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        module.in_proj_bias.normal_()
        module.out_proj.bias.normal_()
    layer = MultiHeadAttention(num_heads=H, key_dim=E // H)
    layer.build((T, E), np.random.default_rng(0), np.float64)
    copy_weights(layer, mha_weights_from_torch(module))
    rng = np.random.default_rng(1)
    q, kv = rng.standard_normal((N, T, E)), rng.standard_normal((N, S, E))
    keep = _pad(N, S)
    y, A = layer(q, kv, attention_mask=keep[:, None, :] if masked else None,
                 return_attention_scores=True)
    g = rng.standard_normal(y.shape)
    grads = layer.backward([g, None])

    q_t, kv_t = torch.tensor(q, requires_grad=True), torch.tensor(kv, requires_grad=True)
    y_t, A_t = module(q_t, kv_t, kv_t, key_padding_mask=torch.tensor(~keep) if masked else None,
                      average_attn_weights=False)
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(A, A_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(grads[0], q_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(grads[1], kv_t.grad.numpy(), **TOL)
    _compare_params(layer, mha_weights_from_torch(module, grad=True))


def test_encoder_layer_matches_torch_transformer_encoder_layer():
    torch.manual_seed(0)
    module = torch.nn.TransformerEncoderLayer(E, H, FF, dropout=0.0, batch_first=True,
                                              norm_first=False, layer_norm_eps=1e-6,
                                              dtype=torch.float64)
    with torch.no_grad():
        for norm in (module.norm1, module.norm2):
            norm.weight.normal_(1, 0.1); norm.bias.normal_(0, 0.1)
    layer = EncoderLayer(E, H, FF, dropout_rate=0.0)
    layer.build((T, E), np.random.default_rng(0), np.float64)
    copy_weights(layer, encoder_layer_weights_from_torch(module))
    rng = np.random.default_rng(2)
    x, keep = rng.standard_normal((N, T, E)), _pad(N, T)
    y = layer(x, training=True, mask=keep)
    g = rng.standard_normal(y.shape)
    dx, dmask = layer.backward(g)
    assert dmask is None

    module.train()
    x_t = torch.tensor(x, requires_grad=True)
    y_t = module(x_t, src_key_padding_mask=torch.tensor(~keep))
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, x_t.grad.numpy(), **TOL)
    _compare_params(layer, encoder_layer_weights_from_torch(module, grad=True))


def test_decoder_layer_matches_torch_transformer_decoder_layer():
    torch.manual_seed(0)
    module = torch.nn.TransformerDecoderLayer(E, H, FF, dropout=0.0, batch_first=True,
                                              norm_first=False, layer_norm_eps=1e-6,
                                              dtype=torch.float64)
    layer = DecoderLayer(E, H, FF, dropout_rate=0.0)
    layer.build((T, E), np.random.default_rng(0), np.float64)
    copy_weights(layer, decoder_layer_weights_from_torch(module))
    rng = np.random.default_rng(3)
    x, enc, keep = rng.standard_normal((N, T, E)), rng.standard_normal((N, S, E)), _pad(N, S)
    causal = np.tril(np.ones((1, T, T), dtype=bool))
    y = layer(x, enc, training=True, look_ahead_mask=causal, padding_mask=keep)
    g = rng.standard_normal(y.shape)
    dx, denc, m1, m2 = layer.backward(g)
    assert m1 is None and m2 is None

    x_t, enc_t = torch.tensor(x, requires_grad=True), torch.tensor(enc, requires_grad=True)
    y_t = module(x_t, enc_t, tgt_mask=torch.tensor(~causal[0]),
                 memory_key_padding_mask=torch.tensor(~keep))
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, x_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(denc, enc_t.grad.numpy(), **TOL)
    _compare_params(layer, decoder_layer_weights_from_torch(module, grad=True))
    assert layer.attention_weights["block2"].shape == (N, H, T, S)


def test_copy_weights_names_the_mismatch():
    module = torch.nn.MultiheadAttention(E, H, batch_first=True)
    layer = MultiHeadAttention(num_heads=H, key_dim=3)
    layer.build((T, E), np.random.default_rng(0), np.float32)
    with pytest.raises(ValueError, match="Wq"):
        copy_weights(layer, mha_weights_from_torch(module))
