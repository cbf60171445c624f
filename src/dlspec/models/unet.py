"""The course's U-Net (course 4, week 3, "Image segmentation with U-Net"), in its own words.

``conv_block`` is the contracting step (two 3x3 ReLU convolutions, optional dropout, a 2x2 max
pool), ``upsampling_block`` the expanding step (a 3x3 stride-2 transposed convolution, the skip
connection concatenated, two 3x3 ReLU convolutions), and ``unet_model`` chains four of each
around a bottleneck and ends with a 1x1 convolution giving one logit per class per pixel.
On 96x128x3 inputs, 32 filters and 23 classes it has the course's 8,640,471 parameters.
"""
from __future__ import annotations

from ..nn import Concatenate, Conv2D, Conv2DTranspose, Dropout, MaxPool2D, ReLU
from ..nn.node import Input
from .model import Model


def _conv_relu(n_filters, X):
    # Keras's Conv2D(n, 3, activation="relu", padding="same", kernel_initializer="he_normal")
    return ReLU()(Conv2D(n_filters, 3, padding="same", init="he")(X))


def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
    """One contracting step: (next_layer, skip_connection).

    Parameters
    ----------
    inputs : symbolic tensor (N, H, W, C)
    n_filters : filters of both 3x3 convolutions
    dropout_prob : the course's dropout rate (the share of units dropped, ``Dropout(rate)``)
    max_pooling : halve H and W with a 2x2 max pool for the next block

    Returns
    -------
    next_layer : (N, H/2, W/2, n_filters) (or (N, H, W, n_filters) without pooling)
    skip_connection : (N, H, W, n_filters), for the matching ``upsampling_block``
    """
    conv = _conv_relu(n_filters, _conv_relu(n_filters, inputs))
    if dropout_prob > 0:
        conv = Dropout(rate=dropout_prob)(conv)
    next_layer = MaxPool2D(2)(conv) if max_pooling else conv
    return next_layer, conv


def upsampling_block(expansive_input, contractive_input, n_filters=32):
    """One expanding step: upsample x2, concatenate the skip connection, two 3x3 convolutions.

    expansive_input (N, H/2, W/2, C) and contractive_input (N, H, W, C') give (N, H, W, n_filters).
    """
    up = Conv2DTranspose(n_filters, 3, strides=2, padding="same")(expansive_input)
    merge = Concatenate(axis=3)([up, contractive_input])
    return _conv_relu(n_filters, _conv_relu(n_filters, merge))


def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=23, seed=0):
    """The course's U-Net: logits (N, H, W, n_classes) for images (N, H, W, C).

    H and W must be multiples of 16 (four 2x2 poolings). Train it with
    ``"sparse_softmax_crossentropy"`` on masks of class ids (N, H, W).

    Examples
    --------
    >>> unet_model((96, 128, 3), n_filters=32, n_classes=23).count_params()
    8640471
    """
    H, W = input_size[:2]
    if H % 16 or W % 16:
        raise ValueError(f"unet_model: the height and width must be multiples of 16 (four 2x2 "
                         f"poolings, then four x2 upsamplings); got input_size={tuple(input_size)}. "
                         "Crop or resize the images, for example to (96, 128).")
    inputs = Input(input_size)
    cblock1 = conv_block(inputs, n_filters)
    cblock2 = conv_block(cblock1[0], n_filters * 2)
    cblock3 = conv_block(cblock2[0], n_filters * 4)
    cblock4 = conv_block(cblock3[0], n_filters * 8, dropout_prob=0.3)
    cblock5 = conv_block(cblock4[0], n_filters * 16, dropout_prob=0.3, max_pooling=False)
    ublock6 = upsampling_block(cblock5[0], cblock4[1], n_filters * 8)
    ublock7 = upsampling_block(ublock6, cblock3[1], n_filters * 4)
    ublock8 = upsampling_block(ublock7, cblock2[1], n_filters * 2)
    ublock9 = upsampling_block(ublock8, cblock1[1], n_filters)
    conv9 = _conv_relu(n_filters, ublock9)
    conv10 = Conv2D(n_classes, 1, padding="same")(conv9)
    return Model(inputs=inputs, outputs=conv10, seed=seed)
