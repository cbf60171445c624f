"""The fit loop: mini-batches, forward, cost, backward, update, history, callbacks."""
from __future__ import annotations

import math
import os
from contextlib import contextmanager
from contextvars import ContextVar

from .progress import tqdm

from .backend import rng as make_rng, xp
from .callbacks import History
from .compiled_metrics import extra_metrics
from .data.batches import random_mini_batches
from .metrics import class_ids
from .regularization import add_l2_gradients, l2_cost
from .validation import MissingFileError, check_bool, check_int, check_same_length


_FIT_HOOK: ContextVar = ContextVar("dlspec_fit_hook", default=None)


@contextmanager
def fit_hook(hook):
    """Within this block, every ``fit`` first calls ``hook(model, epochs, callbacks, resume_from)``,
    which returns the ``(callbacks, resume_from)`` to use.

    This is how an experiment run gets checkpoints in every one of its fits without code in
    the experiment (``experiments/context.py``): the hook adds a ``ModelCheckpoint`` and the
    checkpoint to resume from. A hook never sees the fits of another thread.
    """
    token = _FIT_HOOK.set(hook)
    try:
        yield
    finally:
        _FIT_HOOK.reset(token)


class TrainingDivergedError(FloatingPointError):
    """The cost became NaN or infinite."""


class Trainer:
    """State of one ``fit`` run, visible to callbacks (model, optimizer, rng, history)."""

    def __init__(self, model, rng, history, callbacks, augment=None):
        self.model = model
        self.augment = augment
        self.optimizer = model.optimizer
        self.rng = rng
        self.history = history
        # Stable sort on an optional ``order``: checkpoints (order 100) run after the
        # callbacks that change the state they save (schedules, early stopping).
        self.callbacks = [history, *sorted(callbacks, key=lambda cb: getattr(cb, "order", 0))]
        self.stop = False
        self.epoch = 0
        self.provenance = None    # the settings this fit was started with (io/provenance.py)


def fit(model, X, Y, epochs=1, batch_size=None, shuffle=True, seed=None,
        validation_data=None, callbacks=(), verbose=1, augment=None, resume_from=None):
    """Train ``model`` (compiled) on (X, Y) for ``epochs`` passes.

    Parameters
    ----------
    X : array (N, ...), or a list/dict of arrays for a model with several inputs.
    Y : labels (N,) or (N, K), or a list/dict for several outputs (None for an output
        without a target, or Y=None for a loss that needs none, such as a triplet loss).
    epochs : int, number of passes over the data (with ``batch_size=None``, the
        course's num_iterations of batch gradient descent).
    batch_size : int or None (the whole set in one batch).
    shuffle : reshuffle the mini-batches every epoch.
    seed : seeds shuffling; defaults to the model's seed.
    validation_data : (X_dev, Y_dev), evaluated after every epoch as ``val_cost``...
    callbacks : list of Callback.
    verbose : 1 shows a progress bar, 0 is silent.
    augment : callable ``(X_batch, rng) -> X_batch``, optional
        Data augmentation applied to every training mini-batch (see ``dlspec.data.augment``).
    resume_from : a checkpoint file or folder (``dlspec.io.ModelCheckpoint``): restore the
        weights, optimizer, RNG and history saved there and run the remaining epochs. With
        the same data and seed, the result equals an uninterrupted run bit for bit.

    Returns
    -------
    History with one entry per epoch: "cost" (mean over the epoch's mini-batches),
    "accuracy" for classification losses, and "val_*" with validation data.
    """
    check_fit_arguments(epochs, batch_size, shuffle, verbose, seed)
    callbacks = check_callbacks(callbacks)
    if resume_from is not None and isinstance(resume_from, (str, os.PathLike)) and not os.path.exists(resume_from):
        raise MissingFileError(f"fit(resume_from={str(resume_from)!r}): no such checkpoint file or "
                               "folder. Give the folder a ModelCheckpoint wrote, or leave resume_from out.")
    X = model.prepare_inputs(X)              # lists in the model's input and output order
    Y = model.prepare_targets(Y)
    for y, name in zip(Y, model._names(model._out_keys, "Y")):
        if y is not None:
            check_same_length(X[0], y, "X", name)
    if batch_size is not None and batch_size > len(X[0]):
        batch_size = len(X[0])
    if validation_data is not None and (not isinstance(validation_data, (tuple, list))
                                        or len(validation_data) != 2):
        got = (f"a {type(validation_data).__name__} of {len(validation_data)}"
               if isinstance(validation_data, (tuple, list)) else type(validation_data).__name__)
        raise ValueError(f"validation_data must be a pair (X_dev, Y_dev); got {got}. "
                         "For example validation_data=(X_dev, Y_dev).")
    if validation_data is not None:
        for x_dev, y_dev in zip(model.prepare_inputs(validation_data[0]),
                                model.prepare_targets(validation_data[1])):
            if y_dev is not None:
                check_same_length(x_dev, y_dev, "validation_data X_dev", "Y_dev")
    if augment is not None and not callable(augment):
        raise TypeError(f"augment must be a function (X_batch, rng) -> X_batch, such as "
                        f"dlspec.data.augment.RandomFlip(); got {type(augment).__name__}.")
    hook = _FIT_HOOK.get()
    if hook is not None:
        callbacks, resume_from = hook(model, epochs, list(callbacks), resume_from)
    trainer = Trainer(model, make_rng(model.seed if seed is None else seed), History(), list(callbacks),
                      augment)
    for cb in trainer.callbacks:
        cb.on_train_begin(trainer)
    from .io.checkpoint import ModelCheckpoint
    if resume_from is not None or any(isinstance(cb, ModelCheckpoint) for cb in trainer.callbacks):
        from .io.provenance import fit_provenance    # what a checkpoint was made with (resume checks it)
        trainer.provenance = fit_provenance(model, X, Y, model.seed if seed is None else seed, batch_size,
                                            shuffle, validation_data)
    start = 0
    if resume_from is not None:
        from .io.checkpoint import restore_training
        start = restore_training(trainer, resume_from)
        if trainer.stop:        # it had stopped early: end as it ended, train no further
            start = epochs
    bar = tqdm(range(min(start, epochs), epochs), desc="fit", unit="epoch", disable=None if verbose else True, leave=False,
               initial=min(start, epochs), total=epochs)
    # Divergence is detected from the cost below, so NumPy's overflow warnings add nothing.
    with xp.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in bar:
            trainer.epoch = epoch
            logs = _run_epoch(trainer, X, Y, batch_size, shuffle)
            if validation_data is not None:
                logs.update({f"val_{k}": v for k, v in model.evaluate(*validation_data).items()})
            _keras_names(logs)
            for cb in trainer.callbacks:
                cb.on_epoch_end(trainer, epoch, logs)
            if verbose:   # a disabled bar still formats its postfix: costly on tiny nets
                bar.set_postfix(_postfix(logs, getattr(model, "metrics", [])))
            if trainer.stop:
                break
    for cb in trainer.callbacks:
        cb.on_train_end(trainer)
    return trainer.history


def check_fit_arguments(epochs, batch_size, shuffle, verbose, seed):
    """fit's scalar arguments, checked before any data is touched."""
    check_int(epochs, "epochs", hint="One pass over the data is epochs=1.")
    check_int(batch_size, "batch_size", allow_none=True, hint="None trains on the whole set at once.")
    check_bool(shuffle, "shuffle")
    if verbose not in (0, 1) or isinstance(verbose, float):
        raise ValueError(f"verbose must be 0 (silent) or 1 (a progress bar); got {verbose!r}.")
    check_int(seed, "seed", minimum=0, allow_none=True, hint="Any integer >= 0 seeds the shuffling.")


def check_callbacks(callbacks):
    """A list of callbacks (objects with on_train_begin, on_epoch_end, on_train_end)."""
    if isinstance(callbacks, (str, bytes)) or not isinstance(callbacks, (list, tuple)):
        raise TypeError(f"callbacks must be a list of callbacks, such as [EarlyStopping()]; got "
                        f"{type(callbacks).__name__} {callbacks!r:.60}. Put a single one in a list.")
    for i, cb in enumerate(callbacks):
        missing = [m for m in ("on_train_begin", "on_epoch_end", "on_train_end") if not hasattr(cb, m)]
        if missing:
            raise TypeError(f"callbacks[{i}] is a {type(cb).__name__}, not a callback (it lacks "
                            f"{', '.join(missing)}); subclass dlspec.callbacks.Callback.")
    return list(callbacks)


def _keras_names(logs):
    """Keras's "loss"/"val_loss" beside the course's "cost"/"val_cost" (the same numbers)."""
    logs["loss"] = logs["cost"]
    if "val_cost" in logs:
        logs["val_loss"] = logs["val_cost"]


def _postfix(logs, metrics):
    """The progress bar's numbers: the cost, then each compiled metric (and its val_ twin)."""
    shown = {"cost": logs["cost"]}
    for name in metrics:
        for key in (name, f"val_{name}"):
            if key in logs:
                shown[key] = logs[key]
    return {k: f"{v:.4f}" for k, v in shown.items()}


def _batches(X, Y, batch_size, rng, shuffle):
    """Mini-batches of lists of arrays; the same permutation for every input and target."""
    if batch_size is None:
        return [(X, Y)]
    if len(X) == 1 and len(Y) == 1 and Y[0] is not None:      # one input, one target
        return [([x], [y]) for x, y in random_mini_batches(X[0], Y[0], batch_size, rng, shuffle)]
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1 (or None for the whole set); "
                         f"got {batch_size!r}.")
    N = len(X[0])
    order = rng.permutation(N) if shuffle else xp.arange(N)
    return [([x[idx] for x in X], [None if y is None else y[idx] for y in Y])
            for idx in (order[i:i + batch_size] for i in range(0, N, batch_size))]


def masked_targets(model, Y):
    """Steps that an output's mask marks as padding (``Embedding(mask_zero=True)``) get no
    loss: their targets become the loss's ``ignore_id``."""
    losses = getattr(model.loss, "losses", [model.loss])
    out = []
    for i, y in enumerate(Y):
        mask = model.output_masks[i] if i < len(model.output_masks) else None
        ignore = getattr(losses[i], "ignore_id", None) if i < len(losses) else None
        if mask is not None and y is not None and ignore is not None and y.shape == mask.shape:
            y = xp.where(mask, y, ignore)
        out.append(y)
    return out


def _run_epoch(trainer, X, Y, batch_size, shuffle):
    model, loss = trainer.model, trainer.model.loss
    batches = _batches(X, Y, batch_size, trainer.rng, shuffle)
    total_cost, correct, classes = 0.0, 0, None
    wanted = getattr(model, "metrics", [])
    seen_true, seen_pred = [], []           # class ids of the epoch, for precision/recall/f1
    for X_batch, Y_batch in batches:
        if trainer.augment is not None:
            X_batch = [trainer.augment(X_batch[0], trainer.rng), *X_batch[1:]]
        m = len(X_batch[0])
        out = model.forward(model._pack(model._in_keys, X_batch), training=True)
        Y_packed = model._pack(model._out_keys, masked_targets(model, Y_batch))
        cost = loss.forward(out, Y_packed) + l2_cost(model, m)
        if not math.isfinite(cost):
            raise TrainingDivergedError(
                f"The cost became {cost} at epoch {trainer.epoch} (optimizer step "
                f"{trainer.optimizer.iterations + 1}): training diverged. Likely cause: the "
                f"learning rate ({trainer.optimizer.learning_rate:g}) is too high; try one 10x "
                "smaller. Also check that the inputs are scaled (for example to [0, 1]).")
        model.backward(loss.backward(), input_grad=False)   # the data needs no gradient
        add_l2_gradients(model, m)
        trainer.optimizer.step(model.named_params_and_grads())
        total_cost += cost * m
        predict_classes = getattr(loss, "predict_classes", None)
        classes = predict_classes(out) if predict_classes is not None else None
        if classes is not None:
            correct += int((classes == class_ids(Y_batch[0])).sum())
            if len(wanted) > ("accuracy" in wanted):
                seen_true.append(class_ids(Y_batch[0]))
                seen_pred.append(classes)
    logs = {"cost": total_cost / len(X[0])}
    if classes is not None:
        logs["accuracy"] = correct / len(X[0])
        if seen_true:
            logs.update(extra_metrics(wanted, xp.concatenate(seen_true), xp.concatenate(seen_pred)))
    return logs
