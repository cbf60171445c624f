"""Sequence to sequence (course 5 week 3): an encoder-decoder and its one-step decoder.

``Seq2Seq`` holds a training model (teacher forcing: the decoder reads the true previous
character) and, sharing its layers, an encoder and a one-step decoder, so that greedy and
beam search (``dlspec.decoding``) can run the same weights one character at a time.
``plain_nmt`` is the encoder-decoder without attention (the encoder's last state is the
whole summary of the source); ``models.attention.attention_nmt`` is the course's ``modelf``.
"""
from __future__ import annotations

from ..backend import xp
from ..decoding import log_softmax_last
from ..nn import LSTM, Dense, Input
from .model import Model


def one_hot_ids(ids, depth, dtype="float32"):
    """Ids (N, T) -> one-hot (N, T, depth), as the course feeds characters to its LSTMs."""
    ids = xp.asarray(ids)
    out = xp.zeros((*ids.shape, depth), dtype=dtype)
    xp.put_along_axis(out, ids[..., None], 1, axis=-1)
    return out


class Seq2Seq:
    """A translation model in parts that share their layers.

    Attributes
    ----------
    model : the training model; inputs ``inputs(X, Y_in)``, one output (N, V) per step.
    encoder : X one-hot (N, Tx, V_x) -> a (N, Tx, 2 n_a) (attention) or [s, c] (plain).
    step : one decoder step: [(a,) y_prev (N, 1, V), s, c] -> [logits (N, V), s, c, (alphas)].
    attention : the attention weights as outputs (None without attention).
    """

    def __init__(self, model, encoder, step, attention, n_s, teacher_forcing=True):
        self.model, self.encoder, self.step, self.attention = model, encoder, step, attention
        self.n_s, self.teacher_forcing = n_s, teacher_forcing
        spec = model.input_spec
        self.Tx, self.human_vocab_size = spec[0]
        self.Ty, self.machine_vocab_size = spec[1] if teacher_forcing else (len(model.outputs), None)

    def count_params(self):
        return self.model.count_params()

    def inputs(self, X, Y_in=None):
        """The training model's inputs from ids: X (N, Tx), Y_in (N, Ty) (start + target)."""
        Xh = one_hot_ids(X, self.human_vocab_size, self.model.dtype)
        ins = [Xh]
        if self.teacher_forcing:
            if Y_in is None:
                raise ValueError("a teacher-forced model needs Y_in (N, Ty): the target shifted "
                                 "right behind the start token.")
            ins.append(one_hot_ids(Y_in, self.machine_vocab_size, self.model.dtype))
        if self.attention is not None:
            zeros = xp.zeros((len(X), self.n_s), dtype=self.model.dtype)
            ins += [zeros, zeros]
        return ins

    def attention_maps(self, X, Y_in):
        """alpha<t, t'> (N, Ty, Tx) for sources X and decoder inputs Y_in (ids)."""
        if self.attention is None:
            raise ValueError("this model has no attention (plain encoder-decoder).")
        maps = self.attention.forward(self.inputs(X, Y_in))
        return xp.stack([m[..., 0] for m in maps], axis=1)     # Ty x (N, Tx, 1) -> (N, Ty, Tx)

    def step_function(self, X):
        """``step(tokens, index) -> log P(y<t> | x, y<1..t-1>)`` for ``dlspec.decoding``.

        The source ids X (n, Tx) are encoded once; the decoder states reached after each
        prefix are remembered, so every call runs one LSTM step per prefix.
        """
        if self.step is None:
            raise ValueError("the course's modelf (teacher_forcing=False) has no one-step decoder: "
                             "its outputs do not depend on the previous characters.")
        enc = self.encoder.forward(one_hot_ids(X, self.human_vocab_size, self.model.dtype))
        a = enc if self.attention is not None else None
        if a is None:
            s0, c0 = enc
        else:
            s0 = c0 = xp.zeros((len(X), self.n_s), dtype=self.model.dtype)
        memo = {"rows": {}, "s": None, "c": None}

        def step(tokens, index):
            if tokens.shape[1] == 1:
                s, c = s0[index], c0[index]
            else:
                # NOTE: the states after each prefix's parent, computed in the last call. A
                # dict lookup per row is bookkeeping (B n lookups per step), not array math;
                # the decoders may reorder and duplicate prefixes between calls.
                rows = [memo["rows"][(i, p.tobytes())] for i, p in zip(index.tolist(), tokens[:, :-1])]
                s, c = memo["s"][rows], memo["c"][rows]
            y = one_hot_ids(tokens[:, -1:], self.machine_vocab_size, self.model.dtype)   # (B, 1, V)
            ins = [y, s, c] if a is None else [a[index], y, s, c]
            logits, s, c, *_ = self.step.forward(ins)
            memo["rows"] = {(i, p.tobytes()): r for r, (i, p) in enumerate(zip(index.tolist(), tokens))}
            memo["s"], memo["c"] = s, c
            return log_softmax_last(logits.astype(xp.float64))
        return step


def plain_nmt(Tx, Ty, n_s, human_vocab_size, machine_vocab_size, seed=0, dtype=None):
    """An encoder-decoder without attention, teacher-forced: the comparison for ``attention_nmt``.

    An LSTM (n_s) reads the source; its last states [a<Tx>, c<Tx>] start a decoder LSTM (n_s)
    stepped Ty times on the previous character; a Dense layer gives each step's logits.
    Inputs [X (N, Tx, V_x) one-hot, Y_prev (N, Ty, V_y) one-hot]; Ty outputs (N, V_y).

    Examples
    --------
    >>> plain_nmt(30, 11, 64, 37, 14).count_params()
    47246
    """
    encoder_rnn = LSTM(n_s, return_state=True)
    cell = LSTM(n_s, return_state=True)
    output_layer = Dense(machine_vocab_size)
    X = Input((Tx, human_vocab_size))
    Y_prev = Input((Ty, machine_vocab_size), name="Y_prev")
    _, h, c_enc = encoder_rnn(X)
    s, c, outputs = h, c_enc, []
    for t in range(Ty):
        _, s, c = cell(Y_prev[:, t:t + 1, :], initial_state=[s, c])
        outputs.append(output_layer(s))
    model = Model([X, Y_prev], outputs, seed=seed, dtype=dtype, name="plain_nmt")
    y_in = Input((1, machine_vocab_size), name="y_prev")
    s_in, c_in = Input((n_s,), name="s"), Input((n_s,), name="c")
    _, s1, c1 = cell(y_in, initial_state=[s_in, c_in])
    step = Model([y_in, s_in, c_in], [output_layer(s1), s1, c1], name="decoder_step")
    return Seq2Seq(model, Model(X, [h, c_enc], name="encoder"), step, None, n_s)
