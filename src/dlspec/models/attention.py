"""The course's attention model for date translation (course 5 week 3): ``one_step_attention``
and ``modelf``, written as the course writes them with the functional API."""
from __future__ import annotations

from types import SimpleNamespace

from ..nn import LSTM, Bidirectional, Concatenate, Dense, Dot, Input, RepeatVector, Softmax
from .model import Model


def attention_layers(Tx, densor1_units=10):
    """The layers ``one_step_attention`` shares across the Ty output steps (the course's globals)."""
    return SimpleNamespace(repeator=RepeatVector(Tx), concatenator=Concatenate(axis=-1),
                           densor1=Dense(densor1_units, activation="tanh"),
                           densor2=Dense(1, activation="relu"),
                           activator=Softmax(axis=1, name="attention_weights"), dotor=Dot(axes=1))


def one_step_attention(a, s_prev, layers):
    """The context for one output step: attention weights over the Tx encoder states.

    Parameters
    ----------
    a : symbolic (N, Tx, 2 n_a), the Bidirectional LSTM's hidden states.
    s_prev : symbolic (N, n_s), the post-attention LSTM's previous state s<t-1>.
    layers : from ``attention_layers(Tx)``: the same layers at every step (shared weights).

    Returns
    -------
    context : symbolic (N, 1, 2 n_a) = sum over t' of alpha<t, t'> a<t'>.

    Notes
    -----
    e<t, t'> = relu(tanh([a<t'>; s<t-1>] W1 + b1) W2 + b2); alpha<t, t'> = softmax over t'.
    """
    s_prev = layers.repeator(s_prev)                 # (N, n_s) -> (N, Tx, n_s)
    concat = layers.concatenator([a, s_prev])        # (N, Tx, 2 n_a + n_s)
    e = layers.densor1(concat)                       # (N, Tx, 10)
    energies = layers.densor2(e)                     # (N, Tx, 1)
    alphas = layers.activator(energies)              # (N, Tx, 1), sums to 1 over Tx
    return layers.dotor([alphas, a])                 # (N, 1, 2 n_a)


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, seed=0, dtype=None):
    """The course's attention model: 52,960 parameters at Tx 30, Ty 10, n_a 32, n_s 64, 37 input
    and 11 output characters.

    Inputs ``[X (N, Tx, human_vocab_size) one-hot, s0 (N, n_s), c0 (N, n_s)]``; outputs a list of
    Ty arrays (N, machine_vocab_size), softmax probabilities as in the course.
    """
    layers = attention_layers(Tx)
    post_activation_LSTM_cell = LSTM(n_s, return_state=True)
    output_layer = Dense(machine_vocab_size, activation="softmax")
    X = Input((Tx, human_vocab_size))
    s0 = Input((n_s,), name="s0")
    c0 = Input((n_s,), name="c0")
    s, c = s0, c0
    outputs = []
    a = Bidirectional(LSTM(n_a, return_sequences=True))(X)
    for _ in range(Ty):
        context = one_step_attention(a, s, layers)
        _, s, c = post_activation_LSTM_cell(inputs=context, initial_state=[s, c])
        outputs.append(output_layer(inputs=s))
    return Model(inputs=[X, s0, c0], outputs=outputs, seed=seed, dtype=dtype, name="attention_nmt")
