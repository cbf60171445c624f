"""The course-layout dense step shared by courses 1 and 2: one transpose at the boundary.

The course writes Z = W A_prev + b with A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1).
That is dlspec's batch-first ``dense_forward`` on the transposes: Z^T = A_prev^T W^T + b^T,
so these helpers transpose on the way in and out and leave the maths to the kernels.
"""
from __future__ import annotations

import numpy as np

from ..functional import activations as act
from ..functional.dense import dense_backward, dense_forward

FORWARD = {"sigmoid": act.sigmoid_forward, "relu": act.relu_forward, "tanh": act.tanh_forward}
BACKWARD = {"sigmoid": act.sigmoid_backward, "relu": act.relu_backward, "tanh": act.tanh_backward}


def linear(A_prev, W, b):
    """Z (n_l, m) = W A_prev + b, by ``dense_forward`` on (m, n_{l-1}) and W^T (n_{l-1}, n_l)."""
    Z, _ = dense_forward(A_prev.T, W.T, np.asarray(b).reshape(-1))
    return Z.T


def linear_grads(dZ, A_prev, W, m=None):
    """The course's dW = dZ A_prev^T / m, db = sum(dZ) / m, dA_prev = W^T dZ, by ``dense_backward``.

    dZ here is the course's (not yet divided by m); the kernel's products are the course's
    own transposed, and the 1/m is applied after them, as the course does.
    """
    m = A_prev.shape[1] if m is None else m
    dA_prev, dW, db = dense_backward(dZ.T, (A_prev.T, W.T))     # (m, n_l) batch first
    return dA_prev.T, dW.T / m, db.reshape(-1, 1) / m


def activation(Z, name, fn="linear_activation_forward"):
    """A = g(Z) by the kernel of ``name`` ("sigmoid", "relu", "tanh")."""
    if name not in FORWARD:
        raise ValueError(f"{fn}: activation must be one of {sorted(FORWARD)}; got {name!r}.")
    A, _ = FORWARD[name](Z)
    return A


def activation_grad(dA, Z, name, fn="linear_activation_backward"):
    """dZ = dA g'(Z) by the kernel's backward; sigmoid, tanh and ReLU read g(Z), recomputed here
    because the course's activation cache holds Z."""
    A = activation(Z, name, fn)
    return BACKWARD[name](dA, A)
