"""AlexNet (Krizhevsky et al., 2012) in the course's single-tower form: about 60M parameters."""
from __future__ import annotations

from ...nn import Conv2D, Dense, Dropout, Flatten, MaxPool2D, ReLU
from ..sequential import Sequential


def alexnet(input_shape=(227, 227, 3), num_classes=1000, dropout=0.5, seed=0, dtype=None):
    """CONV 96 11x11/4 -> MAXPOOL 3/2 -> CONV 256 5x5 same -> MAXPOOL 3/2 -> CONV 384, 384, 256
    3x3 same -> MAXPOOL 3/2 -> FC 4096 -> FC 4096 -> FC num_classes (logits).

    At 227x227x3 and 1000 classes: 62,378,344 parameters. ``dropout`` (keep 1 - dropout)
    precedes the two hidden fully connected layers, as in the paper; 0 removes it.
    """
    def drop():
        return [Dropout(rate=dropout)] if dropout else []
    model = Sequential([
        Conv2D(96, 11, strides=4), ReLU(), MaxPool2D(3, strides=2),    # 227 -> 55 -> 27
        Conv2D(256, 5, padding="same"), ReLU(), MaxPool2D(3, strides=2),   # 27 -> 13
        Conv2D(384, 3, padding="same"), ReLU(),
        Conv2D(384, 3, padding="same"), ReLU(),
        Conv2D(256, 3, padding="same"), ReLU(), MaxPool2D(3, strides=2),   # 13 -> 6
        Flatten(),                                                         # 6 x 6 x 256 = 9216
        *drop(), Dense(4096), ReLU(), *drop(), Dense(4096), ReLU(), Dense(num_classes),
    ], seed=seed, dtype=dtype, name="alexnet")
    model.input_spec = tuple(input_shape)
    return model
