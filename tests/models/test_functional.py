"""The functional API: shared layers, several inputs and outputs, states, input gradients,
freezing, pruning of unused calls, saving; model-level float64 gradient checks."""
import numpy as np
import pytest

import dlspec
from dlspec import Input, Model
from dlspec.gradcheck import gradcheck_model
from dlspec.io import load_model
from dlspec.losses import MeanSquaredError
from dlspec.models.attention import modelf
from dlspec.models.jazz import djmodel
from dlspec.nn import (LSTM, Add, BatchNormalization, Concatenate, Conv2D, Dense, Flatten,
                       MaxPool2D, Multiply, Reshape, Tanh)
from dlspec.optim import Adam
from dlspec.regularization import l2_cost

rng = np.random.default_rng(0)


def test_one_dense_called_three_times_sums_its_gradients():
    x = Input((4,))
    shared = Dense(4, init="xavier")
    y = shared(Tanh()(shared(Tanh()(shared(x)))))
    model = Model(x, y, dtype="float64", seed=1).compile("mse")
    assert len(model.layers) == 3 and model.count_params() == 20       # one set of weights
    X, Y = rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    result = gradcheck_model(model, X, Y, inputs=True).raise_if_failed()
    assert set(result.differences) == {"dense.W", "dense.b", "input"}


def two_in_two_out(dtype="float64"):
    x1, x2 = Input((3,), name="x1"), Input((5,), name="x2")
    h = Tanh()(Dense(4)(Concatenate()([x1, Dense(3)(x2)])))
    gate = Tanh()(Dense(4)(x2))
    return Model({"x1": x1, "x2": x2}, {"value": Dense(1)(h), "label": Dense(3)(Multiply()([h, gate]))},
                 seed=2, dtype=dtype)


def test_two_inputs_two_outputs_gradcheck_with_loss_weights():
    model = two_in_two_out().compile({"value": "mse", "label": "softmax_crossentropy"},
                                     loss_weights={"value": 0.5, "label": 2.0})
    X = {"x1": rng.standard_normal((6, 3)), "x2": rng.standard_normal((6, 5))}
    Y = {"value": rng.standard_normal((6, 1)), "label": rng.integers(0, 3, 6)}
    result = gradcheck_model(model, X, Y, inputs=True).raise_if_failed()
    assert {"input_0", "input_1"} <= set(result.differences)
    costs = model.loss.costs
    assert model.loss.forward(model.forward(X), Y) == pytest.approx(0.5 * costs[0] + 2.0 * costs[1])


def test_fit_and_predict_with_dicts_and_lists():
    model = two_in_two_out("float32").compile(["mse", "softmax_crossentropy"] if False else
                                              {"value": "mse", "label": "softmax_crossentropy"}, Adam(0.05))
    X = {"x1": rng.standard_normal((64, 3)), "x2": rng.standard_normal((64, 5))}
    Y = {"value": X["x1"][:, :1] - X["x2"][:, :1], "label": (X["x2"][:, 0] > 0).astype(int) + (X["x1"][:, 0] > 0)}
    history = model.fit(X, Y, epochs=30, batch_size=16, verbose=0)
    assert history.history["cost"][-1] < 0.5 * history.history["cost"][0]
    out = model.predict(X, batch_size=10)
    assert out["value"].shape == (64, 1) and out["label"].shape == (64, 3)
    np.testing.assert_allclose(out["label"], model.predict(X)["label"], rtol=1e-5)
    with pytest.raises(ValueError, match="dict with keys"):
        model.predict([X["x1"], X["x2"]])


def small_djmodel(dtype="float64"):
    return djmodel(4, LSTM(3, return_state=True), Dense(5), Reshape((1, 5)), seed=3, dtype=dtype)


def test_lstm_stepped_one_step_at_a_time_with_its_states_fed_back():
    model = small_djmodel().compile("softmax_crossentropy")
    dense = next(layer for layer in model.layers if isinstance(layer, Dense))
    assert len(model.outputs) == 4 and sum(n.layer is dense for n in model._nodes) == 4
    X = rng.standard_normal((3, 4, 5))
    a0, c0 = rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    Y = [rng.integers(0, 5, 3) for _ in range(4)]
    result = gradcheck_model(model, [X, a0, c0], Y, inputs=True).raise_if_failed()
    assert {"input_0", "input_1", "input_2", "lstm.Wx", "lstm.Wa"} <= set(result.differences)


def test_stepping_equals_one_call_over_the_sequence():
    model = small_djmodel()
    cell = model.layers[[type(l) for l in model.layers].index(LSTM)]
    X, a0 = rng.standard_normal((2, 4, 5)), np.zeros((2, 3))
    stepped = model.predict([X, a0, a0])
    whole = LSTM(3, return_sequences=True)
    whole.build((4, 5), dtype="float64")
    for k in cell.params:
        whole.params[k][...] = cell.params[k]
    dense = next(layer for layer in model.layers if isinstance(layer, Dense))
    a = whole.forward(X)
    for t in range(4):
        np.testing.assert_allclose(stepped[t], a[:, t] @ dense.params["W"] + dense.params["b"], rtol=1e-12)


def small_conv_net():
    image = Input((6, 6, 2))
    X = Conv2D(3, 3, padding="same")(image)
    X = MaxPool2D(2)(Tanh()(X))
    return Model(image, Dense(2)(Flatten()(X)), seed=4, dtype="float64")


def test_gradient_with_respect_to_an_input_image():
    model = small_conv_net().compile("mse")
    X, Y = rng.standard_normal((2, 6, 6, 2)), rng.standard_normal((2, 2))
    gradcheck_model(model, X, Y, inputs=True, threshold=1e-6).raise_if_failed()


def test_optimizing_an_input_image_with_a_custom_step():
    """Style transfer's loop: the weights stay, the image moves, the cost falls."""
    model = small_conv_net()
    model.trainable = False
    loss, target = MeanSquaredError(), np.array([[1.0, -1.0]])
    image = rng.standard_normal((1, 6, 6, 2))
    weights = {k: v.copy() for k, v in model.params.items()}
    optimizer = Adam(0.05)
    costs = []
    for _ in range(40):
        costs.append(loss.forward(model.forward(image, training=True), target))
        d_image = model.backward(loss.backward())
        optimizer.step([("image", image, d_image)])
    assert costs[-1] < 0.1 * costs[0]
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, weights[k])


def frozen_model():
    x = Input((3,))
    base = Dense(4, name="base")
    head = Dense(1, name="head")
    return Model(x, head(Tanh()(base(x))), seed=5, dtype="float64"), base, head


def test_a_frozen_layer_is_neither_updated_nor_regularized():
    model, base, head = frozen_model()
    base.trainable = False
    model.compile("mse", Adam(0.1), l2=0.7)
    X, Y = rng.standard_normal((8, 3)), rng.standard_normal((8, 1))
    gradcheck_model(model, X, Y).raise_if_failed()         # the checks still see every gradient
    before_base, before_head = base.params["W"].copy(), head.params["W"].copy()
    model.fit(X, Y, epochs=3, verbose=0)
    np.testing.assert_array_equal(base.params["W"], before_base)
    assert not np.array_equal(head.params["W"], before_head)
    assert l2_cost(model, 8) == pytest.approx(0.7 / 16 * float((head.params["W"] ** 2).sum()))
    assert [name for name, _, _ in model.named_params_and_grads()] == ["head.W", "head.b"]
    text = _summary_text(model)
    assert "Trainable params: 5" in text and "Non-trainable params: 16" in text


def test_freezing_a_sub_model_and_calling_it_in_inference_mode():
    inner_x = Input((3,))
    base = Model(inner_x, BatchNormalization()(Dense(4)(inner_x)), name="base")
    base.trainable = False
    x = Input((3,))
    model = Model(x, Dense(1)(base(x, training=False)), seed=6).compile("mse", Adam(0.05))
    X, Y = rng.standard_normal((16, 3)).astype(np.float32), rng.standard_normal((16, 1))
    state = {k: v.copy() for k, v in model.state.items()}
    params = {k: v.copy() for k, v in base.params.items()}
    model.fit(X, Y, epochs=2, batch_size=8, verbose=0)
    for k, v in model.state.items():              # moving averages untouched
        np.testing.assert_array_equal(v, state[k])
    for k, v in base.params.items():
        np.testing.assert_array_equal(v, params[k])
    assert "Non-trainable params: 32" in _summary_text(model)


def test_calls_that_do_not_reach_an_output_never_run():
    x = Input((3,))
    y = Dense(2)(x)
    unused = Dense(5)
    unused(x)                                       # recorded, but the model does not need it
    model = Model(x, y).compile("mse")
    assert unused not in model.layers
    model.fit(rng.standard_normal((4, 3)), rng.standard_normal((4, 2)), verbose=0)
    assert not unused.built


def test_fan_out_gradient_is_the_sum_of_both_paths():
    x = Input((3,))
    a = Tanh()(x)
    model = Model(x, Add()([a, a]), dtype="float64")
    X = np.linspace(-1, 1, 6).reshape(2, 3)
    model.forward(X)
    np.testing.assert_allclose(model.backward(np.ones((2, 3))), 2 * (1 - np.tanh(X) ** 2))


def test_save_and_load_shared_layers_several_inputs_outputs_and_compile(tmp_path):
    model = two_in_two_out("float32").compile({"value": "mse", "label": "softmax_crossentropy"},
                                              Adam(0.01), l2=0.3, loss_weights={"value": 2.0, "label": 1.0})
    model.layers[0].trainable = False
    X = {"x1": rng.standard_normal((4, 3)), "x2": rng.standard_normal((4, 5))}
    model.save(tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    for k, v in model.predict(X).items():
        np.testing.assert_array_equal(loaded.predict(X)[k], v)
    assert loaded.l2 == 0.3 and loaded.loss.loss_weights == [2.0, 1.0]
    assert [l.trainable for l in loaded.layers] == [l.trainable for l in model.layers]
    dj = small_djmodel("float32")
    ins = [rng.standard_normal((2, 4, 5)), np.zeros((2, 3)), np.zeros((2, 3))]
    dj.save(tmp_path / "dj.npz")
    dj2 = load_model(tmp_path / "dj.npz")
    assert len(dj2.layers) == len(dj.layers) and len(dj2._nodes) == len(dj._nodes)   # still shared
    for a, b in zip(dj2.predict(ins), dj.predict(ins)):
        np.testing.assert_array_equal(a, b)


def test_course_models_have_the_course_parameter_counts():
    assert modelf(30, 10, 32, 64, 37, 11).count_params() == 52_960
    assert djmodel(30, LSTM(64, return_state=True), Dense(90, activation="softmax"),
                   Reshape((1, 90))).count_params() == 45_530


def test_clear_errors_when_wiring_a_model():
    x, other = Input((3,)), Input((2,))
    y = Add()([Dense(2)(x), other])
    with pytest.raises(ValueError, match="not among the model's inputs"):
        Model(x, y)
    with pytest.raises(ValueError, match="same input shape|features"):
        d = Dense(2)
        d(x), d(other)
    with pytest.raises(TypeError, match="does not take 'initial_state'"):
        Dense(2)(x, initial_state=[x])
    with pytest.raises(TypeError, match="Model.inputs=...|expects a symbolic tensor"):
        Model(np.zeros(3), y)
    with pytest.raises(ValueError, match="batch axis"):
        x[0]
    model = Model([x, other], y)
    with pytest.raises(ValueError, match="2 inputs"):
        model.predict(np.zeros((1, 3)))
    with pytest.raises(ValueError, match=r"input_\d+ expects arrays of shape \(N, 2\)"):
        model.predict([np.zeros((1, 3)), np.zeros((1, 4))])


def test_sequential_is_the_same_machinery():
    model = dlspec.Sequential([Input((3,)), Dense(4), Tanh(), Dense(1)], seed=0)
    assert isinstance(model, Model) and model.count_params() == 21
    assert model.input_spec == (3,) and len(model._nodes) == 3


def test_a_file_saved_by_the_retired_graph_class_still_loads(tmp_path):
    """The Graph format: layers with the node names they read, "input" for the model's input."""
    from dlspec.io.archive import write_archive
    x = Input((3,))
    a = Dense(4, name="dense")(x)
    b = Tanh(name="tanh")(a)
    reference = Model(x, Add(name="add")([a, b]), seed=0)
    spec = lambda layer, reads: {"class": type(layer).__name__, "config": layer.get_config(), "inputs": reads}
    dense, tanh, add = reference.layers
    meta = {"format": "dlspec.model", "version": 1, "dlspec_version": "0.1.0",
            "model": {"class": "Graph", "config": {
                "layers": [spec(dense, ["input"]), spec(tanh, ["dense"]), spec(add, ["dense", "tanh"])],
                "output": "add", "seed": 0, "dtype": None, "name": "graph"}},
            "input_shape": [3], "dtype": "float32", "params": list(reference.params), "state": []}
    write_archive(tmp_path / "old.npz", meta, {f"param/{k}": v for k, v in reference.params.items()})
    loaded = load_model(tmp_path / "old.npz")
    X = rng.standard_normal((2, 3)).astype(np.float32)
    np.testing.assert_array_equal(loaded.predict(X), reference.predict(X))
    loaded.save(tmp_path / "new.npz")                # saved again: as a functional model
    np.testing.assert_array_equal(load_model(tmp_path / "new.npz").predict(X), reference.predict(X))


class TripletLoss:
    """The course's triplet loss as a plain object: any forward/backward pair is a loss."""

    def __init__(self, alpha):
        self.alpha = alpha

    def forward(self, out, Y=None):
        a, p, n = out
        self._cache = (a, p, n)
        return float(np.maximum(((a - p) ** 2).sum(1) - ((a - n) ** 2).sum(1) + self.alpha, 0).sum())

    def backward(self):
        a, p, n = self._cache
        on = ((((a - p) ** 2).sum(1) - ((a - n) ** 2).sum(1) + self.alpha) > 0)[:, None]
        return [on * 2 * (n - p), on * -2 * (a - p), on * 2 * (a - n)]


def encoder_and_triplet_model():
    x = Input((4,))
    # No bias on the encoding: the triplet loss compares encodings, so its gradient is exactly 0.
    encoder = Model(x, Dense(3, use_bias=False)(Tanh()(Dense(5)(x))), name="encoder", seed=7, dtype="float64")
    anchor, positive, negative = Input((4,)), Input((4,)), Input((4,))
    return encoder, Model([anchor, positive, negative],
                          [encoder(anchor), encoder(positive), encoder(negative)], dtype="float64")


def test_one_encoder_for_three_images_with_a_custom_loss():
    encoder, model = encoder_and_triplet_model()
    model.compile(TripletLoss(alpha=10.0))
    assert model.layers == [encoder] and model.count_params() == encoder.count_params() == 40
    X = [rng.standard_normal((5, 4)) for _ in range(3)]
    gradcheck_model(model, X, None, inputs=True).raise_if_failed()
    model.compile(TripletLoss(alpha=0.2), Adam(0.05))
    history = model.fit([X[0], X[1], X[0] + 0.3], None, epochs=20, verbose=0)   # hard negatives
    assert 0 < history.history["cost"][-1] < 0.8 * history.history["cost"][0]


def test_emojify_v2_trainable_parameters():
    """The course's Emojify V2: a frozen embedding of 50-d vectors, two LSTM(128), Dense(5)."""
    from dlspec.nn import Dropout, Embedding, Softmax
    sentence_indices = Input((10,), dtype="int64")
    embedding_layer = Embedding(400, 50)
    embedding_layer.trainable = False
    X = LSTM(128, return_sequences=True)(embedding_layer(sentence_indices))
    X = Dropout(rate=0.5)(X)
    X = Dropout(rate=0.5)(LSTM(128)(X))
    model = Model(sentence_indices, Softmax()(Dense(5)(X)))
    assert "Trainable params: 223,877" in _summary_text(model)
    assert "Non-trainable params: 20,000" in _summary_text(model)      # the frozen 400 x 50 vectors


def test_padded_steps_carry_the_state_and_get_no_loss():
    from dlspec.nn import Embedding, TimeDistributed
    model = dlspec.Sequential([Embedding(6, 4, mask_zero=True), LSTM(5, return_sequences=True),
                               TimeDistributed(Dense(6))], seed=0, dtype="float64")
    model.compile("sequence_crossentropy")
    ids = np.array([[1, 2, 3, 0, 0], [4, 5, 1, 2, 3]])
    Y = np.array([[2, 3, 4, 5, 5], [5, 1, 2, 3, 4]])
    out = model.predict(ids)
    np.testing.assert_allclose(out[0, 3], out[0, 2])          # the state carried over the padding
    Y_ignored = np.where(ids > 0, Y, -1)
    assert model.evaluate(ids, Y)["cost"] == pytest.approx(model.evaluate(ids, Y_ignored)["cost"])
    assert model.evaluate(ids, Y)["cost"] != pytest.approx(
        dlspec.Sequential(model.layers[1:], dtype="float64").compile("sequence_crossentropy")
        .evaluate(model.layers[0].forward(ids), Y)["cost"])   # without the mask it would differ


def test_attention_scores_as_a_model_output():
    """A call whose outputs depend on its other arguments: mha(..., return_attention_scores=True)."""
    from dlspec.nn import MultiHeadAttention
    x = Input((5, 8))
    y, scores = MultiHeadAttention(2, 4)(x, x, return_attention_scores=True)
    model = Model(x, [Dense(3)(y), scores], seed=8, dtype="float64").compile(["mse", "mse"])
    X = rng.standard_normal((2, 5, 8))
    Y = [rng.standard_normal((2, 5, 3)), rng.uniform(0, 1, (2, 2, 5, 5))]
    assert [o.shape for o in model.predict(X)] == [(2, 5, 3), (2, 2, 5, 5)]
    gradcheck_model(model, X, Y, inputs=True).raise_if_failed()


def _summary_text(model):
    """summary() prints and returns None, as Keras; print_fn keeps the text."""
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)
