import numpy as np
import pytest

from dlspec import deep_network, gradcheck_model
from dlspec.gradcheck import GradientCheckError, check_gradients
from dlspec.nn import Dense


def _data(n=12, n_x=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, n_x)), rng.integers(0, 2, n)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_l_layer_network_passes_the_course_gradient_check(activation):
    X, Y = _data()
    model = deep_network([3, 5, 4, 3, 1], activation=activation, dtype="float64", seed=1)
    model.compile("binary_crossentropy")
    model.build((3,))
    # NOTE: a sigmoid stack's first-layer gradients vanish (~1e-5), so rounding in the cost
    # dominates central differences at the course's epsilon=1e-7; 1e-5 balances the two errors.
    epsilon = 1e-5 if activation == "sigmoid" else 1e-7
    result = gradcheck_model(model, X, Y, epsilon=epsilon)
    assert result.ok, str(result)
    assert set(result.differences) == set(model.params)
    assert max(result.differences.values()) < 1e-7


def test_a_wrong_backward_is_caught_and_named():
    X, Y = _data()
    model = deep_network([3, 4, 1], dtype="float64").compile("binary_crossentropy")
    model.build((3,))
    broken = model.layers[0]
    original = broken._backward

    def wrong_backward(dZ, cache):
        dA_prev = original(dZ, cache)
        broken.grads["W"] = broken.grads["W"] * 1.1      # a 10% error in one gradient
        return dA_prev

    broken._backward = wrong_backward
    result = gradcheck_model(model, X, Y)
    assert not result.ok
    assert list(result.failures()) == [f"{broken.name}.W"]
    with pytest.raises(GradientCheckError, match=rf"{broken.name}\.W .*FAILED.*worst at index \("):
        result.raise_if_failed()


def test_gradcheck_refuses_float32():
    W = np.ones((2, 2), np.float32)
    with pytest.raises(TypeError, match="float64"):
        check_gradients(lambda: float(W.sum()), {"W": W}, {"W": np.ones((2, 2))})


def test_numerical_gradient_restores_the_parameters():
    layer = Dense(2, input_dim=3)
    layer.build((3,), dtype="float64")
    before = layer.params["W"].copy()
    x = np.ones((4, 3))
    from dlspec import gradcheck_layer
    gradcheck_layer(layer, x, np.random.default_rng(0))
    np.testing.assert_array_equal(layer.params["W"], before)
