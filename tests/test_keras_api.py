"""Keras's arguments and helpers (issue 24, item 2): initializers, input_shape=, trainable=,
data_format=, get/set_weights, compile(metrics=), history names, summary(), bad Keras input."""
import numpy as np
import pytest

import dlspec
from dlspec import initializers
from dlspec.nn import (Activation, BatchNormalization, Conv2D, Dense, Dropout, Embedding, LSTM, MaxPool2D,
                       ReLU, Sigmoid)


@pytest.mark.parametrize("name, std", [("he_normal", np.sqrt(2 / 36)), ("glorot_normal", np.sqrt(2 / (36 + 72))),
                                       ("lecun_normal", np.sqrt(1 / 36))])
def test_keras_variance_scaling_uses_keras_fans_for_a_kernel(name, std):
    """A (3, 3, 4, 8) kernel: fan_in = 3*3*4 = 36, fan_out = 3*3*8 = 72 (the receptive field
    multiplies both, as Keras)."""
    W = initializers.get(name)((3, 3, 4, 8 * 200), np.random.default_rng(0))
    fan_scale = {"he_normal": 1, "glorot_normal": np.sqrt((36 + 72) / (36 + 72 * 200)), "lecun_normal": 1}[name]
    assert W.std() == pytest.approx(std * fan_scale, rel=0.03)


def test_seeded_initializers_repeat_and_keras_defaults():
    a = initializers.random_uniform(seed=0)((50, 40))
    np.testing.assert_array_equal(a, initializers.random_uniform(seed=0)((50, 40), np.random.default_rng(9)))
    assert -0.05 <= a.min() and a.max() < 0.05
    np.testing.assert_array_equal(initializers.constant(1)((2, 3)), np.ones((2, 3)))
    u = initializers.get("glorot_uniform")((100, 300), np.random.default_rng(0))
    assert np.abs(u).max() <= np.sqrt(6 / 400)
    assert isinstance(initializers.get("HeNormal"), initializers.HeNormal)


def test_kernel_initializer_reaches_the_layers():
    layer = Dense(3, kernel_initializer=initializers.constant(2.0))
    layer.build((4,))
    np.testing.assert_array_equal(layer.params["W"], np.full((4, 3), 2.0, np.float32))
    conv = Conv2D(2, 3, kernel_initializer="zeros")
    conv.build((5, 5, 1))
    assert not conv.params["W"].any()
    emb = Embedding(5, 2, embeddings_initializer="ones")
    emb.build((None,))
    assert (emb.params["E"] == 1).all()
    with pytest.raises(ValueError, match="not both"):
        Dense(3, init="xavier", kernel_initializer="he_normal")
    with pytest.raises(ValueError, match="Unknown initializer"):
        Dense(3, kernel_initializer="glorot_sideways")


def test_input_shape_trainable_and_data_format_in_every_constructor():
    for make in (lambda **k: Dense(3, **k), lambda **k: ReLU(**k), lambda **k: Dropout(0.2, **k),
                 lambda **k: MaxPool2D(2, **k), lambda **k: BatchNormalization(**k), lambda **k: LSTM(4, **k)):
        layer = make(trainable=False, input_shape=(8,))
        assert layer.trainable is False and layer.keras_input_shape == (8,)
        assert make(data_format="channels_last").trainable is True
    with pytest.raises(ValueError, match=r"channels_first.*not supported.*transpose\(0, 2, 3, 1\)"):
        Conv2D(8, 3, data_format="channels_first")
    with pytest.raises(ValueError, match="channels_first"):
        MaxPool2D(2, data_format="channels_first")
    with pytest.raises(TypeError, match="trainable"):
        Dense(3, trainable="no")
    with pytest.raises(ValueError, match="input_shape"):
        Dense(3, input_shape="64x64")


def test_a_frozen_layer_is_left_alone_by_fit():
    model = dlspec.Sequential([Dense(4, input_shape=(3,), trainable=False), Dense(1)], seed=0)
    before = model.layers[0].get_weights()
    model.compile("mse", "adam").fit(np.ones((8, 3), np.float32), np.zeros((8, 1), np.float32), epochs=3, verbose=0)
    for a, b in zip(before, model.layers[0].get_weights()):
        np.testing.assert_array_equal(a, b)


def test_get_and_set_weights_in_keras_lists():
    bn = BatchNormalization()
    bn.build((3,))
    assert [w.shape for w in bn.get_weights()] == [(3,)] * 4
    bn.set_weights([np.full(3, v) for v in (2.0, 1.0, 0.5, 4.0)])
    assert bn.state["running_var"].tolist() == [4.0] * 3
    model = dlspec.Sequential([Dense(2, input_shape=(3,)), Dropout(0.5), Dense(1)], seed=0)
    assert [w.shape for w in model.get_weights()] == [(3, 2), (2,), (2, 1), (1,)]   # no dropout counter
    with pytest.raises(ValueError, match=r"expects 4 arrays"):
        model.set_weights(model.get_weights()[:3])
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        model.set_weights([np.ones((2, 3))] + model.get_weights()[1:])
    with pytest.raises(ValueError, match="build it first"):
        Embedding(5, 2).set_weights([np.ones((5, 2))])


def test_compile_metrics_history_and_validation_twins():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 2)).astype(np.float32)
    y = (X[:, 0] + X[:, 1] > 0).astype(np.int64)
    model = dlspec.Sequential([Dense(4, input_shape=(2,)), ReLU(), Dense(1), Sigmoid()], seed=0)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", "precision", "recall", "f1"])
    history = model.fit(X[:40], y[:40], epochs=3, batch_size=16, validation_data=(X[40:], y[40:]), verbose=0)
    h = history.history
    for key in ("loss", "val_loss", "accuracy", "val_accuracy", "precision", "val_precision", "recall", "f1"):
        assert len(h[key]) == 3, key
    assert h["loss"] == h["cost"] and h["val_loss"] == h["val_cost"]
    pred = (model.predict(X[40:]) > 0.5).astype(np.int64).ravel()
    assert h["val_precision"][-1] == pytest.approx(dlspec.metrics.precision(y[40:], pred))
    from dlspec.train import _postfix
    assert set(_postfix({"cost": 1.0, "accuracy": 0.5, "val_accuracy": 0.25}, ["accuracy"])) == \
        {"cost", "accuracy", "val_accuracy"}
    with pytest.raises(ValueError, match="compile\\(metrics\\) knows"):
        model.compile("binary_crossentropy", metrics=["auc"])
    with pytest.raises(ValueError, match="needs a classification loss"):
        model.compile("mse", metrics=["accuracy"])


def test_summary_prints_and_returns_none(capsys):
    model = dlspec.Sequential([Dense(2, input_shape=(3,))], seed=0)
    assert model.summary() is None
    out = capsys.readouterr().out
    assert out.startswith('Model: "sequential"') and "Total params: 8" in out


def test_activation_layer_refuses_a_function_and_relu_refuses_bad_numbers():
    with pytest.raises(TypeError, match="needs a backward"):
        Activation(np.tanh)
    with pytest.raises(ValueError, match="negative_slope"):
        ReLU(negative_slope=-1)
    with pytest.raises(ValueError, match="Unknown activation"):
        Activation("swish")
