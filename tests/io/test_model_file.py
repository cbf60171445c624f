"""save_model / load_model: every public layer round-trips; bad files give clear errors."""
import json
import pickle

import numpy as np
import pytest

import dlspec
from dlspec.io import NotADlspecFileError, load_model, load_state_dict, save_model
from dlspec.nn import Dense, Sigmoid, Tanh
from harness import all_cases
from helpers_io import CUSTOM, blobs, small_model

LAYER_CASES, _ = all_cases()


@pytest.mark.parametrize("case", LAYER_CASES, ids=[c.id for c in LAYER_CASES])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_every_public_layer_round_trips(case, dtype, tmp_path):
    # The harness has a case for every public layer of dlspec.nn, so new layers are covered.
    rng = np.random.default_rng(0)
    x = case.input(rng, np.dtype(dtype))
    layer = case.make()
    if isinstance(layer, dlspec.nn.Lambda):
        pytest.skip("a Lambda wraps a Python function, which is not saved (its get_config says so)")
    if isinstance(x, list):          # a merge (Add, Concatenate...): saved on its own
        model, shape = layer, [xi.shape[1:] for xi in x]
    elif _needs_more_arrays(layer):  # attention, a decoder layer: a Model with an Input per array
        model, x = _model_with_keyword_inputs(case, layer, x, rng, dtype)
        shape = None
    else:
        model, shape = dlspec.Sequential([layer], seed=3, dtype=dtype), x.shape[1:]
    if shape is not None:
        model.build(shape, dtype=dtype) if model is layer else model.build(shape)
    model.forward(x, training=True)           # moves running statistics, if any, off their start
    before = model.forward(x, training=False)
    save_model(model, tmp_path / "m.npz")
    cls = type(layer)
    # Test-only subclasses (such as a batch norm with random statistics) need custom_objects.
    custom = None if getattr(dlspec.nn, cls.__name__, None) is cls else {cls.__name__: cls}
    loaded = load_model(tmp_path / "m.npz", custom_objects=custom)
    loaded_layer = loaded if model is layer else loaded.layers[0]
    assert type(loaded_layer) is cls
    as_json = lambda config: json.loads(json.dumps(config, default=lambda v: v.item()))
    assert as_json(loaded.get_config()) == as_json(model.get_config())   # tuples come back as lists
    assert loaded.dtype == model.dtype
    for name, value in {**model.params, **model.state}.items():
        np.testing.assert_array_equal(loaded.state.get(name, loaded.params.get(name)), value, err_msg=name)
    after = loaded.forward(x, training=False)
    for a, b in zip(*(v if isinstance(v, list) else [v] for v in (after, before))):   # return_state: a list
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


def _needs_more_arrays(layer):
    import inspect
    params = list(inspect.signature(layer.forward).parameters.values())[1:]
    return any(p.default is inspect.Parameter.empty for p in params)


def _model_with_keyword_inputs(case, layer, x, rng, dtype):
    kwargs = case.kwargs(rng, np.dtype(dtype))
    inp = dlspec.Input(x.shape[1:])
    extra = {k: dlspec.Input(v.shape[1:], dtype="bool" if v.dtype == bool else None)
             for k, v in kwargs.items()}
    model = dlspec.Model([inp, *extra.values()], layer(inp, **extra), seed=3, dtype=dtype)
    return model, [x, *kwargs.values()]


def test_every_public_layer_class_round_trips_by_name_alone():
    # Each public class has a harness case of exactly that class, so the test above rebuilt it
    # from its name in dlspec.nn without custom_objects.
    exact = {type(case.make()) for case in LAYER_CASES}
    public = {getattr(dlspec.nn, n) for n in dlspec.nn.__all__} - {dlspec.nn.Layer}
    missing = sorted(c.__name__ for c in public - exact)
    assert not missing, f"add a harness case that makes exactly {missing} (not a subclass)"


def test_compiled_model_keeps_loss_optimizer_and_its_state(tmp_path):
    X, Y = blobs()
    model = small_model()
    model.fit(X, Y, epochs=3, batch_size=32, verbose=0)
    save_model(model, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz", custom_objects=CUSTOM)
    assert type(loaded.loss) is type(model.loss)
    assert loaded.optimizer.get_config() == model.optimizer.get_config()
    assert loaded.optimizer.iterations == model.optimizer.iterations == 9
    assert set(loaded.optimizer.slots) == set(model.optimizer.slots) and model.optimizer.slots
    for name, slots in model.optimizer.slots.items():
        np.testing.assert_array_equal(loaded.optimizer.slots[name]["v"], slots["v"])
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded.evaluate(X, Y) == model.evaluate(X, Y)


def test_unbuilt_model_saves_its_architecture(tmp_path):
    model = dlspec.Sequential([Dense(3), Tanh(), Dense(1), Sigmoid()], seed=5)
    save_model(model, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert not loaded.built and [type(l) for l in loaded.layers] == [Dense, Tanh, Dense, Sigmoid]
    X = np.ones((2, 4), np.float32)
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))   # same seed, same init


def test_custom_layer_needs_custom_objects(tmp_path):
    model = small_model()
    model.build((4,))
    save_model(model, tmp_path / "m.npz")
    with pytest.raises(ValueError, match="Unknown layer class 'Noise'.*custom_objects"):
        load_model(tmp_path / "m.npz")


def test_no_pickle_inside_the_file(tmp_path):
    model = dlspec.Sequential([Dense(2)], seed=0)
    model.build((3,))
    save_model(model, tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as data:   # would raise on an object array
        assert json.loads(str(data["__dlspec__"]))["format"] == "dlspec.model"
        assert data["param/dense.W"].shape == (3, 2)


# -- bad files ------------------------------------------------------------------------

def _saved(tmp_path):
    model = dlspec.Sequential([Dense(16), Tanh(), Dense(1)], seed=0)
    model.build((8,))
    return save_model(model, tmp_path / "m.npz")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_model(tmp_path / "nope.npz")


@pytest.mark.parametrize("cut", [0.2, 0.6, 0.95])
def test_truncated_file(tmp_path, cut):
    path = _saved(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(NotADlspecFileError, match="is a truncated NumPy .npz file|truncated, corrupt"):
        load_model(path)


def test_corrupt_bytes(tmp_path):
    path = _saved(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="truncated, corrupt|damaged|do not fit"):
        load_model(path)


def test_plain_npz_is_not_a_model(tmp_path):
    np.savez(tmp_path / "w.npz", W=np.ones(3))
    with pytest.raises(NotADlspecFileError, match="without dlspec metadata.*load_weights"):
        load_model(tmp_path / "w.npz")


def test_single_npy_and_text_are_not_models(tmp_path):
    np.save(tmp_path / "a.npy", np.ones(3))
    with pytest.raises(NotADlspecFileError, match="single array"):
        load_model(tmp_path / "a.npy")
    (tmp_path / "t.npz").write_text("hello, I am text")
    with pytest.raises(NotADlspecFileError, match="not a readable"):
        load_model(tmp_path / "t.npz")


def test_pickle_is_refused_and_not_run(tmp_path):
    class Evil:
        def __reduce__(self):
            return (exec, ("open(%r, 'w').write('ran')" % str(tmp_path / "pwned"),))
    (tmp_path / "evil.npz").write_bytes(pickle.dumps(Evil()))
    with pytest.raises(NotADlspecFileError):
        load_model(tmp_path / "evil.npz")
    assert not (tmp_path / "pwned").exists()


def test_newer_file_version_is_refused(tmp_path):
    from dlspec.io.archive import read_archive, write_archive
    meta, arrays = read_archive(_saved(tmp_path))
    meta["version"] = 99
    write_archive(tmp_path / "new.npz", meta, arrays)
    with pytest.raises(ValueError, match="newer dlspec"):
        load_model(tmp_path / "new.npz")


# -- load_state_dict: shapes, missing, unexpected, strict=False ---------------------------

def _model(hidden=4, out=3):
    model = dlspec.Sequential([Dense(hidden), Tanh(), Dense(out)], seed=0)
    model.build((5,))
    return model


def test_shape_mismatch_names_tensor_and_shapes():
    weights = dict(_model(out=10).params)
    model = _model(out=3)
    before = {k: v.copy() for k, v in model.params.items()}
    with pytest.raises(ValueError, match=r"dense_1.W: the model expects shape \(4, 3\); .* have \(4, 10\)"):
        load_state_dict(model, weights)
    for k, v in model.params.items():   # strict failure copies nothing
        np.testing.assert_array_equal(v, before[k])


def test_missing_and_unexpected_keys_are_listed():
    weights = dict(_model().params)
    weights["extra.W"] = weights.pop("dense_1.b")
    with pytest.raises(ValueError, match=r"(?s)missing.*dense_1.b.*unexpected.*extra.W.*strict=False"):
        load_state_dict(_model(), weights)


def test_strict_false_loads_what_fits_and_reports_the_rest():
    source = _model(out=10)
    weights = {**source.params, "head.W": np.zeros(2)}
    del weights["dense.b"]
    model = _model(out=3)
    report = load_state_dict(model, weights, strict=False)
    assert report.loaded == ["dense.W"]
    assert report.missing == ["dense.b"]
    assert report.unexpected == ["head.W"]
    assert report.mismatched == [("dense_1.W", (4, 3), (4, 10)), ("dense_1.b", (3,), (10,))]
    np.testing.assert_array_equal(model.params["dense.W"], source.params["dense.W"])
    assert "skipped" in str(report) and "head.W" in str(report)


def test_unbuilt_model_has_no_weights_to_load():
    with pytest.raises(ValueError, match="not built yet.*build"):
        load_state_dict(dlspec.Sequential([Dense(2)]), {})


def test_model_save_and_load_weights_methods(tmp_path):
    model = _model()
    model.save(tmp_path / "m.npz")
    other = _model(out=3)
    other.params["dense.W"][:] = 0
    report = other.load_weights(tmp_path / "m.npz")
    assert sorted(report.loaded) == sorted(model.params)
    np.testing.assert_array_equal(other.params["dense.W"], model.params["dense.W"])


@pytest.mark.parametrize("builder", ["small_resnet", "lenet5", "inception"])
def test_zoo_models_round_trip(tmp_path, builder):
    zoo = pytest.importorskip("dlspec.models.zoo")
    model = zoo.ZOO[builder]()
    x = np.random.default_rng(0).standard_normal((2, *model.input_spec)).astype(np.float32)
    model.build(model.input_spec)
    model.forward(x, training=True)          # batch norms' running statistics move
    save_model(model, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert type(loaded) is type(model) and [l.name for l in loaded.layers] == [l.name for l in model.layers]
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))
