"""SimpleRNN, LSTM, GRU: parity with torch.nn modules (weights copied with from_torch), the
shapes users rely on, clear errors, and a whole model's gradient check."""
import numpy as np
import pytest
import torch

from dlspec.gradcheck import gradcheck_model
from dlspec.losses import SequenceCrossEntropy
from dlspec.models import Sequential
from dlspec.nn import GRU, LSTM, Dense, Embedding, SimpleRNN, TimeDistributed

N, T, D, H = 3, 6, 4, 5


def _torch_module(kind):
    torch.manual_seed(0)
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    module = cls(D, H, batch_first=True).double()
    with torch.no_grad():                          # non-zero biases, so their mapping is tested
        for name, p in module.named_parameters():
            if "bias" in name:
                p.uniform_(-0.5, 0.5)
    return module


@pytest.mark.parametrize("kind,cls", [("rnn", SimpleRNN), ("lstm", LSTM), ("gru", GRU)])
def test_matches_the_torch_module_with_copied_weights(kind, cls):
    module = _torch_module(kind)
    layer = cls.from_torch(module, return_sequences=True, dtype="float64")
    x = np.random.default_rng(0).standard_normal((N, T, D))
    g = np.random.default_rng(1).standard_normal((N, T, H))

    y = layer.forward(x)
    dx = layer.backward(g)
    x_t = torch.tensor(x, requires_grad=True)
    y_t = module(x_t)[0]
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, x_t.grad.numpy(), rtol=1e-9, atol=1e-12)
    # Weight gradients, mapped back: dWx is the gradient of weight_ih_l0.T in our gate order.
    w_grad = module.weight_ih_l0.grad.numpy()
    if kind == "lstm":
        order = np.r_[H:2 * H, 0:H, 2 * H:4 * H]
        np.testing.assert_allclose(layer.grads["Wx"], w_grad[order].T, rtol=1e-9, atol=1e-12)
    elif kind == "gru":
        order = np.r_[H:2 * H, 0:H, 2 * H:3 * H]
        sign = np.r_[-np.ones(H), np.ones(2 * H)]
        np.testing.assert_allclose(layer.grads["Wx"], (w_grad[order] * sign[:, None]).T, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(layer.grads["bac"], module.bias_hh_l0.grad.numpy()[2 * H:], rtol=1e-9)
    else:
        np.testing.assert_allclose(layer.grads["Wx"], w_grad.T, rtol=1e-9, atol=1e-12)


def test_the_course_gru_differs_from_torch_s_form():
    """reset_after=False (the course) and True (torch) are different functions of the same weights."""
    x = np.random.default_rng(2).standard_normal((N, T, D))
    course, torch_form = GRU(H, return_sequences=True), GRU(H, return_sequences=True, reset_after=True)
    course.build((T, D), np.random.default_rng(0), "float64")
    torch_form.build((T, D), np.random.default_rng(0), "float64")
    assert not np.allclose(course.forward(x), torch_form.forward(x))


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_shapes_variable_length_and_last_state(cls):
    layer = cls(H, return_sequences=True)
    x = np.random.default_rng(3).standard_normal((N, T, D)).astype(np.float32)
    a = layer.forward(x)
    assert a.shape == (N, T, H) and a.dtype == np.float32
    assert layer.forward(x[:, :2]).shape == (N, 2, H)       # T may change, D may not
    np.testing.assert_allclose(layer.forward(x[:, :2]), a[:, :2], rtol=1e-6)   # causal
    last = cls(H)
    last.build((T, D), np.random.default_rng(0))
    layer.build((T, D), np.random.default_rng(0))
    np.testing.assert_allclose(last.forward(x), layer.forward(x)[:, -1], rtol=1e-6)
    assert last.output_shape((T, D)) == (H,) and layer.output_shape((T, D)) == (T, H)


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_clear_errors(cls):
    with pytest.raises(ValueError, match="positive integer"):
        cls(0)
    with pytest.raises(TypeError, match="return_sequences"):
        cls(3, return_sequences="yes")
    with pytest.raises(ValueError, match=r"\(N, T, D\).*Embedding"):
        cls(3).forward(np.zeros((2, 5), np.float32))
    layer = cls(3)
    layer.forward(np.zeros((2, 5, 4), np.float32))
    with pytest.raises(ValueError, match="built for 4 features"):
        layer.forward(np.zeros((2, 5, 3), np.float32))
    with pytest.raises(ValueError, match="at least one time step"):
        layer.forward(np.zeros((2, 0, 4), np.float32))


def test_from_torch_refuses_what_it_cannot_copy():
    with pytest.raises(ValueError, match="one-layer"):
        LSTM.from_torch(torch.nn.LSTM(3, 4, num_layers=2, batch_first=True))
    with pytest.raises(ValueError, match="tanh"):
        SimpleRNN.from_torch(torch.nn.RNN(3, 4, nonlinearity="relu", batch_first=True))


def test_lstm_forget_bias_starts_at_one_and_config_rebuilds():
    layer = LSTM(4, input_dim=3)
    np.testing.assert_array_equal(layer.params["b"][:4], 1)
    np.testing.assert_array_equal(layer.params["b"][4:], 0)
    assert LSTM(4, unit_forget_bias=False, input_dim=3).params["b"].sum() == 0
    config = GRU(4, reset_after=True).get_config()
    rebuilt = GRU(**config)
    assert rebuilt.get_config() == config


@pytest.mark.parametrize("cell", [SimpleRNN, LSTM, GRU])
def test_a_language_model_passes_the_whole_model_gradient_check(cell):
    """Embedding -> recurrent -> recurrent -> TimeDistributed(Dense) -> sequence loss."""
    V = 6
    model = Sequential([Embedding(V, 3, init=_unit_normal), cell(4, return_sequences=True),
                        cell(3, return_sequences=True), TimeDistributed(Dense(V))],
                       seed=0, dtype="float64")
    model.compile(SequenceCrossEntropy())
    rng = np.random.default_rng(5)
    X = rng.integers(0, V, size=(3, 5))
    Y = rng.integers(0, V, size=(3, 5))
    Y[0, -2:] = -1
    model.build(X.shape[1:])
    # epsilon 1e-5: with a cost of ~10, rounding noise at the default 1e-7 reaches ~1e-7 relative.
    result = gradcheck_model(model, X, Y, epsilon=1e-5).raise_if_failed()
    assert "embedding.E" in result.differences and len(result.differences) == len(model.params)


def _unit_normal(shape, rng, dtype):
    # Inputs of size ~1 keep every gradient well above central differences' rounding noise.
    return rng.standard_normal(shape).astype(dtype)


def test_keras_like_fit_on_token_ids_with_embedding_and_sequence_loss():
    """The path a user takes: ids (N, T) in, next ids (N, T) out, model.fit, Adam."""
    from dlspec.optim import Adam
    rng = np.random.default_rng(0)
    X = rng.integers(0, 5, size=(64, 8))
    Y = (X + 1) % 5                                       # predict the next id in a cycle
    model = Sequential([Embedding(5, 8), GRU(16, return_sequences=True), TimeDistributed(Dense(5))],
                       seed=0).compile("sequence_crossentropy", Adam(0.02))
    history = model.fit(X, Y, epochs=30, batch_size=16, verbose=0)
    assert history["cost"][-1] < 0.1 * history["cost"][0]
    np.testing.assert_array_equal(model.predict(X).argmax(-1), Y)
