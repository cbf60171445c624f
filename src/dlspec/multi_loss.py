"""The cost of a model with several outputs: one loss per output, weighted and summed.

``Model.compile`` builds it (``for_outputs``) when a model has a list or dict of outputs.
"""
from __future__ import annotations

import copy
import math
import numbers

from . import losses
from .losses import Loss, get


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
        # A weight of 1 hands the gradient on as it is, so the fused path of a Keras
        # cross-entropy still recognises it at the output layer (dlspec.logits_link).
        return self._pack([None if l is None else _weighted(w, l.backward())
                           for l, w in zip(self.losses, self.loss_weights)])

    def get_config(self):
        return {"losses": [None if l is None else [type(l).__name__, l.get_config()] for l in self.losses],
                "loss_weights": self.loss_weights, "keys": self.keys}


def _weighted(w, gradient):
    return gradient if w == 1 else w * gradient


def _one_loss(loss):
    """A loss, or None; ``[class name, config]`` as ``MultiOutputLoss.get_config`` saves it."""
    if loss is None:
        return None
    if isinstance(loss, (list, tuple)) and len(loss) == 2 and isinstance(loss[0], str):
        cls = getattr(losses, loss[0], None)
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
        per = [copy.deepcopy(get(loss)) for _ in range(n)]
    return MultiOutputLoss(per, check_loss_weights(loss_weights, names, isinstance(keys, int)),
                           None if isinstance(keys, int) else keys)


def check_loss_weights(loss_weights, names, listed):
    """The weights as a list of finite numbers >= 0, one per output (a dict: by output name,
    1.0 for a name left out); refuses strings, unknown names and a weighting of all zeros."""
    if loss_weights is None:
        return None
    n = len(names)
    example = f"[1.0] * {n}" if listed else "{" + ", ".join(f"{k!r}: 1.0" for k in names) + "}"
    fix = f"Give one number >= 0 per output, for example loss_weights={example}."
    if isinstance(loss_weights, dict):
        unknown = [k for k in loss_weights if k not in names]
        if unknown or listed:
            raise ValueError(f"loss_weights names {unknown or list(loss_weights)}, which are not "
                             f"output names of this model (its outputs: {names}). {fix}")
        loss_weights = [loss_weights.get(k, 1.0) for k in names]
    if isinstance(loss_weights, (str, bytes)) or not hasattr(loss_weights, "__len__"):
        raise TypeError(f"loss_weights must be a list or dict of {n} numbers; got "
                        f"{type(loss_weights).__name__} {loss_weights!r}. {fix}")
    if len(loss_weights) != n:
        raise ValueError(f"loss_weights needs {n} numbers, one per output; got {len(loss_weights)}. {fix}")
    weights = []
    for k, w in zip(names, loss_weights):
        if isinstance(w, bool) or not isinstance(w, numbers.Real):
            raise TypeError(f"loss_weights[{k!r}] must be a number >= 0; got {type(w).__name__} {w!r}. {fix}")
        if not (math.isfinite(w) and w >= 0):
            raise ValueError(f"loss_weights[{k!r}] must be a finite number >= 0; got {w!r}. {fix}")
        weights.append(float(w))
    if not any(weights):
        raise ValueError(f"loss_weights are all 0: no output would be trained. {fix}")
    return weights
