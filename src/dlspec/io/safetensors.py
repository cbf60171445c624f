"""The safetensors format (Hugging Face), read and written with NumPy alone.

A file is: 8 bytes (little-endian uint64) giving the header's length, a JSON header
``{name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__":
{str: str}}``, then the raw little-endian bytes of every tensor. There is no code in
it, which is why hubs prefer it to pickles. The optional ``safetensors`` package is the
reference implementation; the tests check that both read each other's files.
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np

from .files import atomic_write
from .limits import Budget, load_json

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64,
          "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8, "U16": np.uint16,
          "U32": np.uint32, "U64": np.uint64, "BOOL": np.bool_}
CODES = {np.dtype(v): k for k, v in DTYPES.items()}
MAX_HEADER = 100 * 2 ** 20


def save_safetensors(tensors: dict, path, metadata: dict | None = None):
    """Write ``tensors`` (name -> array) to ``path`` atomically; ``metadata`` maps str to str."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    # Widest dtypes first keeps every tensor aligned to its itemsize, as the reference does.
    order = sorted(tensors, key=lambda n: (-np.asarray(tensors[n]).dtype.itemsize, n))
    for name in order:
        array = np.asarray(tensors[name])   # (ascontiguousarray would make a 0-d array 1-d)
        code = CODES.get(array.dtype.newbyteorder("="))
        if code is None:
            raise TypeError(f"{name!r} has dtype {array.dtype}, which safetensors cannot hold; "
                            f"use one of {sorted(str(np.dtype(d)) for d in DTYPES.values())}.")
        data = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": code, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)          # the data starts 8-byte aligned
    with atomic_write(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
    return Path(path)


def _entry(name, info, bad, path):
    """Check one header entry; return ``(dtype code, shape, byte count, (begin, end))``."""
    def is_count(v):
        return type(v) is int and v >= 0         # bool is an int subclass: refused too
    if not (isinstance(info, dict) and {"dtype", "shape", "data_offsets"} <= set(info)):
        raise ValueError(f"{bad}: the entry for {name!r} is malformed: {info!r:.80} (expected "
                         '{"dtype": ..., "shape": [...], "data_offsets": [begin, end]}).')
    code, shape, offsets = info["dtype"], info["shape"], info["data_offsets"]
    if not (isinstance(code, str) and (code in DTYPES or code == "BF16")):
        raise ValueError(f"{path}: tensor {name!r} has dtype {code!r:.40}, which dlspec cannot read "
                         f"(one of {', '.join([*DTYPES, 'BF16'])}).")
    if not (isinstance(shape, list) and all(is_count(v) for v in shape)):
        raise ValueError(f"{bad}: tensor {name!r} has shape {shape!r:.60}; a shape is a list of "
                         "integers >= 0 (corrupt header).")
    if not (isinstance(offsets, list) and len(offsets) == 2 and all(is_count(v) for v in offsets)):
        raise ValueError(f"{bad}: tensor {name!r} has data_offsets {offsets!r:.60}; expected "
                         "[begin, end], two integers >= 0 (corrupt header).")
    itemsize = 2 if code == "BF16" else np.dtype(DTYPES[code]).itemsize
    nbytes = itemsize
    for v in shape:                              # Python ints: no silent int64 overflow
        nbytes *= v
    begin, end = offsets
    if end < begin or end - begin != nbytes:
        raise ValueError(f"{bad}: tensor {name!r} of shape {tuple(shape)} ({code}) needs {nbytes} "
                         f"bytes but its data_offsets are [{begin}, {end}] ({end - begin} bytes): "
                         "the header is corrupt.")
    return code, tuple(shape), nbytes, (begin, end)


def load_safetensors(path, budget=None) -> tuple[dict, dict]:
    """Return ``(tensors, metadata)`` from a safetensors file; BF16 is widened to float32.

    Only the header is read first: every tensor's size is checked against ``budget``
    (``limits.Budget``; default 4 GiB or $DLSPEC_MAX_WEIGHT_BYTES) and against the file's
    length before any tensor is read, then each is read straight into its array.

    Raises
    ------
    FileNotFoundError, ValueError naming what is wrong for a truncated or corrupt file,
    limits.FileTooLargeError (a ValueError) past the size limit.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist (expected a .safetensors file).")
    budget = budget if budget is not None else Budget(path)
    size = path.stat().st_size
    bad = f"{path} is not a valid safetensors file"
    if size < 8:
        raise ValueError(f"{bad}: it has only {size} bytes (truncated?).")
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        if n > min(MAX_HEADER, size - 8):
            raise ValueError(f"{bad}: its header claims {n} bytes but the file has {size - 8} "
                             "after the length field (truncated or not safetensors).")
        text = f.read(n)
        try:
            header = load_json(text, f"{path}: the safetensors header")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{bad}: its header is not JSON ({exc}); it is corrupt.") from None
        if not isinstance(header, dict):
            raise ValueError(f"{bad}: its header is not a JSON object.")
        metadata = header.pop("__metadata__", None) or {}
        if not (isinstance(metadata, dict) and all(isinstance(v, str) for v in metadata.values())):
            raise ValueError(f"{bad}: its __metadata__ must map strings to strings; got {metadata!r:.80}.")
        data_size = size - 8 - n
        entries = {name: _entry(name, info, bad, path) for name, info in header.items()}
        # Like the reference: the tensors tile the data exactly, in order, no gap, no overlap.
        position = 0
        for name, (code, shape, nbytes, (begin, end)) in sorted(entries.items(), key=lambda e: e[1][3]):
            if begin != position:
                what = "overlaps the tensor before it" if begin < position else "leaves a gap before it"
                raise ValueError(f"{bad}: tensor {name!r} starts at byte {begin} of the data but the "
                                 f"previous tensors end at {position}: it {what} (corrupt header).")
            position = end
        if position != data_size:
            raise ValueError(f"{bad}: its tensors hold {position} bytes but the file has {data_size} bytes "
                             f"of data after the header ({'truncated' if position > data_size else 'corrupt'}).")
        for name, (code, shape, nbytes, _) in entries.items():   # all sizes checked before any read
            budget.take(name, shape, 4 if code == "BF16" else np.dtype(DTYPES[code]).itemsize)
        tensors = {}
        for name, (code, shape, nbytes, (begin, end)) in entries.items():
            f.seek(8 + n + begin)
            dtype = np.dtype("<u2" if code == "BF16" else np.dtype(DTYPES[code]).newbyteorder("<"))
            array = np.empty(nbytes // dtype.itemsize, dtype)
            if nbytes and f.readinto(memoryview(array).cast("B")) != nbytes:
                raise ValueError(f"{bad}: tensor {name!r} ends past the end of the file (truncated).")
            if code == "BF16":     # bfloat16 is the top half of a float32: shift it back into place
                array = (array.astype(np.uint32) << 16).view(np.float32)
            else:
                array = array.astype(np.dtype(DTYPES[code]), copy=False)
            tensors[name] = array.reshape(shape)
    return tensors, metadata

