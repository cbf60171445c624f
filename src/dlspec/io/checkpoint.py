"""Checkpoints during training, and resuming a run so that it ends bit for bit as if never stopped.

A checkpoint is a model file (see ``model_file``) plus what the fit loop needs to go
on: the optimizer's state (step count, moments), the shuffling Generator's state,
the state of any Generator a layer holds (dropout), the epoch and the history, and
the state of callbacks that define ``get_state()``/``set_state(state)``.

It is written at the end of an epoch, after every other callback has run, so the
saved state is exactly the state the next epoch starts from.

Examples
--------
>>> from dlspec.io import ModelCheckpoint                        # doctest: +SKIP
>>> model.fit(X, Y, epochs=20, callbacks=[ModelCheckpoint("ckpt", every=5, keep=2)])
>>> # ... the process dies at epoch 13; later, with the same data and the same seed:
>>> model.fit(X, Y, epochs=20, resume_from="ckpt")                # continues from epoch 10
"""
from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import numpy as np

from ..callbacks import Callback
from .archive import NotADlspecFileError, read_archive, write_archive
from .model_file import model_payload
from .legacy_names import rename
from .optimizer_state import restore_optimizer
from .provenance import check_provenance
from .weights import load_state_dict

FORMAT = "dlspec.checkpoint"
_NAME = re.compile(r"^(?P<prefix>.+)-epoch(?P<epoch>\d+)\.npz$")


class ModelCheckpoint(Callback):
    """Save a checkpoint every ``every`` epochs into ``directory``, keeping the last ``keep``.

    Parameters
    ----------
    directory : folder for the files ``{prefix}-epoch{E:04d}.npz`` (E counts from 1).
    every : int >= 1, save after every this many epochs (and after the last one); None
        with ``seconds``: by time only.
    seconds : float > 0, optional; also save when this much time has passed since the last
        checkpoint (or the start). Each checkpoint costs one file, one fsync and one unlink
        (a few ms): on fast epochs ``every=None, seconds=10`` keeps that cost negligible,
        and a resumed run is bit-identical whichever epochs were saved.
    keep : int >= 1, or None to keep all; older checkpoints are deleted after a newer one
        is safely on disk.
    prefix : file name prefix.

    Notes
    -----
    Each file is written to a temporary name, flushed to disk and renamed, so a crash or
    ``kill -9`` while writing leaves the previous checkpoint intact and loadable.
    """

    order = 100   # after every other callback (see train.Trainer), so it saves their effects

    def __init__(self, directory, every: int | None = 1, keep: int | None = 3, prefix: str = "ckpt",
                 seconds: float | None = None):
        if every is None and seconds is None:
            raise ValueError("ModelCheckpoint needs every=N epochs or seconds=S (or both).")
        if every is not None and (not isinstance(every, int) or isinstance(every, bool) or every < 1):
            raise ValueError(f"ModelCheckpoint(every) expects an integer >= 1; got {every!r}.")
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                                    or not seconds > 0):
            raise ValueError(f"ModelCheckpoint(seconds) expects a number > 0; got {seconds!r}.")
        if keep is not None and (not isinstance(keep, int) or isinstance(keep, bool) or keep < 1):
            raise ValueError(f"ModelCheckpoint(keep) expects an integer >= 1 or None; got {keep!r}.")
        if not prefix or "/" in prefix or "-epoch" in prefix:
            raise ValueError(f"ModelCheckpoint(prefix) must be a plain file name; got {prefix!r}.")
        self.directory = Path(directory)
        self.every, self.keep, self.prefix, self.seconds = every, keep, prefix, seconds
        self.last_saved: Path | None = None
        self._last_epoch = self._saved_epoch = None
        self._saved_at = time.monotonic()

    def on_train_begin(self, trainer):
        self._saved_at = time.monotonic()
        # A kill -9 mid-write leaves a temporary file behind; it is never a valid checkpoint.
        for tmp in self.directory.glob(f".{self.prefix}-epoch*.tmp"):
            tmp.unlink(missing_ok=True)

    def on_epoch_end(self, trainer, epoch, logs):
        self._last_epoch = epoch
        due = self.every is not None and (epoch + 1) % self.every == 0
        if due or (self.seconds is not None and time.monotonic() - self._saved_at >= self.seconds):
            self._save(trainer, epoch)

    def on_train_end(self, trainer):
        epoch = self._last_epoch
        if epoch is not None and epoch != self._saved_epoch:
            self._save(trainer, epoch)

    def _save(self, trainer, epoch):
        self._saved_epoch, self._saved_at = epoch, time.monotonic()
        self.last_saved = save_checkpoint(trainer, self.directory / f"{self.prefix}-epoch{epoch + 1:04d}.npz",
                                          epoch)
        if self.keep is not None:
            for old in list_checkpoints(self.directory, self.prefix)[:-self.keep]:
                old.unlink(missing_ok=True)


def save_checkpoint(trainer, path, epoch=None):
    """Write everything needed to continue ``trainer``'s run after ``epoch`` to ``path``."""
    epoch = trainer.epoch if epoch is None else epoch
    meta, arrays = model_payload(trainer.model, include_optimizer=True)
    meta["format"] = FORMAT
    meta["training"] = {
        "epoch": int(epoch),
        "history": trainer.history.history, "history_epochs": trainer.history.epochs,
        "rng": trainer.rng.bit_generator.state,
        "layer_rngs": {name: g.bit_generator.state for name, g in layer_generators(trainer.model).items()},
        "callbacks": {},
        "stopped": bool(trainer.stop),      # stopped early: a resumed run must not go on
        "provenance": getattr(trainer, "provenance", None),   # what the run was started with
    }
    for key, cb in _stateful(trainer.callbacks).items():
        state = dict(cb.get_state())
        # Arrays (EarlyStopping's best weights) go into the archive, bit for bit, not the JSON.
        for name, value in (state.pop("arrays", None) or {}).items():
            arrays[f"callback/{key}/{name}"] = value
        meta["training"]["callbacks"][key] = state
    return write_archive(path, meta, arrays)


def restore_training(trainer, path) -> int:
    """Load the checkpoint at ``path`` (a file, or a folder: its newest valid one) into ``trainer``.

    The settings the checkpoint was made with (seed, batch size, loss, optimizer, a
    fingerprint of the data, dlspec's version: ``provenance.py``) must equal the resuming
    fit's; a difference is refused, naming it. In a folder, a damaged newest checkpoint
    (truncated, corrupt) is skipped for the previous valid one, with a warning.

    Returns the epoch to continue from (the saved epoch + 1).
    """
    path, meta, arrays = read_newest_valid(path, "dlspec checkpoint")
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path} is a {meta.get('format')!r} file, not a checkpoint: it has no "
                         "optimizer or RNG state to resume from. Use dlspec.load_model to load it.")
    model, state = trainer.model, meta["training"]
    check_provenance(state.get("provenance"), getattr(trainer, "provenance", None), path)
    weights = {name.split("/", 1)[1]: value for name, value in arrays.items()
               if name.startswith(("param/", "state/"))}
    load_state_dict(model, weights, strict=True, source=str(path))
    restore_optimizer(trainer.optimizer, meta["optimizer_state"], arrays, str(path))
    trainer.optimizer.slots = rename(trainer.optimizer.slots, model.params)
    trainer.rng.bit_generator.state = state["rng"]
    generators = layer_generators(model)
    for name, saved in state["layer_rngs"].items():
        if name not in generators:
            raise ValueError(f"{path} has the random state of {name!r}, which this model lacks; "
                             "resume with the same architecture.")
        generators[name].bit_generator.state = saved
    trainer.history.history = {k: list(v) for k, v in state["history"].items()}
    trainer.history.epochs = list(state["history_epochs"])
    for key, cb in _stateful(trainer.callbacks).items():
        if key in state["callbacks"]:
            prefix = f"callback/{key}/"
            saved = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
            cb.set_state({**state["callbacks"][key], "arrays": saved})
    trainer.epoch = state["epoch"]
    trainer.stop = bool(state.get("stopped", False))
    return state["epoch"] + 1


def read_newest_valid(path, kind):
    """``(path, meta, arrays)`` of the checkpoint ``path``, or of the newest valid one in a folder.

    Damaged files (truncated, corrupt: ``NotADlspecFileError``) are skipped with a warning
    naming them, so a crash while a file was being copied costs one checkpoint, not the run.
    """
    path = Path(path)
    if not path.is_dir():
        return (path, *read_archive(path, kind=kind))
    found = list_checkpoints(path)
    if not found:
        raise FileNotFoundError(f"{path} holds no checkpoint (*-epochNNNN.npz); nothing to resume. "
                                "Train with callbacks=[ModelCheckpoint(...)] first.")
    for candidate in reversed(found):
        try:
            meta, arrays = read_archive(candidate, kind=kind)
        except NotADlspecFileError as exc:
            damaged = exc
            warnings.warn(f"{candidate.name} is damaged ({exc}); resuming from the checkpoint before it.",
                          UserWarning, stacklevel=3)
            continue
        return candidate, meta, arrays
    raise NotADlspecFileError(f"every checkpoint in {path} is damaged ({len(found)} files); nothing to "
                              f"resume. The newest: {damaged}")


def list_checkpoints(directory, prefix=None) -> list[Path]:
    """Checkpoint files in ``directory``, oldest epoch first."""
    found = []
    for p in Path(directory).glob("*-epoch*.npz"):
        m = _NAME.match(p.name)
        if m and (prefix is None or m["prefix"] == prefix):
            found.append((int(m["epoch"]), p))
    return [p for _, p in sorted(found)]


def latest_checkpoint(directory, prefix=None) -> Path | None:
    """The newest checkpoint in ``directory``, or None if there is none (or no folder)."""
    found = list_checkpoints(directory, prefix) if Path(directory).is_dir() else []
    return found[-1] if found else None


def layer_generators(layer, prefix="") -> dict:
    """Every numpy Generator held by ``layer`` or its children, by "layer.attribute" name."""
    out = {}
    for attr, value in vars(layer).items():
        if isinstance(value, np.random.Generator):
            out[f"{prefix}{layer.name}.{attr}"] = value
    for child in getattr(layer, "layers", None) or []:
        out.update(layer_generators(child, f"{prefix}{layer.name}."))
    return out


def _stateful(callbacks) -> dict:
    """Callbacks with get_state/set_state, keyed "ClassName:k" (k-th of that class)."""
    out, seen = {}, {}
    for cb in callbacks:
        if hasattr(cb, "get_state") and hasattr(cb, "set_state"):
            name = type(cb).__name__
            seen[name] = seen.get(name, 0) + 1
            out[f"{name}:{seen[name]}"] = cb
    return out
