"""Read PyTorch ``.pth``/``.pt`` state dicts without torch, and without running code from the file.

``torch.save`` writes a zip archive: ``<name>/data.pkl`` is a pickle of the state dict
whose tensors point, through pickle's "persistent ids", at raw storages
``<name>/data/<key>``. A pickle is a small program: ``GLOBAL os system`` followed by
``REDUCE`` runs a shell command. So the pickle is read by an *allow-list* unpickler
that resolves only the handful of names a state dict needs (an ordered dict, the
tensor rebuild functions, the storage types) and refuses every other global before
calling anything. Storages are read as NumPy arrays; a tensor is a strided view of
its storage (several tensors may share one), checked to lie inside it, then copied;
an expanded tensor (stride 0, more values than its storage) stays a read-only view.
"""
from __future__ import annotations

import collections
import functools
import io
import pickle
import zipfile
from pathlib import Path

import numpy as np

from .limits import Budget, FileTooLargeError


class UnsafeFileError(ValueError):
    """The file asks to run or import something a state dict never needs."""


# torch storage type name -> NumPy dtype ("bfloat16" has no NumPy dtype: widened to float32).
STORAGE_DTYPES = {
    "DoubleStorage": np.float64, "FloatStorage": np.float32, "HalfStorage": np.float16,
    "BFloat16Storage": "bfloat16", "LongStorage": np.int64, "IntStorage": np.int32,
    "ShortStorage": np.int16, "CharStorage": np.int8, "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}
STATE_DICT_KEYS = ("state_dict", "model_state_dict", "model", "state_dict_ema", "model_ema")


class _StorageType:
    def __init__(self, name):
        self.name = name


def _rebuild_tensor(storage, storage_offset, size, stride, *unused, budget=None):
    """torch._utils._rebuild_tensor(_v2): the tensor ``size``/``stride`` viewing ``storage``."""
    size, stride = tuple(size), tuple(stride)
    if not all(isinstance(v, int) and v >= 0 for v in (storage_offset, *size, *stride)) \
            or len(size) != len(stride):
        raise UnsafeFileError(f"a tensor with offset {storage_offset!r}, size {size!r} and stride "
                              f"{stride!r} is malformed.")
    if 0 in size:
        return np.zeros(size, storage.dtype)
    last = storage_offset + sum((n - 1) * s for n, s in zip(size, stride))
    if last >= storage.size:
        raise UnsafeFileError(f"a tensor of size {size} (offset {storage_offset}, stride {stride}) "
                              f"reaches past the end of its storage of {storage.size} elements; "
                              "the file is corrupt.")
    view = np.lib.stride_tricks.as_strided(
        storage[storage_offset:], shape=size,
        strides=tuple(s * storage.itemsize for s in stride), writeable=False)
    if view.size > last - storage_offset + 1:
        # An expanded tensor (torch's expand(): stride 0) names more values than its storage
        # holds: a 1.6 KB file can describe terabytes. Keep it a read-only view, as torch does.
        return view
    if budget is not None:  # the copy counts against the limit too
        budget.take(f"tensor of size {size}", size, storage.itemsize)
    return np.array(view)   # an independent copy: views sharing a storage stay independent


def _rebuild_parameter(data, requires_grad=False, backward_hooks=None, *unused):
    return data


# (module, name) -> what it means here. Nothing else in a pickle is ever resolved.
ALLOWED_GLOBALS = {
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
}


class _AllowListUnpickler(pickle._Unpickler):
    """The pure-Python unpickler (its opcodes can be overridden) with an allow-list.

    Besides ``find_class`` (globals) and ``persistent_load`` (storages), BUILD is
    restricted: it sets attributes, and is only needed for the ``_metadata`` of an
    OrderedDict state dict.
    """

    dispatch = dict(pickle._Unpickler.dispatch)

    def __init__(self, file, read_storage, source):
        super().__init__(file)
        self._read_storage = read_storage
        self._source = source
        self.budget = None

    def load_build(self):
        state, inst = self.stack[-1], self.stack[-2]
        if not (type(inst) is collections.OrderedDict and isinstance(state, dict)
                and all(isinstance(k, str) for k in state)):
            raise UnsafeFileError(f"Refused to load {self._source}: its pickle sets the state of a "
                                  f"{type(inst).__name__}, which a state dict never does. Nothing "
                                  "from the file was run.")
        pickle._Unpickler.load_build(self)

    dispatch[pickle.BUILD[0]] = load_build

    def find_class(self, module, name):
        if (module, name) in ALLOWED_GLOBALS:
            found = ALLOWED_GLOBALS[(module, name)]
            return functools.partial(found, budget=self.budget) if found is _rebuild_tensor else found
        if module == "torch" and name in STORAGE_DTYPES:
            return _StorageType(name)
        raise UnsafeFileError(
            f"Refused to load {self._source}: its pickle asks for {module}.{name}, which a PyTorch "
            "state dict never needs (it may be an attempt to run code). Nothing from the file was "
            "run. Only tensors in (ordered) dicts can be read; if you trust the file, load it "
            "with torch and re-save model.state_dict() or convert it to .safetensors.")

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"
                and isinstance(pid[1], _StorageType) and isinstance(pid[2], str)
                and isinstance(pid[4], int)):
            raise UnsafeFileError(f"Refused to load {self._source}: unexpected persistent id "
                                  f"{str(pid)[:60]!r} (only tensor storages are allowed).")
        return self._read_storage(pid[1].name, pid[2], pid[4])


def truncated_zip_message(path, kind=None):
    """A file that starts like a zip archive but has no table of contents (the zip's end)."""
    path = Path(path)
    kind = kind or {".npz": "NumPy .npz", ".pth": "PyTorch .pth", ".pt": "PyTorch .pt"}.get(
        path.suffix, "zip (.npz or .pth)")
    return (f"{path} is a truncated {kind} file: it starts as a zip archive but its end (the "
            f"zip's table of contents) is missing, so only part of it ({path.stat().st_size:,} "
            "bytes) was copied or downloaded. Copy or download it again.")


def read_pth(path, key=None, budget=None) -> dict:
    """Return the state dict in a PyTorch zip file as ``{name: numpy array}``.

    Parameters
    ----------
    path : a file written by ``torch.save(model.state_dict(), path)`` (torch >= 1.6).
    key : if the file holds a dict around the state dict (a training checkpoint such as
        ``{"epoch": 3, "state_dict": {...}}``), the key to take; the common ones
        (``state_dict``, ``model``...) are found automatically.
    budget : ``limits.Budget``, the size limit (default: 4 GiB or $DLSPEC_MAX_WEIGHT_BYTES).
        Each storage's size (elements x item size, from the pickle) and each tensor copied
        out of it count against it, checked before anything is read or allocated.

    Returns
    -------
    dict name -> array, in the file's order and layout (convolution kernels OIHW, linear
    weights (out, in)); float16/32/64 and integers keep their dtype, bfloat16 becomes float32.

    Raises
    ------
    UnsafeFileError (a ValueError) if the pickle refers to anything but tensors;
    ValueError if the file is truncated, corrupt, legacy-format or holds no state dict.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist (expected a PyTorch .pth file).")
    budget = budget if budget is not None else Budget(path)
    if not zipfile.is_zipfile(path):
        if path.read_bytes()[:4] == b"PK\x03\x04":
            raise ValueError(truncated_zip_message(path))
        raise ValueError(f"{path} is not a PyTorch zip file. Files written by torch < 1.6 (legacy "
                         "format) or plain pickles are not read, since that needs unpickling "
                         "arbitrary objects; re-save with a recent torch, or as .safetensors.")
    try:
        with zipfile.ZipFile(path) as archive:
            obj = _unpickle(archive, str(path), budget)
    except (UnsafeFileError, FileNotFoundError, FileTooLargeError):
        raise
    except (zipfile.BadZipFile, pickle.UnpicklingError, EOFError, KeyError, ValueError,
            TypeError, IndexError, AttributeError, OSError) as exc:
        raise ValueError(f"{path} is not a readable PyTorch state dict: it is truncated or corrupt "
                         f"({type(exc).__name__}: {exc}).") from None
    return _find_state_dict(obj, key, path)


def _unpickle(archive, source, budget):
    pickles = [n for n in archive.namelist() if n.endswith("data.pkl") and n.count("/") == 1]
    if len(pickles) != 1:
        raise ValueError(f"{source} is a zip file but not a PyTorch one (no <name>/data.pkl).")
    prefix = pickles[0][:-len("data.pkl")]
    names = set(archive.namelist())
    big_endian = (f"{prefix}byteorder" in names
                  and archive.read(f"{prefix}byteorder").strip() == b"big")
    storages = {}

    def read_storage(type_name, key, numel):
        if key not in storages:
            member = f"{prefix}data/{key}"
            if member not in names:
                raise ValueError(f"storage {key!r} is missing from the archive")
            dtype = STORAGE_DTYPES[type_name]
            itemsize = 2 if dtype == "bfloat16" else np.dtype(dtype).itemsize
            budget.take(f"storage {key}", (numel,), itemsize * (2 if dtype == "bfloat16" else 1))
            with archive.open(member) as f:     # at most what the pickle declares: a bound
                raw = f.read(numel * itemsize)
            if len(raw) < numel * itemsize:
                raise ValueError(f"storage {key!r} holds {len(raw)} bytes; {numel} elements of "
                                 f"{type_name} need {numel * itemsize}")
            raw = raw[:numel * itemsize]
            if dtype == "bfloat16":
                # bfloat16 is the top half of a float32: shift it back into place.
                bits = np.frombuffer(raw, ">u2" if big_endian else "<u2").astype(np.uint32) << 16
                array = bits.view(np.float32)
            else:
                array = np.frombuffer(raw, np.dtype(dtype).newbyteorder(">" if big_endian else "<"))
                array = array.astype(np.dtype(dtype).newbyteorder("="), copy=False)
            storages[key] = array
        return storages[key]

    info = archive.getinfo(pickles[0])
    budget.take(pickles[0], (info.file_size,), 1)   # the pickle itself (a zip member can inflate)
    with archive.open(info) as f:
        program = f.read(info.file_size)
    unpickler = _AllowListUnpickler(io.BytesIO(program), read_storage, source)
    unpickler.budget = budget
    return unpickler.load()


def _is_state_dict(obj):
    return isinstance(obj, dict) and bool(obj) and all(
        isinstance(k, str) and isinstance(v, np.ndarray) for k, v in obj.items())


def _find_state_dict(obj, key, path):
    if key is not None:
        if not isinstance(obj, dict) or key not in obj:
            keys = list(obj) if isinstance(obj, dict) else type(obj).__name__
            raise ValueError(f"{path} has no entry {key!r}; its top level holds {keys}.")
        obj = obj[key]
    elif isinstance(obj, dict) and not _is_state_dict(obj):
        for candidate in STATE_DICT_KEYS:
            if _is_state_dict(obj.get(candidate)):
                obj = obj[candidate]
                break
    if not _is_state_dict(obj):
        keys = list(obj)[:10] if isinstance(obj, dict) else type(obj).__name__
        raise ValueError(f"{path} holds no state dict (a dict of tensors by name); its top level "
                         f"is {keys}. Pass key=... naming the entry that holds the tensors.")
    return dict(obj)
