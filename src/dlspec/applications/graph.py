"""Reading inside a functional model: a named layer's output, a base without its head."""
from __future__ import annotations


def layer_names(model):
    """The names of the layers ``model`` calls, in call order."""
    return [node.layer.name for node in model._nodes if node.layer is not None]


def layer_output(model, name):
    """The symbolic output of ``model``'s call of the layer ``name`` (Keras's
    ``model.get_layer(name).output``), to build a model on ``model.inputs`` that returns it.

    Raises a ValueError that lists the layers when ``name`` is not one of them.
    """
    for node in model._nodes:
        if node.layer is not None and node.layer.name == name:
            return node.outputs[0]
    names = layer_names(model)
    raise ValueError(f"{model.name!r} has no layer named {name!r}; its layers are "
                     f"{', '.join(names[:60])}{' ...' if len(names) > 60 else ''}.")


def headless(model, head="GlobalAveragePooling2D"):
    """``model`` up to (not including) its last ``head`` call: the feature extractor of a
    classifier, sharing its layers and weights (Keras's ``include_top=False``)."""
    from ..models.model import Model
    nodes = [n for n in model._nodes if type(n.layer).__name__ == head]
    if not nodes:
        raise ValueError(f"{model.name!r} has no {head} layer to cut at; pass a model that ends in "
                         f"{head} -> ... -> Dense (the zoo's small_resnet, mobilenet_v2).")
    return Model(model.inputs, nodes[-1].inputs[0], name=f"{model.name}_base")
