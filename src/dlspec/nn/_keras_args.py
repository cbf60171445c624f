"""Keras's ``activation=`` and ``kernel_initializer=`` for the layers with a kernel.

``Conv2D(8, 3, activation="relu", kernel_initializer="he_normal")`` as the course writes it:
the activation follows the layer's own forward (A = g(Z)) and its backward comes first
(dZ = dA g'(Z)); a final "softmax"/"sigmoid" lends its logits to Keras's cross-entropies
(``dlspec.logits_link``), as ``Dense(activation=...)`` does.
"""
from __future__ import annotations

from .. import initializers, logits_link
from .dense import ACTIVATIONS


def check_activation(activation, who):
    """None for the identity ("linear" too); else one of Dense's activations, or a clear error."""
    if activation is None or activation == "linear":
        return None
    if activation not in ACTIVATIONS:
        raise ValueError(f"{who}(activation) expects None, 'linear' or one of {sorted(ACTIVATIONS)}; "
                         f"got {activation!r}. For other activations add an activation layer after it.")
    return activation


def activate(layer, Z):
    """(A, cache) for the layer's ``activation`` applied to its output Z."""
    if layer.activation is None:
        return Z, None
    A, cache = ACTIVATIONS[layer.activation][0](Z)
    if layer.activation in ("softmax", "sigmoid"):
        logits_link.remember_logits(layer, layer.activation, A, Z)
    return A, cache


def deactivate(layer, dA, cache):
    """dZ from dA through the activation (or the loss's fused dZ, if it lent one for dA)."""
    if cache is None:
        return dA
    dZ = logits_link.lent_gradient(layer, dA)
    return ACTIVATIONS[layer.activation][1](dA, cache) if dZ is None else dZ


def resolve_initializer(init, keras_init, who, default="he"):
    """The initializer from dlspec's ``init=`` or Keras's ``kernel_initializer=`` (not both)."""
    if keras_init is not None:
        if init != default:
            raise ValueError(f"{who}: give init (dlspec's name) or kernel_initializer (Keras's), not "
                             f"both; got init={init!r}, kernel_initializer={keras_init!r}.")
        init = keras_init
    return init, initializers.get(init)
