"""safetensors (ours vs the reference package), save_weights/load_weights across formats."""
import struct

import numpy as np
import pytest
import torch

import dlspec
from dlspec.io.safetensors import load_safetensors, save_safetensors
from dlspec.io.weight_files import load_weights, read_weights, save_weights
from dlspec.nn import Dense, Tanh

st_numpy = pytest.importorskip("safetensors.numpy")
st_torch = pytest.importorskip("safetensors.torch")

TENSORS = {"a.W": np.arange(12, dtype=np.float32).reshape(3, 4), "a.b": np.ones(4, np.float16),
           "c": np.linspace(0, 1, 5), "ids": np.arange(3), "flag": np.array([True, False]),
           "scalar": np.array(2.5, np.float32), "empty": np.zeros((0, 2), np.float32)}


def test_round_trip_and_metadata(tmp_path):
    save_safetensors(TENSORS, tmp_path / "t.safetensors", {"epoch": 3})
    got, meta = load_safetensors(tmp_path / "t.safetensors")
    assert meta == {"epoch": "3"}
    for name, value in TENSORS.items():
        assert got[name].dtype == value.dtype and got[name].shape == value.shape
        np.testing.assert_array_equal(got[name], value)


def test_the_reference_reads_ours_and_we_read_the_reference(tmp_path):
    save_safetensors(TENSORS, tmp_path / "ours.safetensors")
    theirs = st_numpy.load_file(tmp_path / "ours.safetensors")
    for name, value in TENSORS.items():
        np.testing.assert_array_equal(theirs[name], value, strict=True)
    st_numpy.save_file(TENSORS, tmp_path / "ref.safetensors")
    ours, _ = load_safetensors(tmp_path / "ref.safetensors")
    for name, value in TENSORS.items():
        np.testing.assert_array_equal(ours[name], value, strict=True)


def test_bfloat16_from_torch_is_widened_to_float32(tmp_path):
    t = torch.randn(3, 5).bfloat16()
    st_torch.save_file({"w": t}, tmp_path / "bf.safetensors")
    got, _ = load_safetensors(tmp_path / "bf.safetensors")
    assert got["w"].dtype == np.float32
    np.testing.assert_array_equal(got["w"], t.float().numpy())


def test_unsupported_dtype_is_a_clear_error(tmp_path):
    with pytest.raises(TypeError, match="complex128.*cannot hold"):
        save_safetensors({"z": np.ones(2, complex)}, tmp_path / "z.safetensors")


def _good(tmp_path):
    return save_safetensors({"w": np.ones((10, 10), np.float32)}, tmp_path / "w.safetensors")


@pytest.mark.parametrize("damage, match", [
    (lambda b: b[:5], "only 5 bytes"),
    (lambda b: b[:40], "header claims"),
    (lambda b: b[:-8], r"hold 400 bytes but the file has 392 .*\(truncated\)"),
    (lambda b: struct.pack("<Q", 2 ** 40) + b[8:], "header claims"),
    (lambda b: b[:8] + b"[" + b[9:], "not JSON"),
])
def test_truncated_and_corrupt_safetensors(tmp_path, damage, match):
    path = _good(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ValueError, match=match):
        load_safetensors(path)


def _model(seed=0, out=2):
    model = dlspec.Sequential([Dense(4), Tanh(), Dense(out)], seed=seed)
    model.build((3,))
    return model


@pytest.mark.parametrize("suffix", [".safetensors", ".npz"])
def test_save_weights_then_load_weights(tmp_path, suffix):
    source, target = _model(seed=1), _model(seed=2)
    save_weights(source, tmp_path / f"w{suffix}")
    report = load_weights(target, tmp_path / f"w{suffix}")
    assert sorted(report.loaded) == sorted(source.params)
    X = np.ones((2, 3), np.float32)
    np.testing.assert_array_equal(target.predict(X), source.predict(X))


def test_load_weights_from_a_model_file_and_from_pth_with_a_dict_map(tmp_path):
    source = _model(seed=1)
    dlspec.save_model(source, tmp_path / "m.npz")
    target = _model(seed=2)
    load_weights(target, tmp_path / "m.npz")
    np.testing.assert_array_equal(target.params["dense.W"], source.params["dense.W"])
    torch.save({"fc.weight": torch.tensor(source.params["dense_1.W"])}, tmp_path / "w.pth")
    report = load_weights(_model(seed=3), tmp_path / "w.pth", strict=False, name_map={"fc.weight": "dense_1.W"})
    assert report.loaded == ["dense_1.W"] and "dense.W" in report.missing


def test_load_weights_errors(tmp_path):
    save_weights(_model(out=5), tmp_path / "w.safetensors")
    with pytest.raises(ValueError, match=r"dense_1.W: the model expects shape \(4, 2\); .*\(4, 5\)"):
        load_weights(_model(out=2), tmp_path / "w.safetensors")
    (tmp_path / "notes.txt").write_text("not weights at all")
    with pytest.raises(ValueError, match="not a weights file dlspec can read"):
        read_weights(tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="writes .safetensors or .npz"):
        save_weights(_model(), tmp_path / "w.h5")
    with pytest.raises(TypeError, match="name_map must be"):
        load_weights(_model(), tmp_path / "w.safetensors", name_map=42)


def test_cli_show_and_convert(tmp_path, capsys):
    from dlspec.cli import main
    torch.save(torch.nn.Linear(3, 2).state_dict(), tmp_path / "lin.pth")
    assert main(["weights", "show", str(tmp_path / "lin.pth")]) == 0
    out = capsys.readouterr().out
    assert "weight" in out and "(2, 3)" in out and "2 tensors, 8 values" in out
    assert main(["weights", "convert", str(tmp_path / "lin.pth"), str(tmp_path / "lin.safetensors")]) == 0
    got, meta = load_safetensors(tmp_path / "lin.safetensors")
    assert got["weight"].shape == (2, 3) and meta == {"converted_from": "lin.pth"}
    assert main(["weights", "show", str(tmp_path / "absent.pth")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_keras_style_hdf5(tmp_path):
    h5py = pytest.importorskip("h5py")
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.attrs["layer_names"] = [b"conv1_conv"]
        g = f.create_group("conv1_conv").create_group("conv1_conv")
        g["kernel:0"] = np.ones((7, 7, 3, 64), np.float32)
        g["bias:0"] = np.zeros(64, np.float32)
    got = read_weights(tmp_path / "w.h5")
    assert set(got) == {"conv1_conv/conv1_conv/kernel:0", "conv1_conv/conv1_conv/bias:0"}
    assert got["conv1_conv/conv1_conv/kernel:0"].shape == (7, 7, 3, 64)
    data = (tmp_path / "w.h5").read_bytes()
    (tmp_path / "cut.h5").write_bytes(data[:len(data) // 3])
    with pytest.raises(ValueError, match="HDF5 file: it is truncated or corrupt"):
        read_weights(tmp_path / "cut.h5")


def test_convert_with_a_name_map(tmp_path, capsys):
    from dlspec.cli import main
    zoo = pytest.importorskip("dlspec.models.zoo")
    names = list(zoo.resnet50(variant="v1.5").layers)
    first_conv = next(l.name for l in names if type(l).__name__ == "Conv2D")
    fc = [l.name for l in names if type(l).__name__ == "Dense"][-1]
    torch.save({"conv1.weight": torch.randn(4, 3, 7, 7), "fc.weight": torch.randn(10, 8),
                "layer1.0.downsample.1.running_var": torch.ones(4),
                "layer1.0.bn1.num_batches_tracked": torch.tensor(5)}, tmp_path / "r.pth")
    assert main(["weights", "convert", str(tmp_path / "r.pth"), str(tmp_path / "r.npz"),
                 "--map", "torchvision_resnet50"]) == 0
    with np.load(tmp_path / "r.npz") as got:
        assert f"{first_conv}.W" in got.files and f"{fc}.W" in got.files and len(got.files) == 3
        assert got[f"{first_conv}.W"].shape == (7, 7, 3, 4) and got[f"{fc}.W"].shape == (8, 10)
    assert main(["weights", "convert", str(tmp_path / "r.pth"), str(tmp_path / "x.npz"), "--map", "nope"]) == 2
    assert "Unknown name map 'nope'" in capsys.readouterr().err


def test_dropout_step_counter_is_optional_through_a_name_map(tmp_path):
    from dlspec.nn import Dropout
    model = dlspec.Sequential([Dense(4), Dropout(keep_prob=0.5), Dense(2)], seed=0)
    model.build((3,))
    torch.save({"a": torch.ones(3, 4), "b": torch.zeros(4), "c": torch.ones(4, 2), "d": torch.zeros(2)},
               tmp_path / "w.pth")
    names = {"a": "dense.W", "b": "dense.b", "c": "dense_1.W", "d": "dense_1.b"}
    report = load_weights(model, tmp_path / "w.pth", name_map=names)
    assert not report.missing and len(report.loaded) == 4
    with pytest.raises(ValueError, match="missing .*dropout.step"):
        load_weights(model, tmp_path / "w.pth", name_map=None)
