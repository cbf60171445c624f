"""Model-level bugs found by trying dlspec as a new user (issue 12); each test failed before
its fix. They use only the Sequential API, which both the old and the new model layer have."""
import numpy as np
import pytest
import torch

import dlspec
from dlspec.io import load_model
from dlspec.models import zoo
from dlspec.nn import LSTM, Dense, Embedding, MaxPool2D, ReLU, TimeDistributed
from dlspec.regularization import l2_cost

rng = np.random.default_rng(0)


def test_a_built_layer_keeps_its_weights_in_a_new_sequential():
    torch.manual_seed(0)
    lstm = LSTM.from_torch(torch.nn.LSTM(3, 4, batch_first=True))
    weights = {k: v.copy() for k, v in lstm.params.items()}
    model = dlspec.Sequential([lstm, Dense(2)], seed=1)
    model.predict(rng.standard_normal((2, 5, 3)))
    for k, v in weights.items():
        np.testing.assert_array_equal(lstm.params[k], v)


def test_adding_a_layer_to_a_trained_model_keeps_the_trained_weights():
    model = dlspec.Sequential([Dense(4), ReLU(), Dense(1)], seed=0).compile("mse", "adam")
    X, Y = rng.standard_normal((16, 3)), rng.standard_normal((16, 1))
    model.fit(X, Y, epochs=5, verbose=0)
    trained = {k: v.copy() for k, v in model.params.items()}
    model.add(ReLU())
    model.predict(X)
    for k, v in trained.items():
        np.testing.assert_array_equal(model.params[k], v)


def test_a_built_model_accepts_another_sequence_length():
    model = dlspec.Sequential([Embedding(7, 4), LSTM(5, return_sequences=True),
                               TimeDistributed(Dense(7))], seed=0)
    assert model.predict(rng.integers(0, 7, (2, 6))).shape == (2, 6, 7)
    assert model.predict(rng.integers(0, 7, (2, 9))).shape == (2, 9, 7)
    per_step = dlspec.Sequential([LSTM(5, return_sequences=True), Dense(3)], seed=0)
    assert per_step.predict(rng.standard_normal((2, 6, 4))).shape == (2, 6, 3)
    assert per_step.predict(rng.standard_normal((2, 8, 4))).shape == (2, 8, 3)


def test_l2_penalizes_recurrent_weights_and_embeddings():
    model = dlspec.Sequential([Embedding(7, 4), LSTM(5), Dense(1)], seed=0).compile("mse", l2=0.5)
    model.predict(rng.integers(0, 7, (2, 6)))
    squares = sum(float((model.params[k] ** 2).sum())
                  for k in ("embedding.E", "lstm.Wx", "lstm.Wa", "dense.W"))
    assert l2_cost(model, 10) == pytest.approx(0.5 / 20 * squares)


def test_save_and_load_keep_compile_l2(tmp_path):
    model = dlspec.Sequential([Dense(3), Dense(1)], seed=0).compile("mse", "adam", l2=0.25)
    model.predict(np.zeros((1, 2)))
    model.save(tmp_path / "m.npz")
    assert load_model(tmp_path / "m.npz").l2 == 0.25


def test_pooling_padding_as_large_as_the_window_is_refused():
    with pytest.raises(ValueError, match="pad"):
        MaxPool2D(2, padding=2).forward(np.zeros((1, 4, 4, 1)))


def test_a_shape_error_is_a_few_lines_naming_the_layer():
    net = zoo.resnet50(input_shape=(64, 64, 3), num_classes=6)
    net.build((64, 64, 3))
    with pytest.raises(ValueError) as error:
        net.predict(np.zeros((1, 64, 64, 4), np.float32))
    message = str(error.value)
    assert len(message) < 400 and "(1, 64, 64, 4)" in message
    model = dlspec.Sequential([Dense(8), ReLU(), Dense(1)], seed=0)
    model.predict(np.zeros((1, 5)))
    with pytest.raises(ValueError) as error:
        model.predict(np.zeros((1, 6)))
    assert len(str(error.value)) < 300 and "dense" in str(error.value)
    assert len(repr(net)) < 200
