"""Course 2, week 1, "Regularization": L2 and inverted dropout, in the course's layout.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C2 .../Week 1/
Regularization/Regularization_v2a.ipynb", testCases.py and reg_utils.py. Kernels:
``binary_cross_entropy_forward`` (the cross-entropy part), ``dropout_forward`` /
``dropout_backward`` (the scaled mask D / keep_prob), ``relu_backward`` and the dense
kernels (through ``_three_layer``/``_columns``). ``forward_propagation_with_dropout`` seeds
``np.random.seed(1)`` and draws its masks with ``np.random.rand`` in the course's (n_l, m)
layout, so that its printed A3 is replayed.
"""
from __future__ import annotations

import numpy as np

from ..backend import xp
from ..functional.activations import relu_backward
from ..functional.dropout import dropout_backward, dropout_forward
from ..functional.losses import binary_cross_entropy_forward
from . import _checks
from . import _three_layer as net
from ._columns import activation, linear, linear_grads

__all__ = ["compute_cost_with_regularization", "backward_propagation_with_regularization",
           "forward_propagation_with_dropout", "backward_propagation_with_dropout", "model"]


def compute_cost(a3, Y):
    """Cross-entropy of a3 (1, m) against Y (1, m); kernel ``binary_cross_entropy_forward``."""
    cost, _ = binary_cross_entropy_forward(np.asarray(a3, dtype=np.float64).T, np.asarray(Y, dtype=np.float64).T)
    return float(cost)


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy + lambd / (2 m) (||W1||^2 + ||W2||^2 + ||W3||^2).

    The L2 term is the one ``dlspec.regularization.l2_cost`` adds for a model (which reads
    layers, not a dict); here it reads the course's dict.
    """
    p = net.params(parameters, "compute_cost_with_regularization")
    m = np.shape(Y)[1]
    l2 = sum(float(xp.vdot(p[k], p[k])) for k in ("W1", "W2", "W3")) * lambd / (2 * m)
    return compute_cost(A3, Y) + l2


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """The baseline gradients with (lambd / m) W added to each dW (weight decay)."""
    X = _checks.as_float64(X, "X", "backward_propagation_with_regularization")
    return net.backward_propagation(X, Y, cache, lambd=lambd, per_example=False)


def _mask(shape, keep_prob):
    """The course's D = rand(shape) < keep_prob (global np.random), and the kernel's D / keep_prob."""
    D = np.random.rand(*shape) < keep_prob
    return D, D / keep_prob


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """A3 and the cache (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3): dropout on
    A1 and A2. Seeds np.random.seed(1), draws D1 then D2 with np.random.rand."""
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob is the probability of keeping a unit, in (0, 1]; got {keep_prob!r}.")
    np.random.seed(1)
    p = net.params(parameters, "forward_propagation_with_dropout")
    X = _checks.columns(X, p["W1"].shape[1], "X", "forward_propagation_with_dropout")
    Z1 = linear(X, p["W1"], p["b1"])
    D1, M1 = _mask(Z1.shape, keep_prob)
    A1, _ = dropout_forward(activation(Z1, "relu"), M1)
    Z2 = linear(A1, p["W2"], p["b2"])
    D2, M2 = _mask(Z2.shape, keep_prob)
    A2, _ = dropout_forward(activation(Z2, "relu"), M2)
    Z3 = linear(A2, p["W3"], p["b3"])
    A3 = activation(Z3, "sigmoid")
    return A3, (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Gradients through the same masks: dA_l = dA_l D_l / keep_prob (``dropout_backward``)."""
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    X = _checks.as_float64(X, "X", "backward_propagation_with_dropout")
    dZ3 = net.output_delta(Z3, Y)
    dA2, dW3, db3 = linear_grads(dZ3, A2, W3)
    dA2 = dropout_backward(dA2, np.asarray(D2) / keep_prob)
    dZ2 = relu_backward(dA2, A2)
    dA1, dW2, db2 = linear_grads(dZ2, A1, W2)
    dA1 = dropout_backward(dA1, np.asarray(D1) / keep_prob)
    dZ1 = relu_backward(dA1, A1)
    _, dW1, db1 = linear_grads(dZ1, X, W1)
    # reg_utils keeps dZ and dA undivided (dZ3 = A3 - Y); only dW and db carry the 1/m.
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def initialize_parameters(layer_dims):
    """reg_utils' initialization: np.random.seed(3); W = randn / sqrt(n_{l-1}), b zeros."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def model(X, Y, learning_rate=0.3, num_iterations=30000, print_cost=True, lambd=0, keep_prob=1):
    """The [n_x, 20, 3, 1] network with L2 (lambd) or dropout (keep_prob), not both; the cost
    is printed every 10000 iterations, as the notebook does."""
    if lambd and keep_prob < 1:
        raise ValueError("model: use L2 (lambd) or dropout (keep_prob < 1), not both, as the course does.")
    parameters = initialize_parameters([X.shape[0], 20, 3, 1])
    for i in range(num_iterations):
        if keep_prob == 1:
            a3, cache = net.forward_propagation(X, parameters)
        else:
            a3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
        cost = (compute_cost_with_regularization(a3, Y, parameters, lambd) if lambd
                else compute_cost(a3, Y))
        if keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        else:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        parameters = net.update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 10000 == 0:
            print(f"Cost after iteration {i}: {cost}")
    return parameters
