"""MobileNetV2 (Sandler et al., 2018): inverted residuals of depthwise separable convolutions."""
from __future__ import annotations

from ...nn import (TORCH_BATCHNORM, Add, BatchNormalization, Conv2D, Dense, DepthwiseConv2D, Dropout,
                   GlobalAveragePooling2D, Input, ReLU6)
from ..model import Model

# (expansion t, output channels c, repeats n, stride s of the first), as in the paper's Table 2.
SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
            (6, 160, 3, 2), (6, 320, 1, 1))


def _bn_relu6(x, relu=True):
    x = BatchNormalization(**TORCH_BATCHNORM)(x)      # torchvision's weights: PyTorch's values
    return ReLU6()(x) if relu else x


def inverted_residual(x, in_channels, out_channels, stride, expansion):
    """Expand (1x1, t C_in) -> depthwise 3x3 (stride s) -> project (1x1, linear, C_out).

    The residual Add is used when the shapes match (stride 1 and C_in = C_out). The
    projection has no ReLU6: the paper's "linear bottleneck" keeps information in few channels.
    """
    shortcut = x
    hidden = in_channels * expansion
    if expansion != 1:
        x = _bn_relu6(Conv2D(hidden, 1, use_bias=False)(x))
    x = _bn_relu6(DepthwiseConv2D(3, strides=stride, padding=1, use_bias=False)(x))
    x = _bn_relu6(Conv2D(out_channels, 1, use_bias=False)(x), relu=False)
    if stride == 1 and in_channels == out_channels:
        x = Add()([x, shortcut])
    return x


def mobilenet_v2(input_shape=(224, 224, 3), num_classes=1000, dropout=0.2, seed=0, dtype=None):
    """MobileNetV2 (width 1.0), laid out as torchvision's: 3,504,872 parameters at 224x224x3,
    1000 classes. Padding is explicit (1 pixel for 3x3), so weights map one to one."""
    inputs = Input(tuple(input_shape))
    x = _bn_relu6(Conv2D(32, 3, strides=2, padding=1, use_bias=False)(inputs))
    channels = 32
    for t, c, n, s in SETTINGS:
        for i in range(n):
            x = inverted_residual(x, channels, c, s if i == 0 else 1, t)
            channels = c
    x = _bn_relu6(Conv2D(1280, 1, use_bias=False)(x))
    x = GlobalAveragePooling2D()(x)
    if dropout:
        x = Dropout(rate=dropout)(x)
    return Model(inputs, Dense(num_classes)(x), seed=seed, dtype=dtype, name="mobilenet_v2")
