import numpy as np
import pytest

import dlspec
from dlspec import GradientDescent, Sequential
from dlspec.nn import Dense, ReLU, Sigmoid, Tanh
from dlspec.train import TrainingDivergedError


def _xor(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(int)


def _model(seed=0, **kw):
    return Sequential([Dense(8), Tanh(), Dense(1), Sigmoid()], seed=seed, **kw)


def test_fit_learns_xor_and_returns_the_cost_history():
    X, Y = _xor()
    model = _model().compile("binary_crossentropy", GradientDescent(1.0))
    history = model.fit(X, Y, epochs=500, verbose=0)
    assert len(history["cost"]) == 500
    assert history["cost"][-1] < 0.3 * history["cost"][0]
    assert model.evaluate(X, Y)["accuracy"] > 0.9


def test_same_seed_same_run_bit_for_bit():
    X, Y = _xor()
    runs = []
    for _ in range(2):
        model = _model(seed=7).compile("binary_crossentropy", GradientDescent(0.5))
        model.fit(X, Y, epochs=5, batch_size=32, verbose=0)
        runs.append(model.params)
    for key in runs[0]:
        np.testing.assert_array_equal(runs[0][key], runs[1][key])
    other = _model(seed=8).compile("binary_crossentropy", GradientDescent(0.5))
    other.build((2,))
    assert not np.array_equal(other.params["dense.W"], runs[0]["dense.W"])


def test_minibatch_fit_records_epoch_cost_and_validation():
    X, Y = _xor()
    model = _model().compile("binary_crossentropy", GradientDescent(0.5))
    history = model.fit(X[:150], Y[:150], epochs=3, batch_size=64, verbose=0,
                        validation_data=(X[150:], Y[150:]))
    # Keras's "loss"/"val_loss" beside the course's "cost"/"val_cost", the same numbers
    assert set(history.history) == {"cost", "accuracy", "val_cost", "val_accuracy", "loss", "val_loss"}
    assert history.history["loss"] == history.history["cost"]
    assert all(len(v) == 3 for v in history.history.values())


def test_params_dtype_and_float64_models():
    X, Y = _xor()
    model = _model().compile("binary_crossentropy")
    model.fit(X, Y, verbose=0)
    assert all(p.dtype == np.float32 for p in model.params.values())
    assert model.predict(X).dtype == np.float32
    m64 = _model(dtype="float64")
    assert m64.predict(X).dtype == np.float64


def test_layer_names_are_unique_and_summary_counts_params():
    model = Sequential([Dense(4, input_dim=3), ReLU(), Dense(4), ReLU(), Dense(1)])
    model.build((3,))
    assert [l.name for l in model.layers] == ["dense", "relu", "dense_1", "relu_1", "dense_2"]
    assert model.count_params() == (3 * 4 + 4) + (4 * 4 + 4) + (4 + 1)
    assert "Total params: 41" in _summary_text(model) and "(None, 4)" in _summary_text(model)


def test_course1_builders():
    assert dlspec.logistic_regression(n_x=3).count_params() == 4
    deep = dlspec.deep_network([5, 20, 7, 5, 1])
    deep.build((5,))
    assert deep.count_params() == (5 * 20 + 20) + (20 * 7 + 7) + (7 * 5 + 5) + (5 + 1)
    assert type(deep.layers[-1]).__name__ == "Sigmoid"


# -- bad input -----------------------------------------------------------------

def test_wrong_feature_count_says_expected_and_received():
    X, Y = _xor()
    model = _model().compile("binary_crossentropy")
    model.fit(X, Y, verbose=0)
    with pytest.raises(ValueError, match=r"built for inputs of shape \(N, 2\); got \(3, 5\)"):
        model.predict(np.ones((3, 5)))


@pytest.mark.parametrize("X, message", [
    (np.ones(10), "at least 2 dimensions"),
    (np.ones((0, 2)), "empty"),
    (np.array([[1.0, np.nan]]), "NaN or infinite"),
    (np.array([["a", "b"]]), "must hold numbers"),
])
def test_bad_inputs_to_fit(X, message):
    model = _model().compile("binary_crossentropy")
    with pytest.raises((ValueError, TypeError), match=message):
        model.fit(X, np.zeros(len(X)), verbose=0)


def test_labels_outside_0_1_for_a_binary_loss():
    X, _ = _xor(10)
    model = _model().compile("binary_crossentropy")
    with pytest.raises(ValueError, match=r"labels in \{0, 1\}.*\[2\.0\].*SoftmaxCrossEntropy"):
        model.fit(X, np.full(10, 2), verbose=0)


def test_label_count_mismatch():
    X, Y = _xor(10)
    model = _model().compile("binary_crossentropy")
    with pytest.raises(ValueError, match="10 rows in X and 9 in Y"):
        model.fit(X, Y[:9], verbose=0)


def test_fit_before_compile_and_bad_hyperparameters():
    X, Y = _xor(10)
    with pytest.raises(RuntimeError, match="compile"):
        _model().fit(X, Y)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        GradientDescent(0)
    with pytest.raises(ValueError, match="batch_size"):
        _model().compile("binary_crossentropy").fit(X, Y, batch_size=0, verbose=0)
    with pytest.raises(ValueError, match="epochs"):
        _model().compile("binary_crossentropy").fit(X, Y, epochs=0, verbose=0)
    with pytest.raises(ValueError, match="Unknown loss"):
        _model().compile("hinge")


def test_divergence_stops_with_an_error_naming_the_epoch():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 3)) * 1e3
    Y = rng.standard_normal((50, 1)) * 1e3
    model = Sequential([Dense(16), ReLU(), Dense(1)]).compile("mse", GradientDescent(10.0))
    with pytest.raises(TrainingDivergedError, match=r"at epoch \d+ .*learning rate \(10\) is too high"):
        model.fit(X, Y, epochs=200, verbose=0)


def test_bad_layer_arguments():
    with pytest.raises(ValueError, match="positive integer"):
        Dense(0)
    with pytest.raises(ValueError, match="Unknown initializer"):
        Dense(3, init="lecun")
    with pytest.raises(TypeError, match="dlspec layers"):
        Sequential([lambda x: x])
    with pytest.raises(ValueError, match="layer_dims"):
        dlspec.deep_network([5])


def _summary_text(model):
    """summary() prints and returns None, as Keras; print_fn keeps the text."""
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)
