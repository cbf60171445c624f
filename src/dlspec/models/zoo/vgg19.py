"""VGG-19 (Simonyan and Zisserman, 2014): the network the course's style transfer reads.

Written with the functional API and Keras's layer names (``block1_conv1`` ... ``block5_conv4``,
``block5_pool``, ``fc1``, ``fc2``, ``predictions``), so the course's
``vgg.get_layer('block5_conv4').output`` is ``layer_output(vgg, 'block5_conv4')``
(``dlspec.applications.style``).
"""
from __future__ import annotations

from ...nn import AvgPool2D, Conv2D, Dense, Dropout, Flatten, Input, MaxPool2D, ReLU
from ..model import Model

BLOCKS = ((64, 2), (128, 2), (256, 4), (512, 4), (512, 4))   # (filters, convolutions) per block


def vgg19(input_shape=(224, 224, 3), num_classes=1000, include_top=True, width=1.0,
          pooling="max", hidden=4096, dropout=0.5, seed=0, dtype=None):
    """VGG-19: five blocks of same-padded 3x3 convolutions + ReLU, each halved by a 2x2 pool,
    then (``include_top``) FLATTEN -> FC 4096 -> FC 4096 -> FC num_classes (logits).

    Parameters
    ----------
    input_shape : (H, W, C). With ``include_top`` the Flatten fixes it; without, any H, W >= 32.
    num_classes : int, the logits of the top.
    include_top : bool, False keeps the 16 convolutions only (as the course loads it for
        style transfer: ``include_top=False``).
    width : float, multiplies every layer's filters (1.0: the paper's 64 ... 512; 0.25 gives a
        16x cheaper network for quick experiments; a torchvision file needs 1.0).
    pooling : "max" (the paper, the course) or "avg" (Gatys et al. suggest it for style).
    hidden : units of the top's two hidden dense layers (4096; fewer for small tests).
    dropout : drop rate of the top's two hidden layers (0: no Dropout layers).

    Returns
    -------
    Model with 143,667,240 parameters at 224x224x3 and 1000 classes (torchvision's count);
    20,024,384 without the top (Keras's ``VGG19(include_top=False)``).
    """
    if pooling not in ("max", "avg"):
        raise ValueError(f"vgg19(pooling) is 'max' or 'avg'; got {pooling!r}.")
    if not width > 0:
        raise ValueError(f"vgg19(width) multiplies the filters and must be > 0; got {width!r}.")
    Pool = MaxPool2D if pooling == "max" else AvgPool2D
    inputs = Input(tuple(input_shape))
    x = inputs
    for b, (filters, n) in enumerate(BLOCKS, 1):
        for i in range(1, n + 1):
            x = Conv2D(max(1, round(filters * width)), 3, padding="same", name=f"block{b}_conv{i}")(x)
            x = ReLU(name=f"block{b}_relu{i}")(x)
        x = Pool(2, padding=0, name=f"block{b}_pool")(x)   # floor, as Keras: 224 -> 112 -> ... -> 7
    if include_top:
        x = Flatten(name="flatten")(x)
        for j in (1, 2):
            x = ReLU(name=f"fc{j}_relu")(Dense(hidden, name=f"fc{j}")(x))
            if dropout:
                x = Dropout(rate=dropout, name=f"fc{j}_dropout")(x)
        x = Dense(num_classes, name="predictions")(x)
    return Model(inputs, x, seed=seed, dtype=dtype, name="vgg19")
