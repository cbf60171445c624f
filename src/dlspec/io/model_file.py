"""Save a whole model (architecture, weights, compile settings) to one ``.npz`` and load it back.

The architecture is each layer's ``get_config()`` (its constructor arguments), stored
as JSON next to the arrays; ``load_model`` rebuilds the layers by class name, builds
them for the saved input shape and dtype, and copies the weights in. Nothing is
unpickled, so loading a file never runs code from it.

Examples
--------
>>> import numpy as np, dlspec, tempfile, os
>>> from dlspec.nn import Dense, Tanh
>>> model = dlspec.Sequential([Dense(3), Tanh(), Dense(1)], seed=0)
>>> X = np.ones((2, 4), np.float32); _ = model.predict(X)
>>> path = os.path.join(tempfile.mkdtemp(), "model.npz")
>>> _ = dlspec.save_model(model, path)
>>> bool((dlspec.load_model(path).predict(X) == model.predict(X)).all())
True
"""
from __future__ import annotations

from .archive import read_archive, write_archive
from .registry import deserialize, serialize
from .weights import load_state_dict

FORMAT = "dlspec.model"
VERSION = 1


def model_payload(model, include_optimizer=True) -> tuple[dict, dict]:
    """The metadata and arrays that describe ``model`` (shared by model files and checkpoints)."""
    from .. import __version__
    meta = {"format": FORMAT, "version": VERSION, "dlspec_version": __version__,
            "model": serialize(model),
            "input_shape": list(model.input_shape) if model.built else None,
            "dtype": str(model.dtype) if model.built else None,
            "params": list(model.params), "state": list(model.state)}
    arrays = {}
    if model.built:
        arrays.update({f"param/{k}": v for k, v in model.params.items()})
        arrays.update({f"state/{k}": v for k, v in model.state.items()})
    loss, optimizer = getattr(model, "loss", None), getattr(model, "optimizer", None)
    if loss is not None:
        meta["compile"] = {"loss": serialize(loss), "optimizer": serialize(optimizer),
                           "l2": getattr(model, "l2", 0.0), "metrics": list(getattr(model, "metrics", []))}
        if include_optimizer:
            from .optimizer_state import optimizer_payload
            opt_meta, opt_arrays = optimizer_payload(optimizer)
            meta["optimizer_state"] = opt_meta
            arrays.update(opt_arrays)
    return meta, arrays


def save_model(model, path, include_optimizer=True):
    """Write ``model`` to ``path`` (conventionally ``.npz``), atomically.

    Parameters
    ----------
    model : Model or Layer. Unbuilt models are saved as architecture only.
    path : str or Path.
    include_optimizer : also save the optimizer's state (moments, step count), so that
        training can continue where it stopped.

    Returns
    -------
    The Path written.
    """
    from ..nn.layer import Layer
    if not isinstance(model, Layer):
        raise TypeError(f"save_model expects a dlspec model or layer; got {type(model).__name__}.")
    meta, arrays = model_payload(model, include_optimizer)
    return write_archive(path, meta, arrays)


def load_model(path, custom_objects=None, compile=True):
    """Rebuild the model saved at ``path`` (by ``save_model`` or a checkpoint callback).

    Parameters
    ----------
    path : a ``.npz`` written by dlspec.
    custom_objects : dict name -> class for your own layer classes.
    compile : restore the loss and optimizer (with its state) if the model was compiled.

    Returns
    -------
    The model, built, with the saved weights; predictions equal the saved model's exactly.

    Raises
    ------
    FileNotFoundError, or ValueError for a truncated, corrupt or foreign file.
    """
    meta, arrays = read_archive(path, kind="dlspec model file")
    return restore_model(meta, arrays, source=str(path), custom_objects=custom_objects,
                         compile=compile)


def restore_model(meta, arrays, source="the file", custom_objects=None, compile=True):
    """Build the model described by ``meta`` and load ``arrays`` into it."""
    if meta.get("format") not in (FORMAT, "dlspec.checkpoint"):
        raise ValueError(f"{source} is a {meta.get('format')!r} file, not a dlspec model.")
    if meta.get("version", 0) > VERSION:
        raise ValueError(f"{source} was written by a newer dlspec ({meta.get('dlspec_version')}), "
                         f"file version {meta['version']}; upgrade dlspec to read it.")
    model = deserialize(meta["model"], "layer", custom_objects)
    if meta.get("input_shape") is not None:
        model.build(tuple(meta["input_shape"]), dtype=meta["dtype"])
        weights = {name.split("/", 1)[1]: value for name, value in arrays.items()
                   if name.startswith(("param/", "state/"))}
        load_state_dict(model, weights, strict=True, source=source)
    if compile and "compile" in meta:
        loss = deserialize(meta["compile"]["loss"], "loss", custom_objects)
        optimizer = deserialize(meta["compile"]["optimizer"], "optimizer", custom_objects)
        model.compile(loss, optimizer, l2=meta["compile"].get("l2") or 0.0,
                      metrics=meta["compile"].get("metrics") or None)
        if "optimizer_state" in meta:
            from .legacy_names import rename
            from .optimizer_state import restore_optimizer
            restore_optimizer(optimizer, meta["optimizer_state"], arrays, source)
            optimizer.slots = rename(optimizer.slots, model.params)
    return model


__all__ = ["save_model", "load_model", "model_payload", "restore_model"]
