"""Course 4, week 1's two Keras models, under their course names: ``happyModel`` (the
Sequential API) and ``convolutional_model`` (the functional API).

The course's assignment "Convolutional Neural Networks: Application" builds both with
Keras; these build the same layers in dlspec, so that ``summary()`` prints the course's
layer tables and parameter counts (happyModel: 37,633 as Keras counts it, the batch norm's
moving mean and variance included; convolutional_model: 1,310).
"""
from __future__ import annotations

from ..nn import BatchNormalization, Conv2D, Dense, Flatten, Input, MaxPool2D, ReLU, ZeroPadding2D
from .model import Model
from .sequential import Sequential


def happyModel(input_shape=(64, 64, 3), seed=0):
    """ZEROPAD2D 3 -> CONV2D 32 7x7 -> BATCHNORM -> RELU -> MAXPOOL 2x2 -> FLATTEN -> DENSE 1
    sigmoid: smiling (1) or not (0) from a (64, 64, 3) face. Built for ``input_shape``."""
    model = Sequential([ZeroPadding2D(3), Conv2D(32, 7), BatchNormalization(), ReLU(),
                        MaxPool2D(2), Flatten(), Dense(1, activation="sigmoid")],
                       seed=seed, name="happyModel")
    model.build(tuple(input_shape))
    return model


def convolutional_model(input_shape=(64, 64, 3), seed=0):
    """The SIGNS classifier as calls on tensors: CONV2D 8 4x4 same -> RELU -> MAXPOOL 8x8/8
    same -> CONV2D 16 2x2 same -> RELU -> MAXPOOL 4x4/4 same -> FLATTEN -> DENSE 6 softmax."""
    input_img = Input(tuple(input_shape))
    Z1 = Conv2D(8, 4, padding="same")(input_img)
    A1 = ReLU()(Z1)
    P1 = MaxPool2D(8, strides=8, padding="same")(A1)
    Z2 = Conv2D(16, 2, padding="same")(P1)
    A2 = ReLU()(Z2)
    P2 = MaxPool2D(4, strides=4, padding="same")(A2)
    F = Flatten()(P2)
    outputs = Dense(6, activation="softmax")(F)
    return Model(input_img, outputs, seed=seed, name="convolutional_model")
