"""The Inception module (Szegedy et al., 2014): parallel 1x1, 3x3, 5x5 and pooling branches."""
from __future__ import annotations

from ...nn import Concatenate, Conv2D, Dense, GlobalAveragePooling2D, MaxPool2D, ReLU
from ..graph import Graph


def _conv_relu(g, x, filters, kernel):
    return g.add(ReLU(), g.add(Conv2D(filters, kernel, padding="same"), x))


def inception_module(g, x, filters=(64, (96, 128), (16, 32), 32)):
    """Add one Inception module to Graph ``g`` reading node ``x``; return its output node.

    filters : (1x1, (3x3 reduce, 3x3), (5x5 reduce, 5x5), pool projection); the default is
    GoogLeNet's module 3a (28x28x192 in, 28x28x256 out, 163,696 parameters), the one the
    course draws. The 1x1 "bottleneck" convolutions before the 3x3 and 5x5 cut their cost.
    """
    f1, (r3, f3), (r5, f5), fp = filters
    b1 = _conv_relu(g, x, f1, 1)
    b3 = _conv_relu(g, _conv_relu(g, x, r3, 1), f3, 3)
    b5 = _conv_relu(g, _conv_relu(g, x, r5, 1), f5, 5)
    bp = _conv_relu(g, g.add(MaxPool2D(3, strides=1, padding="same"), x), fp, 1)
    return g.add(Concatenate(), [b1, b3, b5, bp])


def inception_net(input_shape=(28, 28, 192), num_classes=None, modules=1, seed=0, dtype=None):
    """``modules`` Inception modules in a row; with ``num_classes``, a pooled dense head."""
    g = Graph(seed=seed, dtype=dtype, name="inception")
    x = "input"
    for _ in range(modules):
        x = inception_module(g, x)
    if num_classes:
        g.add(Dense(num_classes), g.add(GlobalAveragePooling2D(), x))
    g.input_spec = tuple(input_shape)
    return g
