"""Convolution benchmarks: LeNet-5 step, ResNet-50 inference, the course's loop convolution, scaling.

The PyTorch twin computes in NCHW (its native layout) from the same weights: conv
filters (f_h, f_w, C_in, C_out) become (C_out, C_in, f_h, f_w), and the first Dense
after Flatten gets its rows reordered from (h, w, c) to (c, h, w).
"""
from __future__ import annotations

import numpy as np

from ... import losses, optim
from ...models import zoo
from ...nn import Conv2D
from ..registry import Case, benchmark, ratio_at_most
from ._torch_resnet import torch_resnet50
from ._twins import dlspec_step, torch_step


def torch_cnn(torch, model, input_shape):
    """A torch.nn.Sequential (NCHW) twin of a Sequential of Conv2D/MaxPool2D/Flatten/Dense/ReLU."""
    nn, mods, shape, unflat = torch.nn, [], tuple(input_shape), None
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Conv2D":
            W = layer.params["W"]
            pads = layer._pads
            if pads[0][0] != pads[0][1] or pads[1][0] != pads[1][1]:
                raise TypeError("the PyTorch twin needs symmetric padding")
            conv = nn.Conv2d(W.shape[2], W.shape[3], W.shape[:2], stride=layer.strides,
                             padding=(pads[0][0], pads[1][0]), bias="b" in layer.params,
                             dtype=getattr(torch, str(W.dtype)))
            with torch.no_grad():
                conv.weight.copy_(torch.from_numpy(np.ascontiguousarray(W.transpose(3, 2, 0, 1))))
                if "b" in layer.params:
                    conv.bias.copy_(torch.from_numpy(layer.params["b"]))
            mods.append(conv)
        elif kind in ("MaxPool2D", "AvgPool2D"):
            pool = nn.MaxPool2d if kind == "MaxPool2D" else nn.AvgPool2d
            mods.append(pool(layer.pool_size, layer.strides))
        elif kind in ("ReLU", "Tanh"):
            mods.append(getattr(nn, kind)())
        elif kind == "Flatten":
            mods.append(nn.Flatten())
        elif kind == "Dense":
            W = layer.params["W"]
            if unflat is not None:   # rows in our (h, w, c) flatten order -> torch's (c, h, w)
                H, Wd, C = unflat
                unflat = None
                W = W.reshape(H, Wd, C, -1).transpose(2, 0, 1, 3).reshape(H * Wd * C, -1)
            lin = nn.Linear(W.shape[0], W.shape[1], dtype=getattr(torch, str(W.dtype)))
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(W.T)))
                lin.bias.copy_(torch.from_numpy(layer.params["b"]))
            mods.append(lin)
        else:
            raise TypeError(f"no PyTorch twin for {kind}; extend dlspec/bench/suite/conv.py")
        if kind == "Flatten":
            unflat = shape
        shape = layer.output_shape(shape)
    return nn.Sequential(*mods)


def _lenet_case(ctx, batch, size=32):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((batch, size, size, 1)).astype(np.float32)
    y = rng.integers(0, 10, batch)
    model = zoo.lenet5(input_shape=X.shape[1:], seed=ctx.seed)   # the paper's: tanh, average pooling
    model.build(X.shape[1:])
    step = dlspec_step(model, losses.SoftmaxCrossEntropy(), optim.GradientDescent(0.01), X, y)
    ref = None
    if ctx.torch is not None:
        net = torch_cnn(ctx.torch, model, X.shape[1:])
        X_nchw = np.ascontiguousarray(X.transpose(0, 3, 1, 2))   # (N, C, H, W) for torch
        ref = torch_step(ctx.torch, net, ctx.torch.nn.CrossEntropyLoss(), 0.01, X_nchw, y)
    return Case(step, ref)


@benchmark("lenet5-step", "LeNet-5 training step (32x32x1 -> 10, tanh, avg pool), float32, batch 64",
           target=ratio_at_most(1.0), group="conv")
def lenet5_step(ctx):
    return _lenet_case(ctx, 64)


# How the step grows with the batch and with the image: `dlspec bench scaling`.
for _batch in (16, 64, 256):
    benchmark(f"lenet5-step-b{_batch}", f"LeNet-5 training step, float32, batch {_batch}, 32x32",
              group="scaling", default=False)(lambda ctx, batch=_batch: _lenet_case(ctx, batch))
for _size in (64, 128):
    benchmark(f"lenet5-step-{_size}px", f"LeNet-5 training step, float32, batch 64, {_size}x{_size}",
              group="scaling", default=False)(lambda ctx, size=_size: _lenet_case(ctx, 64, size))


@benchmark("resnet50-infer", "ResNet-50 (v1.5) inference, one 224x224x3 image, float32",
           target=ratio_at_most(1.0), group="conv", heavy=True)
def resnet50_infer(ctx):
    return _resnet_case(ctx, ctx.pick(64, 224))


for _size in (64, 128):
    benchmark(f"resnet50-infer-{_size}px", f"ResNet-50 (v1.5) inference, one {_size}x{_size}x3 image",
              group="scaling", default=False)(lambda ctx, size=_size: _resnet_case(ctx, size))


def _resnet_case(ctx, size):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((1, size, size, 3)).astype(np.float32)
    model = zoo.resnet50(input_shape=(size, size, 3), variant="v1.5", seed=ctx.seed)
    model.build(X.shape[1:])
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        net = torch_resnet50(torch)
        Xt = torch.from_numpy(np.ascontiguousarray(X.transpose(0, 3, 1, 2)))

        def ref():
            with torch.no_grad():
                net(Xt)
    # keep_caches=False is dlspec's torch.no_grad(): what predict() runs.
    return Case(lambda: model.forward(X, training=False, keep_caches=False), ref)


def conv_forward_loops(A_prev, W, b, stride, pad):
    """The course's conv_forward: four nested loops over examples, rows, columns, filters."""
    N, H_prev, W_prev, _ = A_prev.shape
    f, _, _, C = W.shape
    n_H = (H_prev + 2 * pad - f) // stride + 1
    n_W = (W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((N, n_H, n_W, C), A_prev.dtype)
    A_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    for i in range(N):
        for h in range(n_H):
            for w in range(n_W):
                a_slice = A_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                for c in range(C):
                    Z[i, h, w, c] = np.sum(a_slice * W[..., c]) + b[c]
    return Z


@benchmark("conv-vs-loops", "Conv2D forward vs the course's loop version (4x28x28x3, 8 filters 3x3)",
           target=ratio_at_most(1 / 300), group="conv")
def conv_vs_loops(ctx):
    """Reference: the course's loops. Target: dlspec >= 300x faster (ratio <= 1/300)."""
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((4, 28, 28, 3)).astype(np.float32)
    layer = Conv2D(8, 3, padding=1)
    layer.build(X.shape[1:], rng=ctx.seed)
    W, b = layer.params["W"], layer.params["b"]
    return Case(lambda: layer.forward(X), lambda: conv_forward_loops(X, W, b, 1, 1),
                reference_name="course loops")


def _conv_case(ctx, size):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((8, size, size, 16)).astype(np.float32)
    layer = Conv2D(32, 3, padding="same")
    layer.build(X.shape[1:], rng=ctx.seed)
    dZ = np.ones((8, size, size, 32), np.float32)

    def step():
        layer.forward(X, training=True)
        layer.backward(dZ)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        conv = torch.nn.Conv2d(16, 32, 3, padding=1)
        Xt = torch.from_numpy(np.ascontiguousarray(X.transpose(0, 3, 1, 2))).requires_grad_()
        dZt = torch.ones(8, 32, size, size)

        def ref():
            conv.zero_grad(set_to_none=True)
            conv(Xt).backward(dZt)
    flops = 3 * 2.0 * 8 * size * size * 32 * 3 * 3 * 16   # forward, dW, dX
    return Case(step, ref, flops=flops)


for _size in (32, 64, 128):
    benchmark(f"conv-image-{_size}", f"Conv2D 3x3, 16 -> 32 channels, batch 8, fwd+bwd, {_size}x{_size}",
              group="scaling", default=False)(lambda ctx, size=_size: _conv_case(ctx, size))
