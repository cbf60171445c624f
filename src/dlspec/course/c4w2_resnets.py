"""Course 4, week 2, "Residual Networks": ``identity_block``, ``convolutional_block``, ``ResNet50``.

The blocks are ``dlspec.models.zoo.resnet50``'s (written as the course writes them, functions
from a symbolic tensor to a tensor), re-exported under the course's signatures: the course's
``training`` and ``initializer`` arguments are accepted for its call sites (dlspec's batch
norm follows ``model.forward(training=...)``; the weights come from the model's seed).
``ResNet50(input_shape=(64, 64, 3), classes=6)`` ends in a softmax as the course's does:
23,600,006 parameters as Keras counts them.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C4 .../Week 2/
ResNets/Residual_Networks.ipynb" and public_tests.py (its printed values come from
TensorFlow's initializers and cannot be replayed; see the inventory's reasons).
"""
from __future__ import annotations

from ..models.model import Model
from ..models.zoo.resnet50 import convolutional_block as _convolutional_block
from ..models.zoo.resnet50 import identity_block as _identity_block, resnet50 as _resnet50
from ..nn import Input, Softmax


def identity_block(X, f, filters, training=True, initializer=None):
    """The course's identity block on a symbolic tensor ``X`` (``zoo.resnet50.identity_block``)."""
    return _identity_block(X, f, filters)


def convolutional_block(X, f, filters, s=2, training=True, initializer=None):
    """The course's convolutional block, stride ``s`` on the first 1x1 (``zoo.resnet50.convolutional_block``)."""
    return _convolutional_block(X, f, filters, s=s)


def ResNet50(input_shape=(64, 64, 3), classes=6, seed=0):
    """The course's ResNet-50 (``zoo.resnet50.resnet50(variant="course")``) with its softmax output."""
    body = _resnet50(tuple(input_shape), num_classes=classes, variant="course", seed=seed, dtype="float64")
    X_input = Input(tuple(input_shape))
    return Model(X_input, Softmax()(body(X_input)), seed=seed, dtype="float64", name="ResNet50")
