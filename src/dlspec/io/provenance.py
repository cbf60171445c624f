"""What a checkpoint was made with, so that resuming with anything else is refused by name.

A checkpoint's weights and random states only continue *the same* run: resumed with
another seed, batch size, optimizer setting or data, the result matches neither run,
silently. So each fit records, when it starts, the settings that decide its result (and
dlspec's version, whose code decides it too); each checkpoint carries them, and
``restore_training`` compares them with the resuming fit's, naming every difference.
The number of epochs is not among them: a finished run may be asked for more.
"""
from __future__ import annotations

import hashlib
import json

import numpy as np

SAMPLE_BYTES = 64 * 2 ** 20     # arrays larger than this are fingerprinted from a strided sample


def fingerprint(data) -> str:
    """A short hash of arrays (nested in lists, tuples or dicts): their dtype, shape and bytes."""
    h = hashlib.blake2b(digest_size=10)
    _feed(h, data)
    return h.hexdigest()


def _feed(h, data):
    if data is None:
        h.update(b"None")
    elif isinstance(data, dict):
        for key in sorted(data, key=str):
            h.update(str(key).encode())
            _feed(h, data[key])
    elif isinstance(data, (list, tuple)) and any(isinstance(d, (np.ndarray, list, tuple, dict)) for d in data):
        h.update(f"seq{len(data)}".encode())
        for item in data:
            _feed(h, item)
    else:
        a = np.ascontiguousarray(np.asarray(data))
        h.update(f"{a.dtype.str}{a.shape}".encode())
        if a.dtype.hasobject:
            h.update(repr(a.tolist()).encode())
        elif a.nbytes <= SAMPLE_BYTES:
            h.update(memoryview(a.reshape(-1).view(np.uint8)))
        else:    # hashing gigabytes would cost seconds per fit; a spread-out sample tells runs apart
            flat = a.reshape(-1)
            h.update(flat[::max(1, flat.size // (SAMPLE_BYTES // a.itemsize))].tobytes())


def fit_provenance(model, X, Y, seed, batch_size, shuffle, validation_data) -> dict:
    """The settings of a fit that decide its result (JSON-ready), taken when it starts."""
    import dlspec
    from .registry import serialize
    return {"seed": seed, "batch_size": batch_size, "shuffle": bool(shuffle),
            "loss": _describe(getattr(model, "loss", None), serialize),
            "optimizer": _describe(getattr(model, "optimizer", None), serialize),
            "data": fingerprint([X, Y]), "validation_data": fingerprint(validation_data),
            "dlspec_version": dlspec.__version__}


def _describe(obj, serialize):
    """The object's class and configuration (its class name where it has no configuration)."""
    try:
        return _plain(serialize(obj))
    except (AttributeError, TypeError, ValueError):
        return type(obj).__name__


def _plain(value):
    """JSON round trip: what the checkpoint will hold, so that comparisons compare like with like."""
    return json.loads(json.dumps(value, default=str))


def differences(saved: dict, now: dict) -> list[str]:
    """Each setting that differs, as "name: made with A, now B" (data: its fingerprint)."""
    out = []
    for key in sorted(set(saved) | set(now)):
        a, b = saved.get(key, "(not recorded)"), now.get(key, "(not recorded)")
        if a != b:
            if key in ("data", "validation_data"):
                out.append(f"{key}: other arrays (fingerprint {a} then, {b} now)")
            else:
                out.append(f"{key}: made with {_short(a)}, now {_short(b)}")
    return out


def _short(value):
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    return text if len(text) <= 120 else text[:117] + "..."


def check_provenance(saved, now, path, what="resume"):
    """Raise ValueError naming each difference between ``saved`` and ``now`` (None: not recorded)."""
    if saved is None or now is None:
        return
    found = differences(saved, now)
    if found:
        raise ValueError(f"cannot {what} from {path}: it was made with other settings than this run "
                         f"({'; '.join(found)}). Resume with the settings the checkpoint was made "
                         "with, or start afresh (fit without resume_from; dlspec run --restart).")
