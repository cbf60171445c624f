"""The fused path under Keras's probability losses: a softmax or sigmoid layer lends its logits.

Keras computes ``categorical_crossentropy`` of a model that ends in a softmax from the
softmax's input (the logits), which is exact for confident predictions, and its gradient
skips the softmax. dlspec does the same with two hand-offs between the model's last layer
and the loss (``dlspec.crossentropy``), without the engine knowing:

1. forward: the layer remembers ``(kind, A, Z)`` for its last call (``remember_logits``);
   the loss, given the model's output A, asks ``logits_of(layer, A, kind)`` and gets Z only
   if A is that very array (not a copy, not another call's output).
2. backward: the loss returns dA (the gradient w.r.t. the probabilities, always correct)
   and leaves dZ with the layer (``lend_gradient``). If dA reaches the layer untouched (the
   same object), the layer uses dZ instead of its own backward (``lent_gradient``); if
   something changed it on the way (a loss weight), the layer back-propagates dA as usual.

NOTE: the identity checks (``is``) are the point: they make a stale or foreign array fall
back to the plain chain rule, never to a wrong gradient.
"""


def remember_logits(layer, kind, A, Z):
    """Called by a softmax ("softmax", last axis) or sigmoid ("sigmoid") layer in forward."""
    layer._logits_record = (kind, A, Z)


def logits_of(layer, A, kind):
    """Z if ``layer``'s last forward was a ``kind`` that returned exactly ``A``; else None."""
    record = getattr(layer, "_logits_record", None)
    if record is None or record[0] != kind or record[1] is not A:
        return None
    return record[2]


def lend_gradient(layer, dA, dZ):
    """The loss's dZ for the layer, used if the layer's backward receives exactly ``dA``."""
    layer._lent_gradient = (dA, dZ)


def lent_gradient(layer, dA):
    """dZ lent for this very ``dA`` (then forgotten), or None: back-propagate dA yourself."""
    lent = layer.__dict__.pop("_lent_gradient", None)
    if lent is None or lent[0] is not dA:
        return None
    return lent[1]
