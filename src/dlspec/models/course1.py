"""Course 1's models: logistic regression, a shallow network, a deep L-layer network."""
from __future__ import annotations

from ..nn import Dense, activations
from .sequential import Sequential


def logistic_regression(n_x=None, seed=0, dtype=None):
    """Logistic regression as a one-neuron network: A = sigmoid(X w + b).

    Course 1 initializes w and b to zeros, which is fine for a single neuron.
    """
    return Sequential([Dense(1, init="zeros", input_dim=n_x), activations.Sigmoid()],
                      seed=seed, dtype=dtype, name="logistic_regression")


def shallow_network(n_h=4, n_x=None, activation="tanh", seed=0, dtype=None):
    """One hidden layer of ``n_h`` units and a sigmoid output (course 1, week 3).

    Weights start as standard normal x 0.01, as in the course's planar assignment.
    """
    return Sequential([Dense(n_h, init="random", input_dim=n_x), activations.get(activation),
                       Dense(1, init="random"), activations.Sigmoid()],
                      seed=seed, dtype=dtype, name="shallow_network")


def deep_network(layer_dims, activation="relu", init="he", seed=0, dtype=None):
    """An L-layer network from a list of sizes such as ``[n_x, 20, 7, 5, 1]``.

    LINEAR -> ACTIVATION for the L-1 hidden layers, then LINEAR -> SIGMOID for one
    output unit (or no final activation if the last size is > 1: use
    SoftmaxCrossEntropy on the logits).
    """
    if len(layer_dims) < 2 or any(not isinstance(n, int) or n < 1 for n in layer_dims):
        raise ValueError(f"layer_dims must list at least two positive sizes, input first, such as "
                         f"[n_x, 20, 7, 5, 1]; got {layer_dims!r}.")
    layers = []
    for l, units in enumerate(layer_dims[1:], start=1):
        layers.append(Dense(units, init=init, input_dim=layer_dims[0] if l == 1 else None))
        if l < len(layer_dims) - 1:
            layers.append(activations.get(activation))
    if layer_dims[-1] == 1:
        layers.append(activations.Sigmoid())
    return Sequential(layers, seed=seed, dtype=dtype, name="deep_network")
