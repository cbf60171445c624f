"""Callbacks: hooks into the fit loop (early stopping, checkpoints, schedules...)."""
from __future__ import annotations


class Callback:
    """Base class. ``trainer`` is the running ``train.Trainer``; set ``trainer.stop = True`` to stop."""

    def on_train_begin(self, trainer):
        pass

    def on_epoch_end(self, trainer, epoch: int, logs: dict):
        pass

    def on_train_end(self, trainer):
        pass


class EarlyStopping(Callback):
    """Stop training when a monitored metric stops improving (course 2's early stopping).

    Parameters
    ----------
    monitor : str
        A key of the epoch logs: "val_cost" (default; needs ``validation_data``),
        "val_accuracy", "cost", "accuracy"...
    patience : int >= 0
        Epochs without improvement to wait: training stops at the (patience + 1)-th
        epoch in a row that does not improve on the best.
    min_delta : float >= 0
        The smallest change that counts as an improvement.
    mode : "auto", "min" or "max"
        "auto" maximizes metrics whose name contains "accuracy", minimizes the rest.
    restore_best_weights : bool
        When training ends (stopped early or not), put back the parameters (and state,
        such as batch-norm running averages) of the best epoch.

    Attributes
    ----------
    best : the best value seen; best_epoch : its epoch; stopped_epoch : the epoch at
    which training stopped (None if it ran to the end).
    """

    def __init__(self, monitor="val_cost", patience=5, min_delta=0.0, mode="auto",
                 restore_best_weights=True):
        if isinstance(patience, bool) or not isinstance(patience, int) or patience < 0:
            raise ValueError(f"EarlyStopping(patience) expects an integer >= 0; got {patience!r}.")
        if not min_delta >= 0:
            raise ValueError(f"EarlyStopping(min_delta) expects a number >= 0; got {min_delta!r}.")
        if not isinstance(monitor, str):
            raise TypeError(f"EarlyStopping(monitor) is the name of a logged metric, such as "
                            f"'val_cost' or 'val_accuracy'; got {monitor!r}.")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"EarlyStopping(mode) expects 'auto', 'min' or 'max'; got {mode!r}.")
        self.monitor, self.patience, self.min_delta = monitor, patience, float(min_delta)
        self.maximize = mode == "max" or (mode == "auto" and "accuracy" in monitor)
        self.restore_best_weights = restore_best_weights

    def on_train_begin(self, trainer):
        self.best, self.best_epoch, self.stopped_epoch, self.wait = None, None, None, 0
        self._best_weights = None

    def on_epoch_end(self, trainer, epoch, logs):
        if self.monitor not in logs:
            hint = (" Pass validation_data=(X_dev, Y_dev) to fit() to log val_* metrics."
                    if self.monitor.startswith("val_") else "")
            raise ValueError(f"EarlyStopping monitors {self.monitor!r}, which is not logged; the "
                             f"logged metrics are {sorted(logs)}.{hint}")
        value = float(logs[self.monitor])
        gain = (value - self.best if self.maximize else self.best - value) if self.best is not None else None
        if gain is None or gain > self.min_delta:
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                model = trainer.model
                self._best_weights = {k: v.copy() for k, v in {**model.params, **model.state}.items()}
            return
        self.wait += 1
        if self.wait > self.patience:
            self.stopped_epoch = epoch
            trainer.stop = True

    def get_state(self) -> dict:
        """What a checkpoint keeps, so that a resumed run stops where the whole run stops."""
        return {"best": self.best, "best_epoch": self.best_epoch, "stopped_epoch": self.stopped_epoch,
                "wait": self.wait, "arrays": dict(self._best_weights or {})}

    def set_state(self, state):
        self.best, self.best_epoch = state["best"], state["best_epoch"]
        self.stopped_epoch, self.wait = state["stopped_epoch"], state["wait"]
        arrays = state.get("arrays") or {}
        self._best_weights = {k: v.copy() for k, v in arrays.items()} if arrays else None

    def on_train_end(self, trainer):
        if self.restore_best_weights and self._best_weights is not None:
            current = {**trainer.model.params, **trainer.model.state}
            for key, best in self._best_weights.items():
                current[key][...] = best   # in place: the layers share these arrays


class History(Callback):
    """Records each epoch's logs: ``history.history["cost"]`` is the list of costs."""

    def __init__(self):
        self.history: dict[str, list] = {}
        self.epochs: list[int] = []

    def on_epoch_end(self, trainer, epoch, logs):
        self.epochs.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)

    def __getitem__(self, key):
        return self.history[key]

    def __repr__(self):
        last = {k: round(v[-1], 5) for k, v in self.history.items()}
        return f"History(epochs={len(self.epochs)}, last={last})"

    def plot(self):
        """A matplotlib Figure of the recorded curves: the costs on one panel, each other
        metric (accuracy, val_accuracy together) on the next."""
        from .plots import cost_curves, new_figure
        # "loss"/"val_loss" repeat "cost"/"val_cost" (Keras's names): one panel shows them once.
        kind = "cost" if any("cost" in k for k in self.history) else "loss"
        costs = {k: v for k, v in self.history.items() if kind in k}
        others = {k: v for k, v in self.history.items() if k not in costs and "loss" not in k}
        panels = [(costs, "cost"), *(({k: v for k, v in others.items() if k.removeprefix("val_") == name}, name)
                                     for name in dict.fromkeys(k.removeprefix("val_") for k in others))]
        panels = [(curves, label) for curves, label in panels if curves]
        fig, axes = new_figure(ncols=max(1, len(panels)), width=4.5, height=3.2)
        for ax, (curves, label) in zip(axes, panels):
            cost_curves(ax, curves, label, ylabel=label)
        return fig

    def _repr_png_(self):
        """Jupyter shows a history as its curves (plain repr when there is nothing to plot)."""
        if not self.epochs:
            return None
        import io
        buffer = io.BytesIO()
        self.plot().savefig(buffer, format="png", dpi=80)
        return buffer.getvalue()
