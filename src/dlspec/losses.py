"""Loss objects: validate the labels, then call the pure functions in ``functional.losses``.

``loss.forward(prediction, Y) -> cost`` (a float); ``loss.backward() -> dJ/d(prediction)``.
Keras's cross-entropies (probabilities unless ``from_logits=True``) live in
``dlspec.crossentropy`` and are exported here; the classes below take logits.
"""
from __future__ import annotations

from .backend import xp
from .crossentropy import BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy
from .functional import losses as F
from .functional import pixel_losses as FP
from .functional import sequence_losses as FS
from .loss_base import Loss, _BinaryLabels, one_hot


class BinaryCrossEntropyWithLogits(_BinaryLabels):
    """Binary cross-entropy from logits Z (N, 1): sigmoid and loss fused, exact for any |Z|.

    Notes
    -----
    J = 1/N sum(max(Z, 0) - Z Y + log(1 + exp(-|Z|))); dZ = (sigmoid(Z) - Y) / N.
    Matches ``torch.nn.BCEWithLogitsLoss``.
    """

    _forward = staticmethod(F.binary_cross_entropy_with_logits_forward)
    _backward = staticmethod(F.binary_cross_entropy_with_logits_backward)

    def predict_classes(self, Z):
        return (Z.reshape(len(Z), -1)[:, 0] > 0).astype(xp.int64)


class SoftmaxCrossEntropy(Loss):
    """Softmax and categorical cross-entropy fused, from logits Z (N, C).

    Labels are integer class ids (N,) or one-hot (N, C).

    Notes
    -----
    J = -1/N sum Y log softmax(Z); dZ = (softmax(Z) - Y) / N.
    Matches ``torch.nn.CrossEntropyLoss``.
    """

    _forward = staticmethod(F.softmax_cross_entropy_forward)
    _backward = staticmethod(F.softmax_cross_entropy_backward)

    def predict_classes(self, Z):
        return Z.argmax(axis=-1)

    def prepare_labels(self, prediction, Y):
        Y = xp.asarray(Y)
        N, C = prediction.shape
        if Y.ndim == 1 or (Y.ndim == 2 and Y.shape[1] == 1 and C > 1):
            Y = Y.reshape(-1)
            if Y.shape[0] != N:
                raise ValueError(f"SoftmaxCrossEntropy: {Y.shape[0]} labels for {N} predictions.")
            if Y.dtype.kind == "f" and not (Y == xp.round(Y)).all():
                raise ValueError("SoftmaxCrossEntropy expects integer class ids or one-hot rows; "
                                 "got non-integer labels.")
            ids = Y.astype(xp.int64)
            if ids.size and (ids.min() < 0 or ids.max() >= C):
                raise ValueError(f"SoftmaxCrossEntropy: class ids must lie in [0, {C - 1}] for a "
                                 f"{C}-class output; got ids from {ids.min()} to {ids.max()}.")
            return one_hot(ids, C, prediction.dtype)
        if Y.shape != prediction.shape:
            raise ValueError(f"SoftmaxCrossEntropy: one-hot labels of shape {Y.shape} do not "
                             f"match logits of shape {prediction.shape}.")
        return Y.astype(prediction.dtype, copy=False)


class MeanSquaredError(Loss):
    """J = mean((A - Y)^2) over all entries; dA = 2 (A - Y) / size. Matches ``torch.nn.MSELoss``."""

    _forward = staticmethod(F.mean_squared_error_forward)
    _backward = staticmethod(F.mean_squared_error_backward)


class SequenceCrossEntropy(Loss):
    """Softmax cross-entropy at every time step, summed over time: the course's language-model loss.

    Predictions are logits Z (N, T, V); labels are token ids (N, T). Ids equal to
    ``ignore_id`` (default -1) mark padding after the end of a shorter sequence and add nothing.

    Notes
    -----
    J = -1/N sum_n sum_t log softmax(Z[n, t])[y[n, t]], the per-sequence loss of course 5
    (sum over t) averaged over the batch; dZ = (softmax(Z) - onehot(y)) / N at kept steps.
    Matches ``F.cross_entropy(Z.reshape(-1, V), y.reshape(-1), ignore_index=-1,
    reduction="sum") / N``. ``label_smoothing`` eps in [0, 1) trains on the target
    (1 - eps) onehot(y) + eps / V (the transformer paper's 0.1), as torch's ``label_smoothing``.
    """

    def __init__(self, ignore_id: int = -1, label_smoothing: float = 0.0):
        super().__init__()
        if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float)) \
                or not 0 <= label_smoothing < 1:
            raise ValueError(f"SequenceCrossEntropy(label_smoothing) expects eps in [0, 1); got "
                             f"{label_smoothing!r}. The transformer paper uses 0.1.")
        self.ignore_id = ignore_id
        self.label_smoothing = float(label_smoothing)

    def _forward(self, Z, labels):
        return FS.sequence_cross_entropy_forward(Z, *labels, self.label_smoothing)

    _backward = staticmethod(FS.sequence_cross_entropy_backward)

    def prepare_labels(self, prediction, Y):
        Y = xp.asarray(Y)
        if prediction.ndim != 3:
            raise ValueError(f"SequenceCrossEntropy expects logits of shape (N, T, V); got "
                             f"{prediction.shape}. End the model with TimeDistributed(Dense(V)) "
                             "on a recurrent layer with return_sequences=True.")
        if Y.shape != prediction.shape[:2]:
            raise ValueError(f"SequenceCrossEntropy: labels of shape {Y.shape} do not match "
                             f"logits of shape {prediction.shape}; expected token ids of shape "
                             f"{prediction.shape[:2]}, one per step.")
        if Y.dtype.kind == "f" and not (Y == xp.round(Y)).all():
            raise ValueError("SequenceCrossEntropy expects integer token ids; got non-integer labels.")
        ids = Y.astype(xp.int64)
        mask = ids != self.ignore_id
        V = prediction.shape[2]
        kept = ids[mask]
        if not kept.size and ids.size:
            raise ValueError(f"SequenceCrossEntropy: every label in this batch of {ids.shape} is padding "
                             f"({self.ignore_id}), so the cost would be 0.0 and nothing learned. Check Y: "
                             "each sequence needs at least one real token id.")
        if kept.size and (kept.min() < 0 or kept.max() >= V):
            raise ValueError(f"SequenceCrossEntropy: token ids must lie in [0, {V - 1}] (or be "
                             f"{self.ignore_id} for padding); got ids from {kept.min()} to {kept.max()}.")
        return xp.where(mask, ids, 0), mask.astype(prediction.dtype)

    def get_config(self):
        return {"ignore_id": self.ignore_id, "label_smoothing": self.label_smoothing}


class SparseSoftmaxCrossEntropy(Loss):
    """Softmax cross-entropy from logits Z (N, ..., C) and class ids (N, ...), averaged over
    every position: the U-Net's pixel-wise loss (Keras's
    ``SparseCategoricalCrossentropy(from_logits=True)``).

    Masks may also come as (N, H, W, 1), as the course stores them.

    Notes
    -----
    J = -1/M sum_p log softmax(Z[p])[y[p]] over the M positions; dZ = (softmax(Z) - onehot(y)) / M.
    Matches ``torch.nn.functional.cross_entropy`` on (N, C, H, W) logits.
    """

    def _forward(self, Z, ids):
        return FP.sparse_softmax_cross_entropy_forward(Z, ids)

    _backward = staticmethod(FP.sparse_softmax_cross_entropy_backward)

    def prepare_labels(self, prediction, Y):
        Y = xp.asarray(Y)
        if Y.shape == prediction.shape[:-1] + (1,) and prediction.shape[-1] != 1:
            Y = Y[..., 0]                                  # (N, H, W, 1) -> (N, H, W)
        if Y.shape != prediction.shape[:-1]:
            raise ValueError(f"SparseSoftmaxCrossEntropy: labels of shape {Y.shape} do not match "
                             f"logits of shape {prediction.shape}; expected one class id per "
                             f"position, shape {prediction.shape[:-1]}.")
        if Y.dtype.kind == "f" and not (Y == xp.round(Y)).all():
            raise ValueError("SparseSoftmaxCrossEntropy expects integer class ids; got non-integer labels.")
        ids = Y.astype(xp.int64)
        C = prediction.shape[-1]
        if ids.size and (ids.min() < 0 or ids.max() >= C):
            raise ValueError(f"SparseSoftmaxCrossEntropy: the labels hold class ids from {ids.min()} "
                             f"to {ids.max()}, but the model predicts {C} classes (ids 0 to {C - 1}). "
                             "Give the model's last layer as many filters as the mask has classes.")
        return ids


# Keras's names take probabilities (unless from_logits=True), as in Keras; the names with
# "softmax" or "logits" in them are dlspec's losses of logits.
LOSSES = {"binary_crossentropy": BinaryCrossentropy,
          "categorical_crossentropy": CategoricalCrossentropy,
          "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
          "binary_crossentropy_with_logits": BinaryCrossEntropyWithLogits,
          "softmax_crossentropy": SoftmaxCrossEntropy,
          "mse": MeanSquaredError, "mean_squared_error": MeanSquaredError,
          "sequence_crossentropy": SequenceCrossEntropy,
          "sparse_softmax_crossentropy": SparseSoftmaxCrossEntropy}

# Classes of files saved by older dlspec: (today's class, the config that keeps the meaning
# they were saved with). BinaryCrossEntropy took probabilities and averaged over N only.
RENAMED_CLASSES = {"BinaryCrossEntropy": ("BinaryCrossentropy", {"reduction": "sum_over_examples"})}


def get(loss):
    """Return a loss object from an instance or a name such as "binary_crossentropy".

    Any object with ``forward(output, Y) -> cost`` and ``backward() -> dJ/d(output)`` is a
    loss too (a triplet loss, a style cost).
    """
    if isinstance(loss, Loss) or (callable(getattr(loss, "forward", None))
                                  and callable(getattr(loss, "backward", None))):
        return loss
    try:
        return LOSSES[loss]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown loss {loss!r}; expected a Loss or one of {sorted(LOSSES)}.") from None
