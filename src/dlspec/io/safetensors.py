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


def load_safetensors(path) -> tuple[dict, dict]:
    """Return ``(tensors, metadata)`` from a safetensors file; BF16 is widened to float32.

    Raises
    ------
    FileNotFoundError, or ValueError naming what is wrong for a truncated or corrupt file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist (expected a .safetensors file).")
    raw = path.read_bytes()
    bad = f"{path} is not a valid safetensors file"
    if len(raw) < 8:
        raise ValueError(f"{bad}: it has only {len(raw)} bytes (truncated?).")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > min(MAX_HEADER, len(raw) - 8):
        raise ValueError(f"{bad}: its header claims {n} bytes but the file has {len(raw) - 8} "
                         "after the length field (truncated or not safetensors).")
    try:
        header = json.loads(raw[8:8 + n])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{bad}: its header is not JSON ({exc}); it is corrupt.") from None
    if not isinstance(header, dict):
        raise ValueError(f"{bad}: its header is not a JSON object.")
    metadata = header.pop("__metadata__", None) or {}
    data = memoryview(raw)[8 + n:]
    tensors = {}
    for name, info in header.items():
        try:
            code, shape, (begin, end) = info["dtype"], tuple(info["shape"]), info["data_offsets"]
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{bad}: the entry for {name!r} is malformed: {info!r}.") from None
        itemsize = 2 if code == "BF16" else np.dtype(DTYPES.get(code, np.uint8)).itemsize
        if code not in DTYPES and code != "BF16":
            raise ValueError(f"{path}: tensor {name!r} has dtype {code}, which dlspec cannot read "
                             "(F64, F32, F16, BF16 and integer dtypes are supported).")
        count = int(np.prod(shape, dtype=np.int64))
        if not (0 <= begin <= end <= len(data)) or end - begin != count * itemsize:
            raise ValueError(f"{bad}: tensor {name!r} of shape {shape} ({code}) needs "
                             f"{count * itemsize} bytes but its offsets are [{begin}, {end}] in "
                             f"{len(data)} bytes of data (truncated or corrupt).")
        chunk = data[begin:end]
        if code == "BF16":
            array = (np.frombuffer(chunk, "<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(chunk, np.dtype(DTYPES[code]).newbyteorder("<"))
            array = array.astype(np.dtype(DTYPES[code]), copy=True)
        tensors[name] = array.reshape(shape)
    return tensors, metadata
