"""Bounds for reading files from elsewhere: sizes from headers checked before allocating.

A weights file is a description of arrays, and descriptions can lie: a 1.6 MB ``.npz``
can inflate to gigabytes, an 11 KB HDF5 file can declare a 1.6 GB dataset, an ``.npy``
header can declare 8 TB. So every reader here takes each tensor's size (shape x item
size) from the file's header, adds it to what the file has asked for so far, and refuses
the file when the total passes ``max_bytes()`` -- before anything is allocated. Streams
(zip members) are read up to the size the header declares, never to their end.

The limit is 4 GiB by default (larger than any of the course's models: ResNet-50 is
100 MB); set ``DLSPEC_MAX_WEIGHT_BYTES`` (bytes, or with a K/M/G/T suffix: ``16G``) or
pass ``max_bytes=`` to the readers to change it.

Metadata (JSON headers, model configurations) nested deeper than ``MAX_DEPTH`` levels is
refused by name too: real ones nest a few levels, and deep nesting only serves to
exhaust the reader's recursion.
"""
from __future__ import annotations

import json
import os
import re
import zipfile

import numpy as np

DEFAULT_MAX_BYTES = 4 * 2 ** 30
ENV = "DLSPEC_MAX_WEIGHT_BYTES"
MAX_DEPTH = 64
_UNITS = {"": 1, "K": 2 ** 10, "M": 2 ** 20, "G": 2 ** 30, "T": 2 ** 40}


class FileTooLargeError(ValueError):
    """A file asks for more memory than the limit allows (or its header contradicts itself)."""


def max_bytes(given=None) -> int:
    """The limit in bytes: ``given``, else $DLSPEC_MAX_WEIGHT_BYTES, else 4 GiB."""
    if given is not None:
        if isinstance(given, bool) or not isinstance(given, int) or given < 1:
            raise ValueError(f"max_bytes must be a positive integer (bytes); got {given!r}.")
        return given
    text = os.environ.get(ENV, "").strip().upper()
    if not text:
        return DEFAULT_MAX_BYTES
    m = re.fullmatch(r"(\d+)\s*([KMGT]?)I?B?", text)
    if not m or int(m.group(1)) < 1:
        raise ValueError(f"{ENV} must be a positive number of bytes, optionally with K, M, G or T "
                         f"(such as 8G); got {os.environ[ENV]!r}.")
    return int(m.group(1)) * _UNITS[m.group(2)]


class Budget:
    """What a file has asked for so far, refused past the limit; ``source`` names the file."""

    def __init__(self, source, limit=None):
        self.source, self.limit, self.used = source, max_bytes(limit), 0

    def take(self, name, shape, itemsize):
        nbytes = int(itemsize)
        for n in shape:                        # Python ints: no silent int64 overflow
            nbytes *= int(n)
        if self.used + nbytes > self.limit:
            raise FileTooLargeError(
                f"{self.source}: tensor {name!r} of shape {tuple(int(n) for n in shape)} needs "
                f"{_size(nbytes)}, which brings the file to {_size(self.used + nbytes)}, past the "
                f"limit of {_size(self.limit)} (nothing was allocated). If you trust the file, raise "
                f"the limit: set {ENV}=16G, or pass max_bytes=...")
        self.used += nbytes
        return nbytes


def _size(n):
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if n < 1024 or unit == "EiB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024


def check_depth(obj, what):
    """Refuse ``obj`` (parsed JSON) nested deeper than MAX_DEPTH; iterative, so never recursing."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"{what} is nested more than {MAX_DEPTH} levels deep: refused (real "
                             "metadata nests a few levels; the file is corrupt or malicious).")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return obj


def load_json(text, what):
    """``json.loads`` that refuses deep nesting by name instead of a RecursionError."""
    try:
        obj = json.loads(text)
    except RecursionError:
        raise ValueError(f"{what} is nested too deeply for Python's JSON reader: refused (the file is "
                         "corrupt or malicious).") from None
    return check_depth(obj, what)


def read_npz(path, budget: Budget) -> dict:
    """Every array of an ``.npz`` (no pickles), each size checked against ``budget`` first.

    Raises zipfile.BadZipFile / ValueError / EOFError for a damaged file (the callers word
    them; a member's ``.npy`` header declaring more data than the member holds is one),
    FileTooLargeError past the limit.
    """
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
            with archive.open(info) as f:
                shape, dtype = _npy_header(f, info.filename)
            if dtype.hasobject:
                raise ValueError(f"{path}: array {name!r} holds Python objects (a pickle); only "
                                 "numbers can be read (nothing was unpickled).")
            nbytes = budget.take(name, shape, dtype.itemsize)
            if nbytes > info.file_size:      # the zip's size bounds the stream we read
                raise ValueError(f"array {name!r} declares shape {shape} ({_size(nbytes)}) but its "
                                 f"member holds {_size(info.file_size)}; nothing was allocated")
            with archive.open(info) as f:
                arrays[name] = np.lib.format.read_array(f, allow_pickle=False)
    return arrays


def _npy_header(f, member):
    """(shape, dtype) from an ``.npy`` stream's header, reading only the header."""
    try:
        version = np.lib.format.read_magic(f)
    except ValueError:
        raise ValueError(f"member {member!r} is not a NumPy .npy array") from None
    read = {(1, 0): np.lib.format.read_array_header_1_0,
            (2, 0): np.lib.format.read_array_header_2_0}.get(version)
    if read is None:
        raise ValueError(f"member {member!r} is an .npy file of version {version}, which is not read")
    shape, _, dtype = read(f)
    return shape, dtype
