"""ResNet-50 (He et al., 2015) from the course's identity and convolutional blocks: 25.6M parameters."""
from __future__ import annotations

from ...nn import (Add, BatchNormalization, Conv2D, Dense, GlobalAveragePooling2D, MaxPool2D,
                   ReLU, ZeroPadding2D)
from ..graph import Graph

STAGES = ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2))   # (F1, blocks, stride of the first)


def _conv_bn(g, x, filters, kernel, stride=1, padding=0, relu=True):
    # padding=0 rather than "valid": a strided 1x1 convolution on an even size skips the last
    # row by design (the floor of the course's formula), which "valid" would refuse.
    x = g.add(Conv2D(filters, kernel, strides=stride, padding=padding, use_bias=False), x)
    x = g.add(BatchNormalization(), x)
    return g.add(ReLU(), x) if relu else x


def identity_block(g, x, f, filters):
    """The course's identity block: the shortcut skips three layers and the shapes match.

    Main path: CONV 1x1 F1 -> BN -> ReLU -> CONV fxf F2 same -> BN -> ReLU -> CONV 1x1 F3 -> BN;
    then Add(main, x) -> ReLU. ``g`` is the Graph, ``x`` the input node; returns the output node.
    """
    F1, F2, F3 = filters
    shortcut = x
    x = _conv_bn(g, x, F1, 1)
    x = _conv_bn(g, x, F2, f, padding="same")
    x = _conv_bn(g, x, F3, 1, relu=False)
    return g.add(ReLU(), g.add(Add(), [x, shortcut]))


def convolutional_block(g, x, f, filters, s=2, stride_on="1x1"):
    """The course's convolutional block: a 1x1 CONV + BN on the shortcut matches the new shape.

    ``stride_on="1x1"`` puts the stride s on the first 1x1 convolution (the course and the
    original paper); ``"3x3"`` puts it on the fxf convolution (torchvision's v1.5), whose
    weights can then be loaded from torchvision.
    """
    F1, F2, F3 = filters
    shortcut = x
    s1, s3 = (s, 1) if stride_on == "1x1" else (1, s)
    x = _conv_bn(g, x, F1, 1, stride=s1)
    # "same" = a 1-pixel border for 3x3 at stride 1; explicit 1 keeps torch's floor at stride 2.
    x = _conv_bn(g, x, F2, f, stride=s3, padding="same" if s3 == 1 else (f - 1) // 2)
    x = _conv_bn(g, x, F3, 1, relu=False)
    shortcut = _conv_bn(g, shortcut, F3, 1, stride=s, relu=False)
    return g.add(ReLU(), g.add(Add(), [x, shortcut]))


def resnet50(input_shape=(224, 224, 3), num_classes=1000, variant="course", seed=0, dtype=None):
    """ResNet-50: a 7x7 stem, then stages of [3, 4, 6, 3] bottleneck blocks, then average pooling.

    Parameters
    ----------
    input_shape : (H, W, C); the course trains it at 64x64x3 on SIGNS, ImageNet uses 224x224x3.
    num_classes : outputs (logits).
    variant : "course" (stride on the blocks' first 1x1 convolution, stem ZeroPadding2D(3) then
        a valid 7x7 and a valid 3x3/2 max pool, as in the course's Keras code) or "v1.5"
        (torchvision's torchvision.models.resnet50: stride on the 3x3, 3x3/2 max pool padded 1)
        or "keras" (keras.applications.ResNet50: v1.5's stem, whose padded max pool Keras writes
        as ZeroPadding2D(1), with the course's stride on the first 1x1), so that published
        weights of each reproduce their source's outputs (``dlspec.io.name_maps``).

    Convolutions have no bias (batch norm follows each one): 25,557,032 parameters at
    224x224x3 and 1000 classes, either variant (strides do not change parameter counts).
    """
    if variant not in ("course", "v1.5", "keras"):
        raise ValueError(f"resnet50(variant) expects 'course', 'v1.5' or 'keras'; got {variant!r}.")
    g = Graph(seed=seed, dtype=dtype, name=f"resnet50_{variant}")
    if variant == "course":
        x = g.add(ZeroPadding2D(3), "input")
        x = _conv_bn(g, x, 64, 7, stride=2, padding=0)            # padding=0: floor, as Keras
        x = g.add(MaxPool2D(3, strides=2, padding=0), x)
    else:
        x = _conv_bn(g, "input", 64, 7, stride=2, padding=3)
        x = g.add(MaxPool2D(3, strides=2, padding=1), x)
    stride_on = "3x3" if variant == "v1.5" else "1x1"
    for F1, blocks, s in STAGES:
        x = convolutional_block(g, x, 3, (F1, F1, 4 * F1), s=s, stride_on=stride_on)
        for _ in range(blocks - 1):
            x = identity_block(g, x, 3, (F1, F1, 4 * F1))
    x = g.add(GlobalAveragePooling2D(), x)
    g.add(Dense(num_classes), x)
    g.input_spec = tuple(input_shape)
    return g


def small_resnet(input_shape=(64, 64, 3), num_classes=6, width=16, seed=0, dtype=None):
    """A few-thousand-parameter ResNet for quick experiments: a stem, one convolutional block
    and one identity block per stage (two stages), global average pooling, dense logits."""
    g = Graph(seed=seed, dtype=dtype, name="small_resnet")
    x = _conv_bn(g, "input", width, 3, stride=2, padding=1)
    x = g.add(MaxPool2D(2), x)
    for F1 in (width, 2 * width):
        x = convolutional_block(g, x, 3, (F1, F1, 2 * F1), s=2 if F1 > width else 1)
        x = identity_block(g, x, 3, (F1, F1, 2 * F1))
    g.add(Dense(num_classes), g.add(GlobalAveragePooling2D(), x))
    g.input_spec = tuple(input_shape)
    return g
