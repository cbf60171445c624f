"""Course 1, week 2, "Logistic Regression with a Neural Network mindset", in the course's layout.

X is (n_x, m) with examples in columns, Y is (1, m), w is (n_x, 1) and b a float, as in the
notebook. The maths is dlspec's own: ``dense_forward``/``dense_backward`` (X.T is the
batch-first (m, n_x) that the kernel reads; w (n_x, 1) is already its (D_in, D_out)),
``sigmoid_forward`` and the binary cross-entropy kernels.
"""
from __future__ import annotations

import numpy as np

from ..functional.activations import sigmoid_forward
from ..functional.dense import dense_backward, dense_forward
from ..functional.losses import (binary_cross_entropy_forward,
                                 binary_cross_entropy_with_logits_backward)
from . import _checks
from .c1w2_numpy_basics import sigmoid

__all__ = ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"]


def initialize_with_zeros(dim):
    """w = zeros (dim, 1) and b = 0.0 (a Python float, as the course's test requires)."""
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or dim < 1:
        raise ValueError(f"initialize_with_zeros(dim) expects a positive int (n_x); got {dim!r}.")
    return np.zeros((int(dim), 1)), 0.0


def _wb(w, b, fn):
    w = _checks.as_float64(w, "w", fn)
    if w.ndim != 2 or w.shape[1] != 1:
        raise ValueError(f"{fn}: w must be a column of shape (n_x, 1); got {w.shape}. "
                         "Pass w.reshape(-1, 1).")
    if np.ndim(b) != 0:
        raise ValueError(f"{fn}: b must be a scalar (the course's float); got shape {np.shape(b)}.")
    return w, float(b)


def _forward(w, b, X):
    """A (m, 1) = sigmoid(X.T w + b) and the dense cache; X (n_x, m) -> X.T (m, n_x) for the kernel."""
    Z, cache = dense_forward(X.T, w, b)
    A, _ = sigmoid_forward(Z)
    return Z, A, cache


def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression for one pass over the data.

    Parameters
    ----------
    w : array (n_x, 1); b : float; X : array (n_x, m); Y : array (1, m) of 0/1

    Returns
    -------
    grads : {"dw": array (n_x, 1), "db": float}; cost : float64

    Notes
    -----
    A = sigmoid(w^T X + b), J = -1/m sum(Y log A + (1 - Y) log(1 - A)),
    dw = X (A - Y)^T / m, db = sum(A - Y) / m. Kernels: ``dense_forward``,
    ``sigmoid_forward``, ``binary_cross_entropy_forward``,
    ``binary_cross_entropy_with_logits_backward`` (dZ = (A - Y) / m) and ``dense_backward``.

    Examples
    --------
    >>> grads, cost = propagate(np.array([[1.], [2.]]), 2., np.array([[1., 2., -1.], [3., 4., -3.2]]),
    ...                         np.array([[1, 0, 1]]))
    >>> round(float(cost), 12)
    5.801545319395
    """
    w, b = _wb(w, b, "propagate")
    X = _checks.columns(X, w.shape[0], "X", "propagate")
    Y = _checks.labels(Y, X.shape[1], "propagate")
    Z, A, cache = _forward(w, b, X)
    cost, _ = binary_cross_entropy_forward(A, Y.T)
    dZ = binary_cross_entropy_with_logits_backward((Z, Y.T))        # (m, 1) = (A - Y) / m
    _, dw, db = dense_backward(dZ, cache, need_dA_prev=False)
    return {"dw": dw, "db": float(db[0])}, np.float64(cost)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on (w, b): returns params {"w", "b"}, the last grads, costs every 100 steps.

    w = w - learning_rate dw, b = b - learning_rate db, ``num_iterations`` times; ``costs``
    holds the cost at iterations 0, 100, 200, ... (before that iteration's update), as the
    course records it. The arguments are not modified.
    """
    w, b = _wb(w, b, "optimize")
    w = w.copy()
    costs = []
    grads = None
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Y_prediction (1, m): 1.0 where sigmoid(w^T X + b) > 0.5, else 0.0."""
    w, b = _wb(w, b, "predict")
    X = _checks.columns(X, w.shape[0], "X", "predict")
    _, A, _ = _forward(w, b, X)
    return (A.T > 0.5).astype(np.float64)                 # (m, 1) -> the course's row (1, m)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """The whole logistic regression: zeros, ``optimize``, ``predict`` on both sets.

    Returns the course's dict: costs, Y_prediction_test, Y_prediction_train, w, b,
    learning_rate, num_iterations. With ``print_cost`` it also prints the accuracies as
    the course does (100 - mean |prediction - Y| x 100).
    """
    X_train = _checks.columns(X_train, None, "X_train", "model")
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        for name, pred, Y in (("train", Y_prediction_train, Y_train), ("test", Y_prediction_test, Y_test)):
            print(f"{name} accuracy: {100 - np.mean(np.abs(pred - Y)) * 100} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
