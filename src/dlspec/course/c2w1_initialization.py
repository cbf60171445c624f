"""Course 2, week 1, "Initialization": zeros, large random and He, on the course's circles.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C2 .../Week 1/
Initialization/Initialization.ipynb" and init_utils.py. The random initializations seed
``np.random.seed(3)`` inside, as the notebook does; ``load_dataset`` draws scikit-learn's
circles after ``np.random.seed(1)`` (train) and ``np.random.seed(2)`` (test).
"""
from __future__ import annotations

import numpy as np

from . import _three_layer as net
from ._three_layer import compute_loss, forward_propagation, predict

__all__ = ["initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he",
           "model", "predict", "load_dataset", "forward_propagation", "compute_loss"]


def load_dataset():
    """The course's circles: 300 train points (seed 1) and 100 test points (seed 2), noise 0.05;
    X (2, m), Y (1, m). Needs scikit-learn (``pip install scikit-learn``)."""
    from sklearn.datasets import make_circles
    np.random.seed(1)
    train_X, train_Y = make_circles(n_samples=300, noise=.05)
    np.random.seed(2)
    test_X, test_Y = make_circles(n_samples=100, noise=.05)
    return train_X.T, train_Y.reshape(1, -1), test_X.T, test_Y.reshape(1, -1)


def initialize_parameters_zeros(layers_dims):
    """Every W and b zeros: the symmetry never breaks."""
    return {k: np.zeros(shape) for l in range(1, len(layers_dims))
            for k, shape in ((f"W{l}", (layers_dims[l], layers_dims[l - 1])), (f"b{l}", (layers_dims[l], 1)))}


def initialize_parameters_random(layers_dims):
    """np.random.seed(3); W_l = randn(n_l, n_{l-1}) x 10 (large on purpose), b_l zeros."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    """np.random.seed(3); W_l = randn(n_l, n_{l-1}) x sqrt(2 / n_{l-1}), b_l zeros."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2. / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


INITIALIZERS = {"zeros": initialize_parameters_zeros, "random": initialize_parameters_random,
                "he": initialize_parameters_he}


def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he"):
    """The [n_x, 10, 5, 1] network trained by full-batch gradient descent; the cost is kept
    and printed every 1000 iterations, as the notebook does."""
    if initialization not in INITIALIZERS:
        raise ValueError(f"model(initialization) must be one of {sorted(INITIALIZERS)}; got {initialization!r}.")
    parameters = INITIALIZERS[initialization]([X.shape[0], 10, 5, 1])
    costs = []
    for i in range(num_iterations):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = net.backward_propagation(X, Y, cache)
        parameters = net.update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost}")
    return parameters
