"""Learning-rate decay (course 2, week 2): schedules, and the callback that applies one.

A schedule maps the epoch number (0 for the first epoch) and the initial learning
rate alpha_0 to the epoch's learning rate. ``LearningRateScheduler`` sets the
optimizer's ``learning_rate`` from it before every epoch.

>>> from dlspec.schedules import InverseTimeDecay
>>> [round(InverseTimeDecay(1.0)(epoch, 0.1), 4) for epoch in range(3)]
[0.1, 0.05, 0.0333]
"""
from __future__ import annotations

import math

from .callbacks import Callback


def _check_rate(value, name, allow_zero=False):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (
        value >= 0 if allow_zero else value > 0)
    if not ok:
        raise ValueError(f"{name} must be a number {'>= 0' if allow_zero else '> 0'}; got {value!r}.")
    return float(value)


class Schedule:
    """Base class: ``schedule(epoch, learning_rate0) -> learning_rate``."""

    def __call__(self, epoch: int, learning_rate0: float) -> float:
        raise NotImplementedError

    def get_config(self) -> dict:
        return dict(vars(self))

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class InverseTimeDecay(Schedule):
    """alpha = alpha_0 / (1 + decay_rate * epoch)  (the course's first formula)."""

    def __init__(self, decay_rate=1.0):
        self.decay_rate = _check_rate(decay_rate, "decay_rate", allow_zero=True)

    def __call__(self, epoch, learning_rate0):
        return learning_rate0 / (1 + self.decay_rate * epoch)


class StaircaseDecay(Schedule):
    """alpha = alpha_0 / (1 + decay_rate * floor(epoch / time_interval)).

    The course's fixed-interval scheduling (``schedule_lr_decay``): the rate drops
    only every ``time_interval`` epochs, so a long run does not decay to nothing.
    """

    def __init__(self, decay_rate=1.0, time_interval=1000):
        self.decay_rate = _check_rate(decay_rate, "decay_rate", allow_zero=True)
        if isinstance(time_interval, bool) or not isinstance(time_interval, int) or time_interval < 1:
            raise ValueError(f"time_interval must be an integer number of epochs >= 1; "
                             f"got {time_interval!r}.")
        self.time_interval = time_interval

    def __call__(self, epoch, learning_rate0):
        return learning_rate0 / (1 + self.decay_rate * (epoch // self.time_interval))


class ExponentialDecay(Schedule):
    """alpha = rate^epoch * alpha_0, for example 0.95^epoch."""

    def __init__(self, rate=0.95):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= 1:
            raise ValueError(f"ExponentialDecay(rate) expects 0 < rate <= 1; got {rate!r}.")
        self.rate = float(rate)

    def __call__(self, epoch, learning_rate0):
        return self.rate ** epoch * learning_rate0


class InverseSqrtDecay(Schedule):
    """alpha = k / sqrt(epoch_num) * alpha_0, with epoch_num = epoch + 1 (counting from 1).

    Counting from 1 keeps the first epoch finite; with k = 1 it starts at alpha_0.
    """

    def __init__(self, k=1.0):
        self.k = _check_rate(k, "k")

    def __call__(self, epoch, learning_rate0):
        return self.k / math.sqrt(epoch + 1) * learning_rate0


SCHEDULES = {"inverse_time": InverseTimeDecay, "staircase": StaircaseDecay,
             "exponential": ExponentialDecay, "inverse_sqrt": InverseSqrtDecay}


class WarmupSchedule(Schedule):
    """The transformer paper's rate: alpha = scale d_model^-0.5 min(s^-0.5, s warmup_steps^-1.5).

    s = step + 1 (steps count from 0 here). The rate grows linearly for ``warmup_steps``
    steps, peaks at scale / sqrt(d_model warmup_steps), then decays as 1 / sqrt(s). It is
    absolute, as the course's ``CustomSchedule``: ``learning_rate0`` is ignored. Apply it per
    optimizer step (``optimizer.learning_rate = schedule(step, None)``); with
    ``LearningRateScheduler`` a "step" is an epoch.

    >>> s = WarmupSchedule(d_model=128, warmup_steps=4000)
    >>> round(s(3999, None) * 1e3, 4)      # the peak, at s = warmup_steps
    1.3975
    """

    def __init__(self, d_model, warmup_steps=4000, scale=1.0):
        for name, value in (("d_model", d_model), ("warmup_steps", warmup_steps)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"WarmupSchedule({name}) expects a positive int; got {value!r}.")
        self.d_model, self.warmup_steps = d_model, warmup_steps
        self.scale = _check_rate(scale, "WarmupSchedule(scale)")

    def __call__(self, step, learning_rate0=None):
        s = step + 1
        return self.scale * self.d_model ** -0.5 * min(s ** -0.5, s * self.warmup_steps ** -1.5)


class LearningRateScheduler(Callback):
    """Set ``optimizer.learning_rate = schedule(epoch, alpha_0)`` before every epoch.

    Parameters
    ----------
    schedule : Schedule or callable ``(epoch, learning_rate0) -> learning_rate``
    learning_rate0 : float, optional
        alpha_0; by default the optimizer's learning rate when training begins. Pass it
        explicitly when resuming a run, since the optimizer then holds a decayed rate.

    Attributes
    ----------
    rates : list of the learning rate used in each epoch.

    Examples
    --------
    >>> # model.fit(X, Y, epochs=5000, callbacks=[LearningRateScheduler(StaircaseDecay(1, 1000))])
    """

    def __init__(self, schedule, learning_rate0=None):
        if not callable(schedule):
            raise TypeError(f"schedule must be a Schedule or a function (epoch, learning_rate0) -> "
                            f"learning_rate; got {type(schedule).__name__}.")
        self.schedule = schedule
        self.learning_rate0 = learning_rate0
        self.rates: list[float] = []

    def _set(self, trainer, epoch):
        rate = float(self.schedule(epoch, self.learning_rate0))
        if not rate > 0 or not math.isfinite(rate):
            raise ValueError(f"{self.schedule!r} gave learning rate {rate!r} at epoch {epoch}; "
                             "a schedule must give a finite rate > 0.")
        trainer.optimizer.learning_rate = rate

    def on_train_begin(self, trainer):
        if self.learning_rate0 is None:
            self.learning_rate0 = trainer.optimizer.learning_rate
        self._set(trainer, getattr(trainer, "epoch", 0))

    def get_state(self) -> dict:
        """alpha_0 and the rates so far: a resumed run decays from the same alpha_0."""
        return {"learning_rate0": self.learning_rate0, "rates": list(self.rates)}

    def set_state(self, state):
        self.learning_rate0, self.rates = state["learning_rate0"], list(state["rates"])

    def on_epoch_end(self, trainer, epoch, logs):
        self.rates.append(trainer.optimizer.learning_rate)
        self._set(trainer, epoch + 1)   # the rate for the next epoch, as the course does
