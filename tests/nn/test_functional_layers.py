"""RepeatVector, Reshape, Permute, Multiply, Dot, Softmax(axis), Dense over (N, ..., D) with
an activation: clear errors, config round trips, and the per-call cache (shared weights)."""
import json

import numpy as np
import pytest

from dlspec.io.registry import deserialize, serialize
from dlspec.nn import Dense, Dot, Multiply, Permute, RepeatVector, Reshape, Softmax


@pytest.mark.parametrize("make, match", [
    (lambda: Reshape((3, -1, -1)), "one of which may be -1"),
    (lambda: Reshape((0, 4)), "positive ints"),
    (lambda: Reshape(12), "tuple of positive ints"),
    (lambda: Permute((1, 3)), "permutation of 1..k"),
    (lambda: Permute((0, 1)), "axis 0, the examples"),
    (lambda: Permute((1, 1)), "permutation"),
    (lambda: Dot(axes=0), "axis 0 holds the examples"),
    (lambda: Dot(axes=(1, 2, 3)), "pair"),
    (lambda: Dot(axes="last"), "non-zero int"),
    (lambda: Softmax(axis=0), "axis 0 holds the examples"),
    (lambda: RepeatVector(0), "positive integer"),
    (lambda: Dense(4, activation="swish"), r"Dense\(activation\) expects None, 'linear'"),
])
def test_bad_constructor_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_reshape_size_mismatch_says_how_many_values():
    with pytest.raises(ValueError, match=r"\(N, 3, 4\) \(12 values per example\) to \(N, 5, -1\).*hold 12"):
        Reshape((5, -1)).forward(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="must hold 12 values"):
        Reshape((2, 5)).forward(np.zeros((2, 12)))


def test_permute_needs_one_entry_per_axis():
    with pytest.raises(ValueError, match=r"permutes 2 per-example axes; got .*\(N, 3, 4, 5\)"):
        Permute((2, 1)).forward(np.zeros((1, 3, 4, 5)))


def test_dot_axes_must_exist_and_agree_in_size():
    with pytest.raises(ValueError, match=r"axis 3 is not a feature axis of .*\('N', 6, 1\)"):
        Dot(axes=3).forward([np.zeros((2, 6, 1)), np.zeros((2, 6, 8))])
    with pytest.raises(ValueError, match=r"axis 2 of \('N', 6, 1\) and axis 2 of \('N', 6, 8\).*got 1 and 8"):
        Dot(axes=2).forward([np.zeros((2, 6, 1)), np.zeros((2, 6, 8))])
    with pytest.raises(ValueError, match="exactly two inputs"):
        Dot(axes=1).forward([np.zeros((2, 3))] * 3)


def test_multiply_and_repeat_vector_shapes():
    with pytest.raises(ValueError, match="Multiply needs inputs of the same shape"):
        Multiply().forward([np.zeros((2, 3)), np.zeros((2, 4))])
    with pytest.raises(ValueError, match=r"expects inputs of shape \(N, D\)"):
        RepeatVector(2).forward(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match=r"Use an axis between 1 and 2"):
        Softmax(axis=3).forward(np.zeros((2, 3, 4)))


def test_multiply_gradient_with_zeros_in_the_inputs():
    xs = [np.array([[0.0, 2.0]]), np.array([[3.0, 0.0]]), np.array([[5.0, 7.0]])]
    layer = Multiply()
    layer.forward(xs)
    dx = layer.backward(np.ones((1, 2)))
    np.testing.assert_array_equal(dx, [[[15.0, 0.0]], [[0.0, 14.0]], [[0.0, 0.0]]])


def test_dot_cosine_of_parallel_and_zero_vectors():
    x = np.array([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]])
    y = 3 * np.array([[1.0, 2.0, 2.0], [1.0, 0.0, 0.0]])
    layer = Dot(axes=-1, normalize=True)
    np.testing.assert_allclose(layer.forward([x, y]), [[1.0], [0.0]])
    assert all(np.isfinite(g).all() for g in layer.backward(np.ones((2, 1))))


@pytest.mark.parametrize("layer", [
    RepeatVector(4), Reshape((2, -1)), Permute((2, 1)), Multiply(), Dot(axes=1),
    Dot(axes=(2, 2), normalize=True), Softmax(axis=1), Dense(3, activation="tanh"), Dense(2),
])
def test_config_round_trip_through_json(layer):
    spec = json.loads(json.dumps(serialize(layer)))          # tuples come back as lists
    rebuilt = deserialize(spec)
    assert type(rebuilt) is type(layer)
    assert serialize(rebuilt) == serialize(layer)


def test_dense_over_time_steps_equals_dense_on_each_step_and_keeps_the_2d_config():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 6, 5)).astype(np.float32)
    layer = Dense(3, activation="relu")
    Y = layer.forward(X)
    assert Y.shape == (4, 6, 3) and Y.dtype == np.float32 and layer.input_dim is None
    np.testing.assert_allclose(Y[:, 2], np.maximum(X[:, 2] @ layer.params["W"] + layer.params["b"], 0),
                               rtol=1e-6)
    assert layer.backward(np.ones_like(Y), input_grad=False) is None
    assert layer.grads["W"].shape == (5, 3)
    assert Dense(3).build((5,)) == (3,) and Dense(3).build((7, 5)) == (7, 3)
    with pytest.raises(ValueError, match=r"\(N, \.\.\., D\).*X\[:, None\]"):
        Dense(3).forward(np.zeros(4))


def test_a_layer_called_twice_keeps_each_call_in_its_cache():
    """The functional engine restores ``layer._cache`` per call before that call's backward."""
    rng = np.random.default_rng(1)
    for layer, inputs in [
        (Dense(3, activation="softmax"), [rng.standard_normal((2, 4, 5)), rng.standard_normal((3, 4, 5))]),
        (Dot(axes=1), [[rng.standard_normal((2, 6, 1)), rng.standard_normal((2, 6, 3))],
                       [rng.standard_normal((2, 6, 1)), rng.standard_normal((2, 6, 3))]]),
        (Reshape((-1,)), [rng.standard_normal((2, 3, 4)), rng.standard_normal((5, 3, 4))]),
    ]:
        expected = []
        for x in inputs:                          # each call alone
            y_shape = layer.forward(x).shape
            expected.append(layer.backward(np.ones(y_shape)))
        caches = []
        for x in inputs:                          # both calls, then both backwards
            y_shape = layer.forward(x).shape
            caches.append((layer._cache, y_shape))
        for (cache, y_shape), want in zip(reversed(caches), reversed(expected)):
            layer._cache = cache
            got = layer.backward(np.ones(y_shape))
            for g, w in zip(got if isinstance(got, list) else [got], want if isinstance(want, list) else [want]):
                np.testing.assert_allclose(g, w)
