"""The dlspec file: named NumPy arrays plus JSON metadata in one ``.npz``, read without pickle.

Layout (a zip of ``.npy`` files, readable by ``numpy.load`` anywhere):

- ``__dlspec__``: the metadata, a JSON string stored as a 0-d unicode array;
- one array per tensor, named ``section/qualified.name`` (``param/dense.W``,
  ``state/bn.running_mean``, ``slot/dense.W/v``...).

Loading uses ``allow_pickle=False``, so a file can hold only plain numbers: opening
one never runs code.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from .files import _to_builtin, atomic_write
from .limits import Budget, FileTooLargeError, load_json, read_npz

META_KEY = "__dlspec__"


class NotADlspecFileError(ValueError):
    """The file is missing, truncated, corrupt, or not written by dlspec."""


def write_archive(path, meta: dict, arrays: dict):
    """Write ``arrays`` (name -> array) and ``meta`` to ``path`` atomically."""
    payload = {META_KEY: np.array(json.dumps(meta, default=_to_builtin))}
    for name, value in arrays.items():
        value = np.asarray(value)
        if value.dtype.hasobject:
            raise TypeError(f"{name!r} has dtype object, which cannot be saved without pickle; "
                            "save numeric arrays only.")
        payload[name] = value
    # atomic_write: a crash (even kill -9) while writing leaves the previous file intact.
    with atomic_write(path, "wb") as f:
        np.savez(f, **payload)
    return Path(path)


def read_archive(path, kind="dlspec file", max_bytes=None):
    """Return ``(meta, arrays)`` from a file written by ``write_archive``.

    Every array's size is read from its header and checked against ``max_bytes`` (default:
    ``limits.max_bytes()``, 4 GiB) before it is allocated.

    Raises
    ------
    FileNotFoundError if ``path`` does not exist; NotADlspecFileError (a ValueError) if it
    is truncated, corrupt, pickled, or a plain ``.npz`` without dlspec metadata;
    FileTooLargeError (a ValueError) past the size limit.
    """
    path = Path(path)
    if not path.is_file():
        from ..validation import MissingFileError     # a FileNotFoundError and a ValueError
        raise MissingFileError(f"{path} does not exist (expected a {kind}).")
    with open(path, "rb") as f:
        head = f.read(6)
    if not zipfile.is_zipfile(path):
        if head[:4] == b"PK\x03\x04":
            from .pth import truncated_zip_message
            raise NotADlspecFileError(f"{truncated_zip_message(path)} (expected a {kind}: if a run "
                                      "was writing it, load an earlier checkpoint.)")
        if head == b"\x93NUMPY":
            raise NotADlspecFileError(f"{path} holds a single array, not a {kind}. "
                                      "Save models with dlspec.save_model(model, path).")
    try:
        arrays = read_npz(path, Budget(path, max_bytes))
        if META_KEY not in arrays:
            raise NotADlspecFileError(
                f"{path} is an .npz archive without dlspec metadata, so it is not a {kind}. "
                "To load plain named weights into a model use dlspec.io.load_weights.")
        meta = load_json(str(arrays.pop(META_KEY)), f"{path}: the dlspec metadata")
    except (NotADlspecFileError, FileTooLargeError):
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
        # read_npz refuses pickles and raises on truncated zips.
        if "nested" in str(exc) and "refused" in str(exc):
            raise NotADlspecFileError(str(exc)) from None
        raise NotADlspecFileError(
            f"{path} is not a readable {kind}: it is truncated, corrupt or of another format "
            f"({type(exc).__name__}: {exc}). Re-save it, or load an earlier checkpoint.") from None
    if not isinstance(meta, dict) or "format" not in meta:
        raise NotADlspecFileError(f"{path}: the dlspec metadata is damaged (no 'format' field).")
    return meta, arrays
