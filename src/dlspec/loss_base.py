"""The loss contract every dlspec loss follows, and the label checks the losses share.

``loss.forward(prediction, Y) -> cost`` (a float); ``loss.backward() -> dJ/d(prediction)``.
"""
from __future__ import annotations

from .backend import xp


class Loss:
    """Base class. Subclasses set ``_forward``/``_backward`` and may convert labels."""

    def __init__(self):
        self._cache = None

    def forward(self, prediction, Y):
        Y = self.prepare_labels(prediction, Y)
        cost, self._cache = self._forward(prediction, Y)
        return float(cost)

    def backward(self):
        if self._cache is None:
            raise RuntimeError(f"{type(self).__name__}.backward() called before forward().")
        return self._backward(self._cache)

    def __call__(self, prediction, Y):
        record = getattr(prediction, "_record_loss", None)     # a dlspec.Tensor (GradientTape)
        return record(self, prediction, Y) if record is not None else self.forward(prediction, Y)

    def prepare_labels(self, prediction, Y):
        """Return Y shaped like ``prediction`` and in its dtype, or raise a clear error."""
        Y = xp.asarray(Y)
        if Y.shape != prediction.shape:
            if Y.size != prediction.size or Y.shape[:1] != prediction.shape[:1]:
                raise ValueError(f"{type(self).__name__}: labels of shape {Y.shape} do not match "
                                 f"predictions of shape {prediction.shape}. Give one label per "
                                 "example, shaped like the model's output.")
            Y = Y.reshape(prediction.shape)
        return Y.astype(prediction.dtype, copy=False)

    def predict_classes(self, prediction):
        """Class ids (N,) that this loss's output means, or None for regression losses."""
        return None

    def get_config(self):
        return {}


class _BinaryLabels(Loss):
    def prepare_labels(self, prediction, Y):
        Y = super().prepare_labels(prediction, Y)
        bad = (Y != 0) & (Y != 1)
        if bad.any():
            raise ValueError(f"{type(self).__name__} expects labels in {{0, 1}}; got "
                             f"{xp.unique(Y[bad])[:5].tolist()}. For more than two classes use "
                             "CategoricalCrossentropy (or SoftmaxCrossEntropy on logits); for "
                             "real-valued targets use MeanSquaredError.")
        return Y


def one_hot(ids, num_classes, dtype=None):
    """Class ids (N,) -> one-hot rows (N, num_classes)."""
    Y = xp.zeros((ids.shape[0], num_classes), dtype=dtype or xp.float32)
    Y[xp.arange(ids.shape[0]), ids] = 1
    return Y
