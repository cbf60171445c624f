"""LeNet-5 (LeCun et al., 1998), as drawn in course 4 week 2: about 60k parameters."""
from __future__ import annotations

from ...nn import AvgPool2D, Conv2D, Dense, Flatten, MaxPool2D, activations
from ..sequential import Sequential


def lenet5(input_shape=(32, 32, 1), num_classes=10, activation="tanh", pooling="avg",
           seed=0, dtype=None):
    """CONV(6, 5x5) -> POOL -> CONV(16, 5x5) -> POOL -> FC 120 -> FC 84 -> FC num_classes.

    Parameters
    ----------
    input_shape : (H, W, C), 32x32x1 in the paper.
    num_classes : outputs (logits; train with "softmax_crossentropy").
    activation : "tanh" (the paper's era) or "relu" (the modern choice).
    pooling : "avg" (the paper) or "max".

    At 32x32x1 and 10 classes: 61,706 parameters (the course's "about 60k").
    """
    Pool = AvgPool2D if pooling == "avg" else MaxPool2D
    act = lambda: activations.get(activation)     # noqa: E731  a new layer each time
    model = Sequential([
        Conv2D(6, 5), act(), Pool(2),              # 32x32x1 -> 28x28x6 -> 14x14x6
        Conv2D(16, 5), act(), Pool(2),             # -> 10x10x16 -> 5x5x16
        Flatten(),                                 # -> 400
        Dense(120), act(), Dense(84), act(), Dense(num_classes),
    ], seed=seed, dtype=dtype, name="lenet5")
    model.input_spec = tuple(input_shape)
    return model
