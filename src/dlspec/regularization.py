"""L2 regularization (course 2, week 1): the cost term and its gradient.

The cost of a mini-batch of m examples becomes

    J_regularized = J + lambd / (2 m) * sum over layers of ||W[l]||_F^2

and each weight's gradient gains (lambd / m) W[l] ("weight decay"). Every weight matrix
is penalized: the kernels ``W`` of Dense, Conv2D and DepthwiseConv2D, the recurrent
layers' input weights ``Wx`` and recurrent weights ``Wa`` (Keras would call these kernel
and recurrent regularizers), and an Embedding's ``E`` (Keras's embeddings regularizer);
never biases or batch-norm's gamma and beta, as in the course. Frozen layers
(``trainable = False``) are not penalized: they do not train.

``lambd`` is set for the whole model with ``model.compile(..., l2=lambd)``; a layer
with its own ``l2`` attribute (``Dense(64, l2=0.01)``) uses that value instead.
"""
from __future__ import annotations

from .backend import xp

WEIGHT_KEYS = ("W", "Wx", "Wa", "E")      # kernels, recurrent weights, embeddings


def check_lambda(lambd, where="l2"):
    """Return ``lambd`` as a float >= 0, or raise a clear error."""
    if lambd is None:
        return None
    if isinstance(lambd, bool) or not isinstance(lambd, (int, float)) or not lambd >= 0:
        raise ValueError(f"{where} (the L2 regularization strength lambda) must be a number >= 0; "
                         f"got {lambd!r}. Use 0 for no regularization; the course uses 0.7.")
    return float(lambd)


def _weights(model, lambd):
    """Yield (layer, key, lambda) for every penalized weight, recursing into sub-models."""
    for layer in getattr(model, "layers", ()):
        if not layer.trainable:
            continue
        if hasattr(layer, "layers"):
            yield from _weights(layer, lambd)
            continue
        own = getattr(layer, "l2", None)
        layer_lambd = lambd if own is None else own
        if not layer_lambd:
            continue
        for key in layer.params:
            if key.rsplit("_", 1)[-1] in WEIGHT_KEYS:     # "forward_Wx" in a Bidirectional
                yield layer, key, layer_lambd


def l2_cost(model, m, lambd=None):
    """lambd / (2 m) * sum ||W||^2 over the model's weights (0.0 without regularization)."""
    lambd = getattr(model, "l2", 0.0) if lambd is None else lambd
    total = 0.0
    for layer, key, layer_lambd in _weights(model, lambd):
        W = layer.params[key]
        total += layer_lambd / (2 * m) * float(xp.vdot(W, W))
    return total


def add_l2_gradients(model, m, lambd=None):
    """Add (lambd / m) W to each weight's gradient, after ``model.backward``."""
    lambd = getattr(model, "l2", 0.0) if lambd is None else lambd
    for layer, key, layer_lambd in _weights(model, lambd):
        # A new array rather than +=: a layer may hand out a view it still uses.
        layer.grads[key] = layer.grads[key] + (layer_lambd / m) * layer.params[key]
