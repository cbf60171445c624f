"""The course's attention model for date translation (course 5 week 3): ``one_step_attention``
and ``modelf``, written as the course writes them with the functional API."""
from __future__ import annotations

from types import SimpleNamespace

from ..nn import LSTM, Bidirectional, Concatenate, Dense, Dot, Input, RepeatVector, Softmax
from .model import Model
from .seq2seq import Seq2Seq


def attention_layers(Tx, densor1_units=10):
    """The layers ``one_step_attention`` shares across the Ty output steps (the course's globals)."""
    return SimpleNamespace(repeator=RepeatVector(Tx), concatenator=Concatenate(axis=-1),
                           densor1=Dense(densor1_units, activation="tanh"),
                           densor2=Dense(1, activation="relu"),
                           activator=Softmax(axis=1, name="attention_weights"), dotor=Dot(axes=1))


def one_step_attention(a, s_prev, layers, return_alphas=False):
    """The context for one output step: attention weights over the Tx encoder states.

    Parameters
    ----------
    a : symbolic (N, Tx, 2 n_a), the Bidirectional LSTM's hidden states.
    s_prev : symbolic (N, n_s), the post-attention LSTM's previous state s<t-1>.
    layers : from ``attention_layers(Tx)``: the same layers at every step (shared weights).
    return_alphas : also return the attention weights (for plotting).

    Returns
    -------
    context : symbolic (N, 1, 2 n_a) = sum over t' of alpha<t, t'> a<t'>.
    alphas : symbolic (N, Tx, 1), only with ``return_alphas``.

    Notes
    -----
    e<t, t'> = relu(tanh([a<t'>; s<t-1>] W1 + b1) W2 + b2); alpha<t, t'> = softmax over t'.
    """
    s_prev = layers.repeator(s_prev)                 # (N, n_s) -> (N, Tx, n_s)
    concat = layers.concatenator([a, s_prev])        # (N, Tx, 2 n_a + n_s)
    e = layers.densor1(concat)                       # (N, Tx, 10)
    energies = layers.densor2(e)                     # (N, Tx, 1)
    alphas = layers.activator(energies)              # (N, Tx, 1), sums to 1 over Tx
    context = layers.dotor([alphas, a])              # (N, 1, 2 n_a)
    return (context, alphas) if return_alphas else context


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, seed=0, dtype=None,
           teacher_forcing=False, output_activation="softmax"):
    """The course's attention model: 52,960 parameters at Tx 30, Ty 10, n_a 32, n_s 64, 37 input
    and 11 output characters.

    Inputs ``[X (N, Tx, human_vocab_size) one-hot, s0 (N, n_s), c0 (N, n_s)]``; outputs a list of
    Ty arrays (N, machine_vocab_size), softmax probabilities as in the course
    (``output_activation=None``: logits, for ``softmax_crossentropy``). With
    ``teacher_forcing`` the post-attention LSTM also reads the previous character (an extra
    input ``Y_prev`` (N, Ty, machine_vocab_size), one-hot, after X): see ``attention_nmt``.
    """
    return attention_nmt(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, seed, dtype,
                         teacher_forcing, output_activation).model


def attention_nmt(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, seed=0, dtype=None,
                  teacher_forcing=True, output_activation=None):
    """``modelf`` and three models sharing its layers: attention maps, encoder, one decoder step.

    Returns
    -------
    Seq2Seq with ``model`` (training: inputs [X, (Y_prev,) s0, c0], Ty outputs), ``attention``
    (same inputs, the Ty attention weights (N, Tx, 1) as outputs), ``encoder`` (X -> a
    (N, Tx, 2 n_a)) and ``step`` ([a, y_prev (N, 1, V), s, c] -> [y<t>, s, c, alphas]), for
    ``Seq2Seq.step_function`` (greedy and beam search); ``layers`` names the shared layers
    (``encoder``, ``densor1``, ``densor2``, ``cell``, ``output``...).

    Notes
    -----
    With teacher forcing the decoder input at step t is [context<t>; y<t-1>] where y<t-1> is
    the true previous character in training (``Y_prev``, the target shifted right behind a
    start token) and the decoded one at inference: the model is P(y<t> | x, y<1..t-1>), which
    beam search needs. The course's model (``teacher_forcing=False``) predicts every y<t>
    from x and s<t-1> alone.
    """
    layers = attention_layers(Tx)
    cell = LSTM(n_s, return_state=True)
    output_layer = Dense(machine_vocab_size, activation=output_activation)
    encoder_rnn = Bidirectional(LSTM(n_a, return_sequences=True))
    with_previous = Concatenate(axis=-1)
    X = Input((Tx, human_vocab_size))
    s0, c0 = Input((n_s,), name="s0"), Input((n_s,), name="c0")
    Y_prev = Input((Ty, machine_vocab_size), name="Y_prev") if teacher_forcing else None
    a = encoder_rnn(X)

    def decoder_step(a, s, c, y_prev):
        context, alphas = one_step_attention(a, s, layers, return_alphas=True)
        if y_prev is not None:
            context = with_previous([context, y_prev])      # (N, 1, 2 n_a + V)
        _, s, c = cell(inputs=context, initial_state=[s, c])
        return output_layer(inputs=s), s, c, alphas

    s, c, outputs, maps = s0, c0, [], []
    for t in range(Ty):
        y, s, c, alphas = decoder_step(a, s, c, None if Y_prev is None else Y_prev[:, t:t + 1, :])
        outputs.append(y)
        maps.append(alphas)
    inputs = [X, s0, c0] if Y_prev is None else [X, Y_prev, s0, c0]
    model = Model(inputs=inputs, outputs=outputs, seed=seed, dtype=dtype, name="attention_nmt")
    attention = Model(inputs=inputs, outputs=maps, name="attention_maps")
    step = None
    if teacher_forcing:
        a_in = Input((Tx, 2 * n_a), name="a")
        y_in = Input((1, machine_vocab_size), name="y_prev")
        s_in, c_in = Input((n_s,), name="s"), Input((n_s,), name="c")
        step = Model([a_in, y_in, s_in, c_in], list(decoder_step(a_in, s_in, c_in, y_in)),
                     name="decoder_step")
    net = Seq2Seq(model, Model(X, a, name="encoder"), step, attention, n_s, teacher_forcing)
    net.layers = SimpleNamespace(encoder=encoder_rnn, cell=cell, output=output_layer, **vars(layers))
    return net
