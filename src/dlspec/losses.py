"""Loss objects: validate the labels, then call the pure functions in ``functional.losses``.

``loss.forward(prediction, Y) -> cost`` (a float); ``loss.backward() -> dJ/d(prediction)``.
"""
from __future__ import annotations

from .backend import xp
from .functional import losses as F
from .functional import pixel_losses as FP
from .functional import sequence_losses as FS


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

    __call__ = forward

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
                             "SoftmaxCrossEntropy; for real-valued targets use MeanSquaredError.")
        return Y


class BinaryCrossEntropy(_BinaryLabels):
    """Binary cross-entropy of probabilities A (N, 1) (after a Sigmoid), labels in {0, 1}.

    Notes
    -----
    J = -1/N sum(Y log A + (1 - Y) log(1 - A)); dA = -(Y/A - (1 - Y)/(1 - A)) / N.
    Matches ``torch.nn.BCELoss`` (log clamped at -100).
    """

    _forward = staticmethod(F.binary_cross_entropy_forward)
    _backward = staticmethod(F.binary_cross_entropy_backward)

    def predict_classes(self, A):
        return (A.reshape(len(A), -1)[:, 0] > 0.5).astype(xp.int64)


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


def one_hot(ids, num_classes, dtype=None):
    """Class ids (N,) -> one-hot rows (N, num_classes)."""
    Y = xp.zeros((ids.shape[0], num_classes), dtype=dtype or xp.float32)
    Y[xp.arange(ids.shape[0]), ids] = 1
    return Y


LOSSES = {"binary_crossentropy": BinaryCrossEntropy,
          "binary_crossentropy_with_logits": BinaryCrossEntropyWithLogits,
          "softmax_crossentropy": SoftmaxCrossEntropy, "categorical_crossentropy": SoftmaxCrossEntropy,
          "mse": MeanSquaredError, "sequence_crossentropy": SequenceCrossEntropy,
          "sparse_softmax_crossentropy": SparseSoftmaxCrossEntropy}


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


class MultiOutputLoss(Loss):
    """The cost of a model with several outputs: J = sum_k w_k J_k(output_k, Y_k).

    Built by ``Model.compile`` from one loss per output (``loss=[...]`` or a dict) and
    ``loss_weights``; ``forward`` takes the outputs and targets as the model gives them
    (a list or a dict), ``backward`` returns w_k dJ_k/d(output_k) in the same form. An output
    whose loss is None gets no cost and no gradient. ``costs`` holds the last J_k.
    """

    def __init__(self, losses, loss_weights=None, keys=None):
        super().__init__()
        self.keys = keys
        self.losses = [_one_loss(l) for l in losses]
        self.loss_weights = [1.0] * len(self.losses) if loss_weights is None else list(loss_weights)
        self.costs = []

    def _flat(self, value):
        return [value[k] for k in self.keys] if isinstance(self.keys, list) else list(value)

    def _pack(self, values):
        return dict(zip(self.keys, values)) if isinstance(self.keys, list) else values

    def forward(self, prediction, Y):
        outs = self._flat(prediction)
        ys = self._flat(Y) if Y is not None else [None] * len(outs)
        self.costs = [None if l is None else l.forward(o, y) for l, o, y in zip(self.losses, outs, ys)]
        self._cache = [None if l is None else o for l, o in zip(self.losses, outs)]
        return float(sum(w * c for w, c in zip(self.loss_weights, self.costs) if c is not None))

    def _backward(self, outs):
        return self._pack([None if l is None else w * l.backward()
                           for l, w in zip(self.losses, self.loss_weights)])

    def get_config(self):
        return {"losses": [None if l is None else [type(l).__name__, l.get_config()] for l in self.losses],
                "loss_weights": self.loss_weights, "keys": self.keys}


def _one_loss(loss):
    """A loss, or None; ``[class name, config]`` as ``MultiOutputLoss.get_config`` saves it."""
    if loss is None:
        return None
    if isinstance(loss, (list, tuple)) and len(loss) == 2 and isinstance(loss[0], str):
        cls = globals().get(loss[0])
        if not (isinstance(cls, type) and issubclass(cls, Loss)):
            raise ValueError(f"Unknown loss class {loss[0]!r} in a saved MultiOutputLoss.")
        return cls(**loss[1])
    return get(loss)


def for_outputs(loss, keys, loss_weights=None):
    """The loss ``compile`` uses: one loss for one output, else a MultiOutputLoss.

    ``keys`` is the model's output structure: None (one output), an int (a list of that
    many) or the list of a dict's keys. A name or a dlspec Loss given for several outputs
    applies to each of them; any other object with ``forward``/``backward`` (a triplet loss)
    gets all the outputs together, as the model returns them.
    """
    if keys is None:
        if isinstance(loss, (list, tuple, dict)):
            raise ValueError(f"The model has one output; give one loss, got {type(loss).__name__}.")
        if loss_weights is not None:
            raise ValueError("loss_weights weigh several outputs; this model has one output.")
        return get(loss)
    if isinstance(loss, MultiOutputLoss) or not isinstance(loss, (str, Loss, list, tuple, dict)):
        return get(loss)     # your own object (a triplet loss) gets all the outputs together
    n = keys if isinstance(keys, int) else len(keys)
    names = list(range(n)) if isinstance(keys, int) else keys
    if isinstance(loss, dict):
        unknown = set(loss) - set(names)
        if unknown or isinstance(keys, int):
            raise ValueError(f"loss as a dict needs the model's output names {names}; got {list(loss)}.")
        per = [loss.get(k) for k in names]
    elif isinstance(loss, (list, tuple)):
        if len(loss) != n:
            raise ValueError(f"The model has {n} outputs; give {n} losses (None for an output "
                             f"without a cost); got {len(loss)}.")
        per = list(loss)
    else:          # the same kind of loss for every output, one object each (each keeps a cache)
        import copy
        per = [copy.deepcopy(get(loss)) for _ in range(n)]
    if isinstance(loss_weights, dict):
        loss_weights = [loss_weights.get(k, 1.0) for k in names]
    if loss_weights is not None and len(loss_weights) != n:
        raise ValueError(f"loss_weights needs {n} numbers, one per output; got {len(loss_weights)}.")
    return MultiOutputLoss(per, loss_weights, None if isinstance(keys, int) else keys)
