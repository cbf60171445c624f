"""The Inception module (Szegedy et al., 2014): parallel 1x1, 3x3, 5x5 and pooling branches."""
from __future__ import annotations

from ...nn import Concatenate, Conv2D, Dense, GlobalAveragePooling2D, Input, MaxPool2D, ReLU
from ..model import Model


def _conv_relu(X, filters, kernel):
    return ReLU()(Conv2D(filters, kernel, padding="same")(X))


def inception_module(X, filters=(64, (96, 128), (16, 32), 32)):
    """One Inception module on the symbolic tensor ``X``; returns its output tensor.

    filters : (1x1, (3x3 reduce, 3x3), (5x5 reduce, 5x5), pool projection); the default is
    GoogLeNet's module 3a (28x28x192 in, 28x28x256 out, 163,696 parameters), the one the
    course draws. The 1x1 "bottleneck" convolutions before the 3x3 and 5x5 cut their cost.
    """
    f1, (r3, f3), (r5, f5), fp = filters
    b1 = _conv_relu(X, f1, 1)
    b3 = _conv_relu(_conv_relu(X, r3, 1), f3, 3)
    b5 = _conv_relu(_conv_relu(X, r5, 1), f5, 5)
    bp = _conv_relu(MaxPool2D(3, strides=1, padding="same")(X), fp, 1)
    return Concatenate()([b1, b3, b5, bp])


def inception_net(input_shape=(28, 28, 192), num_classes=None, modules=1, seed=0, dtype=None,
                  filters=(64, (96, 128), (16, 32), 32)):
    """``modules`` Inception modules in a row; with ``num_classes``, a pooled dense head."""
    X_input = Input(tuple(input_shape))
    X = X_input
    for _ in range(modules):
        X = inception_module(X, filters)
    if num_classes:
        X = Dense(num_classes)(GlobalAveragePooling2D()(X))
    return Model(X_input, X, seed=seed, dtype=dtype, name="inception")
