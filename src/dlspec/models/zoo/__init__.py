"""The classic convolutional networks of course 4, each with a configurable input size and
number of classes: ``zoo.get("resnet50", input_shape=(64, 64, 3), num_classes=6)``.

Built models are unbuilt until ``model.build(input_shape)`` (or the first forward); call
``model.build(model.input_spec)`` to count parameters without running anything.
"""
from .alexnet import alexnet
from .inception import inception_module, inception_net
from .lenet5 import lenet5
from .mobilenet_v2 import inverted_residual, mobilenet_v2
from .resnet50 import convolutional_block, identity_block, resnet50, small_resnet
from .vgg16 import vgg16
from .vgg19 import vgg19

ZOO = {"lenet5": lenet5, "alexnet": alexnet, "vgg16": vgg16, "vgg19": vgg19, "resnet50": resnet50,
       "inception": inception_net, "mobilenet_v2": mobilenet_v2, "small_resnet": small_resnet}


def count_parameters(model, input_shape=None):
    """Build ``model`` with all-zero weights and return its number of trainable parameters.

    Zero arrays are mapped lazily by the operating system, so counting even VGG-16's 138M
    parameters takes no time or memory; the model is left with zero weights (count only).
    """
    from ... import init
    stack = [model]
    while stack:
        layer = stack.pop()
        stack.extend(getattr(layer, "layers", []))
        if hasattr(layer, "_initializer"):
            layer._initializer = init.zeros
    model.build(input_shape or model.input_spec)
    return model.count_params()


def get(name, **kwargs):
    """A new model by name, with its builder's keyword arguments (input_shape, num_classes...)."""
    try:
        builder = ZOO[name]
    except KeyError:
        raise ValueError(f"Unknown architecture {name!r}; the zoo has {sorted(ZOO)}.") from None
    return builder(**kwargs)


__all__ = ["ZOO", "get", "count_parameters", "lenet5", "alexnet", "vgg16", "vgg19", "resnet50", "small_resnet", "identity_block",
           "convolutional_block", "inception_module", "inception_net", "mobilenet_v2",
           "inverted_residual"]
