"""Graph: wiring, fan-out gradients, gradient check through a residual block, errors."""
import numpy as np
import pytest

from dlspec.gradcheck import gradcheck_layer, gradcheck_model
from dlspec.models import Graph, zoo
from dlspec.nn import Add, BatchNormalization, Concatenate, Conv2D, Dense, Flatten, ReLU, Tanh


def residual_graph(dtype="float64"):
    g = Graph(seed=3, dtype=dtype)
    x = g.add(Conv2D(3, 3, padding="same"), "input")
    # No bias before batch norm: its gradient is exactly 0 (the mean subtraction removes it).
    y = g.add(Tanh(), g.add(BatchNormalization(), g.add(Conv2D(3, 3, padding="same", use_bias=False), x)))
    y = g.add(Conv2D(3, 1), y)
    return g, g.add(Tanh(), g.add(Add(), [x, y]))


def test_gradcheck_through_a_residual_block():
    g, _ = residual_graph()
    rng = np.random.default_rng(0)
    g.build((4, 4, 2))
    result = gradcheck_layer(g, rng.standard_normal((3, 4, 4, 2)), rng, training=True)
    result.raise_if_failed()
    assert "input" in result.differences and "conv2d.W" in result.differences


def test_fan_out_gradient_is_the_sum_of_both_paths():
    g = Graph(dtype="float64")
    a = g.add(Tanh(), "input")
    g.add(Add(), [a, a])                              # y = 2 tanh(x)
    x = np.linspace(-1, 1, 6).reshape(2, 3)
    g.forward(x)
    np.testing.assert_allclose(g.backward(np.ones((2, 3))), 2 * (1 - np.tanh(x) ** 2))


def test_inception_branches_gradcheck_and_shapes():
    g = Graph(seed=0, dtype="float64")
    from dlspec.models.zoo import inception_module
    out = inception_module(g, "input", filters=(2, (2, 3), (1, 2), 1))
    assert g.output == out
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 5, 5, 3))
    assert g.forward(X).shape == (2, 5, 5, 8)
    gradcheck_layer(g, X, rng, threshold=1e-6).raise_if_failed()


def test_small_resnet_model_gradcheck_with_loss():
    model = zoo.small_resnet(input_shape=(8, 8, 3), num_classes=3, width=2, dtype="float64")
    model.compile("softmax_crossentropy")
    rng = np.random.default_rng(2)
    X, Y = rng.standard_normal((4, 8, 8, 3)), np.array([0, 1, 2, 1])
    model.build(X.shape[1:])
    gradcheck_model(model, X, Y, threshold=1e-6).raise_if_failed()


def test_graph_is_a_layer_inside_sequential_params_are_qualified():
    from dlspec.models import Sequential
    g, _ = residual_graph("float32")
    model = Sequential([g, Flatten(), Dense(2)])
    model.build((4, 4, 2))
    assert "graph.conv2d.W" in model.params and model.count_params() == g.count_params() + 4 * 4 * 3 * 2 + 2
    assert model.predict(np.zeros((1, 4, 4, 2))).shape == (1, 2)


def test_fit_trains_a_graph():
    model = zoo.small_resnet(input_shape=(8, 8, 1), num_classes=2, width=2)
    from dlspec.optim import Adam
    model.compile("softmax_crossentropy", Adam(0.01))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((32, 8, 8, 1)).astype(np.float32)
    Y = (X[:, :4].mean(axis=(1, 2, 3)) > X[:, 4:].mean(axis=(1, 2, 3))).astype(int)
    history = model.fit(X, Y, epochs=15, batch_size=16, verbose=0)
    assert history["cost"][-1] < history["cost"][0]


def test_summary_lists_inputs():
    g, _ = residual_graph()
    g.build((4, 4, 2))
    text = g.summary()
    assert "conv2d, conv2d_2" in text or "conv2d, conv2d_2".replace(" ", "") in text.replace(" ", "")


def test_errors_unknown_node_reused_layer_and_merge_arity():
    g = Graph()
    with pytest.raises(ValueError, match="unknown input node"):
        g.add(ReLU(), "nope")
    conv = Conv2D(2, 1)
    g.add(conv, "input")
    with pytest.raises(ValueError, match="already in this graph"):
        g.add(conv)
    with pytest.raises(ValueError, match="list of two or more"):
        g.add(Add(), "input")
    with pytest.raises(ValueError, match="one node name"):
        g.add(ReLU(), ["input", "conv2d"])
    with pytest.raises(TypeError, match="dlspec layer"):
        g.add(lambda x: x)


def test_channel_mismatch_in_add_is_explained():
    g = Graph()
    a = g.add(Conv2D(4, 1), "input")
    b = g.add(Conv2D(8, 1), "input")
    g.add(Add(), [a, b])
    with pytest.raises(ValueError, match=r"Add needs inputs of the same shape.*1x1 Conv2D"):
        g.build((5, 5, 3))


def test_concatenate_needs_matching_height_and_width():
    g = Graph()
    a = g.add(Conv2D(2, 3), "input")                 # valid: 5x5 -> 3x3
    b = g.add(Conv2D(2, 1), "input")
    g.add(Concatenate(), [a, b])
    with pytest.raises(ValueError, match="padding='same'"):
        g.build((5, 5, 3))
