"""The course 2 helpers (init_utils, reg_utils, opt_utils): LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID.

Not graded, but the assignments' procedures run on them, so their caches are the course's
tuples ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``. Kernels: ``dense_forward`` /
``dense_backward`` through ``_columns``, ``relu``/``sigmoid`` forward, ``relu_backward``,
``binary_cross_entropy_with_logits_backward`` (dZ3 = A3 - Y) and ``optim.GradientDescent``.
"""
from __future__ import annotations

import numpy as np

from ..functional.activations import relu_backward
from ..functional.losses import binary_cross_entropy_with_logits_backward
from ..optim import GradientDescent
from . import _checks
from ._columns import activation, linear, linear_grads

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def params(parameters, fn):
    """The six arrays of a 3-layer dict, every entry named when missing or misshaped."""
    W = _checks.entries(parameters, {"W1": None, "W2": None, "W3": None}, fn)
    (n1, n0), n2, n3 = W["W1"].shape, W["W2"].shape[0], W["W3"].shape[0]
    return _checks.entries(parameters, {"W1": (n1, n0), "b1": (n1, 1), "W2": (n2, n1),
                                        "b2": (n2, 1), "W3": (n3, n2), "b3": (n3, 1)}, fn)


def forward_propagation(X, parameters, fn="forward_propagation"):
    """A3 (1, m) and the course's 12-tuple cache."""
    p = params(parameters, fn)
    X = _checks.columns(X, p["W1"].shape[1], "X", fn)
    Z1 = linear(X, p["W1"], p["b1"])
    A1 = activation(Z1, "relu")
    Z2 = linear(A1, p["W2"], p["b2"])
    A2 = activation(Z2, "relu")
    Z3 = linear(A2, p["W3"], p["b3"])
    A3 = activation(Z3, "sigmoid")
    return A3, (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


def output_delta(Z3, Y):
    """dZ3 = A3 - Y (not yet divided by m), by the fused cross-entropy-with-logits backward."""
    m = Z3.shape[1]
    return binary_cross_entropy_with_logits_backward((Z3.T, np.asarray(Y, dtype=np.float64).T)).T * m


def backward_propagation(X, Y, cache, lambd=0.0, per_example=True):
    """The course's gradients dict (dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1);
    with ``lambd`` > 0 each dW gains (lambd / m) W (L2, course 2 week 1).

    ``per_example``: init_utils and opt_utils report dZ and dA already divided by m
    (dz3 = 1/m (a3 - Y)); reg_utils and the gradient-checking notebook do not (dZ3 = A3 - Y).
    The weights' gradients are the same either way."""
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    m = X.shape[1]
    dZ3 = output_delta(Z3, Y)
    dA2, dW3, db3 = linear_grads(dZ3, A2, W3)
    dZ2 = relu_backward(dA2, A2)
    dA1, dW2, db2 = linear_grads(dZ2, A1, W2)
    dZ1 = relu_backward(dA1, A1)
    _, dW1, db1 = linear_grads(dZ1, X, W1)
    if lambd:
        dW1, dW2, dW3 = (dW + lambd / m * W for dW, W in ((dW1, W1), (dW2, W2), (dW3, W3)))
    s = 1 / m if per_example else 1
    return {"dZ3": dZ3 * s, "dW3": dW3, "db3": db3, "dA2": dA2 * s, "dZ2": dZ2 * s, "dW2": dW2,
            "db2": db2, "dA1": dA1 * s, "dZ1": dZ1 * s, "dW1": dW1, "db1": db1}


def compute_loss(a3, Y):
    """1/m nansum(-Y log a3 - (1 - Y) log(1 - a3)), the helpers' own cost.

    NOTE: written out here, not taken from ``binary_cross_entropy_forward``: the kernel clamps
    log at -100 (PyTorch's BCELoss), while the course's helper lets a saturated sigmoid give
    inf, which its large-random initialization prints ("Cost after iteration 0: inf").
    """
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def update_parameters(parameters, grads, learning_rate, keys=None):
    """W = W - learning_rate dW for every layer, by ``optim.GradientDescent``; a new dict."""
    L = _checks.layer_count(parameters, "update_parameters")
    keys = keys or [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]
    p = _checks.entries(parameters, {k: None for k in keys}, "update_parameters")
    g = _checks.entries(grads, {"d" + k: p[k].shape for k in keys}, "update_parameters", "grads")
    new = {k: p[k].copy() for k in keys}
    GradientDescent(learning_rate).step([(k, new[k], g["d" + k]) for k in keys])
    return new


def predict(X, y, parameters, forward=forward_propagation):
    """p (1, m) of 0/1 ints; prints "Accuracy: " + mean(p == y), as the helpers do."""
    a3, _ = forward(X, parameters)
    p = (a3 > 0.5).astype(int)
    print("Accuracy: " + str(np.mean((p[0, :] == y[0, :]))))
    return p
