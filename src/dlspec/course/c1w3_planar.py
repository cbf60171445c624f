"""Course 1, week 3, "Planar data classification with one hidden layer", in the course's layout.

X (n_x, m), Y (1, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1); the cache is
the course's dict {"Z1", "A1", "Z2", "A2"}. Kernels: ``dense_forward``/``dense_backward``
(through ``_columns``), ``tanh_forward``/``tanh_backward``, ``sigmoid_forward``, the binary
cross-entropy forward and backward, ``sigmoid_backward`` and ``optim.GradientDescent``.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4,
"C1 .../Week 3/.../Planar_data_classification_with_onehidden_layer_v6c.ipynb" and its
testCases_v2.py and planar_utils.py. As there, ``initialize_parameters`` seeds
``np.random.seed(2)`` and ``nn_model`` seeds ``np.random.seed(3)`` (global NumPy state).
"""
from __future__ import annotations

import numpy as np

from ..functional.activations import sigmoid_backward, tanh_backward
from ..functional.losses import binary_cross_entropy_backward, binary_cross_entropy_forward
from ..optim import GradientDescent
from . import _checks
from ._columns import activation, linear, linear_grads


def load_planar_dataset():
    """The course's flower: ``np.random.seed(1)``, 400 points; X (2, 400), Y (1, 400) uint8."""
    np.random.seed(1)
    m, a = 400, 4
    N = m // 2
    X, Y = np.zeros((m, 2)), np.zeros((m, 1), dtype="uint8")
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2   # angle
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2                           # radius
        X[N * j:N * (j + 1)] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[N * j:N * (j + 1)] = j
    return X.T, Y.T                                    # (m, 2) -> the course's (2, m)


def layer_sizes(X, Y):
    """(n_x, n_h, n_y) = (X rows, 4, Y rows)."""
    return np.shape(X)[0], 4, np.shape(Y)[0]


def initialize_parameters(n_x, n_h, n_y):
    """W1 = randn(n_h, n_x) x 0.01, W2 = randn(n_y, n_h) x 0.01, zero biases; seeds np.random.seed(2)."""
    np.random.seed(2)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def _params(parameters, fn):
    W1 = _checks.entries(parameters, {"W1": None, "W2": None}, fn)
    n_h, n_x = W1["W1"].shape
    n_y = W1["W2"].shape[0]
    return _checks.entries(parameters, {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h),
                                        "b2": (n_y, 1)}, fn)


def forward_propagation(X, parameters):
    """A2 (1, m) and the cache {"Z1", "A1", "Z2", "A2"}: Z1 = W1 X + b1, A1 = tanh(Z1),
    Z2 = W2 A1 + b2, A2 = sigmoid(Z2)."""
    p = _params(parameters, "forward_propagation")
    X = _checks.columns(X, p["W1"].shape[1], "X", "forward_propagation")
    Z1 = linear(X, p["W1"], p["b1"])
    A1 = activation(Z1, "tanh")
    Z2 = linear(A1, p["W2"], p["b2"])
    A2 = activation(Z2, "sigmoid")
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y, parameters=None):
    """Cross-entropy -1/m sum(Y log A2 + (1 - Y) log(1 - A2)) as a float.

    ``parameters`` is accepted (and unused) for the older notebook's signature
    ``compute_cost(A2, Y, parameters)``; the 2021 one is ``compute_cost(A2, Y)``.
    Kernel: ``binary_cross_entropy_forward`` (examples as rows: A2.T, Y.T).
    """
    A2 = _checks.as_float64(A2, "A2", "compute_cost")
    Y = _checks.labels(Y, A2.shape[-1], "compute_cost")
    cost, _ = binary_cross_entropy_forward(A2.T, Y.T)
    return float(cost)


def backward_propagation(parameters, cache, X, Y):
    """grads {"dW1", "db1", "dW2", "db2"}: dZ2 = A2 - Y, dZ1 = W2^T dZ2 (1 - A1^2).

    dZ2 is the cross-entropy's backward chained with the sigmoid's (``binary_cross_entropy_backward``
    then ``sigmoid_backward``, which give (A2 - Y) / m), and dZ1 is ``tanh_backward``.
    """
    p = _params(parameters, "backward_propagation")
    c = _checks.entries(cache, {"A1": None, "A2": None}, "backward_propagation", "cache")
    X = _checks.columns(X, p["W1"].shape[1], "X", "backward_propagation")
    m = X.shape[1]
    Y = _checks.labels(Y, m, "backward_propagation")
    A1, A2 = c["A1"], c["A2"]
    dA2 = binary_cross_entropy_backward((A2.T, Y.T)) * m        # (m, 1): the course's dA, no 1/m
    dZ2 = sigmoid_backward(dA2, A2.T).T                          # (1, m) = A2 - Y
    dA1, dW2, db2 = linear_grads(dZ2, A1, p["W2"])
    dZ1 = tanh_backward(dA1, A1)
    _, dW1, db1 = linear_grads(dZ1, X, p["W1"])
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step, W = W - learning_rate dW, by ``optim.GradientDescent``; a new dict."""
    keys = [k for k in ("W1", "b1", "W2", "b2")]
    p = _params(parameters, "update_parameters")
    g = _checks.entries(grads, {"d" + k: p[k].shape for k in keys}, "update_parameters", "grads")
    new = {k: p[k].copy() for k in keys}
    GradientDescent(learning_rate).step([(k, new[k], g["d" + k]) for k in keys])
    return new


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2):
    """Train the 2-layer network: seeds np.random.seed(3), initializes (seed 2), then
    ``num_iterations`` full-batch steps; prints "Cost after iteration i: %f" every 1000."""
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters


def predict(parameters, X):
    """predictions (1, m): 1 where A2 > 0.5, as the course's booleans."""
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5
