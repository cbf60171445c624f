"""Course 1, week 2, "Python Basics with NumPy": the graded functions under their names.

Each takes the course's arguments and returns what the course's function returns. Where
dlspec has a kernel for the maths (sigmoid, its derivative, softmax), the function calls it;
``image2vector``, ``normalizeRows``, ``L1`` and ``L2`` are one NumPy line each and have no
kernel to share.
"""
from __future__ import annotations

import math

import numpy as np

from ..functional.activations import sigmoid_backward, sigmoid_forward, softmax_forward
from ._checks import as_float64


def basic_sigmoid(x):
    """sigmoid of a scalar with ``math.exp``, as the course writes it first (a list fails).

    >>> round(basic_sigmoid(3), 12)
    0.952574126822
    """
    if isinstance(x, (list, tuple, np.ndarray)):
        raise TypeError("basic_sigmoid(x) takes a scalar (it uses math.exp); for arrays use "
                        "sigmoid(x), the course's next step.")
    return 1 / (1 + math.exp(-x))


def sigmoid(x):
    """s = 1 / (1 + exp(-x)) elementwise, any shape; kernel: ``functional.activations.sigmoid_forward``.

    >>> sigmoid(np.array([1, 2, 3])).round(8).tolist()
    [0.73105858, 0.88079708, 0.95257413]
    """
    x = as_float64(x, "x", "sigmoid")
    s, _ = sigmoid_forward(x.reshape(-1))     # the kernel works in place: give it an array
    return s.reshape(x.shape)[()]             # a scalar in, a NumPy scalar out (the course's sigmoid(1))


def sigmoid_derivative(x):
    """ds = s (1 - s) with s = sigmoid(x); kernels: ``sigmoid_forward`` then ``sigmoid_backward``
    with an upstream gradient of ones (the backward pass *is* the derivative times dA)."""
    s = sigmoid(x)
    return sigmoid_backward(np.ones_like(s), s)


def image2vector(image):
    """(length, height, depth) -> (length * height * depth, 1), row-major as the course reads it."""
    image = as_float64(image, "image", "image2vector")
    if image.ndim != 3:
        raise ValueError(f"image2vector(image) expects shape (length, height, depth); got {image.shape}.")
    return image.reshape(-1, 1)          # (l, h, d) -> (l h d, 1)


def normalizeRows(x):
    """Each row of x (n, m) divided by its Euclidean norm (unit rows)."""
    x = as_float64(x, "x", "normalizeRows")
    if x.ndim != 2:
        raise ValueError(f"normalizeRows(x) expects a matrix (n, m); got shape {x.shape}.")
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def softmax(x):
    """Row-wise softmax of x (m, n), as course 1 week 2 writes it (each row sums to 1).

    Kernel: ``functional.activations.softmax_forward(x, axis=1)`` (which subtracts the row
    maximum first; the values agree with the course's plain exp / sum to rounding).
    """
    x = as_float64(x, "x", "softmax")
    if x.ndim != 2:
        raise ValueError(f"softmax(x) expects a matrix (m, n), one row per example; got shape "
                         f"{x.shape}. For a single row pass x.reshape(1, -1).")
    s, _ = softmax_forward(x, axis=1)
    return s


def _pair(yhat, y, fn):
    yhat, y = as_float64(yhat, "yhat", fn), as_float64(y, "y", fn)
    if yhat.shape != y.shape:
        raise ValueError(f"{fn}(yhat, y): both must have the same shape (m,); got {yhat.shape} "
                         f"and {y.shape}.")
    return yhat, y


def L1(yhat, y):
    """L1 loss: sum |y - yhat| (a float)."""
    yhat, y = _pair(yhat, y, "L1")
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """L2 loss: sum (y - yhat)^2 (a float)."""
    yhat, y = _pair(yhat, y, "L2")
    d = (y - yhat).ravel()
    return float(np.dot(d, d))
