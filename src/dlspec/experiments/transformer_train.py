"""A training loop shared by the transformer experiments: Adam, warm-up, mini-batches."""
from __future__ import annotations

import time

from ..backend import xp
from ..optim import Adam
from ..schedules import WarmupSchedule
from .step_checkpoints import StepCheckpoints


def train_steps(layer, inputs, Y, loss, steps, batch_size, d_model, warmup, seed, scale=1.0,
                progress=None, call=None, ctx=None):
    """``steps`` Adam steps on random mini-batches; returns (per-step costs, seconds).

    ``inputs`` is a list of arrays (N, ...) indexed together with Y; ``call(layer, batch,
    training)`` runs the layer (default ``layer.forward(*batch, training=True)``). The rate
    follows ``WarmupSchedule(d_model, warmup, scale)`` per step. With ``ctx`` the loop
    checkpoints and resumes as the run's fits do (``step_checkpoints``).
    """
    rng = xp.random.default_rng(seed)
    opt = Adam(1e-3, beta2=0.98, epsilon=1e-9)
    schedule = WarmupSchedule(d_model, warmup, scale)
    N = len(Y)
    costs, t0 = [], time.perf_counter()
    checkpoints = StepCheckpoints(ctx, layer, opt, rng, costs)
    start = checkpoints.restore()
    it = range(start, steps) if progress is None else progress(range(start, steps))
    for s in it:
        idx = rng.integers(0, N, batch_size)
        batch = [a[idx] for a in inputs]
        logits = layer.forward(*batch, training=True) if call is None else call(layer, batch, True)
        costs.append(float(loss.forward(logits, Y[idx])))
        layer.backward(loss.backward(), input_grad=False)
        opt.learning_rate = schedule(s)
        opt.step((k, layer.params[k], layer.grads[k]) for k in layer.params)
        checkpoints.after(s, last=s == steps - 1)
    return costs, time.perf_counter() - t0
