"""Keras's cross-entropy losses, with Keras's meaning: probabilities unless ``from_logits=True``.

``"categorical_crossentropy"``, ``"sparse_categorical_crossentropy"`` and
``"binary_crossentropy"`` name these classes. When the model ends in the matching softmax
(or sigmoid) layer, the cost and its gradient come from that layer's logits, fused and
stable, as Keras does (``dlspec.logits_link``); otherwise the probabilities are clipped as
Keras clips them (``dlspec.functional.crossentropy``). dlspec's own logits losses
(``SoftmaxCrossEntropy``, ``BinaryCrossEntropyWithLogits``...) keep their names and meanings.
"""
from __future__ import annotations

from . import logits_link
from .backend import xp
from .functional import crossentropy as F
from .loss_base import Loss, _BinaryLabels, one_hot

REDUCTIONS = ("sum_over_batch_size", "sum_over_examples")


class _Crossentropy(Loss):
    """Shared by the three: the from_logits switch, the fused path, Keras's call order."""

    kind = None                 # "softmax" or "sigmoid": the layer whose logits the fused path reads
    logits_name = None          # dlspec's name of the same loss on logits, for error messages
    _probabilities = _logits = None     # (forward, backward) pairs from functional.crossentropy

    def __init__(self, from_logits: bool = False, reduction: str = "sum_over_batch_size",
                 name: str | None = None, fused: bool = True):
        super().__init__()
        for what, value in (("from_logits", from_logits), ("fused", fused)):
            if not isinstance(value, bool):
                raise TypeError(f"{type(self).__name__}({what}) expects True or False; got {value!r}.")
        if reduction not in REDUCTIONS:
            raise ValueError(f"{type(self).__name__}(reduction) supports {REDUCTIONS} (the mean over "
                             "the positions, as Keras's default, or the sum over an example's "
                             f"positions averaged over the examples); got {reduction!r}.")
        self.from_logits = from_logits
        self.fused = fused          # False: always from the probabilities, as the course's NumPy code
        self.reduction = reduction
        self.name = name or _snake(type(self).__name__)
        self._output = None     # () -> the model's layer that computes this loss's output

    def link_output(self, find_layer):
        """Given by ``compile``: a function returning the layer that computes the output."""
        self._output = find_layer

    def forward(self, prediction, Y):
        Y = self.prepare_labels(prediction, Y)
        per_example = self.reduction == "sum_over_examples"
        layer = self._output() if (self._output is not None and self.fused and not self.from_logits) else None
        Z = logits_link.logits_of(layer, prediction, self.kind) if layer is not None else None
        if self.from_logits or Z is not None:
            cost, cache = self._logits[0](prediction if Z is None else Z, Y, per_example)
            self._cache = (cache, None if Z is None else (layer, prediction, Y, per_example))
        else:
            self.check_probabilities(prediction)
            cost, cache = self._probabilities[0](prediction, Y, per_example)
            self._cache = (cache, None)
        return float(cost)

    def _backward(self, cache):
        cache, fused = cache
        if fused is None:
            return (self._logits if self.from_logits else self._probabilities)[1](cache)
        layer, P, Y, per_example = fused
        dZ = self._logits[1](cache)
        # The gradient w.r.t. the probabilities, for a path that does not end at the layer.
        dP = self._probabilities[1](self._probabilities[0](P, Y, per_example)[1])
        logits_link.lend_gradient(layer, dP, dZ)
        return dP

    def __call__(self, y_true, y_pred):
        """Keras's order: ``loss(y_true, y_pred)`` -> the cost (``forward`` takes y_pred first);
        on a ``dlspec.Tensor`` (under a GradientTape) the cost is a recorded tensor."""
        record = getattr(y_pred, "_record_loss", None)
        return record(self, y_pred, y_true) if record is not None else self.forward(y_pred, y_true)

    def check_probabilities(self, P):
        # Rows of any non-negative scale are fine for the categorical losses (divided by their
        # sums, as Keras); a negative value is a logit, which Keras would silently clip to 1e-7.
        if P.size and (P.min() < 0 or (self.kind == "sigmoid" and P.max() > 1)):
            raise ValueError(
                f"{type(self).__name__} expects probabilities in [0, 1] (a {self.kind.capitalize()}'s "
                f"output); got values from {float(P.min()):.3g} to {float(P.max()):.3g}. End the model "
                f"with {self.kind.capitalize()}() (or activation='{self.kind}'), or give raw scores "
                f"with {type(self).__name__}(from_logits=True) (the loss '{self.logits_name}').")

    def get_config(self):
        return {"from_logits": self.from_logits, "reduction": self.reduction, "name": self.name,
                "fused": self.fused}


class CategoricalCrossentropy(_Crossentropy):
    """Categorical cross-entropy of probabilities P (N, ..., C) and one-hot labels (Keras's).

    Parameters
    ----------
    from_logits : bool
        False (Keras's default): the predictions are probabilities (a softmax's output).
        True: they are logits; softmax and log are fused.
    reduction : "sum_over_batch_size" (Keras's default: the mean over the positions) or
        "sum_over_examples" (sum over an example's positions, mean over the examples).
    fused : bool
        True (default, as Keras): after a final softmax, compute from its logits. False:
        always from the probabilities, as the course's NumPy code computes its cost (the
        course replays use it to reproduce the course's printed digits).

    Notes
    -----
    J = -1/M sum Y log p over the M positions (N for (N, C)). p comes from the logits of the
    model's final softmax when there is one (dZ = (softmax(Z) - Y) / M), else from the
    probabilities divided by their row sum and clipped to [1e-7, 1 - 1e-7], as Keras.
    Labels: one-hot like P; class ids shaped like P without its last axis are accepted too.

    Examples
    --------
    >>> import numpy as np
    >>> loss = CategoricalCrossentropy()
    >>> round(loss(np.array([[0., 1.]]), np.array([[0.2, 0.8]])), 6)   # Keras's order
    0.223144
    """

    kind, logits_name = "softmax", "softmax_crossentropy"
    _probabilities = (F.categorical_crossentropy_forward, F.categorical_crossentropy_backward)
    _logits = (F.categorical_crossentropy_from_logits_forward, F.categorical_crossentropy_from_logits_backward)

    def prepare_labels(self, prediction, Y):
        Y = xp.asarray(Y)
        if Y.shape == prediction.shape:
            return Y.astype(prediction.dtype, copy=False)
        return one_hot_labels(prediction, Y, type(self).__name__)

    def predict_classes(self, P):
        return P.argmax(axis=-1) if P.ndim == 2 else None


class SparseCategoricalCrossentropy(CategoricalCrossentropy):
    """Categorical cross-entropy with integer class ids (N, ...) for P (N, ..., C) (Keras's).

    The same cost and paths as ``CategoricalCrossentropy``; only the labels differ: one id per
    position, also as (N, ..., 1) (the course's masks (N, H, W, 1)).

    Examples
    --------
    >>> import numpy as np
    >>> round(SparseCategoricalCrossentropy()(np.array([1]), np.array([[0.2, 0.8]])), 6)
    0.223144
    """

    def prepare_labels(self, prediction, Y):
        return one_hot_labels(prediction, xp.asarray(Y), type(self).__name__)


class BinaryCrossentropy(_BinaryLabels, _Crossentropy):
    """Binary cross-entropy of probabilities P (any shape) and labels in {0, 1} (Keras's).

    Notes
    -----
    J = -1/M sum [Y log p + (1 - Y) log(1 - p)] over all M entries. p comes from the logits of
    the model's final sigmoid when there is one (dZ = (sigmoid(Z) - Y) / M), else from P
    clipped to [1e-7, 1 - 1e-7], as Keras. ``from_logits=True`` takes logits (as
    ``BinaryCrossEntropyWithLogits``, averaged over every entry).

    Examples
    --------
    >>> import numpy as np
    >>> round(BinaryCrossentropy()(np.array([[1.]]), np.array([[0.8]])), 6)
    0.223144
    """

    kind, logits_name = "sigmoid", "binary_crossentropy_with_logits"
    _probabilities = (F.binary_crossentropy_forward, F.binary_crossentropy_backward)
    _logits = (F.binary_crossentropy_from_logits_forward, F.binary_crossentropy_from_logits_backward)

    def predict_classes(self, P):
        if P[0].size != 1:      # a probability per time step (trigger word): no class per example
            return None
        return (P.reshape(len(P), -1)[:, 0] > (0 if self.from_logits else 0.5)).astype(xp.int64)


def one_hot_labels(prediction, Y, name):
    """One-hot targets like ``prediction`` (N, ..., C) from class ids (N, ...) or (N, ..., 1)."""
    C = prediction.shape[-1]
    if Y.shape == prediction.shape[:-1] + (1,) and C > 1:
        Y = Y[..., 0]                                      # (N, ..., 1) -> (N, ...)
    if Y.shape != prediction.shape[:-1]:
        raise ValueError(f"{name}: labels of shape {Y.shape} do not match predictions of shape "
                         f"{prediction.shape}; expected one class id per position, shape "
                         f"{prediction.shape[:-1]}, or one-hot rows shaped like the predictions.")
    if Y.dtype.kind == "f" and not (Y == xp.round(Y)).all():
        raise ValueError(f"{name} expects integer class ids; got non-integer labels. For "
                         "probabilities as targets use CategoricalCrossentropy.")
    ids = Y.astype(xp.int64).reshape(-1)
    if ids.size and (ids.min() < 0 or ids.max() >= C):
        raise ValueError(f"{name}: class ids must lie in [0, {C - 1}] for a {C}-class output; got "
                         f"ids from {ids.min()} to {ids.max()}.")
    return one_hot(ids, C, prediction.dtype).reshape(prediction.shape)


def _snake(name):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def link_outputs(loss, model):
    """Let each Keras cross-entropy of ``loss`` find the layer computing its model output.

    ``compile`` calls it; the layer is looked up at each forward (a Sequential builds its
    graph on first use), and any failure means: no fused path, the probabilities are used.
    """
    for index, one in enumerate(getattr(loss, "losses", [loss])):
        if isinstance(one, _Crossentropy):
            one.link_output(lambda index=index: _output_layer(model, index))


def _output_layer(model, index):
    outputs = getattr(model, "_outputs", None) or ()
    node = getattr(outputs[index], "node", None) if index < len(outputs) else None
    return getattr(node, "layer", None)
