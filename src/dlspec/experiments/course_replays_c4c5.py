"""Course 4 week 1 and course 5 week 1 step-by-step values replayed through ``dlspec.course``.

Same form as ``course_replays_c1``. A cell's "Expected Output" twin (the markdown cell after
it) replays through the same function. Labels repeated in one cell carry " #2".
"""
from __future__ import annotations

import numpy as np

from ..course import c4w1_conv_step as cs, c5w1_rnn_step as rs
from .course_replays_c1 import _randn


def _c4w1():
    def pad():
        x, = _randn(1, (4, 3, 3, 2))
        x_pad = cs.zero_pad(x, 3)
        return {"x.shape": x.shape, "x_pad.shape": x_pad.shape, "x[1,1]": x[1, 1],
                "x_pad[1,1]": [x_pad[1, 1], x_pad[0, 0:2, :, 0]]}

    def single():
        return {"Z": cs.conv_single_step(*_randn(1, (4, 4, 3), (4, 4, 3), (1, 1, 1)))}

    def forward():
        Z, cache = cs.conv_forward(*_randn(1, (2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2})
        return {"Z's mean": np.mean(Z), "Z[0,2,1]": Z[0, 2, 1], "cache_conv[0][1][2][3]": cache[0][1][2][3]}

    def pool(stride, index, label):
        def run():
            A_prev, = _randn(1, (2, 5, 5, 3))
            out = {}
            for k, mode in ((1, "max"), (2, "average")):
                A, _ = cs.pool_forward(A_prev, {"stride": stride, "f": 3}, mode=mode)
                suffix = "" if k == 1 else " #2"
                out["A.shape" + suffix] = A.shape
                out[label[k - 1]] = A[index[k - 1]]
            return out
        return run

    def backward():
        A_prev, W, b = _randn(1, (10, 4, 4, 3), (2, 2, 3, 8), (1, 1, 1, 8))
        Z, cache = cs.conv_forward(A_prev, W, b, {"pad": 2, "stride": 2})
        dA, dW, db = cs.conv_backward(Z, cache)
        return {"dA_mean": np.mean(dA), "dW_mean": np.mean(dW), "db_mean": np.mean(db)}

    def mask():
        x, = _randn(1, (2, 3))
        return {"x": x, "mask": cs.create_mask_from_window(x)}

    def pool_back():
        A_prev, = _randn(1, (5, 5, 3, 2))
        A, cache = cs.pool_forward(A_prev, {"stride": 1, "f": 2})
        dA = np.random.randn(5, 4, 2, 2)
        return {"line1": [A.shape, cache[0].shape], "mean of dA": np.mean(dA),
                "dA_prev1[1,1]": cs.pool_backward(dA, cache, mode="max")[1, 1], "mean of dA #2": np.mean(dA),
                "dA_prev2[1,1]": cs.pool_backward(dA, cache, mode="average")[1, 1]}
    p1 = pool(1, ((1, 1), (1, 1)), ("A[1, 1]", "A[1, 1] #2"))
    p2 = pool(2, ((0,), (1,)), ("A[0]", "A[1]"))
    return {"c4w1a1.8": pad, "c4w1a1.12": single, "c4w1a1.16": forward, "c4w1a1.20": p1,
            "c4w1a1.21": p1, "c4w1a1.22": p2, "c4w1a1.23": p2, "c4w1a1.28": backward,
            "c4w1a1.32": mask, "c4w1a1.37": lambda: {"distributed value": cs.distribute_value(2, (2, 2))},
            "c4w1a1.41": pool_back}


RNN = ("Waa", "Wax", "Wya", "ba", "by")
RNN_SHAPES = ((5, 5), (5, 3), (2, 5), (5, 1), (2, 1))
LSTM = ("Wf", "bf", "Wi", "bi", "Wo", "bo", "Wc", "bc", "Wy", "by")
LSTM_SHAPES = ((5, 8), (5, 1)) * 4 + ((2, 5), (2, 1))


def _draw(lead, names, shapes):
    arrays = _randn(1, *lead, *shapes)
    return arrays[:len(lead)], dict(zip(names, arrays[len(lead):]))


def _grads(g, picks):
    out = {}
    for key, index in picks:
        out[f'gradients["{key}"]{index}'] = eval(f"g[key]{index}")    # the notebook's own index text
        out[f'gradients["{key}"].shape'] = g[key].shape
    return out


def _c5w1():
    def rnn_cell():
        (xt, a_prev), p = _draw(((3, 10), (5, 10)), RNN, RNN_SHAPES)
        a_next, yt, _ = rs.rnn_cell_forward(xt, a_prev, p)
        return {"a_next[4]": a_next[4], "a_next.shape": a_next.shape, "yt_pred[1]": yt[1], "yt_pred.shape": yt.shape}

    def rnn_seq():
        (x, a0), p = _draw(((3, 10, 4), (5, 10)), RNN, RNN_SHAPES)
        a, y, caches = rs.rnn_forward(x, a0, p)
        return {"a[4][1]": a[4][1], "a.shape": a.shape, "y_pred[1][3]": y[1][3], "y_pred.shape": y.shape,
                "caches[1][1][3]": caches[1][1][3], "len(caches)": len(caches)}

    def lstm_cell():
        (xt, a_prev, c_prev), p = _draw(((3, 10), (5, 10), (5, 10)), LSTM, LSTM_SHAPES)
        a_next, c_next, yt, cache = rs.lstm_cell_forward(xt, a_prev, c_prev, p)
        return {"a_next[4]": a_next[4], "a_next.shape": a_next.shape, "c_next[2]": c_next[2],
                "c_next.shape": c_next.shape, "yt[1]": yt[1], "yt.shape": yt.shape,
                "cache[1][3]": cache[1][3], "len(cache)": len(cache)}

    def lstm_seq():
        (x, a0), p = _draw(((3, 10, 7), (5, 10)), LSTM, LSTM_SHAPES)
        a, y, c, caches = rs.lstm_forward(x, a0, p)
        return {"a[4][3][6]": a[4][3][6], "a.shape": a.shape, "y[1][4][3]": y[1][4][3], "y.shape": y.shape,
                # The notebook prints "c[1][2][1] <value>" without "=", so it reads as part of
                # the line before it: its label's indices are printed numbers too.
                "caches[1][1][1]": [caches[1][1][1], (1, 2, 1), c[1][2][1]], "len(caches)": len(caches)}

    def rnn_cell_back():
        (xt, a_prev), p = _draw(((3, 10), (5, 10)), ("Wax", "Waa", "Wya", "ba", "by"),
                                ((5, 3), (5, 5), (2, 5), (5, 1), (2, 1)))
        _, _, cache = rs.rnn_cell_forward(xt, a_prev, p)
        g = rs.rnn_cell_backward(np.random.randn(5, 10), cache)
        return _grads(g, (("dxt", "[1][2]"), ("da_prev", "[2][3]"), ("dWax", "[3][1]"), ("dWaa", "[1][2]"), ("dba", "[4]")))

    def rnn_back():
        (x, a0), p = _draw(((3, 10, 4), (5, 10)), ("Wax", "Waa", "Wya", "ba", "by"),
                           ((5, 3), (5, 5), (2, 5), (5, 1), (2, 1)))
        _, _, caches = rs.rnn_forward(x, a0, p)
        g = rs.rnn_backward(np.random.randn(5, 10, 4), caches)
        return _grads(g, (("dx", "[1][2]"), ("da0", "[2][3]"), ("dWax", "[3][1]"), ("dWaa", "[1][2]"), ("dba", "[4]")))

    gates = (("dWf", "[3][1]"), ("dWi", "[1][2]"), ("dWc", "[3][1]"), ("dWo", "[1][2]"),
             ("dbf", "[4]"), ("dbi", "[4]"), ("dbc", "[4]"), ("dbo", "[4]"))

    def lstm_cell_back():
        (xt, a_prev, c_prev), p = _draw(((3, 10), (5, 10), (5, 10)), LSTM, LSTM_SHAPES)
        _, _, _, cache = rs.lstm_cell_forward(xt, a_prev, c_prev, p)
        g = rs.lstm_cell_backward(np.random.randn(5, 10), np.random.randn(5, 10), cache)
        return _grads(g, (("dxt", "[1][2]"), ("da_prev", "[2][3]"), ("dc_prev", "[2][3]"), *gates))

    def lstm_back():
        (x, a0), p = _draw(((3, 10, 7), (5, 10)), LSTM, LSTM_SHAPES)
        _, _, _, caches = rs.lstm_forward(x, a0, p)
        # The pinned (v3a) notebook printed its own lstm_backward, which carries no gradient
        # through time; the documented variant replays it. The 2021 lstm_backward is
        # rs.lstm_backward (course_replays_c5 pins its da0[2][3] = 0.3127703102572603).
        g = rs.lstm_backward_v3a(np.random.randn(5, 10, 4), caches)
        return _grads(g, (("dx", "[1][2]"), ("da0", "[2][3]"), *gates))
    return {"c5w1a1.16": rnn_cell, "c5w1a1.17": rnn_cell, "c5w1a1.21": rnn_seq, "c5w1a1.22": rnn_seq,
            "c5w1a1.35": lstm_cell, "c5w1a1.36": lstm_cell, "c5w1a1.39": lstm_seq, "c5w1a1.40": lstm_seq,
            "c5w1a1.46": rnn_cell_back, "c5w1a1.50": rnn_back, "c5w1a1.55": lstm_cell_back,
            "c5w1a1.59": lstm_back}


REPLAYS = {**_c4w1(), **_c5w1()}
