"""``dlspec.ops.keras.activations``: the activation functions as ``tf.keras.activations`` names them."""
from __future__ import annotations

from types import SimpleNamespace

from ..autodiff.tensor import apply_op


def _softmax(x, axis=-1):
    return apply_op("softmax", (x,), {"axis": int(axis)})


def _unary(kind):
    return lambda x: apply_op(kind, (x,), {})


activations = SimpleNamespace(softmax=_softmax, relu=_unary("relu"), sigmoid=_unary("sigmoid"),
                              tanh=_unary("tanh"))
