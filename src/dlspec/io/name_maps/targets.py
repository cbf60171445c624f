"""From canonical names (see ``resnet`` and ``vgg``) to a dlspec model's parameter names.

The zoo's models (``dlspec.models.zoo``) add their layers in the publishers' order (for
a ResNet block: conv1, bn1, conv2, bn2, conv3, bn3, then the shortcut's conv and bn), so
the k-th canonical convolution is the model's k-th ``Conv2D``, and likewise for batch
norms and dense layers, whatever the layers are called. Matching by order is checked: the
counts must agree, and ``load_state_dict`` then checks every shape.
"""
from __future__ import annotations


_RESNET_STAGES = (3, 4, 6, 3)
KINDS = {"conv": "Conv2D", "bn": "BatchNormalization", "fc": "Dense", "dw": "DepthwiseConv2D"}
LEAF = {"kernel": "W"}    # canonical convolution "kernel" is dlspec's W (HWIO)


def resnet50_order() -> dict:
    """Canonical layer prefixes of ResNet-50 by kind, in the order the layers are added."""
    convs, bns = ["stem.conv"], ["stem.bn"]
    for s, blocks in enumerate(_RESNET_STAGES, 1):
        for i in range(blocks):
            parts = ["1", "2", "3"] + (["shortcut"] if i == 0 else [])
            for k in parts:
                conv = "shortcut_conv" if k == "shortcut" else f"conv{k}"
                bn = "shortcut_bn" if k == "shortcut" else f"bn{k}"
                convs.append(f"stage{s}.block{i}.{conv}")
                bns.append(f"stage{s}.block{i}.{bn}")
    return {"conv": convs, "bn": bns, "fc": ["head.fc"]}


def vgg16_order() -> dict:
    return {"conv": [f"conv{j}" for j in range(1, 14)], "fc": [f"fc{j}" for j in range(1, 4)]}


def rename_by_order(canonical: dict, model, order: dict, source: str) -> dict:
    """Rename canonical tensors to ``model``'s qualified names, matching layers by kind and order."""
    layers = _layers_by_kind(model)
    prefix_to_layer = {}
    for kind, prefixes in order.items():
        found = layers.get(KINDS[kind], [])
        if len(found) != len(prefixes):
            raise ValueError(
                f"{source} weights have {len(prefixes)} {KINDS[kind]} layers but the model "
                f"{model.name!r} has {len(found)}: it is not the matching architecture. Build it "
                "with dlspec.models.zoo (see the name map's docstring for the variant).")
        prefix_to_layer.update(zip(prefixes, found))
    out = {}
    for name, value in canonical.items():
        prefix, _, leaf = name.rpartition(".")
        if prefix in prefix_to_layer:
            out[f"{prefix_to_layer[prefix]}.{LEAF.get(leaf, leaf)}"] = value
        else:
            out[name] = value      # unknown: reported as unexpected by load_state_dict
    return out


def _layers_by_kind(model) -> dict:
    """Qualified layer names by class name, in model order (nested models flattened)."""
    out = {}

    def walk(layer, prefix):
        children = getattr(layer, "layers", None)
        if children is not None and layer is not model:
            prefix = f"{prefix}{layer.name}."
        if children is None:
            out.setdefault(type(layer).__name__, []).append(prefix + layer.name)
            return
        for child in children:
            walk(child, prefix)
    walk(model, "")
    return out


def bn_epsilon(model, default=1e-5):
    """The batch norms' epsilon in ``model`` (torchvision's 1e-5 if there is none)."""
    for layer in _walk(model):
        if type(layer).__name__ == "BatchNormalization":
            return float(layer.epsilon)
    return default


def flatten_hw(model):
    """(h, w) of the feature map entering ``model``'s first built Flatten, or None."""
    for layer in _walk(model):
        if type(layer).__name__ == "Flatten" and layer.built and len(layer.input_shape) == 3:
            return tuple(layer.input_shape[:2])
    return None


def _walk(layer):
    if layer is None:
        return
    yield layer
    for child in getattr(layer, "layers", None) or []:
        yield from _walk(child)
