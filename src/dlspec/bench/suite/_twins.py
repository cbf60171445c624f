"""PyTorch twins of dlspec models, with the same weights, for the reference timings."""
from __future__ import annotations

import numpy as np


def torch_sequential(torch, model):
    """A ``torch.nn.Sequential`` computing what the dlspec ``model`` computes, same weights.

    Supports Dense, ReLU, Tanh and Sigmoid (extend ``_convert`` for other layers).
    Dense W (D_in, D_out) becomes Linear.weight (D_out, D_in).
    """
    modules = [_convert(torch, layer) for layer in model.layers]
    net = torch.nn.Sequential(*modules)
    return net.to(getattr(torch, str(np.dtype(model.dtype))))


def _convert(torch, layer):
    name = type(layer).__name__
    if name == "Dense":
        W = layer.params["W"]
        lin = torch.nn.Linear(W.shape[0], W.shape[1], bias="b" in layer.params, dtype=_dt(torch, W))
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(W.T)))
            if "b" in layer.params:
                lin.bias.copy_(torch.from_numpy(layer.params["b"]))
        return lin
    simple = {"ReLU": torch.nn.ReLU, "Tanh": torch.nn.Tanh, "Sigmoid": torch.nn.Sigmoid}
    if name in simple:
        return simple[name]()
    raise TypeError(f"no PyTorch twin for layer {name}; add one in dlspec/bench/suite/_twins.py")


def _dt(torch, array):
    return getattr(torch, str(array.dtype))


def dlspec_step(model, loss, optimizer, X, Y):
    """One training step as ``fit`` runs it: forward, cost, backward, update."""
    def step():
        out = model.forward(X, training=True)
        loss.forward(out, Y)
        model.backward(loss.backward(), input_grad=False)
        optimizer.step(model.named_params_and_grads())
    step.model = model   # for tests that check both sides do the same work
    return step


def torch_step(torch, net, loss_fn, learning_rate, X, Y):
    """The same step in idiomatic PyTorch: zero_grad, forward, loss, backward, SGD step."""
    opt = torch.optim.SGD(net.parameters(), lr=learning_rate)
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(net(Xt), Yt).backward()
        opt.step()
    step.net = net
    return step


def dense_step_flops(sizes, batch):
    """Floating-point work of one dense training step for layer sizes [D_0, ..., D_L].

    Forward 2 N D_in D_out per layer, the same again for dW, and again for dA_prev
    in every layer but the first (the data needs no gradient). Elementwise work
    (activations, loss, update) is small beside it and not counted.
    """
    gemm = [2.0 * batch * a * b for a, b in zip(sizes[:-1], sizes[1:])]
    return 2 * sum(gemm) + sum(gemm[1:])
