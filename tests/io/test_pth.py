"""The torch-free .pth reader: every storage dtype, shared views, and refusal of anything else."""
import io
import os
import pickle
import subprocess
import sys
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
import torch

from dlspec.io.pth import UnsafeFileError, read_pth

SRC = Path(__file__).resolve().parents[2] / "src"


def _as_numpy(t):
    return t.float().numpy() if t.dtype == torch.bfloat16 else t.numpy()


def test_reads_a_real_state_dict(tmp_path):
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.Flatten(),
                              torch.nn.Linear(4 * 6 * 6, 5))
    torch.save(net.state_dict(), tmp_path / "net.pth")
    got = read_pth(tmp_path / "net.pth")
    expected = net.state_dict()
    assert list(got) == list(expected)
    for name, t in expected.items():
        assert got[name].dtype == _as_numpy(t).dtype and got[name].shape == tuple(t.shape)
        np.testing.assert_array_equal(got[name], _as_numpy(t), err_msg=name)


def test_dtypes_and_views_sharing_a_storage(tmp_path):
    base = torch.arange(60, dtype=torch.float32).reshape(6, 10)
    tensors = OrderedDict(
        f16=torch.randn(3, 4).half(), f32=torch.randn(5), f64=torch.randn(2, 3, dtype=torch.float64),
        i64=torch.arange(7), bf16=torch.randn(4).bfloat16(), i32=torch.arange(3, dtype=torch.int32),
        u8=torch.arange(5, dtype=torch.uint8), flag=torch.tensor([True, False]),
        scalar=torch.tensor(3.5), empty=torch.zeros(0, 3),
        base=base, row=base[2], transposed=base.t(), strided=base[1::2, 3:9:3],
        param=torch.nn.Parameter(torch.ones(2, 2)))
    torch.save(tensors, tmp_path / "t.pth")
    got = read_pth(tmp_path / "t.pth")
    for name, t in tensors.items():
        np.testing.assert_array_equal(got[name], _as_numpy(t.detach()), err_msg=name)
        assert got[name].shape == tuple(t.shape), name
    assert got["f16"].dtype == np.float16 and got["f64"].dtype == np.float64
    assert got["i64"].dtype == np.int64 and got["bf16"].dtype == np.float32
    got["row"][:] = -1                      # views come out as independent arrays
    assert got["base"][2, 0] == 20


def test_training_checkpoint_dict_and_key(tmp_path):
    sd = torch.nn.Linear(3, 2).state_dict()
    torch.save({"epoch": 3, "arch": "tiny", "state_dict": sd, "best": 0.5}, tmp_path / "c.pth")
    assert set(read_pth(tmp_path / "c.pth")) == {"weight", "bias"}
    torch.save({"net": sd, "other": sd}, tmp_path / "d.pth")
    with pytest.raises(ValueError, match=r"holds no state dict.*\['net', 'other'\].*key="):
        read_pth(tmp_path / "d.pth")
    assert set(read_pth(tmp_path / "d.pth", key="net")) == {"weight", "bias"}
    with pytest.raises(ValueError, match="no entry 'nope'"):
        read_pth(tmp_path / "d.pth", key="nope")


def test_needs_no_torch(tmp_path):
    torch.save({"w": torch.ones(2, 3)}, tmp_path / "w.pth")
    code = (f"import sys; sys.path.insert(0, {str(SRC)!r}); sys.modules['torch'] = None\n"
            f"from dlspec.io.pth import read_pth; print(read_pth({str(tmp_path / 'w.pth')!r})['w'].sum())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "6.0"


# -- malicious and broken files ---------------------------------------------------------

def _with_pickle(tmp_path, payload: bytes, name="evil.pth"):
    """A genuine torch zip whose data.pkl is replaced by ``payload``."""
    torch.save({"w": torch.ones(2)}, tmp_path / "good.pth")
    out = tmp_path / name
    with zipfile.ZipFile(tmp_path / "good.pth") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, payload if item.filename.endswith("/data.pkl") else data)
    return out


class _Call:
    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


@pytest.mark.parametrize("func", [os.system, eval, exec, subprocess.Popen, getattr, __import__],
                         ids=lambda f: getattr(f, "__name__", str(f)))
def test_any_other_global_is_refused_and_nothing_runs(tmp_path, func):
    marker = tmp_path / "pwned"
    if func is os.system or func is subprocess.Popen:
        args = (f"touch {marker}",) if func is os.system else (["touch", str(marker)],)
    elif func in (eval, exec):
        args = (f"open({str(marker)!r}, 'w').close()",)
    else:
        args = ("os",) if func is __import__ else (str, "join")
    payload = pickle.dumps({"w": _Call(func, *args)}, protocol=2)
    path = _with_pickle(tmp_path, payload)
    with pytest.raises(UnsafeFileError, match=r"asks for .*Nothing from the file was run"):
        read_pth(path)
    assert not marker.exists()


def test_os_system_message_names_the_global(tmp_path):
    path = _with_pickle(tmp_path, pickle.dumps(_Call(os.system, "true"), protocol=2))
    with pytest.raises(UnsafeFileError, match=r"(posix|os|nt)\.system"):
        read_pth(path)


def test_a_plain_pickle_is_not_even_opened(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "plain.pth").write_bytes(pickle.dumps(_Call(os.system, f"touch {marker}")))
    with pytest.raises(ValueError, match="not a PyTorch zip file"):
        read_pth(tmp_path / "plain.pth")
    assert not marker.exists()


def _forged(tmp_path, size, numel):
    """A pickle that rebuilds a tensor of ``size`` over storage "0" (2 floats) claiming ``numel``."""
    storage = object()

    class Forger(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", torch.FloatStorage, "0", "cpu", numel) if obj is storage else None

    class Tensor:
        def __reduce__(self):
            return torch._utils._rebuild_tensor_v2, (storage, 0, size, (1,), False, OrderedDict())
    buf = io.BytesIO()
    Forger(buf, protocol=2).dump({"w": Tensor()})
    return _with_pickle(tmp_path, buf.getvalue())


def test_a_tensor_reaching_past_its_storage_is_refused(tmp_path):
    assert read_pth(_forged(tmp_path, (2,), 2))["w"].tolist() == [1.0, 1.0]   # the honest version
    with pytest.raises(UnsafeFileError, match="reaches past the end of its storage of 2 elements"):
        read_pth(_forged(tmp_path, (1000,), 2))
    with pytest.raises(ValueError, match="holds 8 bytes; 1000 elements"):
        read_pth(_forged(tmp_path, (1000,), 1000))


def test_bad_persistent_id_is_refused(tmp_path):
    class Evil(pickle.Pickler):
        def persistent_id(self, obj):
            return ("module", "os") if obj == "x" else None
    buf = io.BytesIO()
    Evil(buf, protocol=2).dump({"w": "x"})
    with pytest.raises(UnsafeFileError, match="persistent id"):
        read_pth(_with_pickle(tmp_path, buf.getvalue()))


def test_truncated_and_corrupt_files(tmp_path):
    torch.save({"w": torch.randn(100, 100)}, tmp_path / "w.pth")
    data = (tmp_path / "w.pth").read_bytes()
    (tmp_path / "cut.pth").write_bytes(data[:len(data) // 2])
    with pytest.raises(ValueError, match=r"cut\.pth is a truncated PyTorch \.pth file"):
        read_pth(tmp_path / "cut.pth")
    broken = _with_pickle(tmp_path, pickle.dumps({"w": 1}, protocol=2)[:-5], "broken.pth")
    with pytest.raises(ValueError, match="truncated or corrupt"):
        read_pth(broken)
    with pytest.raises(FileNotFoundError):
        read_pth(tmp_path / "absent.pth")
    zipfile.ZipFile(tmp_path / "other.zip", "w").writestr("readme.txt", "hi")
    with pytest.raises(ValueError, match="not a PyTorch one"):
        read_pth(tmp_path / "other.zip")


def test_setting_attributes_on_anything_but_a_state_dict_is_refused(tmp_path):
    # GLOBAL collections.OrderedDict (allowed), then BUILD on the class itself: would set attributes.
    payload = (b"\x80\x02ccollections\nOrderedDict\n}X\x04\x00\x00\x00evilK\x01sb.")
    with pytest.raises(UnsafeFileError, match="sets the state of a type"):
        read_pth(_with_pickle(tmp_path, payload))
    # The legitimate use: a state dict's _metadata attribute.
    sd = torch.nn.Linear(2, 2).state_dict()
    assert hasattr(sd, "_metadata")
    torch.save(sd, tmp_path / "lin.pth")
    assert set(read_pth(tmp_path / "lin.pth")) == {"weight", "bias"}
