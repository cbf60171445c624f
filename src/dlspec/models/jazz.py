"""The course's jazz model (course 5 week 1): one LSTM cell stepped Tx times, ``djmodel``."""
from __future__ import annotations

from ..nn import Input
from .model import Model


def djmodel(Tx, LSTM_cell, densor, reshaper, seed=0, dtype=None):
    """The course's training model: at every step t, x<t> = X[:, t, :] enters the shared
    ``LSTM_cell`` with the state (a, c) of the step before, and ``densor`` predicts the next
    value. 45,530 parameters with n_a = 64, 90 values, Tx = 30 (the course's).

    Parameters
    ----------
    Tx : time steps.
    LSTM_cell : ``LSTM(n_a, return_state=True)``, called once per step (shared weights).
    densor : ``Dense(n_values)`` (logits; train with "softmax_crossentropy"), or with
        ``activation="softmax"`` as in the course.
    reshaper : ``Reshape((1, n_values))``: one step as a sequence of length 1.

    Returns
    -------
    Model with inputs ``[X (N, Tx, n_values), a0 (N, n_a), c0 (N, n_a)]`` and Tx outputs
    (N, n_values).
    """
    n_values, n_a = densor.units, LSTM_cell.units
    X = Input((Tx, n_values))
    a0 = Input((n_a,), name="a0")
    c0 = Input((n_a,), name="c0")
    a, c = a0, c0
    outputs = []
    for t in range(Tx):
        x = X[:, t, :]                                  # (N, n_values)
        x = reshaper(x)                                 # (N, 1, n_values)
        a, _, c = LSTM_cell(inputs=x, initial_state=[a, c])
        outputs.append(densor(a))
    return Model(inputs=[X, a0, c0], outputs=outputs, seed=seed, dtype=dtype, name="djmodel")
