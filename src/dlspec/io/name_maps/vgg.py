"""VGG-16 weights from torchvision (``features.N.*``, ``classifier.N.*``) to canonical names.

Canonical names: ``conv{j}.kernel``/``conv{j}.b`` for the 13 convolutions in order
(j = 1..13) and ``fc{j}.W``/``fc{j}.b`` for the 3 dense layers. torchvision pools the
last feature map to 7 x 7 (``AdaptiveAvgPool2d``) and flattens it channel first; the first
dense layer's weight is rewritten for dlspec's channel-last flatten at whatever spatial
size the dlspec model has there (see ``layout.dense_after_chw_flatten``).
"""
from __future__ import annotations

import re

from .layout import dense_after_chw_flatten, linear_to_dense, oihw_to_hwio

_FEATURE = re.compile(r"^features\.(\d+)\.(weight|bias)$")
_CLASSIFIER = re.compile(r"^classifier\.(\d+)\.(weight|bias)$")
POOLED = (7, 7)


def torchvision_vgg_to_canonical(tensors: dict, flatten_hw=POOLED) -> dict:
    """torchvision ``vgg16`` state dict -> canonical names and dlspec layouts.

    flatten_hw : (h, w) of the dlspec model's feature map at its Flatten (7 x 7 for
        224 x 224 inputs, 1 x 1 for 32 x 32).
    """
    convs = sorted({int(m[1]) for m in map(_FEATURE.match, tensors) if m})
    fcs = sorted({int(m[1]) for m in map(_CLASSIFIER.match, tensors) if m})
    out = {}
    for name, value in tensors.items():
        feature, classifier = _FEATURE.match(name), _CLASSIFIER.match(name)
        if feature:
            j = convs.index(int(feature[1])) + 1
            out[f"conv{j}.kernel" if feature[2] == "weight" else f"conv{j}.b"] = (
                oihw_to_hwio(value) if feature[2] == "weight" else value)
        elif classifier:
            j = fcs.index(int(classifier[1])) + 1
            if classifier[2] == "bias":
                out[f"fc{j}.b"] = value
            elif j == 1:
                channels = value.shape[1] // (POOLED[0] * POOLED[1])
                out["fc1.W"] = dense_after_chw_flatten(value, channels, POOLED, tuple(flatten_hw))
            else:
                out[f"fc{j}.W"] = linear_to_dense(value)
        else:
            out[name] = value
    return out
