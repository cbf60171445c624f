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
