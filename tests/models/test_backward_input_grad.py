"""backward(dy, input_grad=False): same parameter gradients, no gradient for the data."""
import numpy as np

from dlspec import Sequential
from dlspec.functional.dense import dense_backward, dense_forward
from dlspec.nn import Dense, ReLU, Tanh


def _model():
    return Sequential([Tanh(), Dense(5), ReLU(), Dense(3)], seed=3, dtype="float64")


def test_parameter_gradients_are_the_same_without_the_input_gradient():
    rng = np.random.default_rng(0)
    X, dY = rng.standard_normal((7, 4)), rng.standard_normal((7, 3))
    full, skip = _model(), _model()
    full.forward(X, training=True)
    dX = full.backward(dY)
    assert dX.shape == X.shape
    skip.forward(X, training=True)
    assert skip.backward(dY, input_grad=False) is None
    for name, g in full.grads.items():
        np.testing.assert_array_equal(skip.grads[name], g)
    # The first Dense was told to skip dA_prev; the layers after it were not.
    assert skip.layers[1].input_grad is False and skip.layers[3].input_grad is True
    # A later call with the default computes the input gradient again.
    skip.forward(X, training=True)
    np.testing.assert_allclose(skip.backward(dY), dX)


def test_dense_backward_skips_only_dA_prev():
    rng = np.random.default_rng(1)
    A, W, b = rng.standard_normal((6, 4)), rng.standard_normal((4, 2)), rng.standard_normal(2)
    Z, cache = dense_forward(A, W, b)
    np.testing.assert_allclose(Z, A @ W + b)
    dZ = rng.standard_normal(Z.shape)
    dA, dW, db = dense_backward(dZ, cache)
    none, dW2, db2 = dense_backward(dZ, cache, need_dA_prev=False)
    assert none is None and dA.shape == A.shape
    np.testing.assert_array_equal(dW2, dW)
    np.testing.assert_array_equal(db2, db)


def test_model_skips_the_data_gradient_with_the_same_parameter_gradients():
    from dlspec.models import Model
    from dlspec.nn import Add, Conv2D, Input, ZeroPadding2D

    def graph():
        X = Input((5, 5, 3))
        x = ZeroPadding2D(1)(X)                        # parameterless: no gradient needed either
        a = Conv2D(2, 3)(x)
        b = Conv2D(2, 3, padding="same")(a)
        return Model(X, Add()([a, b]), seed=4, dtype="float64")

    rng = np.random.default_rng(5)
    X = rng.standard_normal((2, 5, 5, 3))
    full, skip = graph(), graph()
    dY = rng.standard_normal(full.forward(X, training=True).shape)
    assert full.backward(dY).shape == X.shape
    skip.forward(X, training=True)
    assert skip.backward(dY, input_grad=False) is None
    for name, grad in full.grads.items():
        np.testing.assert_allclose(skip.grads[name], grad, rtol=1e-12, atol=1e-12)
    assert skip.layers[1].input_grad is False      # the first convolution skipped its dA_prev
