"""Copy weights from PyTorch's attention and transformer modules into dlspec's layers.

Reads the modules' tensors (``.detach().cpu().numpy()``), so torch is needed only by the
caller. torch stores a linear map as weight (D_out, D_in) with y = x W^T + b; dlspec as
W (D_in, D_out) with y = x W + b: every matrix is transposed. With ``grad=True`` the
functions read the tensors' ``.grad`` instead (the parity tests compare gradients so).
"""
from __future__ import annotations

import numpy as np


def _np(tensor, grad):
    t = tensor.grad if grad else tensor
    if t is None:
        raise ValueError("The torch tensor has no .grad: run backward() on the torch module first.")
    return t.detach().cpu().numpy()


def mha_weights_from_torch(module, grad=False):
    """``torch.nn.MultiheadAttention`` -> {"Wq", "bq", "Wk", "bk", "Wv", "bv", "Wo", "bo"}.

    The matching layer is ``MultiHeadAttention(num_heads=h, key_dim=E // h)`` (torch's head
    size is embed_dim / num_heads).
    """
    E = module.embed_dim
    if module.in_proj_weight is not None:
        W = _np(module.in_proj_weight, grad)                         # (3E, E): rows q, k, v
        Ws = W[:E].T, W[E:2 * E].T, W[2 * E:].T
    else:
        Ws = tuple(_np(getattr(module, f"{p}_proj_weight"), grad).T for p in "qkv")
    out = {"Wq": Ws[0], "Wk": Ws[1], "Wv": Ws[2], "Wo": _np(module.out_proj.weight, grad).T}
    if module.in_proj_bias is not None:
        b = _np(module.in_proj_bias, grad)
        out.update(bq=b[:E], bk=b[E:2 * E], bv=b[2 * E:], bo=_np(module.out_proj.bias, grad))
    return out


def _prefixed(prefix, weights):
    return {f"{prefix}.{k}": v for k, v in weights.items()}


def _ffn_and_norms(module, norms, grad):
    out = {"ffn1.W": _np(module.linear1.weight, grad).T, "ffn1.b": _np(module.linear1.bias, grad),
           "ffn2.W": _np(module.linear2.weight, grad).T, "ffn2.b": _np(module.linear2.bias, grad)}
    for i in range(1, norms + 1):
        norm = getattr(module, f"norm{i}")
        out[f"layernorm{i}.gamma"] = _np(norm.weight, grad)
        out[f"layernorm{i}.beta"] = _np(norm.bias, grad)
    return out


def encoder_layer_weights_from_torch(module, grad=False):
    """``torch.nn.TransformerEncoderLayer`` -> the parameter dict of ``EncoderLayer``."""
    return {**_prefixed("mha", mha_weights_from_torch(module.self_attn, grad)),
            **_ffn_and_norms(module, 2, grad)}


def decoder_layer_weights_from_torch(module, grad=False):
    """``torch.nn.TransformerDecoderLayer`` -> the parameter dict of ``DecoderLayer``."""
    return {**_prefixed("mha1", mha_weights_from_torch(module.self_attn, grad)),
            **_prefixed("mha2", mha_weights_from_torch(module.multihead_attn, grad)),
            **_ffn_and_norms(module, 3, grad)}


def copy_weights(layer, weights):
    """Write ``weights`` (name -> array) into ``layer.params`` in place, checking names and shapes."""
    missing = sorted(set(layer.params) - set(weights))
    extra = sorted(set(weights) - set(layer.params))
    if missing or extra:
        raise ValueError(f"copy_weights: {layer!r} has parameters {sorted(layer.params)}; the "
                         f"weights lack {missing} and have extra {extra}. Build the layer with "
                         "the module's sizes (num_heads, key_dim = embed_dim // num_heads).")
    for key, value in weights.items():
        target = layer.params[key]
        if target.shape != np.shape(value):
            raise ValueError(f"copy_weights: {key} is {target.shape} in {layer!r}; the module "
                             f"gives {np.shape(value)}.")
        target[...] = value
    return layer
