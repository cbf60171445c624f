"""Bidirectional: run a recurrent layer forward and a copy of it backward in time, and merge."""
from __future__ import annotations

from ..backend import rng as make_rng, xp
from .layer import Layer
from .recurrent import Recurrent
from .time_distributed import _layer_from_config

MERGE_MODES = ("concat", "sum", "mul", "ave")


class Bidirectional(Layer):
    """A bidirectional RNN (course 5, week 1): a->t from the past and a<-t from the future.

    Parameters
    ----------
    layer : SimpleRNN, LSTM or GRU, or its ``{"class": ..., "config": ...}``
        The forward direction. Its settings (units, return_sequences, return_state...) are
        those of the whole layer.
    merge_mode : {"concat", "sum", "mul", "ave"}
        How the two directions' outputs combine: "concat" (default) joins them on the last
        axis, (N, [T,] 2H), as the course's y<t> = g(Wy [a->t, a<-t] + by) reads them.
    backward_layer : recurrent layer or its config, optional
        The backward direction; by default a copy of ``layer``'s config with its own
        initial weights (drawn from the build rng).

    Notes
    -----
    Forward: y-> = layer(x), y<- = reverse_t(backward_layer(reverse_t(x))), where reversing
    the output only applies with return_sequences (so that step t of both directions lines
    up, as in Keras); a mask (N, T) is reversed with the sequence. Backward splits dy by the
    merge mode, runs each direction's backward, and dx = dx-> + reverse_t(dx<-).

    ``initial_state`` is the forward layer's states followed by the backward layer's
    (``[a0->, c0->, a0<-, c0<-]`` for an LSTM); with return_state the output is
    ``[y, a->T, (c->T), a<-T, (c<-T)]``. ``params``/``grads`` are dicts whose arrays are the
    sub-layers' own, under keys ``forward_Wx``, ..., ``backward_Wx``, ...

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec.nn import LSTM
    >>> Bidirectional(LSTM(4, return_sequences=True)).forward(np.zeros((2, 5, 3))).shape
    (2, 5, 8)
    """

    supports_masking = True

    def __init__(self, layer, merge_mode: str = "concat", backward_layer=None,
                 name: str | None = None):
        layer = _recurrent(layer, "layer")
        if merge_mode not in MERGE_MODES:
            raise ValueError(f"Bidirectional(merge_mode) must be one of {MERGE_MODES}; got "
                             f"{merge_mode!r}. Use 'concat' to keep both directions' features.")
        self._given_backward = backward_layer is not None
        if backward_layer is None:
            # A fresh copy, built later from the build rng: never the forward layer's weights.
            config = {**layer.get_config(), "input_dim": None, "name": f"backward_{layer.name}"}
            backward_layer = type(layer)(**config)
        backward_layer = _recurrent(backward_layer, "backward_layer")
        if backward_layer is layer:
            raise ValueError("Bidirectional(backward_layer) must be a different layer object from "
                             "`layer` (the two directions have their own weights).")
        for attr in ("units", "return_sequences", "return_state", "n_states"):
            if getattr(layer, attr) != getattr(backward_layer, attr):
                raise ValueError(f"Bidirectional: the two directions must agree on {attr}; got "
                                 f"{getattr(layer, attr)!r} and {getattr(backward_layer, attr)!r}.")
        self.layer, self.backward_layer, self.merge_mode = layer, backward_layer, merge_mode
        super().__init__(name or f"bidirectional_{layer.name}")

    # -- life cycle -------------------------------------------------------
    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 2:
            raise ValueError(f"Bidirectional expects sequences (N, T, D); got per-example shape "
                             f"{tuple(input_shape)}.")
        for prefix, sub, sub_rng in (("forward", self.layer, rng),
                                     ("backward", self.backward_layer,
                                      make_rng(int(rng.integers(2 ** 62))))):
            if not sub.built or sub._provisional or sub.input_dim != input_shape[1]:
                sub.build(input_shape, sub_rng, dtype)
            # The same arrays, so that in-place optimizer updates reach the sub-layers.
            self.params.update({f"{prefix}_{k}": v for k, v in sub.params.items()})

    def output_shape(self, input_shape):
        shape = self.layer.output_shape(input_shape)
        out, states = (shape[0], shape[1:]) if self.layer.return_state else (shape, [])
        if self.merge_mode == "concat":
            out = (*out[:-1], 2 * out[-1])
        return [out, *states, *states] if self.layer.return_state else out

    # -- propagation ------------------------------------------------------
    def compute_mask(self, x, mask):
        return mask if self.layer.return_sequences else None

    def forward(self, x, training: bool = False, initial_state=None, mask=None):
        """Both directions over x (N, T, D), merged; see the class Notes."""
        if getattr(x, "ndim", 0) != 3:
            raise ValueError(f"Bidirectional expects sequences of shape (N, T, D); got "
                             f"{tuple(getattr(x, 'shape', ()))}.")
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype if x.dtype.kind == "f" else None)
        k = self.layer.n_states
        init_f = init_b = None
        if initial_state is not None:
            if not isinstance(initial_state, (list, tuple)) or len(initial_state) != 2 * k:
                raise ValueError(f"{self!r} expects initial_state as the forward layer's {k} "
                                 f"state(s) then the backward layer's: a list of {2 * k} arrays "
                                 f"(N, {self.layer.units}); got {_describe(initial_state)}.")
            init_f, init_b = list(initial_state[:k]), list(initial_state[k:])
        mask_b = None if mask is None else xp.asarray(mask)[:, ::-1]
        out_f = self.layer.forward(x, training, init_f, mask)
        out_b = self.backward_layer.forward(x[:, ::-1], training, init_b, mask_b)   # reversed in time
        y_f, states_f = (out_f[0], out_f[1:]) if self.layer.return_state else (out_f, [])
        y_b, states_b = (out_b[0], out_b[1:]) if self.layer.return_state else (out_b, [])
        if self.layer.return_sequences:
            y_b = y_b[:, ::-1]                                                      # step t lines up
        y = self._merge(y_f, y_b)
        keep = (y_f, y_b) if self.merge_mode == "mul" else None
        self._cache = (self.layer._cache, self.backward_layer._cache, keep,
                       initial_state is not None, mask is not None)
        return [y, *states_f, *states_b] if self.layer.return_state else y

    def _merge(self, y_f, y_b):
        if self.merge_mode == "concat":
            return xp.concatenate([y_f, y_b], axis=-1)
        if self.merge_mode == "sum":
            return y_f + y_b
        if self.merge_mode == "ave":
            return (y_f + y_b) * 0.5
        return y_f * y_b

    def _split(self, dy, keep):
        if self.merge_mode == "concat":
            H = self.layer.units
            return dy[..., :H], dy[..., H:]
        if self.merge_mode == "sum":
            return dy, dy
        if self.merge_mode == "ave":
            return dy * 0.5, dy * 0.5
        y_f, y_b = keep
        return dy * y_b, dy * y_f

    def _backward(self, dy, cache):
        cache_f, cache_b, keep, state_given, mask_given = cache
        k = self.layer.n_states
        if self.layer.return_state:
            if not isinstance(dy, (list, tuple)) or len(dy) != 1 + 2 * k:
                raise ValueError(f"{self!r} returns {1 + 2 * k} arrays (return_state=True); "
                                 f"backward expects as many gradients; got {_describe(dy)}.")
            dy, *d_states = dy
        dy_f, dy_b = self._split(dy, keep)
        if self.layer.return_sequences:
            dy_b = dy_b[:, ::-1]
        if self.layer.return_state:
            dy_f, dy_b = [dy_f, *d_states[:k]], [dy_b, *d_states[k:]]
        # Put back this call's caches: the sub-layers may have run other calls since.
        self.layer._cache, self.backward_layer._cache = cache_f, cache_b
        g_f = _as_list(self.layer.backward(dy_f, input_grad=self.input_grad))
        g_b = _as_list(self.backward_layer.backward(dy_b, input_grad=self.input_grad))
        for prefix, sub in (("forward", self.layer), ("backward", self.backward_layer)):
            self.grads.update({f"{prefix}_{key}": g for key, g in sub.grads.items()})
        dx = g_f[0] + g_b[0][:, ::-1] if self.input_grad else None
        states = [*g_f[1:1 + k], *g_b[1:1 + k]] if state_given else []
        grads = [dx, *states, *([None] if mask_given else [])]
        return dx if len(grads) == 1 else grads

    def get_config(self):
        config = {"layer": _spec(self.layer), "merge_mode": self.merge_mode, "name": self.name}
        if self._given_backward:
            config["backward_layer"] = _spec(self.backward_layer)
        return config


def _recurrent(layer, arg):
    if isinstance(layer, dict) and set(layer) == {"class", "config"}:
        layer = _layer_from_config(layer)
    if not isinstance(layer, Recurrent):
        raise TypeError(f"Bidirectional({arg}) wraps a recurrent layer (SimpleRNN, LSTM, GRU); "
                        f"got {type(layer).__name__}.")
    return layer


def _spec(layer):
    return {"class": type(layer).__name__, "config": layer.get_config()}


def _as_list(grads):
    return grads if isinstance(grads, list) else [grads]


def _describe(value):
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    return f"a {type(value).__name__}"
