"""TimeDistributed: the same weights at every step, shared params, clear errors."""
import numpy as np
import pytest

from dlspec.models import Sequential
from dlspec.nn import Dense, SimpleRNN, TimeDistributed


def test_applies_the_same_dense_at_every_step_and_shares_params():
    dense = Dense(4)
    layer = TimeDistributed(dense)
    x = np.random.default_rng(0).standard_normal((2, 5, 3)).astype(np.float32)
    y = layer.forward(x)
    for t in range(5):
        np.testing.assert_allclose(y[:, t], dense.forward(x[:, t]), rtol=1e-6)
    assert layer.params is dense.params and set(layer.params) == {"W", "b"}
    assert layer.forward(x[:, :2]).shape == (2, 2, 4)
    dx = layer.backward(np.ones((2, 2, 4), np.float32))
    assert dx.shape == (2, 2, 3)
    np.testing.assert_allclose(layer.grads["b"], [4, 4, 4, 4])   # summed over N and T


def test_in_a_model_the_params_are_named_after_the_wrapper():
    model = Sequential([SimpleRNN(3, return_sequences=True), TimeDistributed(Dense(2))])
    model.build((4, 5))
    assert "timedistributed_dense.W" in model.params
    assert TimeDistributed(Dense(2)).get_config()["layer"]["class"] == "Dense"


def test_clear_errors():
    with pytest.raises(TypeError, match="wraps a dlspec layer"):
        TimeDistributed(lambda x: x)
    with pytest.raises(ValueError, match=r"\(N, T, \.\.\.\).*Dense on its own"):
        TimeDistributed(Dense(2)).forward(np.zeros((3, 4), np.float32))


def test_rebuilds_from_its_config():
    layer = TimeDistributed(Dense(3, use_bias=False), name="out")
    layer.build((4, 2))
    rebuilt = TimeDistributed(**layer.get_config())
    assert rebuilt.get_config() == layer.get_config()
    assert isinstance(rebuilt.layer, Dense) and rebuilt.layer.use_bias is False
    with pytest.raises(ValueError, match="unknown layer class 'Nope'"):
        TimeDistributed({"class": "Nope", "config": {}})
