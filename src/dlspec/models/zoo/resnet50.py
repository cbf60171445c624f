"""ResNet-50 (He et al., 2015) from the course's identity and convolutional blocks, written
as the course writes them: functions from a tensor X to a tensor, with the functional API."""
from __future__ import annotations

from ...nn import (TORCH_BATCHNORM, Add, BatchNormalization, Conv2D, Dense, GlobalAveragePooling2D, Input, MaxPool2D,
                   ReLU, ZeroPadding2D)
from ..model import Model

STAGES = ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2))   # (F1, blocks, stride of the first)
# Running averages that settle within a few hundred steps (dlspec's defaults before Keras's),
# for the small models of quick experiments.
FEW_STEPS_BATCHNORM = {"momentum": 0.9, "epsilon": 1e-5, "moving_variance": "unbiased"}


def _conv_bn(X, filters, kernel, stride=1, padding=0, relu=True, use_bias=False, batchnorm=None):
    # padding=0 rather than "valid": a strided 1x1 convolution on an even size skips the last
    # row by design (the floor of the course's formula), which "valid" would refuse.
    X = Conv2D(filters, kernel, strides=stride, padding=padding, use_bias=use_bias)(X)
    X = BatchNormalization(axis=3, **(batchnorm or {}))(X)
    return ReLU()(X) if relu else X


def identity_block(X, f, filters, use_bias=True, batchnorm=None):
    """The course's identity block: the shortcut skips three layers and the shapes match.

    Main path: CONV 1x1 F1 -> BN -> ReLU -> CONV fxf F2 same -> BN -> ReLU -> CONV 1x1 F3 -> BN;
    then Add()([X, X_shortcut]) -> ReLU. ``X`` is a symbolic tensor; returns the block's output.
    ``use_bias``: the course's convolutions keep their biases (Keras's default); torchvision's
    drop them (batch norm's beta takes their place). ``batchnorm``: arguments of every
    BatchNormalization (None: Keras's defaults, as the course; ``TORCH_BATCHNORM`` for torchvision's).
    """
    F1, F2, F3 = filters
    X_shortcut = X
    X = _conv_bn(X, F1, 1, use_bias=use_bias, batchnorm=batchnorm)
    X = _conv_bn(X, F2, f, padding="same", use_bias=use_bias, batchnorm=batchnorm)
    X = _conv_bn(X, F3, 1, relu=False, use_bias=use_bias, batchnorm=batchnorm)
    return ReLU()(Add()([X, X_shortcut]))


def convolutional_block(X, f, filters, s=2, stride_on="1x1", use_bias=True, batchnorm=None):
    """The course's convolutional block: a 1x1 CONV + BN on the shortcut matches the new shape.

    ``stride_on="1x1"`` puts the stride s on the first 1x1 convolution (the course and the
    original paper); ``"3x3"`` puts it on the fxf convolution (torchvision's v1.5), whose
    weights can then be loaded from torchvision.
    """
    F1, F2, F3 = filters
    X_shortcut = X
    s1, s3 = (s, 1) if stride_on == "1x1" else (1, s)
    bn = {"use_bias": use_bias, "batchnorm": batchnorm}
    X = _conv_bn(X, F1, 1, stride=s1, **bn)
    # "same" = a 1-pixel border for 3x3 at stride 1; explicit 1 keeps torch's floor at stride 2.
    X = _conv_bn(X, F2, f, stride=s3, padding="same" if s3 == 1 else (f - 1) // 2, **bn)
    X = _conv_bn(X, F3, 1, relu=False, **bn)
    X_shortcut = _conv_bn(X_shortcut, F3, 1, stride=s, relu=False, **bn)
    return ReLU()(Add()([X, X_shortcut]))


def resnet50(input_shape=(224, 224, 3), num_classes=1000, variant="course", seed=0, dtype=None):
    """ResNet-50: a 7x7 stem, then stages of [3, 4, 6, 3] bottleneck blocks, then average pooling.

    Parameters
    ----------
    input_shape : (H, W, C); the course trains it at 64x64x3 on SIGNS, ImageNet uses 224x224x3.
    num_classes : outputs (logits).
    variant : "course" (the course's Keras code: convolutions with biases, stride on the blocks'
        first 1x1 convolution, stem ZeroPadding2D(3) then a valid 7x7 and a valid 3x3/2 max
        pool), "v1.5" (torchvision's resnet50: no convolution biases, stride on the 3x3, 3x3/2
        max pool padded 1) or "keras" (keras.applications.ResNet50's layout as dlspec's name
        map reads it: v1.5's stem with the course's stride on the first 1x1, no biases), so
        that published weights of each reproduce their source's outputs (``dlspec.io.name_maps``).

    Notes
    -----
    "v1.5"/"keras": 25,557,032 parameters at 224x224x3 and 1000 classes (torchvision's count).
    "course" at 64x64x3 and 6 classes: 23,600,006 as Keras counts them (``count_params(
    include_state=True)``: the biases and batch norm's moving averages included), as the course.
    """
    if variant not in ("course", "v1.5", "keras"):
        raise ValueError(f"resnet50(variant) expects 'course', 'v1.5' or 'keras'; got {variant!r}.")
    bias = variant == "course"
    # The published weights' batch norm: PyTorch's values (the "keras" name map folds Keras's
    # epsilon into the variance for them); the course's own model takes Keras's defaults.
    bn = None if variant == "course" else TORCH_BATCHNORM
    X_input = Input(tuple(input_shape))
    if variant == "course":
        X = ZeroPadding2D(3)(X_input)
        X = _conv_bn(X, 64, 7, stride=2, padding=0, use_bias=True)      # padding=0: floor, as Keras
        X = MaxPool2D(3, strides=2, padding=0)(X)
    else:
        X = _conv_bn(X_input, 64, 7, stride=2, padding=3, batchnorm=bn)
        X = MaxPool2D(3, strides=2, padding=1)(X)
    stride_on = "3x3" if variant == "v1.5" else "1x1"
    for F1, blocks, s in STAGES:
        X = convolutional_block(X, 3, (F1, F1, 4 * F1), s=s, stride_on=stride_on, use_bias=bias, batchnorm=bn)
        for _ in range(blocks - 1):
            X = identity_block(X, 3, (F1, F1, 4 * F1), use_bias=bias, batchnorm=bn)
    X = GlobalAveragePooling2D()(X)
    return Model(X_input, Dense(num_classes)(X), seed=seed, dtype=dtype, name=f"resnet50_{variant}")


def small_resnet(input_shape=(64, 64, 3), num_classes=6, width=16, seed=0, dtype=None):
    """A few-thousand-parameter ResNet for quick experiments: a stem, one convolutional block
    and one identity block per stage (two stages), global average pooling, dense logits.

    Its batch norms keep beta 0.9 (and epsilon 1e-5, the unbiased update), as c4-signs was
    measured: Keras's 0.99 lags behind the quick size's few hundred steps (test accuracy
    0.71 -> 0.62 when tried)."""
    bn = {"batchnorm": FEW_STEPS_BATCHNORM}
    X_input = Input(tuple(input_shape))
    X = _conv_bn(X_input, width, 3, stride=2, padding=1, **bn)
    X = MaxPool2D(2)(X)
    for F1 in (width, 2 * width):
        X = convolutional_block(X, 3, (F1, F1, 2 * F1), s=2 if F1 > width else 1, use_bias=False, **bn)
        X = identity_block(X, 3, (F1, F1, 2 * F1), use_bias=False, **bn)
    X = Dense(num_classes)(GlobalAveragePooling2D()(X))
    return Model(X_input, X, seed=seed, dtype=dtype, name="small_resnet")
