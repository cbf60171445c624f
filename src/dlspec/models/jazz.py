"""The course's jazz model (course 5 week 1): one LSTM cell stepped Tx times, ``djmodel``;
``music_inference_model`` and ``generate_music`` to improvise with it."""
from __future__ import annotations

import numpy as np

from ..backend import xp
from ..nn import Input, Reshape
from ..nn.layer import Layer
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


class OneHotArgmax(Layer):
    """(N, n_values) scores -> the one-hot of their argmax (the course's ``one_hot`` of
    ``argmax(out)``): the next input of ``music_inference_model``. Not differentiable; its
    backward returns zeros (nothing trains through a sampled input)."""

    def _forward(self, x, training):
        return xp.eye(x.shape[-1], dtype=x.dtype)[xp.argmax(x, axis=-1)], x.shape

    def _backward(self, dy, shape):
        return xp.zeros(shape, dtype=dy.dtype)


def music_inference_model(LSTM_cell, densor, Ty: int = 100, seed=0, dtype=None):
    """The course's inference model: the trained ``LSTM_cell`` and ``densor`` stepped ``Ty``
    times, each step's one-hot argmax fed back as the next input (a graph of Ty calls).

    Parameters
    ----------
    LSTM_cell, densor : the layers trained by ``djmodel`` (shared, with their weights).
    Ty : values to generate.

    Returns
    -------
    Model with inputs ``[x0 (N, 1, n_values), a0 (N, n_a), c0 (N, n_a)]`` and Ty outputs
    (N, n_values), the scores of each step. For sampling with a temperature use
    ``generate_music``, which steps the same layers outside the graph.
    """
    n_values, n_a = densor.units, LSTM_cell.units
    x0 = Input((1, n_values), name="x0")
    a0 = Input((n_a,), name="a0")
    c0 = Input((n_a,), name="c0")
    x, a, c = x0, a0, c0
    one_hot, reshaper, outputs = OneHotArgmax(), Reshape((1, n_values)), []
    for t in range(Ty):
        a, _, c = LSTM_cell(inputs=x, initial_state=[a, c])
        out = densor(a)
        outputs.append(out)
        x = reshaper(one_hot(out))                        # (N, n_values) -> (N, 1, n_values)
    return Model(inputs=[x0, a0, c0], outputs=outputs, seed=seed, dtype=dtype, name="music_inference")


def generate_music(LSTM_cell, densor, Ty: int, x0=None, temperature: float = 1.0, rng=None, m: int = 1):
    """Sample ``Ty`` values from the trained cell: p = softmax(z / temperature) at each step,
    the drawn value's one-hot fed back (temperature 0: argmax, as ``music_inference_model``).

    Returns
    -------
    int64 (m, Ty) value ids.
    """
    if isinstance(temperature, bool) or not temperature >= 0:
        raise ValueError(f"temperature must be >= 0 (0: argmax); got {temperature!r}.")
    rng = np.random.default_rng(rng)
    n_values, n_a = densor.units, LSTM_cell.units
    x = xp.zeros((m, 1, n_values), dtype=densor.dtype) if x0 is None else x0
    a = c = xp.zeros((m, n_a), dtype=densor.dtype)
    ids = np.zeros((m, Ty), dtype=np.int64)
    for t in range(Ty):
        _, a, c = LSTM_cell.forward(x, initial_state=[a, c])
        z = np.asarray(densor.forward(a), dtype=np.float64)          # (m, n_values)
        if temperature == 0:
            ids[:, t] = z.argmax(axis=-1)
        else:
            p = np.exp((z - z.max(axis=-1, keepdims=True)) / temperature)
            p /= p.sum(axis=-1, keepdims=True)
            ids[:, t] = (p.cumsum(axis=-1) > rng.random((m, 1))).argmax(axis=-1)
        x = xp.eye(n_values, dtype=densor.dtype)[ids[:, t]][:, None, :]   # (m, 1, n_values)
    return ids
