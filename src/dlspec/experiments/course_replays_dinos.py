"""Course 5 week 1, Dinosaurus Island: clip_test, sample_test and optimize_test replayed.

The 2021 assignment's tests draw their inputs with ``np.random.seed``; here the same draws go
through dlspec's own functions: ``functional.clip.clip``, the ``char_language_model`` and its
softmax, ``rnn_forward``/``rnn_backward`` and the dense and cross-entropy backward passes. The
course keeps characters in columns and weights as (out, in); dlspec is batch first with
weights (in, out), so arrays are transposed on the way in and indices reversed on the way out.
"""
from __future__ import annotations

import numpy as np

REFERENCE = {
    # clip_test prints the same five entries after clipping to 10 and to 5.
    "course_c5w1_dinosaurus_clip10_dWaa_1_2": 10.0,
    "course_c5w1_dinosaurus_clip10_dWax_3_1": -10.0,
    "course_c5w1_dinosaurus_clip10_dWya_1_2": 0.2971381536101662,
    "course_c5w1_dinosaurus_clip10_db_4": 10.0,
    "course_c5w1_dinosaurus_clip10_dby_1": 8.45833407,       # printed "[8.45833407]"
    "course_c5w1_dinosaurus_clip5_dWaa_1_2": 5.0,
    "course_c5w1_dinosaurus_clip5_dWax_3_1": -5.0,
    "course_c5w1_dinosaurus_clip5_dWya_1_2": 0.2971381536101662,
    "course_c5w1_dinosaurus_clip5_db_4": 5.0,
    "course_c5w1_dinosaurus_clip5_dby_1": 5.0,
    "course_c5w1_dinosaurus_sample": "wpzzxcuagxocytfmjhtlb\\n",
    "course_c5w1_dinosaurus_optimize_loss": 126.50397572165389,
    "course_c5w1_dinosaurus_optimize_dWaa_1_2": 0.19470931534713587,
    "course_c5w1_dinosaurus_optimize_argmax_dWax": 93,
    "course_c5w1_dinosaurus_optimize_dWya_1_2": -0.007773876032002162,
    "course_c5w1_dinosaurus_optimize_db_4": -0.06809825,    # printed with 8 decimals
    "course_c5w1_dinosaurus_optimize_dby_1": 0.01538192,
    "course_c5w1_dinosaurus_optimize_a_last_4": -1.0,
}
# Numbers the course printed with 8 decimals ("[-0.06809825]").
PRINTED_PRECISION = {k: 5e-9 for k in ("course_c5w1_dinosaurus_clip10_dby_1",
                                       "course_c5w1_dinosaurus_optimize_db_4",
                                       "course_c5w1_dinosaurus_optimize_dby_1")}
CHARS = "\n" + "abcdefghijklmnopqrstuvwxyz"       # the course's sorted vocabulary: 27


def c5w1_dinosaurus_clip():
    """clip_test(clip, 10) and clip_test(clip, 5): np.random.seed(3), dWax (5, 3), dWaa (5, 5),
    dWya (2, 5), db (5, 1), dby (2, 1), each randn x 10, clipped to [-m, m]."""
    from ..functional.clip import clip
    out = {}
    for m in (10, 5):
        state = np.random.RandomState(3)
        names = ("dWax", "dWaa", "dWya", "db", "dby")
        g = {k: state.randn(*shape) * 10 for k, shape in zip(names, ((5, 3), (5, 5), (2, 5), (5, 1), (2, 1)))}
        clip(g, m)
        out.update({f"course_c5w1_dinosaurus_clip{m}_dWaa_1_2": float(g["dWaa"][1, 2]),
                    f"course_c5w1_dinosaurus_clip{m}_dWax_3_1": float(g["dWax"][3, 1]),
                    f"course_c5w1_dinosaurus_clip{m}_dWya_1_2": float(g["dWya"][1, 2]),
                    f"course_c5w1_dinosaurus_clip{m}_db_4": float(g["db"][4, 0]),
                    f"course_c5w1_dinosaurus_clip{m}_dby_1": float(g["dby"][1, 0])})
    return out


def c5w1_dinosaurus_sample():
    """sample_test: np.random.seed(24), n_a 100, Wax, Waa, Wya, b, by; the course's sample()
    reseeds np.random.seed(2t) before drawing character t+1 with np.random.choice."""
    from ..models.char_lm import char_language_model
    from ..functional.activations import softmax_forward
    state = np.random.RandomState(24)
    V, n_a = len(CHARS), 100
    Wax, Waa, Wya = state.randn(n_a, V), state.randn(n_a, n_a), state.randn(V, n_a)
    b, by = state.randn(n_a, 1), state.randn(V, 1)
    model = char_language_model(V, units=n_a, dtype="float64")
    model.build((None, V))
    rnn, dense = model.layers[0], model.layers[1].layer
    rnn.params["Wx"][...], rnn.params["Wa"][...], rnn.params["b"][...] = Wax.T, Waa.T, b.ravel()
    dense.params["W"][...], dense.params["b"][...] = Wya.T, by.ravel()
    X = np.zeros((1, 51, V))                                   # x<1> = 0
    indices = []
    for t in range(50):
        logits = model.predict(X[:, :t + 1])[0, t]
        probs = softmax_forward(logits)[0]
        idx = int(np.random.RandomState(2 * t).choice(range(V), p=probs))
        indices.append(idx)
        if idx == 0:
            break
        X[0, t + 1, idx] = 1
    return {"course_c5w1_dinosaurus_sample": "".join(CHARS[i] for i in indices).replace("\n", "\\n")}


def c5w1_dinosaurus_optimize():
    """optimize_test: np.random.seed(1), vocab 27, n_a 100, a_prev, then Wax, Waa, Wya, b, by;
    X = [12, 3, 5, 11, 22, 3], Y = [4, 14, 11, 22, 25, 26]. The loss is the cross-entropy
    summed over the 6 steps; the gradients are of that sum, clipped to [-5, 5]."""
    from ..functional.clip import clip
    from ..functional.dense import dense_backward, dense_forward
    from ..functional.rnn import rnn_backward, rnn_forward
    from ..losses import SparseSoftmaxCrossEntropy
    state = np.random.RandomState(1)
    V, n_a = len(CHARS), 100
    a_prev = state.randn(n_a, 1)
    Wax, Waa, Wya = state.randn(n_a, V), state.randn(n_a, n_a), state.randn(V, n_a)
    b, by = state.randn(n_a, 1), state.randn(V, 1)
    X, Y = [12, 3, 5, 11, 22, 3], np.array([4, 14, 11, 22, 25, 26])
    x = np.eye(V)[X][None]                                       # (1, 6, 27) one-hot
    a, rnn_cache = rnn_forward(x, a_prev.T, Wax.T, Waa.T, b.ravel())    # (1, 6, 100)
    logits, dense_cache = dense_forward(a[0], Wya.T, by.ravel())       # (6, 27)
    loss = SparseSoftmaxCrossEntropy()
    T = len(X)
    mean = loss.forward(logits, Y)                               # mean over the 6 steps
    dlogits = loss.backward() * T                                # of the sum
    da, dWya, dby = dense_backward(dlogits, dense_cache)
    _, _, dWax, dWaa, db = rnn_backward(da[None], rnn_cache)
    g = {"dWax": dWax.T, "dWaa": dWaa.T, "dWya": dWya.T, "db": db, "dby": dby}   # course layout
    clip(g, 5)
    return {"course_c5w1_dinosaurus_optimize_loss": float(mean * T),
            "course_c5w1_dinosaurus_optimize_dWaa_1_2": float(g["dWaa"][1, 2]),
            "course_c5w1_dinosaurus_optimize_argmax_dWax": int(np.argmax(g["dWax"])),
            "course_c5w1_dinosaurus_optimize_dWya_1_2": float(g["dWya"][1, 2]),
            "course_c5w1_dinosaurus_optimize_db_4": float(g["db"][4]),
            "course_c5w1_dinosaurus_optimize_dby_1": float(g["dby"][1]),
            "course_c5w1_dinosaurus_optimize_a_last_4": float(a[0, -1, 4])}


REPLAYS = (c5w1_dinosaurus_clip, c5w1_dinosaurus_sample, c5w1_dinosaurus_optimize)
