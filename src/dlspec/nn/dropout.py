"""Dropout layer: inverted dropout with a seeded mask."""
from __future__ import annotations

from ..backend import xp
from ..functional.dropout import dropout_backward, dropout_forward, dropout_mask
from .layer import Layer

_IDENTITY = ()   # the cache of a pass-through forward (inference or keep_prob = 1)


class Dropout(Layer):
    """Inverted dropout: in training, drop each unit with probability ``rate`` (Keras's meaning).

    ``Dropout(0.3)`` drops 30% of the units, as in Keras and the course's Keras models;
    course 2's NumPy notation is kept as a keyword: ``Dropout(keep_prob=0.7)`` is the same layer.

    Parameters
    ----------
    rate : float in [0, 1)
        Probability of dropping a unit (Keras's ``rate``); 0 turns dropout off.
    keep_prob : float in (0, 1], keyword only
        Course 2's probability of keeping a unit, 1 - rate. Give ``rate`` or ``keep_prob``,
        not both.
    seed : int, optional
        Seeds this layer's masks. By default the seed derives from the model's seed
        (without taking any draw from the stream that initializes the weights, so
        adding dropout does not change the initial weights of the other layers).
    fixed_mask : bool
        If True, every training forward draws the same mask (its Generator is re-seeded
        from the stored seed on each call), which makes the layer a fixed function of
        its input: what a gradient check needs. Leave False to train: then every
        training forward draws a new mask, and the same seed gives the same masks.

    Attributes
    ----------
    keep_prob : float, 1 - rate: what the masks use, whichever way the layer was given.
    mask : the last scaled mask D / keep_prob (same shape as the input), or None.
    state : {"step": 0-d int64 array}, the number of training forwards so far. The
        mask of step t comes from a Generator seeded with (seed, t), so a model restored
        from a checkpoint (which saves ``state``) draws the same masks as one that never
        stopped.

    Notes
    -----
    Forward (training): D = (U < keep_prob) with U uniform in [0, 1), A = A_prev * D / keep_prob.
    Backward: dA_prev = dA * D / keep_prob. At inference the layer is the identity: the
    division by keep_prob during training already keeps each unit's expected value.
    ``get_config`` keeps the keyword the layer was given, so files saved before dlspec took
    Keras's meaning (whose config says ``keep_prob``) load with the meaning they were saved with.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dropout(0.5, seed=0)
    >>> y = layer.forward(np.ones((2, 4), np.float32), training=True)
    >>> sorted(set(y.ravel().tolist()))
    [0.0, 2.0]
    >>> layer.forward(np.ones((2, 4), np.float32)).tolist()[0]
    [1.0, 1.0, 1.0, 1.0]
    >>> Dropout(keep_prob=0.8).keep_prob == Dropout(0.2).keep_prob
    True
    """

    propagates_mask = True      # per step: a mask from an Embedding passes through

    def __init__(self, rate: float | None = None, *, keep_prob: float | None = None,
                 seed: int | None = None, fixed_mask: bool = False, noise_shape=None,
                 name: str | None = None):
        super().__init__(name)
        self.keep_prob = _keep_prob(rate, keep_prob)
        self.rate = 1.0 - self.keep_prob if rate is None else float(rate)
        self._given_keep_prob = keep_prob is not None     # which keyword the config repeats
        if noise_shape is not None:
            raise ValueError(f"Dropout(noise_shape={noise_shape!r}) is not supported: dlspec draws "
                             "one mask entry per unit. Leave noise_shape=None (a mask shared "
                             "along an axis, as SpatialDropout, is not implemented).")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise TypeError(f"Dropout(seed) expects an int or None; got {seed!r}.")
        self.seed = seed
        self.fixed_mask = bool(fixed_mask)
        self.mask = None
        self._seed = seed

    def _build(self, input_shape, rng, dtype):
        if self.seed is None:
            self._seed = _derived_seed(rng)
        self.state["step"] = xp.zeros((), dtype=xp.int64)

    def _forward(self, x, training):
        if not training or self.keep_prob == 1.0:
            return x, _IDENTITY
        if self.fixed_mask:
            rng = xp.random.default_rng(self._seed)
        else:
            rng = xp.random.default_rng([self._seed, int(self.state["step"])])
            self.state["step"][...] = self.state["step"] + 1   # in place: model.state shares it
        self.mask = dropout_mask(x.shape, self.keep_prob, rng, x.dtype)
        return dropout_forward(x, self.mask)

    def _backward(self, dA, mask):
        if mask is _IDENTITY:
            return dA
        return dropout_backward(dA, mask)

    def get_config(self):
        given = {"keep_prob": self.keep_prob} if self._given_keep_prob else {"rate": self.rate}
        return {**given, "seed": self.seed, "fixed_mask": self.fixed_mask, "name": self.name}


def _keep_prob(rate, keep_prob) -> float:
    """Course 2's keep_prob from exactly one of Keras's ``rate`` and the course's ``keep_prob``."""
    if (rate is None) == (keep_prob is None):
        raise ValueError("Dropout needs exactly one of rate (Keras: the share of units dropped, "
                         f"Dropout(0.3)) and keep_prob (course 2: the share kept, "
                         f"Dropout(keep_prob=0.7)); got rate={rate!r}, keep_prob={keep_prob!r}.")
    if keep_prob is not None:
        if isinstance(keep_prob, bool) or not isinstance(keep_prob, (int, float)) or not 0 < keep_prob <= 1:
            raise ValueError(f"Dropout(keep_prob) expects the probability of keeping a unit, in "
                             f"(0, 1]; got {keep_prob!r}. For Keras's rate r write Dropout(r).")
        return float(keep_prob)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise ValueError(f"Dropout(rate) expects the probability of dropping a unit (Keras's "
                         f"meaning), in [0, 1); got {rate!r}. For course 2's keep_prob write "
                         "Dropout(keep_prob=...).")
    return 1.0 - float(rate)


def _derived_seed(rng) -> int:
    """A seed from ``rng``'s seed sequence, leaving its stream of draws untouched."""
    try:
        child = rng.bit_generator.seed_seq.spawn(1)[0]
        return int(child.generate_state(1, xp.uint64)[0])
    except (AttributeError, TypeError):   # a bit generator without a seed sequence
        return int(rng.integers(2 ** 63))
