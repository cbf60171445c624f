"""ResNet-50 weights from torchvision/timm and from Keras, renamed to dlspec's ResNet-50.

Both sources are first parsed into one canonical naming,

    stem.conv.*, stem.bn.*
    stage{s}.block{i}.conv{k}.*, stage{s}.block{i}.bn{k}.*      s = 1..4, i from 0, k = 1..3
    stage{s}.block{i}.shortcut_conv.*, stage{s}.block{i}.shortcut_bn.*
    head.fc.*

with dlspec layouts (HWIO kernels, Dense W (D_in, D_out), batch norm ``gamma``, ``beta``,
``running_mean``, ``running_var``), then ``target_name`` turns a canonical name into the
zoo model's qualified parameter name.

The two sources differ in more than names: torchvision (ResNet "v1.5") puts the stride
of a down-sampling block on the 3x3 convolution and has no convolution biases; Keras
(the original v1) strides the first 1x1 convolution and gives every convolution a bias.
A bias right before a batch norm folds into its running mean exactly, and Keras's
epsilon (1.001e-5) into its running variance, so both load into bias-free convolutions;
the stride placement must match the model (``resnet50(variant=...)``).
"""
from __future__ import annotations

import re

import numpy as np

from .layout import linear_to_dense, oihw_to_hwio

BN_TORCH = {"weight": "gamma", "bias": "beta", "running_mean": "running_mean",
            "running_var": "running_var"}
BN_KERAS = {"gamma": "gamma", "beta": "beta", "moving_mean": "running_mean",
            "moving_variance": "running_var"}
KERAS_BN_EPSILON = 1.001e-5

_TV_BLOCK = re.compile(r"^layer(?P<s>[1-4])\.(?P<i>\d+)\.(?P<part>conv[1-3]|bn[1-3]|downsample\.[01])\."
                       r"(?P<var>\w+)$")
_KERAS = re.compile(r"^conv(?P<S>[2-5])_block(?P<B>\d+)_(?P<k>[0-3])_(?P<kind>conv|bn)$")


def torchvision_to_canonical(tensors: dict) -> dict:
    """torchvision/timm ResNet-50 state dict -> canonical names and dlspec layouts.

    Keys it does not recognize are kept unchanged (they show up as "unexpected").
    """
    out = {}
    for name, value in tensors.items():
        if name.endswith("num_batches_tracked"):
            continue                      # a counter for momentum=None; dlspec does not use it
        canon = _torchvision_name(name)
        if canon is None:
            out[name] = value
        elif canon.endswith(".kernel"):
            out[canon] = oihw_to_hwio(value)
        elif canon == "head.fc.W":
            out[canon] = linear_to_dense(value)
        else:
            out[canon] = value
    return out


def _torchvision_name(name):
    if name == "conv1.weight":
        return "stem.conv.kernel"
    if name.startswith("bn1.") and name[4:] in BN_TORCH:
        return f"stem.bn.{BN_TORCH[name[4:]]}"
    if name in ("fc.weight", "fc.bias"):
        return "head.fc." + ("W" if name == "fc.weight" else "b")
    m = _TV_BLOCK.match(name)
    if not m:
        return None
    block = f"stage{m['s']}.block{m['i']}"
    part, var = m["part"], m["var"]
    if part in ("conv1", "conv2", "conv3", "downsample.0") and var == "weight":
        return f"{block}.{'shortcut_conv' if part == 'downsample.0' else part}.kernel"
    if part.startswith("bn") or part == "downsample.1":
        if var in BN_TORCH:
            return f"{block}.{'shortcut_bn' if part == 'downsample.1' else part}.{BN_TORCH[var]}"
    return None


def keras_to_canonical(tensors: dict, model_epsilon: float = 1e-5) -> dict:
    """Keras ``ResNet50`` weights -> canonical names and dlspec layouts.

    Accepts names ``layer/var`` as Keras writes them, with or without the repeated layer
    group and ``:0`` of HDF5 files (``conv2_block1_1_conv/conv2_block1_1_conv/kernel:0``).
    Convolution biases are folded into the next batch norm, and Keras's epsilon into the
    running variance, so the result fits bias-free convolutions with ``model_epsilon``.
    """
    parsed, out = {}, {}
    for name, value in tensors.items():
        parts = name.split("/")
        layer, var = parts[0], parts[-1].split(":")[0]
        canon = _keras_layer(layer)
        if canon is None or len(parts) < 2:
            out[name] = value
        else:
            parsed[(canon, var)] = value
    for (canon, var), value in parsed.items():
        if _is_conv(canon) and var == "kernel":
            out[f"{canon}.kernel"] = value                       # already HWIO
        elif canon == "head.fc":
            out[f"head.fc.{'W' if var == 'kernel' else 'b'}"] = value   # already (D_in, D_out)
        elif var in BN_KERAS:
            out[f"{canon}.{BN_KERAS[var]}"] = value
        elif var != "bias":
            out[f"{canon}.{var}"] = value
    for (canon, var), bias in parsed.items():
        if _is_conv(canon) and var == "bias":
            block, last = canon.rsplit(".", 1)
            bn = f"{block}.{last.replace('conv', 'bn')}"
            if f"{bn}.running_mean" not in out:
                raise ValueError(f"the Keras weights have a bias for {canon} but no batch norm "
                                 f"after it ({bn}) to fold it into.")
            out[f"{bn}.running_mean"] = out[f"{bn}.running_mean"] - bias
    for key in [k for k in out if k.endswith(".running_var")]:
        # In float64: the difference (about 1e-8) is below float32's resolution near 1.
        out[key] = np.asarray(out[key], np.float64) + (KERAS_BN_EPSILON - model_epsilon)
    return out


def _is_conv(canon):
    last = canon.rsplit(".", 1)[1]
    return last.startswith("conv") or last == "shortcut_conv"


def _keras_layer(layer):
    if layer in ("conv1_conv", "conv1_bn"):
        return f"stem.{layer[6:]}"
    if layer in ("predictions", "fc1000", "probs"):
        return "head.fc"
    m = _KERAS.match(layer)
    if not m:
        return None
    block = f"stage{int(m['S']) - 1}.block{int(m['B']) - 1}"
    k = m["k"]
    if k == "0":
        return f"{block}.shortcut_{m['kind']}"
    return f"{block}.{m['kind']}{k}"
