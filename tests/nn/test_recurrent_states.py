"""Recurrent layers with states and masks, as the functional API calls them, and Bidirectional.

The harness (tests/harness/cases/recurrent_states.py) gradient-checks every case and compares
it with torch twins; here: the calling contract (what backward returns), stepping one LSTM
cell with its cache saved per call, a deep LSTM that trains, Keras masking semantics, clear
errors, and Bidirectional(LSTM) against torch.nn.LSTM(bidirectional=True).
"""
import numpy as np
import pytest
import torch

from dlspec.io.registry import deserialize, serialize
from dlspec.models import Sequential
from dlspec.nn import GRU, LSTM, Bidirectional, Dense, Embedding, SimpleRNN
from dlspec.optim import Adam

N, T, D, H = 3, 5, 4, 6
MAKERS = [lambda **k: SimpleRNN(H, **k), lambda **k: LSTM(H, **k), lambda **k: GRU(H, **k),
          lambda **k: GRU(H, reset_after=True, **k),
          lambda **k: Bidirectional(LSTM(H, **k), "concat")]
IDS = ["rnn", "lstm", "gru", "gru-reset-after", "bidir-lstm"]


def _built(make, seed=0, **kwargs):
    layer = make(**kwargs)
    layer.build((T, D), np.random.default_rng(seed), "float64")
    return layer


def _x(seed=0):
    return np.random.default_rng(seed).standard_normal((N, T, D))


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
@pytest.mark.parametrize("seq", [True, False])
def test_input_grad_false_returns_none_and_the_same_weight_gradients(make, seq):
    layer = _built(make, return_sequences=seq)
    x = _x()
    y = layer.forward(x)
    g = np.random.default_rng(1).standard_normal(y.shape)
    dx = layer.backward(g)
    full = {k: v.copy() for k, v in layer.grads.items()}
    layer.forward(x)
    assert layer.backward(g, input_grad=False) is None
    assert dx is not None and dx.shape == x.shape
    for key, grad in full.items():
        np.testing.assert_array_equal(layer.grads[key], grad, err_msg=key)


def test_input_grad_false_still_returns_the_states_gradients():
    layer = _built(lambda **k: LSTM(H, **k))
    states = [np.ones((N, H)), np.zeros((N, H))]
    mask = np.ones((N, T), bool)
    y = layer.forward(_x(), initial_state=states, mask=mask)
    dx, da0, dc0, dmask = layer.backward(np.ones_like(y), input_grad=False)
    assert dx is None and dmask is None
    assert da0.shape == dc0.shape == (N, H) and np.abs(da0).sum() > 0


def test_backward_returns_one_entry_per_array_passed():
    layer = _built(lambda **k: GRU(H, **k), return_state=True)
    x, a0, mask = _x(), np.zeros((N, H)), np.ones((N, T), bool)
    zeros = lambda outs: [np.zeros_like(o) for o in outs]
    assert isinstance(layer.backward(zeros(layer.forward(x))), np.ndarray)
    assert len(layer.backward(zeros(layer.forward(x, initial_state=[a0])))) == 2
    grads = layer.backward(zeros(layer.forward(x, mask=mask)))
    assert len(grads) == 2 and grads[1] is None
    assert len(layer.backward(zeros(layer.forward(x, initial_state=[a0], mask=mask)))) == 3
    assert layer.output_shape((T, D)) == [(H,), (H,)]
    assert LSTM(H, return_sequences=True, return_state=True).output_shape((T, D)) == [(T, H), (H,), (H,)]


def test_stepping_an_lstm_cell_equals_one_call_over_the_sequence():
    """The course's music generator: one LSTM cell called T times, [a, c] fed back; the
    engine saves ``_cache`` per call and puts it back for that call's backward."""
    x, g = _x(2), np.random.default_rng(3).standard_normal((N, T, H))
    whole = _built(lambda **k: LSTM(H, **k), return_sequences=True)
    cell = _built(lambda **k: LSTM(H, **k), return_state=True)
    for key in whole.params:
        cell.params[key][...] = whole.params[key]
    y = whole.forward(x)
    dx = whole.backward(g)

    caches, outs, states = [], [], None
    for t in range(T):
        out, a, c = cell.forward(x[:, t:t + 1], initial_state=states)
        caches.append(cell._cache)
        outs.append(out)
        states = [a, c]
    np.testing.assert_allclose(np.stack(outs, axis=1), y, rtol=1e-12, atol=1e-14)

    summed = {k: np.zeros_like(v) for k, v in cell.params.items()}
    da, dc, dx_steps = np.zeros((N, H)), np.zeros((N, H)), [None] * T
    for t in reversed(range(T)):
        cell._cache = caches[t]
        grads = cell.backward([g[:, t], da, dc])
        if t > 0:
            dx_steps[t], da, dc = grads
        else:
            dx_steps[t] = grads                    # the first call got only x: dx comes back bare
        for key in summed:
            summed[key] += cell.grads[key]
    np.testing.assert_allclose(np.concatenate(dx_steps, axis=1), dx, rtol=1e-10, atol=1e-13)
    for key in summed:
        np.testing.assert_allclose(summed[key], whole.grads[key], rtol=1e-10, atol=1e-13, err_msg=key)


def test_a_deep_lstm_trains_in_a_sequential():
    """Two stacked LSTMs (the course's deep RNN) learn which token opened the sequence."""
    rng = np.random.default_rng(0)
    X = rng.integers(1, 5, size=(96, 6))
    Y = X[:, 0] - 1
    model = Sequential([Embedding(5, 8), LSTM(16, return_sequences=True), LSTM(16), Dense(4)],
                       seed=0).compile("softmax_crossentropy", Adam(0.02))
    history = model.fit(X, Y, epochs=25, batch_size=32, verbose=0)
    assert history["cost"][-1] < 0.3 * history["cost"][0]


@pytest.mark.parametrize("make", MAKERS[:4], ids=IDS[:4])
def test_a_padded_tail_gives_the_output_of_the_shorter_sequence(make):
    """Keras semantics: masked steps carry the state, so padding changes nothing."""
    layer = _built(make, return_state=True)
    x = _x(4)
    mask = np.ones((N, T), bool)
    mask[:, 3:] = False
    padded = layer.forward(x, mask=mask)
    short = layer.forward(x[:, :3])
    for p, s in zip(padded, short):
        np.testing.assert_allclose(p, s, rtol=1e-12)
    seq = _built(make, return_sequences=True).forward(x, mask=mask)
    np.testing.assert_array_equal(seq[:, 3], seq[:, 2])       # the carried state is the output


def test_bad_initial_state_and_mask_raise_clear_errors():
    layer = _built(lambda **k: LSTM(H, **k))
    x = _x()
    with pytest.raises(ValueError, match=r"initial_state=\[a0, c0\].*got a list of 1"):
        layer.forward(x, initial_state=[np.zeros((N, H))])
    with pytest.raises(ValueError, match=r"initial_state\[1\] must have shape \(N, H\) = \(3, 6\).*got \(3, 5\)"):
        layer.forward(x, initial_state=[np.zeros((N, H)), np.zeros((N, 5))])
    with pytest.raises(ValueError, match="got a ndarray"):
        SimpleRNN(H).forward(x, initial_state=np.zeros((N, H)))
    with pytest.raises(ValueError, match=r"mask as a bool array \(N, T\) = \(3, 5\).*got shape \(3, 4\)"):
        layer.forward(x, mask=np.ones((N, T - 1), bool))
    with pytest.raises(ValueError, match="dtype float64"):
        layer.forward(x, mask=np.ones((N, T)))
    returns_state = _built(lambda **k: LSTM(H, **k), return_state=True)
    returns_state.forward(x)
    with pytest.raises(ValueError, match=r"list of as many gradients"):
        returns_state.backward(np.zeros((N, H)))


def test_embedding_mask_zero_computes_the_mask():
    ids = np.array([[3, 1, 0, 0], [2, 0, 4, 0]])
    np.testing.assert_array_equal(Embedding(5, 2, mask_zero=True).compute_mask(ids), ids != 0)
    assert Embedding(5, 2).compute_mask(ids) is None
    assert Embedding(5, 2, mask_zero=True).get_config()["mask_zero"] is True
    assert deserialize(serialize(Embedding(5, 2, mask_zero=True))).mask_zero


def test_bidirectional_params_are_the_sub_layers_arrays_and_config_round_trips():
    layer = _built(lambda **k: Bidirectional(GRU(H, reset_after=True, **k), "sum"))
    assert layer.params["forward_Wx"] is layer.layer.params["Wx"]
    assert layer.params["backward_bac"] is layer.backward_layer.params["bac"]
    assert not np.allclose(layer.params["forward_Wx"], layer.params["backward_Wx"])
    layer.params["backward_b"] -= 1.0                 # an optimizer's in-place step
    np.testing.assert_array_equal(layer.backward_layer.params["b"], layer.params["backward_b"])
    rebuilt = deserialize(serialize(layer))
    assert isinstance(rebuilt, Bidirectional) and rebuilt.get_config() == layer.get_config()
    with pytest.raises(TypeError, match="wraps a recurrent layer"):
        Bidirectional(Dense(3))
    with pytest.raises(ValueError, match="merge_mode"):
        Bidirectional(LSTM(3), merge_mode="max")


def test_bidirectional_backward_uses_the_cache_of_its_own_call():
    layer = _built(lambda **k: Bidirectional(LSTM(H, **k)), return_sequences=True)
    x1, x2 = _x(5), _x(6)
    g = np.random.default_rng(7).standard_normal((N, T, 2 * H))
    layer.forward(x1)
    dx_ref = layer.backward(g)
    ref = {k: v.copy() for k, v in layer.grads.items()}
    layer.forward(x1)
    saved = layer._cache
    layer.forward(x2)                                 # another call in between
    layer._cache = saved
    np.testing.assert_array_equal(layer.backward(g), dx_ref)
    for key in ref:
        np.testing.assert_array_equal(layer.grads[key], ref[key])


def test_bidirectional_lstm_matches_torch_bidirectional_lstm():
    torch.manual_seed(0)
    module = torch.nn.LSTM(D, H, batch_first=True, bidirectional=True).double()
    w = dict(module.named_parameters())
    directions = []
    for suffix in ("", "_reverse"):
        one = torch.nn.LSTM(D, H, batch_first=True).double()
        with torch.no_grad():
            for name, p in one.named_parameters():
                p.copy_(w[name + suffix])
        directions.append(LSTM.from_torch(one, return_sequences=True, dtype="float64"))
    layer = Bidirectional(directions[0], backward_layer=directions[1])
    x = _x(8)
    g = np.random.default_rng(9).standard_normal((N, T, 2 * H))
    y = layer.forward(x)
    dx = layer.backward(g)
    x_t = torch.tensor(x, requires_grad=True)
    y_t = module(x_t)[0]
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, x_t.grad.numpy(), rtol=1e-9, atol=1e-12)
    # dWx of the backward direction is weight_ih_l0_reverse's gradient, gates (f, i, g, o).
    order = np.r_[H:2 * H, 0:H, 2 * H:4 * H]
    np.testing.assert_allclose(layer.grads["backward_Wx"], w["weight_ih_l0_reverse"].grad.numpy()[order].T,
                               rtol=1e-9, atol=1e-12)


def test_bidirectional_trains_in_a_sequential_and_the_model_file_round_trips(tmp_path):
    from dlspec.io import load_model, save_model
    rng = np.random.default_rng(0)
    X = rng.integers(1, 5, size=(96, 6))
    Y = X[:, 0] - 1
    model = Sequential([Embedding(5, 8), Bidirectional(GRU(8, return_sequences=True)),
                        Bidirectional(LSTM(8), "sum"), Dense(4)],
                       seed=0).compile("softmax_crossentropy", Adam(0.02))
    history = model.fit(X, Y, epochs=10, batch_size=32, verbose=0)
    assert history["cost"][-1] < 0.3 * history["cost"][0]
    save_model(model, tmp_path / "bidir.npz")
    np.testing.assert_array_equal(load_model(tmp_path / "bidir.npz").predict(X), model.predict(X))
