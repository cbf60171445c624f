"""Files: atomic writes (a crash never leaves a half-written file) and JSON."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_write(path, mode="wb"):
    """Open a temporary file beside ``path``; on success flush, fsync and rename it over ``path``.

    Readers see either the old file or the new one, never a partial one. The new file gets
    the mode an ordinary ``open`` would give it (0666 minus the umask; an existing file's
    mode is kept), not the 0600 of a temporary file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {path}: {exc.strerror or exc} in {path.parent}; "
                      "choose a folder you can write to") from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, mode) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _mode_for(path):
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)     # the only way to read it; put it back at once
        os.umask(umask)
        return 0o666 & ~umask


def check_writable_dir(path, flag="--out"):
    """Create ``path`` (a folder) if needed and check that files can be written in it.

    Called by the command line before any training, so that a bad ``--out`` fails in a
    second with the reason, not after minutes of compute.
    """
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path, prefix=".dlspec-write-check.")
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OSError(f"{flag} {path}: cannot write there ({exc.strerror or exc}); "
                      f"choose a folder you can write to.") from None
    return path


def check_writable_file(path, flag):
    """Check, before the work, that ``path`` can be written: its folder exists or can be made."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{flag} {path}: that is a folder; give a file name, such as {path / 'out.json'}.")
    check_writable_dir(path.parent if str(path.parent) else Path("."), flag=f"{flag} {path}: its folder")
    return path


def write_json(path, data):
    with atomic_write(path, "w") as f:
        json.dump(data, f, indent=2, sort_keys=False, default=_to_builtin)
        f.write("\n")


def read_json(path):
    """Read JSON, naming the file in the error when it is missing or corrupt."""
    path = Path(path)
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} does not exist.") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}); "
                         "it may be truncated or corrupt. Re-run to write it again.") from None


def _to_builtin(value):
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
