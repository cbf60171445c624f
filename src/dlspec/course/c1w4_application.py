"""Course 1, week 4, "Deep Neural Network for Image Classification: Application".

``two_layer_model`` and ``L_layer_model`` as the notebook writes them, on the step-by-step
functions of ``c1w4_deep_nn`` (themselves on the dense, activation and cross-entropy kernels).
The initializations are the application's helpers' (dnn_app_utils_v3): ``np.random.seed(1)``,
W x 0.01 for the 2-layer model, W / sqrt(n_{l-1}) for the L-layer one.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C1 .../Week 4/
Deep Neural Network Application_ Image Classification/Deep Neural Network - Application v8.ipynb"
and dnn_app_utils_v3.py. Its printed costs and accuracies need the cat images, which are Git
LFS pointers in that repository: not replayable (see the inventory).
"""
from __future__ import annotations

import numpy as np

from . import c1w4_deep_nn as deep


def _initialize_parameters_deep(layer_dims):
    """dnn_app_utils_v3's: np.random.seed(1); W_l = randn(n_l, n_{l-1}) / sqrt(n_{l-1}), b_l zeros."""
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _record(i, num_iterations, cost, costs, print_cost):
    if print_cost and (i % 100 == 0 or i == num_iterations - 1):
        print(f"Cost after iteration {i}: {np.squeeze(cost)}")
    if i % 100 == 0 or i == num_iterations:
        costs.append(cost)


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID trained by gradient descent; returns (parameters, costs)."""
    np.random.seed(1)
    n_x, n_h, n_y = layers_dims
    parameters = deep.initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = deep.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = deep.linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = deep.compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = deep.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = deep.linear_activation_backward(dA1, cache1, "relu")
        parameters = deep.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                            learning_rate)
        _record(i, num_iterations, cost, costs, print_cost)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID trained by gradient descent; (parameters, costs)."""
    np.random.seed(1)
    parameters = _initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = deep.L_model_forward(X, parameters)
        cost = deep.compute_cost(AL, Y)
        grads = deep.L_model_backward(AL, Y, caches)
        parameters = deep.update_parameters(parameters, grads, learning_rate)
        _record(i, num_iterations, cost, costs, print_cost)
    return parameters, costs


def predict(X, y, parameters):
    """p (1, m) of 0/1 from the L-layer network; prints "Accuracy: " as the helpers do."""
    AL, _ = deep.L_model_forward(X, parameters)
    p = (AL > 0.5).astype(np.float64)
    print("Accuracy: " + str(np.sum((p == y) / X.shape[1])))
    return p
