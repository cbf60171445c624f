"""Weight files that try to read other files or exhaust memory (issue 28, item 2).

Each file is written here. The size bombs are read in a subprocess with a 64 MB limit
($DLSPEC_MAX_WEIGHT_BYTES), which reports its peak resident memory (VmHWM) before and after.
"""
import io
import json
import pickle
import struct
import subprocess
import sys
import zipfile
from collections import OrderedDict

import numpy as np
import pytest

from dlspec.io.archive import NotADlspecFileError, read_archive, write_archive
from dlspec.io.limits import MAX_DEPTH, FileTooLargeError, max_bytes
from dlspec.io.weight_files import read_weights

LIMIT = "64M"
BOMB = 400 * 2 ** 20          # what each bomb would allocate: 400 MB


def _peak_growth_mb(path, env_limit=LIMIT):
    """Read ``path`` in a fresh process; (error text, growth of peak RSS in MB while reading)."""
    # NOTE: VmHWM, this process's own peak: ru_maxrss keeps the peak of the forking parent
    # across exec, so under a large pytest process (torch loaded) it would never grow.
    code = f"""
import sys
sys.path[:0] = {sys.path!r}
from dlspec.io.weight_files import read_weights
import h5py                                   # loaded before the baseline, as numpy is
def peak_kb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
before = peak_kb()
try:
    read_weights({str(path)!r})
    print("READ")
except ValueError as exc:
    print(type(exc).__name__, exc)
print((peak_kb() - before) / 1024)
"""
    env = {"PATH": "", "HOME": "/tmp", "DLSPEC_MAX_WEIGHT_BYTES": env_limit}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()
    return "\n".join(out[:-1]), float(out[-1])


def _zero_npz(path, nbytes):
    """An .npz whose one member deflates to ``nbytes`` of zeros (a few hundred KB on disk)."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False,
                                                  "shape": (nbytes // 4,)})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("w.npy", "w", force_zip64=True) as f:
        f.write(header.getvalue())
        chunk = bytes(2 ** 22)
        for _ in range(nbytes // len(chunk)):
            f.write(chunk)
    return path


# -- HDF5: nothing outside the file ---------------------------------------------------------

@pytest.fixture
def h5py():
    return pytest.importorskip("h5py")


def test_hdf5_external_storage_is_refused(tmp_path, h5py):
    secret = tmp_path / "hostname"
    secret.write_bytes(b"secret-machine-name\n" + bytes(44))
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.create_dataset("dense/kernel:0", shape=(64,), dtype="u1", external=[(str(secret), 0, 64)])
    with pytest.raises(ValueError, match="'dense/kernel:0' keeps its data in other files .*hostname"):
        read_weights(tmp_path / "w.h5")


def test_hdf5_virtual_datasets_and_links_are_refused(tmp_path, h5py):
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f["w"] = np.arange(4.0)
    layout = h5py.VirtualLayout(shape=(4,), dtype="f8")
    layout[:] = h5py.VirtualSource(str(tmp_path / "other.h5"), "w", shape=(4,))
    with h5py.File(tmp_path / "virtual.h5", "w") as f:
        f.create_virtual_dataset("w", layout)
    with pytest.raises(ValueError, match="'w' is a virtual dataset"):
        read_weights(tmp_path / "virtual.h5")
    for name, link, kind in [("soft.h5", h5py.SoftLink("/real"), "a soft link"),
                             ("external.h5", h5py.ExternalLink(str(tmp_path / "other.h5"), "/w"),
                              "an external link")]:
        with h5py.File(tmp_path / name, "w") as f:
            f["real"] = np.ones(2)
            f["g/alias"] = link
        with pytest.raises(ValueError, match=f"'g/alias' is {kind}"):
            read_weights(tmp_path / name)


def test_hdf5_deep_groups_and_unknown_filters_are_refused(tmp_path, h5py):
    with h5py.File(tmp_path / "deep.h5", "w") as f:
        f.create_group("/".join(["g"] * (MAX_DEPTH + 1)))
    with pytest.raises(ValueError, match=f"nested more than {MAX_DEPTH} levels"):
        read_weights(tmp_path / "deep.h5")
    with h5py.File(tmp_path / "ok.h5", "w") as f:       # the honest file: gzip, shuffle, nesting
        f.create_dataset("a/b/kernel:0", data=np.ones((3, 2), np.float32), compression="gzip", shuffle=True)
        f["a/name"] = "text is skipped"
    assert list(read_weights(tmp_path / "ok.h5")) == ["a/b/kernel:0"]


def test_hdf5_size_bomb_is_refused_before_allocating(tmp_path, h5py):
    with h5py.File(tmp_path / "bomb.h5", "w") as f:    # declared, never written: the fill value
        f.create_dataset("w", shape=(BOMB // 4,), dtype="f4", chunks=(2 ** 20,), compression="gzip")
    assert (tmp_path / "bomb.h5").stat().st_size < 50_000
    error, growth = _peak_growth_mb(tmp_path / "bomb.h5")
    assert error.startswith("FileTooLargeError") and "'w' of shape (104857600,)" in error, error
    assert growth < 64, f"peak memory grew by {growth:.0f} MB"
    with h5py.File(tmp_path / "ones.h5", "w") as f:    # control: 128 MB of ones, under a 1 GB limit
        f.create_dataset("w", shape=(2 ** 25,), dtype="f4", chunks=(2 ** 20,), compression="gzip", fillvalue=1.0)
    error, growth = _peak_growth_mb(tmp_path / "ones.h5", env_limit="1G")
    assert error == "READ" and growth > 64, (error, growth)   # the measure sees an allocation that happens


# -- zip archives: .npz and .pth --------------------------------------------------------------

def test_npz_decompression_bomb_is_refused_before_allocating(tmp_path):
    path = _zero_npz(tmp_path / "bomb.npz", BOMB)
    assert path.stat().st_size < 2_000_000
    error, growth = _peak_growth_mb(path)
    assert error.startswith("FileTooLargeError") and "tensor 'w'" in error and "400.0 MiB" in error
    assert growth < 64, f"peak memory grew by {growth:.0f} MB"


def test_npz_member_declaring_terabytes_is_refused(tmp_path):
    path = tmp_path / "liar.npz"
    with zipfile.ZipFile(path, "w") as z:
        body = io.BytesIO()
        np.lib.format.write_array_header_1_0(body, {"descr": "<f8", "fortran_order": False, "shape": (2 ** 40,)})
        z.writestr("w.npy", body.getvalue() + bytes(64))
    with pytest.raises(FileTooLargeError, match=r"8\.0 TiB.*nothing was allocated"):
        read_weights(path)
    with pytest.raises(ValueError, match="truncated or corrupt .*declares shape .* but its member holds"):
        read_weights(path, max_bytes=2 ** 50)            # under the limit, but larger than its member
    np.savez(tmp_path / "honest.npz", w=np.ones(3))
    assert read_weights(tmp_path / "honest.npz")["w"].tolist() == [1.0, 1.0, 1.0]


def test_pth_storage_sizes_are_checked_before_reading(tmp_path):
    torch = pytest.importorskip("torch")
    storage = object()

    class Forger(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", torch.FloatStorage, "0", "cpu", 10 ** 12) if obj is storage else None

    class Tensor:
        def __reduce__(self):
            return torch._utils._rebuild_tensor_v2, (storage, 0, (10 ** 12,), (1,), False, OrderedDict())
    buf = io.BytesIO()
    Forger(buf, protocol=2).dump({"w": Tensor()})
    torch.save({"w": torch.ones(2)}, tmp_path / "good.pth")
    with zipfile.ZipFile(tmp_path / "good.pth") as src, zipfile.ZipFile(tmp_path / "big.pth", "w") as dst:
        for item in src.infolist():
            dst.writestr(item, buf.getvalue() if item.filename.endswith("/data.pkl") else src.read(item))
    with pytest.raises(FileTooLargeError, match=r"storage 0.*3\.6 TiB"):
        read_weights(tmp_path / "big.pth")


def test_pth_deflated_storage_bomb(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"w": torch.zeros(BOMB // 4)}, tmp_path / "plain.pth")   # 400 MB on disk for a moment
    with zipfile.ZipFile(tmp_path / "plain.pth") as src, \
            zipfile.ZipFile(tmp_path / "bomb.pth", "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            with src.open(item) as f, dst.open(item.filename, "w", force_zip64=True) as g:
                while chunk := f.read(2 ** 22):
                    g.write(chunk)
    (tmp_path / "plain.pth").unlink()
    assert (tmp_path / "bomb.pth").stat().st_size < 2_000_000
    error, growth = _peak_growth_mb(tmp_path / "bomb.pth")
    assert error.startswith("FileTooLargeError") and "400.0 MiB" in error
    assert growth < 64, f"peak memory grew by {growth:.0f} MB"


# -- safetensors and dlspec archives: sizes and nesting ---------------------------------------

def _safetensors(path, header, data=b""):
    text = json.dumps(header).encode() if not isinstance(header, bytes) else header
    path.write_bytes(struct.pack("<Q", len(text)) + text + data)
    return path


def test_safetensors_sizes_are_checked_against_the_limit(tmp_path):
    data = np.ones(2 ** 18, np.float32).tobytes()        # 1 MiB
    path = _safetensors(tmp_path / "w.safetensors",
                        {"w": {"dtype": "F32", "shape": [2 ** 18], "data_offsets": [0, len(data)]}}, data)
    assert read_weights(path)["w"].shape == (2 ** 18,)
    with pytest.raises(FileTooLargeError, match=r"'w' of shape \(262144,\) needs 1\.0 MiB.*DLSPEC_MAX_WEIGHT_BYTES"):
        read_weights(path, max_bytes=2 ** 19)


def test_deeply_nested_metadata_is_refused_by_name(tmp_path):
    deep = b'{"w": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"          # past Python's recursion limit
    with pytest.raises(ValueError, match="safetensors header is nested too deeply"):
        read_weights(_safetensors(tmp_path / "deep.safetensors", deep))
    nested = {"w": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0], "x": json.loads("[" * 70 + "]" * 70)}}
    with pytest.raises(ValueError, match=f"nested more than {MAX_DEPTH} levels"):
        read_weights(_safetensors(tmp_path / "nested.safetensors", nested))
    meta = {"format": "dlspec-model"}
    node = meta
    for _ in range(MAX_DEPTH + 2):
        node["inner"] = {}
        node = node["inner"]
    write_archive(tmp_path / "model.npz", meta, {"param/w": np.ones(2)})
    with pytest.raises(NotADlspecFileError, match="dlspec metadata is nested more than"):
        read_archive(tmp_path / "model.npz")


def test_the_limit_is_configurable_and_checked(monkeypatch):
    assert max_bytes() == 4 * 2 ** 30
    monkeypatch.setenv("DLSPEC_MAX_WEIGHT_BYTES", "16G")
    assert max_bytes() == 16 * 2 ** 30 and max_bytes(10) == 10
    monkeypatch.setenv("DLSPEC_MAX_WEIGHT_BYTES", "lots")
    with pytest.raises(ValueError, match="DLSPEC_MAX_WEIGHT_BYTES must be a positive number"):
        max_bytes()
    with pytest.raises(ValueError, match="max_bytes must be a positive integer"):
        max_bytes(-1)


def test_cli_refuses_with_one_line(tmp_path, h5py, capsys):
    from dlspec.cli import main
    secret = tmp_path / "hostname"
    secret.write_bytes(bytes(8))
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.create_dataset("w", shape=(8,), dtype="u1", external=[(str(secret), 0, 8)])
    assert main(["weights", "show", str(tmp_path / "w.h5")]) == 2
    err = capsys.readouterr().err
    assert "external storage" in err and len(err.strip().splitlines()) == 1
