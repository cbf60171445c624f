"""MobileNetV2 weights from torchvision (``features.N...``, ``classifier.1.*``) to canonical names.

torchvision's modules come in the order dlspec's ``zoo.mobilenet_v2`` adds its layers (the
stem convolution and batch norm, then per inverted residual: expand 1x1, depthwise 3x3,
project 1x1, each followed by a batch norm; the last 1x1 convolution; the classifier), so
the k-th tensor of a kind maps to the model's k-th layer of that kind. Kinds are read from
the tensors: a batch norm has running statistics, a depthwise kernel is (C, 1, f, f) with
C > 1, any other 4-D weight is a convolution, a 2-D weight the classifier. Canonical names:
``conv{k}.kernel``, ``dw{k}.kernel`` (dlspec's (f, f, C, 1)), ``bn{k}.*``, ``fc1.W``/``fc1.b``.
"""
from __future__ import annotations

import re

import numpy as np

from .layout import linear_to_dense, oihw_to_hwio
from .resnet import BN_TORCH


def _natural(name):
    """Sort key: "features.10.conv.0.0" after "features.9.conv.2" (numbers compared as numbers)."""
    return [int(p) if p.isdigit() else p for p in re.split(r"\.", name)]


def torchvision_mobilenet_v2_to_canonical(tensors: dict) -> dict:
    """torchvision ``mobilenet_v2`` state dict -> canonical names and dlspec layouts."""
    prefixes = sorted({n.rpartition(".")[0] for n in tensors if not n.endswith("num_batches_tracked")},
                      key=_natural)
    counts, out = {"conv": 0, "dw": 0, "bn": 0, "fc": 0}, {}
    for prefix in prefixes:
        weight = tensors.get(f"{prefix}.weight")
        if f"{prefix}.running_mean" in tensors:
            counts["bn"] += 1
            for var, ours in BN_TORCH.items():
                if f"{prefix}.{var}" in tensors:
                    out[f"bn{counts['bn']}.{ours}"] = tensors[f"{prefix}.{var}"]
        elif weight is not None and weight.ndim == 4 and weight.shape[1] == 1 and weight.shape[0] > 1:
            counts["dw"] += 1                        # (C, 1, f, f) -> (f, f, C, 1)
            out[f"dw{counts['dw']}.kernel"] = np.ascontiguousarray(np.transpose(weight, (2, 3, 0, 1)))
        elif weight is not None and weight.ndim == 4:
            counts["conv"] += 1
            out[f"conv{counts['conv']}.kernel"] = oihw_to_hwio(weight)
        elif weight is not None and weight.ndim == 2:
            counts["fc"] += 1
            out[f"fc{counts['fc']}.W"] = linear_to_dense(weight)
            if f"{prefix}.bias" in tensors:
                out[f"fc{counts['fc']}.b"] = tensors[f"{prefix}.bias"]
        else:
            out.update({n: v for n, v in tensors.items() if n.startswith(prefix + ".")})
    order = {kind: [f"{kind}{k}" for k in range(1, n + 1)] for kind, n in counts.items() if n}
    return out, order
