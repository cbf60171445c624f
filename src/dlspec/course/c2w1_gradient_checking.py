"""Course 2, week 1, "Gradient Checking": the 1-D check and the N-dimensional one.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C2 .../Week 1/
Gradient Checking/Gradient Checking v1.ipynb", testCases.py and gc_utils.py.
``backward_propagation_n`` is correct; ``backward_propagation_n_buggy`` carries the
notebook's two planted bugs (dW2 twice too large, db1 four times), so that its
``difference = 0.2850931567761623`` is replayed. The central differences are
``dlspec.gradcheck.numerical_gradient``; the network is ``_three_layer``'s kernels.
"""
from __future__ import annotations

import numpy as np

from ..gradcheck import numerical_gradient
from . import _three_layer as net

KEYS = net.KEYS


def forward_propagation(x, theta):
    """J(theta) = theta x."""
    return theta * x


def backward_propagation(x, theta):
    """dJ/dtheta = x."""
    return x


def _difference(grad, gradapprox):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), the course's one number."""
    grad, gradapprox = np.ravel(grad).astype(np.float64), np.ravel(gradapprox).astype(np.float64)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """The 1-D check: central difference of ``forward_propagation`` against ``backward_propagation``."""
    box = np.array([float(theta)])
    gradapprox = numerical_gradient(lambda: forward_propagation(x, box[0]), box, epsilon)
    difference = _difference(backward_propagation(x, theta), gradapprox)
    if print_msg:
        print("The gradient is correct!" if difference < 1e-7 else "The gradient is wrong!")
    return difference


def forward_propagation_n(X, Y, parameters):
    """cost (the helpers' 1/m sum of -log likelihoods) and the 12-tuple cache."""
    A3, cache = net.forward_propagation(X, parameters, "forward_propagation_n")
    Y = np.asarray(Y, dtype=np.float64).reshape(1, -1)
    with np.errstate(divide="ignore"):
        logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return 1. / X.shape[1] * np.sum(logprobs), cache


def backward_propagation_n(X, Y, cache):
    """The correct gradients (the course's dict, dZ3 ... db1)."""
    return net.backward_propagation(X, np.asarray(Y).reshape(1, -1), cache, per_example=False)


def backward_propagation_n_buggy(X, Y, cache):
    """The notebook's backward pass with its two planted bugs: dW2 x 2 and db1 x 4."""
    grads = backward_propagation_n(X, Y, cache)
    return {**grads, "dW2": grads["dW2"] * 2, "db1": grads["db1"] * 4}


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """One difference over all parameters W1, b1, W2, b2, W3, b3 (the course's vector order).

    The central differences perturb one entry at a time (``numerical_gradient``); the
    result is the same whatever the order, as it is a norm over the whole vector.
    """
    p = {k: v.copy() for k, v in net.params(parameters, "gradient_check_n").items()}
    g = {k: np.asarray(gradients["d" + k], dtype=np.float64) for k in KEYS if "d" + k in gradients}
    missing = [("d" + k) for k in KEYS if k not in g]
    if missing:
        raise KeyError(f"gradient_check_n: gradients has no entry {missing}.")

    def cost():
        return forward_propagation_n(X, Y, p)[0]

    approx = [numerical_gradient(cost, p[k], epsilon) for k in KEYS]
    difference = _difference(np.concatenate([g[k].ravel() for k in KEYS]),
                             np.concatenate([a.ravel() for a in approx]))
    if print_msg:
        if difference > 2e-7:
            print("\033[93m" + "There is a mistake in the backward propagation! difference = "
                  + str(difference) + "\033[0m")
        else:
            print("\033[92m" + "Your backward propagation works perfectly fine! difference = "
                  + str(difference) + "\033[0m")
    return difference
