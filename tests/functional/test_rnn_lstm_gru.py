"""The recurrent functions on their own: gradients w.r.t. the initial states too (the layers
start from zeros, so the harness does not see da0/dc0), float32 in gives float32 out, and a
gradient check that must fail on a wrong backward."""
import numpy as np
import pytest

from dlspec.functional.gru import gru_backward, gru_forward
from dlspec.functional.lstm import lstm_backward, lstm_forward
from dlspec.functional.rnn import rnn_backward, rnn_forward
from dlspec.gradcheck import GradientCheckError, check_gradients

N, T, D, H = 2, 4, 3, 5


def _arrays(rng, gates, names):
    shapes = {"x": (N, T, D), "a0": (N, H), "c0": (N, H), "Wx": (D, gates * H),
              "Wa": (H, gates * H), "b": (gates * H,), "bac": (H,)}
    return {k: rng.standard_normal(shapes[k]) * (0.5 if k.startswith("W") else 1) for k in names}


def _check(forward, backward, arrays, outputs):
    """J = sum_k <out_k, g_k> over the forward's outputs; compare backward with central differences."""
    rng = np.random.default_rng(9)
    outs = forward(arrays)
    gs = [rng.standard_normal(o.shape) for o in outs]

    def cost():
        return float(sum((o * g).sum() for o, g in zip(forward(arrays), gs)))

    analytic = dict(zip(outputs, backward(gs)))
    check_gradients(cost, {k: arrays[k] for k in outputs}, analytic).raise_if_failed()


def test_rnn_gradients_including_the_initial_state():
    p = _arrays(np.random.default_rng(0), 1, ["x", "a0", "Wx", "Wa", "b"])
    fwd = lambda p: (rnn_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])[0],)
    bwd = lambda gs: rnn_backward(gs[0], rnn_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])[1])
    _check(fwd, bwd, p, ["x", "a0", "Wx", "Wa", "b"])


def test_lstm_gradients_including_initial_states_and_the_last_cell():
    p = _arrays(np.random.default_rng(1), 4, ["x", "a0", "c0", "Wx", "Wa", "b"])
    run = lambda p: lstm_forward(p["x"], p["a0"], p["c0"], p["Wx"], p["Wa"], p["b"])

    def fwd(p):
        a, c, _ = run(p)
        return a, c[:, -1]

    def bwd(gs):
        return lstm_backward(gs[0], gs[1], run(p)[2])

    _check(fwd, bwd, p, ["x", "a0", "c0", "Wx", "Wa", "b"])


@pytest.mark.parametrize("reset_after", [False, True])
def test_gru_gradients_including_the_initial_state(reset_after):
    names = ["x", "a0", "Wx", "Wa", "b"] + (["bac"] if reset_after else [])
    p = _arrays(np.random.default_rng(2), 3, names)
    run = lambda p: gru_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"], p.get("bac"))
    fwd = lambda p: (run(p)[0],)

    def bwd(gs):
        dx, da0, dWx, dWa, db, dbac = gru_backward(gs[0], run(p)[1])
        return (dx, da0, dWx, dWa, db) + ((dbac,) if reset_after else ())

    _check(fwd, bwd, p, names)


def test_a_wrong_bptt_fails_the_check():
    """Dropping the gradient that flows from a<t+1> back into a<t> must be caught."""
    p = _arrays(np.random.default_rng(3), 1, ["x", "a0", "Wx", "Wa", "b"])

    def truncated_backward(gs):
        x, a0, a, Wx, Waa, _ = rnn_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])[1]
        dz = gs[0] * (1 - a * a)                      # no da_next: one-step "BPTT"
        a_prev = np.concatenate([a0[:, None], a[:, :-1]], axis=1)
        return (dz @ Wx.T, dz[:, 0] @ Waa.T, np.einsum("ntd,nth->dh", x, dz),
                np.einsum("nth,ntk->hk", a_prev, dz), dz.sum((0, 1)))

    fwd = lambda p: (rnn_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])[0],)
    with pytest.raises(GradientCheckError, match="Wa"):
        _check(fwd, truncated_backward, p, ["x", "a0", "Wx", "Wa", "b"])


@pytest.mark.parametrize("name", ["rnn", "lstm", "gru"])
def test_float32_stays_float32(name):
    rng = np.random.default_rng(4)
    gates = {"rnn": 1, "lstm": 4, "gru": 3}[name]
    p = {k: v.astype(np.float32) for k, v in _arrays(rng, gates, ["x", "a0", "c0", "Wx", "Wa", "b"]).items()}
    if name == "rnn":
        a, cache = rnn_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])
        grads = rnn_backward(np.ones_like(a), cache)
    elif name == "lstm":
        a, _, cache = lstm_forward(p["x"], p["a0"], p["c0"], p["Wx"], p["Wa"], p["b"])
        grads = lstm_backward(np.ones_like(a), None, cache)
    else:
        a, cache = gru_forward(p["x"], p["a0"], p["Wx"], p["Wa"], p["b"])
        grads = gru_backward(np.ones_like(a), cache)[:5]
    assert a.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads)
