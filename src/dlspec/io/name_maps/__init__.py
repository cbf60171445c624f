"""Name maps: pretrained weights published for PyTorch or Keras, renamed for dlspec's zoo.

A name map is a function ``(tensors, model=None) -> tensors`` that takes a source's
state dict (as read by ``dlspec.io.read_weights``) and returns it with dlspec's names
and layouts, ready for ``load_state_dict``. Use one by name::

    model = resnet50(num_classes=1000)
    model.build((224, 224, 3))
    model.load_weights("resnet50-0676ba61.pth", name_map="torchvision_resnet50")

=========================  ===========================================================
name                       source
=========================  ===========================================================
``torchvision_resnet50``   ``torchvision.models.resnet50`` (and timm's ``resnet50``)
``keras_resnet50``         ``keras.applications.ResNet50`` (``.h5`` or exported arrays)
``torchvision_vgg16``      ``torchvision.models.vgg16``
``torchvision_vgg19``      ``torchvision.models.vgg19`` (with or without the top)
``torchvision_mobilenet_v2`` ``torchvision.models.mobilenet_v2`` (width 1.0)
=========================  ===========================================================
"""
from __future__ import annotations

from .resnet import keras_to_canonical, torchvision_to_canonical
from .targets import bn_epsilon, flatten_hw, rename_by_order, resnet50_order, vgg16_order
from .mobilenet import torchvision_mobilenet_v2_to_canonical
from .vgg import POOLED, torchvision_vgg_to_canonical


def torchvision_resnet50(tensors, model=None):
    """torchvision/timm ResNet-50 state dict -> names and layouts of
    ``dlspec.models.zoo.resnet50(variant="v1.5")`` (stride on the 3x3 convolution)."""
    model = model if model is not None else _zoo("resnet50", variant="v1.5")
    return rename_by_order(torchvision_to_canonical(tensors), model, resnet50_order(), "torchvision ResNet-50")


def keras_resnet50(tensors, model=None):
    """Keras ``ResNet50`` weights -> ``dlspec.models.zoo.resnet50(variant="keras")`` (stride on
    the first 1x1 convolution); convolution biases and Keras's epsilon are folded exactly into
    the batch norms."""
    model = model if model is not None else _zoo("resnet50", variant="keras")
    canonical = keras_to_canonical(tensors, bn_epsilon(model))
    return rename_by_order(canonical, model, resnet50_order(), "Keras ResNet-50")


def torchvision_vgg16(tensors, model=None):
    """torchvision VGG-16 state dict -> ``dlspec.models.zoo.vgg16``; the first dense layer is
    adapted to the model's feature-map size at its Flatten (7 x 7 at 224 x 224 inputs)."""
    hw = (flatten_hw(model) if model is not None else None) or POOLED
    model = model if model is not None else _zoo("vgg16")
    return rename_by_order(torchvision_vgg_to_canonical(tensors, hw), model, vgg16_order(), "torchvision VGG-16")


def torchvision_vgg19(tensors, model=None):
    """torchvision VGG-19 state dict -> ``dlspec.models.zoo.vgg19``. For a model built with
    ``include_top=False`` (style transfer) the classifier's tensors are left out, as Keras's
    "notop" files leave them out; with the top, the first dense layer is adapted as VGG-16's."""
    hw = (flatten_hw(model) if model is not None else None) or POOLED
    order = {"conv": [f"conv{j}" for j in range(1, 17)], "fc": [f"fc{j}" for j in range(1, 4)]}
    canonical = torchvision_vgg_to_canonical(tensors, hw)
    if model is None:       # the zoo's names, without building 143M weights (dlspec weights convert)
        from ...models.zoo.vgg19 import BLOCKS
        convs = [f"block{b}_conv{i}" for b, (_, n) in enumerate(BLOCKS, 1) for i in range(1, n + 1)]
        layer = dict(zip(order["conv"], convs)) | {"fc1": "fc1", "fc2": "fc2", "fc3": "predictions"}
        return {f"{layer[p]}.{'W' if leaf == 'kernel' else leaf}" if p in layer else name: v
                for name, v in canonical.items() for p, _, leaf in [name.rpartition(".")]}
    if not any(type(layer).__name__ == "Dense" for layer in getattr(model, "layers", [])):
        del order["fc"]
        canonical = {k: v for k, v in canonical.items() if not k.startswith("fc")}
    return rename_by_order(canonical, model, order, "torchvision VGG-19")


def torchvision_mobilenet_v2(tensors, model=None):
    """torchvision MobileNetV2 state dict -> ``dlspec.models.zoo.mobilenet_v2`` (pass the built
    model: its layers are matched by kind and order)."""
    if model is None:
        raise ValueError("torchvision_mobilenet_v2 renames by the model's layers: pass the model, as "
                         "model.load_weights(path, name_map='torchvision_mobilenet_v2') does.")
    canonical, order = torchvision_mobilenet_v2_to_canonical(tensors)
    return rename_by_order(canonical, model, order, "torchvision MobileNetV2")


def _zoo(name, **kwargs):
    """An unbuilt zoo model, for its layer names (no weights are created)."""
    from ...models import zoo
    return getattr(zoo, name)(**kwargs)


NAME_MAPS = {"torchvision_resnet50": torchvision_resnet50, "timm_resnet50": torchvision_resnet50,
             "keras_resnet50": keras_resnet50, "torchvision_vgg16": torchvision_vgg16,
             "torchvision_vgg19": torchvision_vgg19,
             "torchvision_mobilenet_v2": torchvision_mobilenet_v2}


def get_name_map(name):
    """The name map called ``name`` (see the table above)."""
    try:
        return NAME_MAPS[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown name map {name!r}; expected one of {sorted(NAME_MAPS)}, "
                         "a dict of source name -> model name, or a function.") from None


__all__ = ["get_name_map", "NAME_MAPS", "torchvision_resnet50", "keras_resnet50", "torchvision_vgg16",
           "torchvision_vgg19", "torchvision_mobilenet_v2"]
