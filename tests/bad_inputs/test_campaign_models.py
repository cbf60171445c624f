"""Campaign (issue 28): models: compile, loss weights, fit, predict, Input, trainable, layers."""
import numpy as np

import dlspec
from dlspec import Input, Model, Sequential
from dlspec.nn import Dense, Embedding, Flatten, LSTM, Sigmoid

from campaign import cases, clean_error

X = np.ones((4, 3), np.float32)
Y = np.array([0, 1, 0, 1])


def one():
    return Sequential([Dense(2), Sigmoid()], seed=0)


def two():
    """A model with two named outputs, 'a' and 'b'."""
    x = Input((3,), name="x")
    a = Dense(1, name="a")(x)
    b = Dense(1, name="b")(x)
    return Model(x, {"a": a, "b": b})


def compiled():
    return one().compile("softmax_crossentropy", "gd")


def fitted():
    m = compiled()
    m.fit(X, Y, verbose=0)
    return m


def frozen(value):
    m = compiled()
    m.layers[0].trainable = value
    return m


def compile_two(**kw):
    return two().compile("mse", **kw)


LOSS_WEIGHTS = cases(
    ("weights-strings", lambda: compile_two(loss_weights=["1", "2"]), r"loss_weights"),
    ("weights-negative", lambda: compile_two(loss_weights=[1.0, -1.0]), r"loss_weights.*>= 0"),
    ("weights-nan", lambda: compile_two(loss_weights=[1.0, float("nan")]), r"loss_weights"),
    ("weights-inf", lambda: compile_two(loss_weights=[1.0, float("inf")]), r"loss_weights"),
    ("weights-unknown-key", lambda: compile_two(loss_weights={"a": 1.0, "c": 2.0}), r"loss_weights.*'c'"),
    ("weights-dict-int-keys", lambda: compile_two(loss_weights={0: 1.0, 1: 2.0}), r"loss_weights"),
    ("weights-scalar", lambda: compile_two(loss_weights=0.5), r"loss_weights"),
    ("weights-string", lambda: compile_two(loss_weights="equal"), r"loss_weights"),
    ("weights-too-few", lambda: compile_two(loss_weights=[1.0]), r"loss_weights.*2"),
    ("weights-none-entry", lambda: compile_two(loss_weights=[1.0, None]), r"loss_weights"),
    ("weights-bool", lambda: compile_two(loss_weights=[True, False]), r"loss_weights"),
    ("weights-array-2d", lambda: compile_two(loss_weights=np.ones((2, 2))), r"loss_weights"),
    ("weights-all-zero", lambda: compile_two(loss_weights=[0.0, 0.0]), r"loss_weights"),
    ("weights-one-output", lambda: compiled().compile("mse", loss_weights=[1.0]), r"loss_weights"),
    ("loss-dict-unknown", lambda: two().compile({"a": "mse", "z": "mse"}), r"'z'|output names"),
    ("loss-list-three", lambda: two().compile(["mse", "mse", "mse"]), r"2 outputs|give 2"),
    ("loss-unknown-name", lambda: compiled().compile("cross_entropy"), r"cross_entropy"),
    ("loss-number", lambda: compiled().compile(3), r"loss"),
    ("loss-none", lambda: compiled().compile(None), r"loss"),
    ("optimizer-unknown", lambda: compiled().compile("mse", "sgdd"), r"sgdd"),
    ("optimizer-class", lambda: compiled().compile("mse", dlspec.Adam), r"optimizer|Adam\(\)"),
    ("l2-negative", lambda: compiled().compile("mse", l2=-0.1), r"l2|lambda"),
    ("l2-string", lambda: compiled().compile("mse", l2="0.1"), r"l2|lambda"),
    ("l2-nan", lambda: compiled().compile("mse", l2=float("nan")), r"l2|lambda"),
)


@LOSS_WEIGHTS
def test_compile(thunk, match):
    clean_error(thunk, match)


PREDICT = cases(
    ("predict-batch-0", lambda: compiled().predict(X, batch_size=0), r"batch_size.*>= 1"),
    ("predict-batch-neg3", lambda: compiled().predict(X, batch_size=-3), r"batch_size.*>= 1"),
    ("predict-batch-float", lambda: compiled().predict(X, batch_size=2.5), r"batch_size"),
    ("predict-batch-str", lambda: compiled().predict(X, batch_size="2"), r"batch_size"),
    ("predict-batch-bool", lambda: compiled().predict(X, batch_size=True), r"batch_size"),
    ("predict-batch-nan", lambda: compiled().predict(X, batch_size=float("nan")), r"batch_size"),
    ("predict-keep-caches-str", lambda: compiled().predict(X, keep_caches="no"), r"keep_caches"),
    ("predict-wrong-features", lambda: fitted().predict(np.ones((2, 5))), r"\(N, 3\)|3 features|shape"),
    ("predict-nan", lambda: compiled().predict(np.full((2, 3), np.nan)), r"NaN"),
    ("predict-strings", lambda: compiled().predict(np.array([["a", "b", "c"]])), r"numbers|dtype"),
    ("predict-1d", lambda: compiled().predict(np.ones(3)), r"reshape"),
    ("predict-empty", lambda: compiled().predict(np.ones((0, 3))), r"empty"),
    ("predict-dict-for-one", lambda: compiled().predict({"x": X}), r"input"),
    ("predict-complex", lambda: compiled().predict(X.astype(np.complex128)), r"complex|dtype"),
    ("predict-two-missing-key", lambda: compile_two().predict({"y": X}), r"'x'"),
    ("predict-too-large", lambda: Sequential([Dense(200_000)], seed=0).predict(np.ones((200_000, 3))),
     r"batch_size"),
    ("model-too-large", lambda: Sequential([Dense(1_000_000)], seed=0).predict(np.ones((1, 1_000_000), np.float32)),
     r"building sequential's parameters needs .* TiB.*fewer units"),
    ("predict-classes-uncompiled", lambda: one().predict_classes(X), r"compile"),
    ("evaluate-uncompiled", lambda: one().evaluate(X, Y), r"compile"),
)


@PREDICT
def test_predict(thunk, match):
    clean_error(thunk, match)


FIT = cases(
    ("fit-epochs-0", lambda: compiled().fit(X, Y, epochs=0, verbose=0), r"epochs"),
    ("fit-epochs-float", lambda: compiled().fit(X, Y, epochs=2.0, verbose=0), r"epochs"),
    ("fit-epochs-bool", lambda: compiled().fit(X, Y, epochs=True, verbose=0), r"epochs"),
    ("fit-batch-0", lambda: compiled().fit(X, Y, batch_size=0, verbose=0), r"batch_size"),
    ("fit-batch-neg", lambda: compiled().fit(X, Y, batch_size=-3, verbose=0), r"batch_size"),
    ("fit-batch-float", lambda: compiled().fit(X, Y, batch_size=2.5, verbose=0), r"batch_size"),
    ("fit-batch-str", lambda: compiled().fit(X, Y, batch_size="2", verbose=0), r"batch_size"),
    ("fit-verbose-str", lambda: compiled().fit(X, Y, verbose="yes"), r"verbose"),
    ("fit-shuffle-str", lambda: compiled().fit(X, Y, shuffle="no", verbose=0), r"shuffle"),
    ("fit-seed-neg", lambda: compiled().fit(X, Y, seed=-1, verbose=0), r"seed"),
    ("fit-seed-str", lambda: compiled().fit(X, Y, seed="1", verbose=0), r"seed"),
    ("fit-callbacks-one", lambda: compiled().fit(X, Y, callbacks=object(), verbose=0), r"callbacks"),
    ("fit-callbacks-str", lambda: compiled().fit(X, Y, callbacks="early", verbose=0), r"callbacks"),
    ("fit-augment-str", lambda: compiled().fit(X, Y, augment="flip", verbose=0), r"augment"),
    ("fit-labels-short", lambda: compiled().fit(X, Y[:3], verbose=0), r"one row per example"),
    ("fit-labels-nan", lambda: compiled().fit(X, np.array([0, 1, np.nan, 1]), verbose=0), r"NaN"),
    ("fit-labels-out-of-range", lambda: compiled().fit(X, np.array([0, 1, 5, 1]), verbose=0), r"5|class"),
    ("fit-labels-negative", lambda: compiled().fit(X, np.array([0, -2, 0, 1]), verbose=0), r"-2|class"),
    ("fit-labels-float-ids", lambda: compiled().fit(X, np.array([0, 0.5, 0, 1]), verbose=0), r"0.5|integer|class"),
    ("fit-uncompiled", lambda: one().fit(X, Y, verbose=0), r"compile"),
    ("fit-trainable-no", lambda: frozen("no").fit(X, Y, verbose=0), r"trainable.*True or False"),
    ("fit-trainable-1", lambda: frozen(1).fit(X, Y, verbose=0), r"trainable.*True or False"),
    ("fit-trainable-none", lambda: frozen(None).fit(X, Y, verbose=0), r"trainable.*True or False"),
    ("compile-trainable-str", lambda: frozen("False").compile("mse"), r"trainable.*True or False"),
    ("fit-validation-short", lambda: compiled().fit(X, Y, validation_data=(X, Y[:2]), verbose=0),
     r"validation|one row per example"),
    ("fit-validation-dict", lambda: compiled().fit(X, Y, validation_data={"X": X}, verbose=0), r"validation_data"),
    ("fit-resume-missing", lambda: compiled().fit(X, Y, resume_from="/nonexistent/ckpt", verbose=0),
     r"/nonexistent/ckpt"),
)


@FIT
def test_fit(thunk, match):
    clean_error(thunk, match)


def typed(dtype):
    """A model whose Input declares ``dtype`` (checked by compile, fit and predict)."""
    x = Input((3,), dtype=dtype)
    return Model(x, Dense(1)(x))


def _embed(ids):
    x = Input((3,), dtype="int64")
    m = Model(x, Flatten()(Embedding(5, 2)(x)))
    return m.predict(ids)


INPUTS = cases(
    ("input-int8", lambda: typed("int8").predict(X), r"dtype.*int8.*int64"),
    ("input-complex128", lambda: typed("complex128").predict(X), r"dtype.*complex128"),
    ("input-float16", lambda: typed("float16").compile("mse"), r"dtype.*float16"),
    ("input-dtype-typo", lambda: typed("flaot32").predict(X), r"dtype.*flaot32"),
    ("input-dtype-object", lambda: typed(object).predict(X), r"dtype"),
    ("input-dtype-uint16", lambda: typed("uint16").predict(X), r"dtype.*uint16"),
    ("input-shape-zero", lambda: Input((0, 3)), r"positive"),
    ("input-shape-float", lambda: Input((3.0,)), r"positive ints"),
    ("input-shape-str", lambda: Input("3"), r"shape"),
    ("embedding-bool-ids", lambda: Embedding(5, 2).forward(np.array([[True, False]])), r"bool|ids"),
    ("embedding-bool-ids-model", lambda: _embed(np.array([[True, False, True]])), r"bool|ids"),
    ("embedding-id-too-big", lambda: Embedding(5, 2).forward(np.array([[1, 5]])), r"5.*input_dim|0 to 4|< 5"),
    ("embedding-id-negative", lambda: Embedding(5, 2).forward(np.array([[1, -1]])), r"-1"),
    ("embedding-float-ids", lambda: Embedding(5, 2).forward(np.array([[1.5, 2.0]])), r"integer|ids"),
    ("embedding-str-ids", lambda: Embedding(5, 2).forward(np.array([["a"]])), r"integer|ids"),
    ("embedding-nan-ids", lambda: Embedding(5, 2).forward(np.array([[np.nan]])), r"integer|ids|NaN"),
    ("embedding-input-dim-float", lambda: Embedding(5.0, 2), r"input_dim"),
    ("embedding-output-dim-zero", lambda: Embedding(5, 0), r"output_dim"),
    ("embedding-init-typo", lambda: Embedding(5, 2, init="randum"), r"randum"),
    ("model-seed-str", lambda: Sequential([Dense(2)], seed="0").predict(X), r"seed"),
    ("model-seed-float", lambda: Sequential([Dense(2)], seed=1.5).predict(X), r"seed"),
    ("model-dtype-int", lambda: Sequential([Dense(2)], dtype="int32").predict(X), r"dtype"),
    ("model-dtype-typo", lambda: Sequential([Dense(2)], dtype="float16").predict(X), r"dtype"),
    ("sequential-not-a-layer", lambda: Sequential([Dense(2), "relu"]), r"'relu'|layer"),
    ("sequential-not-a-list", lambda: Sequential(Dense(2)), r"list"),
    ("model-outputs-array", lambda: Model(Input((3,)), np.ones(3)), r"output"),
    ("lstm-on-2d", lambda: Sequential([LSTM(2)], seed=0).predict(X), r"\(N, T, D\)|3 dimensions|sequence"),
)


@INPUTS
def test_inputs_and_layers(thunk, match):
    clean_error(thunk, match)
