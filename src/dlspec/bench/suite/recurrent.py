"""Recurrent benchmarks (course 5): SimpleRNN, LSTM and GRU forward + backward through time.

The PyTorch twin is ``torch.nn.RNN/LSTM/GRU``; dlspec's layer gets the same weights through
``from_torch`` (gate order and bias layout mapped there). Shapes: N=64 sequences of T=50
steps, D=32 inputs, H=128 hidden units, float32.
"""
from __future__ import annotations

import numpy as np

from ...nn import GRU, LSTM, SimpleRNN
from ..registry import Case, benchmark, ratio_at_most

N, T, D, H = 64, 50, 32, 128
CELLS = {"rnn": (SimpleRNN, "RNN"), "lstm": (LSTM, "LSTM"), "gru": (GRU, "GRU")}


def _recurrent_case(ctx, cell):
    ours, theirs = CELLS[cell]
    rng = np.random.default_rng(ctx.seed)
    x = rng.standard_normal((N, T, D)).astype(np.float32)
    g = np.ones((N, T, H), np.float32)
    if ctx.torch is None:
        layer = ours(H, return_sequences=True)
        layer.build((T, D), rng)
        ref = None
    else:
        torch = ctx.torch
        torch.manual_seed(ctx.seed)
        module = getattr(torch.nn, theirs)(D, H, batch_first=True)
        layer = ours.from_torch(module, return_sequences=True)
        x_t, g_t = torch.tensor(x, requires_grad=True), torch.tensor(g)

        def ref():
            module.zero_grad()
            x_t.grad = None
            module(x_t)[0].backward(g_t)

    def step():
        layer.forward(x, training=True)
        layer.backward(g)

    return Case(step, ref)


TARGETS = {"gru": ratio_at_most(1.0)}   # issue 17; the LSTM's is on lstm-train-step (steps.py)
for _cell in CELLS:
    benchmark(f"{_cell}-step", f"{CELLS[_cell][0].__name__} forward + backward, N={N} T={T} D={D} "
              f"H={H}, float32", group="recurrent", target=TARGETS.get(_cell))(
                  lambda ctx, cell=_cell: _recurrent_case(ctx, cell))
