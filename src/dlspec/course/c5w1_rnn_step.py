"""Course 5, week 1, "Building your Recurrent Neural Network: Step by Step", in the course's layout.

x is (n_x, m, T_x), a0 (n_a, m), weights act on columns (Wax (n_a, n_x)); the LSTM's
Wf, Wi, Wc, Wo (n_a, n_a + n_x) act on [a_prev; xt]. dlspec's kernels are batch first,
(m, T_x, n_x), with weights transposed and the LSTM's four gates stacked (f, u = the
course's i, c~, o): every function here transposes at the boundary and calls
``functional.rnn.rnn_forward``/``rnn_backward`` or ``functional.lstm.lstm_forward``/
``lstm_backward`` (a cell is a sequence of one step), ``dense_forward`` and ``softmax_forward``
for the predictions. Caches are the course's tuples; the backward functions rebuild the
kernels' caches from them with one forward pass.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C5 .../Week 1/
Building a Recurrent Neural Network - Step by Step/
Building_a_Recurrent_Neural_Network_Step_by_Step_v3a.ipynb" (its printed values) and the
2021 public_tests.py of the same folder.
"""
from __future__ import annotations

import numpy as np

from ..functional import lstm as lstm_k, rnn as rnn_k
from ..functional.activations import softmax_forward
from . import _checks
from ._columns import linear

GATES = ("f", "i", "c", "o")          # the course's names, in the kernel's stacking order


def _softmax_columns(W, a, b):
    """softmax(W a + b) over the rows of (n_y, m): dense then softmax kernels."""
    y, _ = softmax_forward(linear(a, W, b), axis=0)
    return y


def _rnn_params(parameters, n_x, fn):
    W = _checks.entries(parameters, {"Waa": None, "Wya": None}, fn)
    n_a, n_y = W["Waa"].shape[0], W["Wya"].shape[0]
    return _checks.entries(parameters, {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a),
                                        "ba": (n_a, 1), "by": (n_y, 1)}, fn)


def _rnn_run(x_bf, a0, p):
    """The kernel on batch-first x (m, T, n_x) and a0 (n_a, m): a (m, T, n_a) and its cache."""
    return rnn_k.rnn_forward(x_bf, a0.T, p["Wax"].T, p["Waa"].T, p["ba"].ravel())


def rnn_cell_forward(xt, a_prev, parameters):
    """a_next = tanh(Wax xt + Waa a_prev + ba), yt_pred = softmax(Wya a_next + by); cache
    (a_next, a_prev, xt, parameters)."""
    xt = _checks.columns(xt, _n_x(parameters, "Wax", "rnn_cell_forward"), "xt", "rnn_cell_forward")
    p = _rnn_params(parameters, xt.shape[0], "rnn_cell_forward")
    a_prev = _checks.columns(a_prev, p["Waa"].shape[0], "a_prev", "rnn_cell_forward", what="n_a")
    a, _ = _rnn_run(xt.T[:, None, :], a_prev, p)             # (n_x, m) -> (m, 1, n_x)
    a_next = a[:, 0].T
    return a_next, _softmax_columns(p["Wya"], a_next, p["by"]), (a_next, a_prev, xt, parameters)


def _sequence(x, fn, n_x=None):
    """x as (n_x, m, T_x); a batch-first (m, T_x, n_x) x is named, with the transpose that fixes it."""
    x = _checks.as_float64(x, "x", fn)
    if x.ndim != 3:
        raise ValueError(f"{fn}: x must be (n_x, m, T_x); got shape {x.shape}.")
    if n_x is not None and x.shape[0] != n_x:
        hint = (" It looks batch first (m, T_x, n_x), dlspec's layers' layout: pass x.transpose(2, 0, 1)."
                if x.shape[2] == n_x else "")
        raise ValueError(f"{fn}: x must be (n_x, m, T_x) = ({n_x}, m, T_x), time last as the course "
                         f"writes it; got {x.shape}.{hint}")
    return x


def _n_x(parameters, key, fn, minus=0):
    W = _checks.entries(parameters, {key: None}, fn)[key]
    return W.shape[1] - (W.shape[0] if minus else 0)


def rnn_forward(x, a0, parameters):
    """a (n_a, m, T_x), y_pred (n_y, m, T_x) and caches ([cache per step], x)."""
    x = _sequence(x, "rnn_forward", _n_x(parameters, "Wax", "rnn_forward"))
    p = _rnn_params(parameters, x.shape[0], "rnn_forward")
    a0 = _checks.columns(a0, p["Waa"].shape[0], "a0", "rnn_forward", what="n_a")
    a_bf, _ = _rnn_run(x.transpose(1, 2, 0), a0, p)           # (n_x, m, T) -> (m, T, n_x)
    a = a_bf.transpose(2, 0, 1)                                # (m, T, n_a) -> (n_a, m, T)
    y_pred = np.stack([_softmax_columns(p["Wya"], a[:, :, t], p["by"]) for t in range(x.shape[2])], axis=2)
    prev = [a0] + [a[:, :, t] for t in range(x.shape[2] - 1)]
    caches = [(a[:, :, t], prev[t], x[:, :, t], parameters) for t in range(x.shape[2])]
    return a, y_pred, (caches, x)


def rnn_cell_backward(da_next, cache):
    """gradients {"dxt", "da_prev", "dWax", "dWaa", "dba"} of one step (``rnn_backward``, T = 1)."""
    a_next, a_prev, xt, parameters = cache
    p = _rnn_params(parameters, np.shape(xt)[0], "rnn_cell_backward")
    _, kc = _rnn_run(np.asarray(xt).T[:, None, :], np.asarray(a_prev), p)
    dx, da0, dWax, dWaa, dba = rnn_k.rnn_backward(np.asarray(da_next, dtype=np.float64).T[:, None, :], kc)
    return {"dxt": dx[:, 0].T, "da_prev": da0.T, "dWax": dWax.T, "dWaa": dWaa.T, "dba": dba.reshape(-1, 1)}


def rnn_backward(da, caches):
    """gradients {"dx" (n_x, m, T_x), "da0", "dWax", "dWaa", "dba"} through time (``rnn_backward``)."""
    steps, x = caches
    _, a0, _, parameters = steps[0]
    p = _rnn_params(parameters, x.shape[0], "rnn_backward")
    _, kc = _rnn_run(x.transpose(1, 2, 0), a0, p)
    dx, da0, dWax, dWaa, dba = rnn_k.rnn_backward(np.asarray(da, dtype=np.float64).transpose(1, 2, 0), kc)
    return {"dx": dx.transpose(2, 0, 1), "da0": da0.T, "dWax": dWax.T, "dWaa": dWaa.T,
            "dba": dba.reshape(-1, 1)}


def _lstm_params(parameters, n_x, fn):
    W = _checks.entries(parameters, {"Wf": None, "Wy": None}, fn)
    n_a, n_y = W["Wf"].shape[0], W["Wy"].shape[0]
    shapes = {f"W{g}": (n_a, n_a + n_x) for g in GATES}
    shapes.update({f"b{g}": (n_a, 1) for g in GATES})
    p = _checks.entries(parameters, {**shapes, "Wy": (n_y, n_a), "by": (n_y, 1)}, fn)
    # The course's W acts on [a_prev; xt]: its first n_a columns are the kernel's Wa, the rest Wx.
    Wa = np.concatenate([p[f"W{g}"][:, :n_a].T for g in GATES], axis=1)    # (n_a, 4 n_a)
    Wx = np.concatenate([p[f"W{g}"][:, n_a:].T for g in GATES], axis=1)    # (n_x, 4 n_a)
    b = np.concatenate([p[f"b{g}"].ravel() for g in GATES])                 # (4 n_a,)
    return p, Wx, Wa, b


def _lstm_run(x_bf, a0, c0, parameters, fn):
    p, Wx, Wa, b = _lstm_params(parameters, x_bf.shape[2], fn)
    a, c, kc = lstm_k.lstm_forward(x_bf, a0.T, c0.T, Wx, Wa, b)
    return p, a, c, kc


def _gates(kc, t):
    """(ft, it, cct, ot), each (n_a, m), from the kernel's activated gate buffer at step t."""
    gates = kc[6][t]                                           # (m, 4 n_a): f, u, c~, o
    return tuple(block.T for block in np.split(gates, 4, axis=1))


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """a_next, c_next, yt_pred and the course's cache
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)."""
    xt = _checks.columns(xt, _n_x(parameters, "Wf", "lstm_cell_forward", minus=True), "xt", "lstm_cell_forward")
    a_prev, c_prev = (_checks.as_float64(v, k, "lstm_cell_forward") for v, k in ((a_prev, "a_prev"), (c_prev, "c_prev")))
    p, a, c, kc = _lstm_run(xt.T[:, None, :], a_prev, c_prev, parameters, "lstm_cell_forward")
    a_next, c_next = a[:, 0].T, c[:, 0].T
    ft, it, cct, ot = _gates(kc, 0)
    yt_pred = _softmax_columns(p["Wy"], a_next, p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


def lstm_forward(x, a0, parameters):
    """a, y, c of shapes (n_a | n_y | n_a, m, T_x) and caches ([cache per step], x); c<0> = 0."""
    x = _sequence(x, "lstm_forward", _n_x(parameters, "Wf", "lstm_forward", minus=True))
    a0 = _checks.as_float64(a0, "a0", "lstm_forward")
    c0 = np.zeros_like(a0)
    p, a_bf, c_bf, kc = _lstm_run(x.transpose(1, 2, 0), a0, c0, parameters, "lstm_forward")
    a, c = a_bf.transpose(2, 0, 1), c_bf.transpose(2, 0, 1)   # (m, T, n_a) -> (n_a, m, T)
    T = x.shape[2]
    y = np.stack([_softmax_columns(p["Wy"], a[:, :, t], p["by"]) for t in range(T)], axis=2)
    caches = []
    for t in range(T):
        a_prev, c_prev = (a0, c0) if t == 0 else (a[:, :, t - 1], c[:, :, t - 1])
        caches.append((a[:, :, t], c[:, :, t], a_prev, c_prev, *_gates(kc, t), x[:, :, t], parameters))
    return a, y, c, (caches, x)


def _lstm_grads(dWx, dWa, db, n_a):
    out = {}
    for k, g in enumerate(GATES):
        cols = slice(k * n_a, (k + 1) * n_a)
        out[f"dW{g}"] = np.concatenate([dWa[:, cols], dWx[:, cols]], axis=0).T   # back to [a; x] columns
        out[f"db{g}"] = db[cols].reshape(-1, 1)
    return out


def lstm_cell_backward(da_next, dc_next, cache):
    """gradients dxt, da_prev, dc_prev, dWf, dWi, dWc, dWo, dbf, dbi, dbc, dbo of one step
    (``lstm_backward`` with T = 1 and dc<T> = dc_next)."""
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    _, _, _, kc = _lstm_run(np.asarray(xt).T[:, None, :], np.asarray(a_prev), np.asarray(c_prev),
                            parameters, "lstm_cell_backward")
    dx, da0, dc0, dWx, dWa, db = lstm_k.lstm_backward(np.asarray(da_next, dtype=np.float64).T[:, None, :],
                                                      np.asarray(dc_next, dtype=np.float64).T, kc)
    return {"dxt": dx[:, 0].T, "da_prev": da0.T, "dc_prev": dc0.T,
            **_lstm_grads(dWx, dWa, db, np.shape(a_prev)[0])}


def lstm_backward(da, caches):
    """gradients dx (n_x, m, T_x), da0 and the gate weights' through time; T_x is taken from
    ``da``, as the course does (a shorter da backpropagates through the first T_x steps)."""
    steps, x = caches
    _, _, a0, c0, *_, parameters = steps[0]
    da = np.asarray(da, dtype=np.float64)
    T_x = da.shape[2]
    _, _, _, kc = _lstm_run(x[:, :, :T_x].transpose(1, 2, 0), np.asarray(a0), np.asarray(c0),
                            parameters, "lstm_backward")
    dx, da0, _, dWx, dWa, db = lstm_k.lstm_backward(da.transpose(1, 2, 0), None, kc)
    return {"dx": dx.transpose(2, 0, 1), "da0": da0.T, **_lstm_grads(dWx, dWa, db, np.shape(a0)[0])}


def lstm_backward_v3a(da, caches):
    """The older (v3a) notebook's lstm_backward, kept to replay its printed values: each step's
    ``lstm_cell_backward`` gets ``da[:, :, t]`` alone and a zero dc_next, so no gradient is
    carried through time. Not the maths: use ``lstm_backward`` (the 2021 notebook's)."""
    steps, x = caches
    da = np.asarray(da, dtype=np.float64)
    n_a, m, T_x = da.shape
    grads = {"dx": np.zeros((x.shape[0], m, T_x))}
    for t in reversed(range(T_x)):
        g = lstm_cell_backward(da[:, :, t], np.zeros((n_a, m)), steps[t])
        grads["dx"][:, :, t] = g["dxt"]
        for k in ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo"):
            grads[k] = grads.get(k, 0) + g[k]
        grads["da0"] = g["da_prev"]
    return grads
