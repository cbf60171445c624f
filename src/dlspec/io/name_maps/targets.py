"""From canonical names (see ``resnet`` and ``vgg``) to the zoo models' parameter names.

This is the one place that knows how ``dlspec.models.zoo`` names its layers.
NOTE: written before the zoo landed, against the naming expected below; if the zoo names
its layers differently, only this file changes.

Expected ResNet-50: ``conv1``, ``bn1``, blocks ``layer{s}_{i}`` (s = 1..4, i from 0) holding
``conv1..3``, ``bn1..3`` and ``downsample_conv``/``downsample_bn``, and ``fc``.
Expected VGG-16: ``conv1`` ... ``conv13`` and ``fc1`` ... ``fc3``.
Parameters: convolution ``W`` (HWIO) and ``b``, batch norm ``gamma``/``beta`` and state
``running_mean``/``running_var``, dense ``W`` (D_in, D_out) and ``b``.
"""
from __future__ import annotations

import re

_BLOCK = re.compile(r"^stage(?P<s>\d)\.block(?P<i>\d+)\.(?P<part>\w+)\.(?P<var>\w+)$")
_PART = {"shortcut_conv": "downsample_conv", "shortcut_bn": "downsample_bn"}


def _leaf(var):
    return "W" if var == "kernel" else var


def resnet50_names(canonical: dict, model=None) -> dict:
    out = {}
    for name, value in canonical.items():
        m = _BLOCK.match(name)
        if m:
            part = _PART.get(m["part"], m["part"])
            out[f"layer{m['s']}_{m['i']}.{part}.{_leaf(m['var'])}"] = value
        elif name.startswith("stem."):
            _, layer, var = name.split(".")
            out[f"{'conv1' if layer == 'conv' else 'bn1'}.{_leaf(var)}"] = value
        elif name.startswith("head.fc."):
            out[f"fc.{name.split('.')[-1]}"] = value
        else:
            out[name] = value
    return out


def vgg16_names(canonical: dict, model=None) -> dict:
    return {name.replace(".kernel", ".W"): value for name, value in canonical.items()}


def bn_epsilon(model, default=1e-5):
    """The batch norms' epsilon in ``model`` (torchvision's 1e-5 if there is none)."""
    for layer in _walk(model):
        eps = getattr(layer, "epsilon", None)
        if eps is not None and "Norm" in type(layer).__name__:
            return float(eps)
    return default


def flatten_hw(model):
    """(h, w) of the feature map entering ``model``'s first Flatten (needs a built model)."""
    shape = getattr(model, "input_shape", None)
    for layer in getattr(model, "layers", []):
        if type(layer).__name__ == "Flatten":
            if shape is None or len(shape) != 3:
                break
            return tuple(shape[:2])
        shape = layer.output_shape(shape) if shape is not None else None
    raise ValueError("torchvision_vgg16 needs the dlspec VGG-16 built (model.build((H, W, 3))) "
                     "to know the feature-map size at its Flatten.")


def _walk(layer):
    if layer is None:
        return
    yield layer
    for child in getattr(layer, "layers", None) or []:
        yield from _walk(child)
