"""forward/predict(keep_caches=False): the same outputs, no caches left behind."""
import numpy as np
import pytest

from dlspec.models import Sequential
from dlspec.nn import BatchNormalization, Conv2D, Dense, Flatten, ReLU


def _model():
    model = Sequential([Conv2D(4, 3, padding="same"), BatchNormalization(), ReLU(), Flatten(),
                        Dense(3)], seed=0)
    model.build((6, 6, 2))
    return model


def test_predict_gives_the_forward_outputs_and_frees_every_cache():
    X = np.random.default_rng(0).standard_normal((5, 6, 6, 2)).astype(np.float32)
    model = _model()
    expected = model.forward(X, training=False)
    assert all(layer._cache is not None for layer in model.layers)
    np.testing.assert_array_equal(model.predict(X, keep_caches=False), expected)
    assert model._cache is None and all(layer._cache is None for layer in model.layers)


def test_backward_after_a_forward_without_caches_says_so():
    X = np.zeros((2, 6, 6, 2), np.float32)
    model = _model()
    y = model.forward(X, keep_caches=False)
    with pytest.raises(RuntimeError, match="before forward"):
        model.backward(np.ones_like(y))
    model.forward(X)                       # with caches (the default) backward works again
    assert model.backward(np.ones_like(y)).shape == X.shape
