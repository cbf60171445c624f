"""Course 1, week 4, "Building your Deep Neural Network: Step by Step", in the course's layout.

A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1); caches are the course's tuples:
``linear_cache = (A_prev, W, b)``, ``cache = (linear_cache, Z)`` per layer. Kernels:
``dense_forward``/``dense_backward`` (one transpose at the boundary, ``_columns``),
``relu_forward``/``relu_backward``, ``sigmoid_forward``/``sigmoid_backward``,
``binary_cross_entropy_forward`` and ``optim.GradientDescent``.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4,
"C1 .../Week 4/Building your Deep Neural Network - Step by Step/
Building_your_Deep_Neural_Network_Step_by_Step_v8a.ipynb" and testCases_v4a.py.
``initialize_parameters`` seeds np.random.seed(1) and ``initialize_parameters_deep``
np.random.seed(3) inside, as the notebook does.
"""
from __future__ import annotations

import numpy as np

from ..functional.losses import binary_cross_entropy_forward
from ..optim import GradientDescent
from . import _checks
from ._columns import activation, activation_grad, linear, linear_grads


def initialize_parameters(n_x, n_h, n_y):
    """The 2-layer version: np.random.seed(1); W1 = randn(n_h, n_x) x 0.01, W2 = randn(n_y, n_h) x 0.01."""
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def initialize_parameters_deep(layer_dims):
    """np.random.seed(3); W_l = randn(n_l, n_{l-1}) x 0.01, b_l = zeros (n_l, 1) for l = 1..L."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _layer(A_prev, W, b, fn):
    W = _checks.as_float64(W, "W", fn)
    if W.ndim != 2:
        raise ValueError(f"{fn}: W must be (n_l, n_(l-1)); got shape {W.shape}.")
    A_prev = _checks.columns(A_prev, W.shape[1], "A_prev", fn, what="n_(l-1)")
    b = _checks.as_float64(b, "b", fn)
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"{fn}: b must be of shape (n_l, 1) = ({W.shape[0]}, 1); got {b.shape}.")
    return A_prev, W, b


def linear_forward(A, W, b):
    """Z = W A + b (kernel ``dense_forward`` on the transposes) and cache (A, W, b)."""
    A, W, b = _layer(A, W, b, "linear_forward")
    return linear(A, W, b), (A, W, b)


def linear_activation_forward(A_prev, W, b, activation_name):
    """A = g(W A_prev + b) with g "sigmoid" or "relu"; cache ((A_prev, W, b), Z)."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    return activation(Z, activation_name), (linear_cache, Z)


def L_model_forward(X, parameters):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID: AL (1, m) and the list of L caches."""
    L = _checks.layer_count(parameters, "L_model_forward")
    p = _checks.entries(parameters, {k: None for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")},
                        "L_model_forward")
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, p[f"W{l}"], p[f"b{l}"], "relu" if l < L else "sigmoid")
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    """-1/m sum(Y log AL + (1 - Y) log(1 - AL)) as a 0-d float (``np.squeeze`` of the course)."""
    AL = _checks.as_float64(AL, "AL", "compute_cost")
    Y = _checks.labels(Y, AL.shape[-1], "compute_cost")
    cost, _ = binary_cross_entropy_forward(AL.T, Y.T)
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    """dA_prev = W^T dZ, dW = dZ A_prev^T / m, db = sum(dZ) / m (kernel ``dense_backward``)."""
    A_prev, W, _ = cache
    return linear_grads(_checks.as_float64(dZ, "dZ", "linear_backward"), A_prev, W)


def linear_activation_backward(dA, cache, activation_name):
    """dZ = dA g'(Z) (the activation kernel's backward), then ``linear_backward``."""
    linear_cache, Z = cache
    return linear_backward(activation_grad(dA, Z, activation_name), linear_cache)


def L_model_backward(AL, Y, caches):
    """grads {"dA{l-1}", "dW{l}", "db{l}"} for the [RELU] x (L-1) -> SIGMOID network.

    dAL = -(Y / AL - (1 - Y) / (1 - AL)), the derivative of the cross-entropy, written here
    rather than taken from ``binary_cross_entropy_backward`` because the course's test case
    feeds AL outside (0, 1) (randn draws), where the kernel's guard against A (1 - A) = 0
    would change the value.
    """
    Y = np.asarray(Y, dtype=np.float64).reshape(AL.shape)
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(1, L + 1)):
        dA_prev, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
        dA = dA_prev
    return grads


def update_parameters(params, grads, learning_rate):
    """W_l = W_l - learning_rate dW_l, b_l likewise, by ``optim.GradientDescent``; a new dict."""
    L = _checks.layer_count(params, "update_parameters")
    keys = [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]
    p = _checks.entries(params, {k: None for k in keys}, "update_parameters")
    g = _checks.entries(grads, {"d" + k: p[k].shape for k in keys}, "update_parameters", "grads")
    new = {k: p[k].copy() for k in keys}
    GradientDescent(learning_rate).step([(k, new[k], g["d" + k]) for k in keys])
    return new
