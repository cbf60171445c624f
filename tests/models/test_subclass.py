"""Subclassed layers and models written as the course writes them (Keras's subclassing)."""
import numpy as np
import pytest
import torch

import dlspec
from dlspec import GradientTape, ops
from dlspec.nn import Dense, Dropout, Layer
from harness.cases.subclass import CourseEncoderLayer, Linear


def _keras_mha_params(D, h, k):
    return 3 * (D * h * k + h * k) + (h * k * D + D)


def test_course_encoder_layer_has_keras_parameter_count_and_attribute_paths():
    D, h, ff = 4, 2, 8
    layer = CourseEncoderLayer(D, h, ff)                 # the course's key_dim=embedding_dim
    layer(np.ones((1, 3, D), dtype=np.float32))
    keras = _keras_mha_params(D, h, D) + (D * ff + ff) + (ff * D + D) + 2 * 2 * D
    assert layer.count_params() == keras == 248
    assert {"mha.Wq", "ffn1.W", "ffn2.b", "layernorm2.gamma"} <= set(layer.params)
    assert len(layer.trainable_variables) == len(layer.params)
    assert all(np.shares_memory(v.value, layer.params[v.name.split(".", 1)[1]]) for v in layer.trainable_variables)


def test_encoder_layer_model_gradient_check_in_float64():
    x = dlspec.Input((5, 8))
    enc = CourseEncoderLayer(8, 2, 16, dropout_rate=0.0, key_dim=4)
    y = Dense(3)(ops.reduce_mean(enc(x), axis=1))
    model = dlspec.Model(x, ops.softmax(y), dtype="float64", seed=1)
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((4, 5, 8)), np.eye(3)[[0, 1, 2, 1]]
    result = dlspec.gradcheck_model(model, X, Y, loss=dlspec.losses.MeanSquaredError(), inputs=True)
    result.raise_if_failed()
    assert any(name.startswith("courseencoderlayer.mha.") for name in result.differences)


def test_encoder_layer_matches_torch_transformer_encoder_layer():
    D, h, ff, eps = 8, 2, 16, 1e-6
    layer = CourseEncoderLayer(D, h, ff, dropout_rate=0.0, key_dim=D // h)
    layer.build((5, D), np.random.default_rng(0), "float64")
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 5, D))
    layer.forward(X)
    torch.manual_seed(0)
    ref = torch.nn.TransformerEncoderLayer(D, h, ff, dropout=0.0, batch_first=True, layer_norm_eps=eps).double()
    p = layer.params
    W_in, b_in = ref.self_attn.in_proj_weight.detach().numpy(), ref.self_attn.in_proj_bias.detach().numpy()
    for i, c in enumerate("qkv"):                    # the name map: torch's (out, in) -> our (in, out)
        p[f"mha.W{c}"][...] = W_in[i * D:(i + 1) * D].T
        p[f"mha.b{c}"][...] = b_in[i * D:(i + 1) * D]
    p["mha.Wo"][...] = ref.self_attn.out_proj.weight.detach().numpy().T
    p["mha.bo"][...] = ref.self_attn.out_proj.bias.detach().numpy()
    for ours, theirs in [("ffn1", ref.linear1), ("ffn2", ref.linear2)]:
        p[f"{ours}.W"][...] = theirs.weight.detach().numpy().T
        p[f"{ours}.b"][...] = theirs.bias.detach().numpy()
    for ours, theirs in [("layernorm1", ref.norm1), ("layernorm2", ref.norm2)]:
        p[f"{ours}.gamma"][...] = theirs.weight.detach().numpy()
        p[f"{ours}.beta"][...] = theirs.bias.detach().numpy()
    y = layer.forward(X)
    G = rng.standard_normal(y.shape)
    dX = layer.backward(G)
    Xt = torch.tensor(X, requires_grad=True)
    yt = ref(Xt)
    yt.backward(torch.tensor(G))
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(dX, Xt.grad.numpy(), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(layer.grads["ffn1.W"], ref.linear1.weight.grad.numpy().T, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(layer.grads["mha.Wq"], ref.self_attn.in_proj_weight.grad.numpy()[:D].T,
                               rtol=1e-8, atol=1e-10)


def test_encoder_layer_trains_with_fit():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 5, 8)).astype(np.float32)
    Y = (X[:, :, 0].mean(axis=1, keepdims=True) > 0).astype(np.float32)
    x = dlspec.Input((5, 8))
    out = Dense(1, activation="sigmoid")(ops.reduce_mean(CourseEncoderLayer(8, 2, 16, dropout_rate=0.1)(x), axis=1))
    model = dlspec.Model(x, out, seed=0).compile("binary_crossentropy", dlspec.Adam(0.01))
    before = model.evaluate(X, Y)["cost"]
    model.fit(X, Y, epochs=30, batch_size=16, verbose=False)
    assert model.evaluate(X, Y)["cost"] < 0.5 * before


def test_add_weight_subclass_trains_with_fit_and_with_a_tape():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 4))
    Y = X @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + 0.7
    x = dlspec.Input((4,))
    model = dlspec.Model(x, Linear(1)(x), dtype="float64", seed=0).compile("mse", dlspec.Adam(0.1))
    model.fit(X, Y, epochs=200, verbose=False)
    assert model.evaluate(X, Y)["cost"] < 1e-3
    lin, opt = Linear(1), dlspec.GradientDescent(0.1)
    lin.build((4,), np.random.default_rng(0), "float64")
    for _ in range(300):
        with GradientTape() as tape:
            J = ops.reduce_mean(ops.square(lin(X) - Y))
        opt.apply_gradients(zip(tape.gradient(J, lin.trainable_variables), lin.trainable_variables))
    np.testing.assert_allclose(lin.params["w"].ravel(), [1.0, -2.0, 0.5, 3.0], atol=1e-3)


class Noisy(Layer):
    """Dropout called without training=: the outer call's training must reach it."""

    def __init__(self):
        super().__init__()
        self.dense = Dense(4)
        self.drop = Dropout(keep_prob=0.5)

    def call(self, inputs):
        return self.drop(self.dense(inputs))


def test_training_reaches_sub_calls_that_do_not_pass_it():
    layer, X = Noisy(), np.ones((8, 3))
    np.testing.assert_array_equal(layer(X), layer(X, training=False))
    assert (layer(X, training=True) == 0).any()


def test_frozen_subclass_has_no_trainable_variables_and_fit_leaves_it():
    x = dlspec.Input((3,))
    inner = Linear(2)
    model = dlspec.Model(x, Dense(1)(inner(x)), seed=0).compile("mse", "adam")
    inner.trainable = False
    before = inner.params["w"].copy()
    model.fit(np.ones((4, 3)), np.ones((4, 1)), epochs=3, verbose=False)
    np.testing.assert_array_equal(inner.params["w"], before)
    assert inner.trainable_variables == [] and len(model.trainable_variables) == 2
    assert "Non-trainable params: 8" in _summary(model)


def test_l2_and_save_load_reach_sub_layers(tmp_path):
    from dlspec.regularization import WEIGHT_KEYS, l2_cost
    x = dlspec.Input((5, 8))
    model = dlspec.Model(x, ops.reduce_mean(CourseEncoderLayer(8, 2, 16, dropout_rate=0.0)(x), axis=1), seed=0)
    model.compile("mse", "adam", l2=0.5)
    W = model.params
    expected = 0.5 / 2 * sum(float((W[k] ** 2).sum()) for k in W
                             if k.rsplit(".", 1)[-1] in WEIGHT_KEYS)
    assert expected > 0 and l2_cost(model, 1) == pytest.approx(expected, rel=1e-6)
    X = np.random.default_rng(0).standard_normal((2, 5, 8)).astype(np.float32)
    model.save(tmp_path / "m.npz")
    loaded = dlspec.load_model(tmp_path / "m.npz", custom_objects={"CourseEncoderLayer": CourseEncoderLayer})
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


class TwoLayerNet(dlspec.Model):
    def __init__(self):
        super().__init__()
        self.hidden = Dense(12, activation="relu")
        self.classifier = Dense(6)

    def call(self, inputs, training=False):
        return ops.softmax(self.classifier(self.hidden(inputs)))


def test_subclassed_model_fits_summarizes_and_trains_under_a_tape():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((30, 25)), rng.integers(0, 6, 30)
    model = TwoLayerNet().compile("mse", dlspec.Adam(0.01))
    model.fit(X, np.eye(6)[y], epochs=2, verbose=False)
    assert "hidden (Dense)" in _summary(model) and model.count_params() == 25 * 12 + 12 + 12 * 6 + 6
    assert {"hidden.W", "classifier.b"} <= set(model.params)
    variables = model.trainable_variables
    with GradientTape() as tape:
        J = ops.reduce_mean(ops.square(model(X) - np.eye(6)[y]))
    grads = tape.gradient(J, variables)
    assert all(g is not None and g.shape == v.shape for g, v in zip(grads, variables))


class Branchy(Layer):
    def __init__(self):
        super().__init__()
        self.dense = Dense(2)

    def call(self, x):
        if x > 0:
            return self.dense(x)
        return x


def test_python_if_in_call_names_ops_where():
    with pytest.raises(TypeError, match="dlspec.ops.where"):
        Branchy()(np.ones((2, 3)))


def _summary(model):
    """The text summary() prints (it returns None, as Keras)."""
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)


def test_keras_build_gets_the_batch_axis_none_symbolically_and_n_on_arrays():
    seen = []

    class Probe(Linear):
        def build(self, input_shape):
            seen.append(input_shape)
            super().build(input_shape)

    x = dlspec.Input((4,))
    dlspec.Model(x, Probe(2)(x), seed=0)
    Probe(2)(np.ones((5, 4)))
    assert seen == [(None, 4), (5, 4)]
