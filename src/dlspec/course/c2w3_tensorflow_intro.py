"""Course 2, week 3, "Introduction to TensorFlow": the NumPy-computable graded functions.

The course writes these with TensorFlow; here they return NumPy arrays computed by dlspec's
kernels, with the course's arguments, shapes and dtypes (float64 for ``linear_function``,
float32 for ``sigmoid`` and ``one_hot_matrix``, as TensorFlow gives them). The course's
``initialize_parameters`` (Glorot draws from TensorFlow's generator), ``forward_propagation``
on its SIGNS data and ``model`` depend on TensorFlow's randomness and data files: not here.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C2 .../Week 3/
Tensorflow_introduction.ipynb".
"""
from __future__ import annotations

import numpy as np

from ..functional.activations import sigmoid_forward
from ..functional.losses import binary_cross_entropy_with_logits_forward
from ._columns import linear


def linear_function():
    """Y = W X + b with np.random.seed(1); X = randn(3, 1), W = randn(4, 3), b = randn(4, 1)
    (the course's draws, in its order); kernel ``dense_forward`` (through ``_columns.linear``)."""
    np.random.seed(1)
    X = np.random.randn(3, 1)
    W = np.random.randn(4, 3)
    b = np.random.randn(4, 1)
    return linear(X, W, b)


def sigmoid(z):
    """sigmoid(z) as float32, as ``tf.keras.activations.sigmoid`` of a float32 cast; kernel
    ``sigmoid_forward``, run in float64 and rounded once to float32 (TensorFlow's float32
    result is the correctly rounded one: 0.26894143 for z = -1, where a float32 exp gives
    0.2689414)."""
    z = np.asarray(z, dtype=np.float32)
    a, _ = sigmoid_forward(z.astype(np.float64).reshape(-1))   # the kernel works in place: an array
    return a.astype(np.float32).reshape(z.shape)[()]


def one_hot_matrix(label, depth=6):
    """The one-hot column (depth, 1) of an integer ``label`` (the pinned notebook's shape)."""
    label = int(label)
    if not 0 <= label < depth:
        raise ValueError(f"one_hot_matrix: label must be in 0..{depth - 1} for depth={depth}; got {label}.")
    return np.eye(depth, dtype=np.float32)[:, [label]]                  # (depth, 1)


def compute_cost(logits, labels):
    """Mean binary cross-entropy of sigmoid(logits) against labels, over every entry, as the
    pinned notebook's ``tf.reduce_mean(binary_crossentropy(labels, logits, from_logits=True))``;
    kernel ``binary_cross_entropy_with_logits_forward`` (each entry one row)."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.float64)
    if logits.shape != labels.shape:
        raise ValueError(f"compute_cost: logits {logits.shape} and labels {labels.shape} must have one shape.")
    cost, _ = binary_cross_entropy_with_logits_forward(logits.reshape(-1, 1), labels.reshape(-1, 1))
    return cost
