"""Course 4, week 1, "Convolution model: Application": ``happyModel`` and ``convolutional_model``.

The course's Keras models, built with dlspec's functional API (``Input``, layers called on
tensors, ``Model``); the layers are dlspec's, so the maths is the conv, batch-norm, pooling
and dense kernels. Parameter counts as the course's ``summary()``: 37,633 and 1,310.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C4 .../Week 1/
Convolution_model_Application_2024.ipynb". The course's weights come from TensorFlow's
initializers, so its trained accuracies are not replayed (see the inventory).
"""
from __future__ import annotations

from ..models.model import Model
from ..nn import BatchNormalization, Conv2D, Dense, Flatten, Input, MaxPool2D, ReLU, ZeroPadding2D


def happyModel(input_shape=(64, 64, 3), seed=0):
    """ZEROPAD2D(3) -> CONV2D 32 7x7 -> BATCHNORM -> RELU -> MAXPOOL -> FLATTEN -> DENSE(1, sigmoid).

    ``seed`` is dlspec's (the course's Keras draws its own weights); the output is the
    probability of "happy", as the course's sigmoid unit.
    """
    X_input = Input(tuple(input_shape))
    X = ZeroPadding2D(3)(X_input)
    X = Conv2D(32, 7, strides=1)(X)
    X = BatchNormalization()(X)
    X = ReLU()(X)
    X = MaxPool2D(2)(X)
    X = Flatten()(X)
    out = Dense(1, activation="sigmoid")(X)
    return Model(X_input, out, seed=seed, dtype="float64", name="happyModel")


def convolutional_model(input_shape=(64, 64, 3), seed=0):
    """CONV2D 8 4x4 same -> RELU -> MAXPOOL 8x8/8 same -> CONV2D 16 2x2 same -> RELU ->
    MAXPOOL 4x4/4 same -> FLATTEN -> DENSE(6, softmax), the course's SIGNS classifier."""
    X_input = Input(tuple(input_shape))
    X = ReLU()(Conv2D(8, 4, strides=1, padding="same")(X_input))
    X = MaxPool2D(8, strides=8, padding="same")(X)
    X = ReLU()(Conv2D(16, 2, strides=1, padding="same")(X))
    X = MaxPool2D(4, strides=4, padding="same")(X)
    X = Flatten()(X)
    out = Dense(6, activation="softmax")(X)
    return Model(X_input, out, seed=seed, dtype="float64", name="convolutional_model")
