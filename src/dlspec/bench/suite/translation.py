"""Translation benchmark (course 5 week 3): one training step of the date translator with
attention (``attention_nmt``: the course's modelf with teacher forcing) against its PyTorch
twin with the same weights: forward, summed cross-entropy over the Ty steps, backward, SGD.
Shapes: the course's, Tx=30, Ty=11, n_a=32, n_s=64, 37 -> 14 symbols, a batch of 100, float32.
"""
from __future__ import annotations

import numpy as np

from ...models.attention import attention_nmt
from ...optim import GradientDescent
from ..registry import Case, benchmark
from ._nmt_twin import copy_attention_nmt, torch_attention_nmt

N, TX, TY, N_A, N_S, VX, VY = 100, 30, 11, 32, 64, 37, 14


def _translation_case(ctx):
    rng = np.random.default_rng(ctx.seed)
    X, Y_in, Y = rng.integers(0, VX, (N, TX)), rng.integers(0, VY, (N, TY)), rng.integers(0, VY, (N, TY))
    net = attention_nmt(TX, TY, N_A, N_S, VX, VY, seed=ctx.seed)
    net.model.compile(["softmax_crossentropy"] * TY, GradientDescent(0.01))
    inputs, targets = net.inputs(X, Y_in), list(Y.T)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        torch.manual_seed(ctx.seed)
        module = torch_attention_nmt(torch, TX, TY, N_A, N_S, VX, VY)
        copy_attention_nmt(module, net)
        opt = torch.optim.SGD(module.parameters(), lr=0.01)
        Xt, Yt_in = torch.from_numpy(inputs[0]), torch.from_numpy(inputs[1])
        Yt = torch.from_numpy(Y).reshape(-1)

        def ref():
            opt.zero_grad(set_to_none=True)
            logits = module(Xt, Yt_in).reshape(-1, VY)
            (torch.nn.functional.cross_entropy(logits, Yt, reduction="sum") / N).backward()
            opt.step()
        ref.module = module

    model = net.model

    def step():
        out = model.forward(inputs, training=True)
        model.loss.forward(out, targets)
        model.backward(model.loss.backward(), input_grad=False)
        model.optimizer.step(model.named_params_and_grads())
    step.net, step.inputs, step.targets = net, inputs, targets
    return Case(step, ref)


benchmark("translation-step", f"attention_nmt (modelf + teacher forcing) training step, N={N} Tx={TX} "
          f"Ty={TY} n_a={N_A} n_s={N_S}, float32", group="recurrent")(_translation_case)
