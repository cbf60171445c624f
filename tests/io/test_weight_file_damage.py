"""Damaged and hostile weight files (issue 16, item 4): each gives a message naming the file
and the problem, allocates nothing the file cannot hold, and prints no traceback."""
import json
import os
import resource
import struct
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import safetensors.numpy
import torch

import dlspec
from dlspec.io.archive import NotADlspecFileError, read_archive, write_archive
from dlspec.io.pth import read_pth
from dlspec.io.safetensors import load_safetensors
from dlspec.io.weight_files import convert_weights, describe_weights, read_weights


def _cli(*args):
    env = {**os.environ, "PYTHONPATH": str(os.path.dirname(os.path.dirname(dlspec.__file__)))}
    return subprocess.run([sys.executable, "-m", "dlspec", "weights", *map(str, args)],
                          capture_output=True, text=True, env=env)


# --- expanded (stride-0) tensors in .pth ----------------------------------------------------

def test_an_expanded_tensor_stays_a_read_only_view(tmp_path):
    torch.save({"w": torch.arange(3.0).expand(16384, 16384, 3), "b": torch.ones(2)},
               tmp_path / "exp.pth")
    assert (tmp_path / "exp.pth").stat().st_size < 3000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    w = read_pth(tmp_path / "exp.pth")["w"]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000   # KB: no 3 GB copy
    assert w.shape == (16384, 16384, 3) and w.strides == (0, 0, 4) and not w.flags.writeable
    assert w[123, 4567].tolist() == [0.0, 1.0, 2.0]
    assert "expanded: stride 0" in describe_weights({"w": w})


def test_a_terabyte_expanded_tensor_shows_and_refuses_conversion_cleanly(tmp_path):
    torch.save({"w": torch.zeros(1).expand(10 ** 6, 10 ** 6)}, tmp_path / "big.pth")
    shown = _cli("show", tmp_path / "big.pth")
    assert shown.returncode == 0 and "1,000,000,000,000 values" in shown.stdout
    done = _cli("convert", tmp_path / "big.pth", tmp_path / "big.safetensors")
    assert done.returncode != 0 and "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert "big.pth is an expanded (stride-0) tensor" in done.stderr and "3,725.3 GiB" in done.stderr
    assert not (tmp_path / "big.safetensors").exists()


def test_a_small_expanded_tensor_converts_in_full(tmp_path):
    torch.save({"w": torch.arange(4.0).expand(3, 4)}, tmp_path / "small.pth")
    tensors = convert_weights(tmp_path / "small.pth", tmp_path / "small.safetensors")
    assert tensors["w"].shape == (3, 4)
    assert load_safetensors(tmp_path / "small.safetensors")[0]["w"].tolist() == [[0, 1, 2, 3]] * 3


# --- truncated zips ---------------------------------------------------------------------------

def _cut(path, suffix):
    data = path.read_bytes()
    cut = path.with_name(f"cut{suffix}")
    cut.write_bytes(data[:len(data) // 2])
    return cut


@pytest.mark.parametrize("suffix", [".pth", ".npz"])
def test_truncated_zips_are_called_truncated(tmp_path, suffix):
    good = tmp_path / f"good{suffix}"
    if suffix == ".pth":
        torch.save({"w": torch.randn(100, 100)}, good)
    else:
        np.savez(good, w=np.ones((100, 100)))
    cut = _cut(good, suffix)
    with pytest.raises(ValueError, match=rf"cut\{suffix} is a truncated .*its end .* is missing"):
        read_weights(cut)
    if suffix == ".pth":
        with pytest.raises(ValueError, match=r"cut\.pth is a truncated PyTorch \.pth file"):
            read_pth(cut)
    done = _cli("show", cut)
    assert done.returncode != 0 and "is a truncated" in done.stderr and "Traceback" not in done.stderr


def test_a_truncated_model_file_is_called_truncated(tmp_path):
    write_archive(tmp_path / "m.npz", {"format": "dlspec-model"}, {"param/w": np.ones((100, 100))})
    with pytest.raises(NotADlspecFileError, match=r"cut\.npz is a truncated NumPy \.npz file"):
        read_archive(_cut(tmp_path / "m.npz", ".npz"))


# --- safetensors headers ----------------------------------------------------------------------

GOOD = {"dtype": "F32", "shape": [10, 10], "data_offsets": [0, 400]}
BAD_HEADERS = [   # (name, header, data bytes, what the message must say)
    ("shape of strings", {"w": {**GOOD, "shape": ["a"]}}, 400, r"has shape \['a'\]; a shape is a list"),
    ("negative shape", {"w": {**GOOD, "shape": [-1, -400]}}, 400, "a shape is a list of integers >= 0"),
    ("shape not a list", {"w": {**GOOD, "shape": 10}}, 400, "has shape 10;"),
    ("boolean in shape", {"w": {**GOOD, "shape": [10, True]}}, 400, r"has shape \[10, True\]"),
    ("huge shape", {"w": {**GOOD, "shape": [2 ** 62, 2 ** 62]}}, 400, "needs 8507059173.* bytes but"),
    ("offsets as strings", {"w": {**GOOD, "data_offsets": ["0", 400]}}, 400, "data_offsets"),
    ("three offsets", {"w": {**GOOD, "data_offsets": [0, 400, 5]}}, 400, r"expected\s+\[begin, end\]"),
    ("float offsets", {"w": {**GOOD, "data_offsets": [0.0, 400.0]}}, 400, "two integers >= 0"),
    ("offsets past the data", {"w": {**GOOD, "data_offsets": [0, 4000]}}, 400, r"\[0, 4000\]"),
    ("reversed offsets", {"w": {**GOOD, "data_offsets": [400, 0]}}, 400, r"\[400, 0\]"),
    ("overlapping tensors", {"w": GOOD, "v": GOOD}, 400, "overlaps the tensor before it"),
    ("gap between tensors", {"w": {**GOOD, "data_offsets": [8, 408]}}, 408, "leaves a gap"),
    ("data left over", {"w": GOOD}, 480, "hold 400 bytes but the file has 480"),
    ("data missing", {"w": GOOD}, 392, r"file has 392 bytes .*\(truncated\)"),
    ("unknown dtype", {"w": {**GOOD, "dtype": "X99"}}, 400, "dtype 'X99', which dlspec cannot read"),
    ("dtype a number", {"w": {**GOOD, "dtype": 3}}, 400, "dtype 3,"),
    ("dtype a list", {"w": {**GOOD, "dtype": ["F32"]}}, 400, r"dtype \['F32'\],"),
    ("entry a string", {"w": "hello"}, 400, "the entry for 'w' is malformed"),
    ("entry without offsets", {"w": {"dtype": "F32", "shape": [1]}}, 4, "malformed"),
    ("metadata not strings", {"__metadata__": {"a": 1}, "w": GOOD}, 400, "__metadata__ must map strings"),
]


@pytest.mark.parametrize("case, header, nbytes, match", BAD_HEADERS, ids=[c[0] for c in BAD_HEADERS])
def test_bad_safetensors_headers_are_named(tmp_path, case, header, nbytes, match):
    text = json.dumps(header).encode()
    path = tmp_path / "bad.safetensors"
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"\0" * nbytes)
    with pytest.raises(ValueError, match=match) as info:
        read_weights(path)
    assert str(path) in str(info.value)
    # We refuse every file the reference implementation refuses (validating as well as it does).
    with pytest.raises(Exception):
        safetensors.numpy.load_file(str(path))


def test_the_reference_accepts_what_we_accept(tmp_path):
    arrays = {"a": np.zeros((0, 3), np.float32), "b": np.arange(6, dtype=np.int16).reshape(2, 3),
              "c": np.array(2.5)}
    safetensors.numpy.save_file(arrays, str(tmp_path / "ref.safetensors"))
    ours = load_safetensors(tmp_path / "ref.safetensors")[0]
    assert all(np.array_equal(ours[k], v) and ours[k].dtype == v.dtype for k, v in arrays.items())


def test_a_zip_that_is_not_torch_nor_npz_member_damage(tmp_path):
    # An intact zip whose .npy member is damaged: named, "truncated or corrupt".
    np.savez(tmp_path / "w.npz", w=np.ones((100, 100)))
    with zipfile.ZipFile(tmp_path / "w.npz") as z:
        raw = z.read("w.npy")
    with zipfile.ZipFile(tmp_path / "d.npz", "w") as z:
        z.writestr("w.npy", raw[:200])
    with pytest.raises(ValueError, match=r"d\.npz is not a readable \.npz file: it is truncated or corrupt"):
        read_weights(tmp_path / "d.npz")
