"""Dense-network benchmarks: the course's MLP and planar steps, and a large MLP vs the GEMM peak."""
from __future__ import annotations

import numpy as np

from ... import losses, optim
from ...models import Sequential
from ...nn import Dense, ReLU, Sigmoid, Tanh
from ..registry import Case, benchmark, peak_share_at_least, ratio_at_most
from ._twins import dense_step_flops, dlspec_step, torch_sequential, torch_step


@benchmark("mlp-step", "MLP 784-256-128-10 training step, float32, batch 128",
           target=ratio_at_most(0.7))
def mlp_step(ctx):
    return _mlp_case(ctx, 128)


def _mlp_case(ctx, batch):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((batch, 784)).astype(np.float32)
    y = rng.integers(0, 10, batch)
    model = Sequential([Dense(256), ReLU(), Dense(128), ReLU(), Dense(10)], seed=ctx.seed)
    model.build((784,))
    step = dlspec_step(model, losses.SoftmaxCrossEntropy(), optim.GradientDescent(0.01), X, y)
    ref = None
    if ctx.torch is not None:
        net = torch_sequential(ctx.torch, model)
        ref = torch_step(ctx.torch, net, ctx.torch.nn.CrossEntropyLoss(), 0.01, X, y)
    return Case(step, ref, flops=dense_step_flops([784, 256, 128, 10], batch))


# How the step's time grows with the batch: `dlspec bench scaling`.
for _batch in (16, 64, 256, 1024):
    benchmark(f"mlp-step-b{_batch}", f"MLP 784-256-128-10 training step, float32, batch {_batch}",
              group="scaling", default=False)(lambda ctx, batch=_batch: _mlp_case(ctx, batch))


def _planar(ctx):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((400, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(np.float64)   # (400, 1) labels in {0, 1}
    model = Sequential([Dense(4), Tanh(), Dense(1), Sigmoid()], seed=ctx.seed, dtype="float64")
    model.build((2,))
    return X, Y, model


@benchmark("planar-step", "Planar 2-4-1 training step (tanh, sigmoid), float64, 400 examples",
           target=ratio_at_most(0.3))
def planar_step(ctx):
    X, Y, model = _planar(ctx)
    step = dlspec_step(model, losses.BinaryCrossentropy(), optim.GradientDescent(1.2), X, Y)
    ref = None
    if ctx.torch is not None:
        net = torch_sequential(ctx.torch, model)
        ref = torch_step(ctx.torch, net, ctx.torch.nn.BCELoss(), 1.2, X, Y)
    return Case(step, ref, flops=None, dtype="float64")


@benchmark("planar-fit", "Planar 2-4-1: model.fit, 100 epochs of batch GD (one call), float64",
           target=ratio_at_most(0.3))
def planar_fit(ctx):
    """The whole ``fit`` loop (checks, history, cost, accuracy) against a plain torch loop."""
    epochs = 100
    X, Y, model = _planar(ctx)
    model.compile(losses.BinaryCrossentropy(), optim.GradientDescent(1.2))

    def fit():
        model.fit(X, Y, epochs=epochs, verbose=0)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        net = torch_sequential(torch, model)
        step = torch_step(torch, net, torch.nn.BCELoss(), 1.2, X, Y)

        def ref():
            for _ in range(epochs):
                step()
    return Case(fit, ref, dtype="float64")


@benchmark("large-mlp-step", "MLP 4096-4096-4096 training step (ReLU, MSE), float32, batch 512",
           target=peak_share_at_least(0.8), heavy=True)
def large_mlp_step(ctx):
    d, n = ctx.pick((1024, 128), (4096, 512))
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((n, d)).astype(np.float32)
    Y = rng.standard_normal((n, d)).astype(np.float32)
    model = Sequential([Dense(d), ReLU(), Dense(d)], seed=ctx.seed)
    model.build((d,))
    step = dlspec_step(model, losses.MeanSquaredError(), optim.GradientDescent(1e-3), X, Y)
    ref = None
    if ctx.torch is not None:
        net = torch_sequential(ctx.torch, model)
        ref = torch_step(ctx.torch, net, ctx.torch.nn.MSELoss(), 1e-3, X, Y)
    return Case(step, ref, flops=dense_step_flops([d, d, d], n))
