"""VGG-16 (Simonyan and Zisserman, 2014): 3x3 convolutions and 2x2 pools, about 138M parameters."""
from __future__ import annotations

from ...nn import Conv2D, Dense, Dropout, Flatten, MaxPool2D, ReLU
from ..sequential import Sequential

BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))   # (filters, convolutions) per block


def vgg16(input_shape=(224, 224, 3), num_classes=1000, dropout=0.5, seed=0, dtype=None):
    """Five blocks of same-padded 3x3 convolutions, each halved by MAXPOOL 2/2, then
    FC 4096 -> FC 4096 -> FC num_classes (logits). 138,357,544 parameters at 224x224x3, 1000 classes.
    """
    layers = []
    for filters, n in BLOCKS:
        for _ in range(n):
            layers += [Conv2D(filters, 3, padding="same"), ReLU()]
        layers.append(MaxPool2D(2))                       # 224 -> 112 -> 56 -> 28 -> 14 -> 7
    drop = [Dropout(rate=dropout)] if dropout else []
    layers += [Flatten(), Dense(4096), ReLU(), *drop, Dense(4096), ReLU(),
               *([Dropout(rate=dropout)] if dropout else []), Dense(num_classes)]
    model = Sequential(layers, seed=seed, dtype=dtype, name="vgg16")
    model.input_spec = tuple(input_shape)
    return model
