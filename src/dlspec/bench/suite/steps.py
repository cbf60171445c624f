"""Training steps of the course's networks (issue 17): LSTM, batch norm, a VGG block,
MobileNetV2 and ResNet-50, each with its peak memory beside PyTorch's.

A step is forward, loss, backward (no gradient for the data) and a gradient-descent update,
as ``fit`` runs it; PyTorch's is zero_grad, forward, loss, backward, ``SGD.step``, in NCHW.
The LSTM's twin has the same weights (``LSTM.from_torch``'s mapping, reversed); the
convolutional twins have random weights of the same shapes (the cost does not depend on
the values). ``--quick`` shrinks every problem so that the test suite's runs take seconds.
"""
from __future__ import annotations

import numpy as np

from ... import losses, optim
from ...models import Sequential, zoo
from ...nn import (LSTM, TORCH_BATCHNORM, BatchNormalization, Conv2D, Dense, GlobalAveragePooling2D, MaxPool2D, ReLU)
from ..registry import Case, benchmark, ratio_at_most
from ._torch_resnet import torch_resnet50
from ._torch_zoo import torch_mobilenet_v2, torch_vgg_block
from ._twins import dlspec_step, torch_step


def _image_step(ctx, model, net, X, y, lr=0.01):
    """The dlspec and PyTorch training steps of an image classifier on NHWC ``X``."""
    model.build(X.shape[1:])
    step = dlspec_step(model, losses.SoftmaxCrossEntropy(), optim.GradientDescent(lr), X, y)
    ref = None
    if net is not None:
        X_nchw = np.ascontiguousarray(X.transpose(0, 3, 1, 2))   # (N, C, H, W) for torch
        ref = torch_step(ctx.torch, net.train(), ctx.torch.nn.CrossEntropyLoss(), lr, X_nchw, y)
    return Case(step, ref)


def _images(ctx, batch, size, channels=3, classes=10):
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((batch, size, size, channels)).astype(np.float32)
    return X, rng.integers(0, classes, batch)


@benchmark("lstm-train-step", "LSTM(128) many-to-one + Dense(10) training step, T=30 B=64 D=32, "
           "float32, softmax loss and update", target=ratio_at_most(1.2), group="steps", memory=True)
def lstm_train_step(ctx):
    T, B, D, H = ctx.pick((8, 16, 8, 32), (30, 64, 32, 128))
    rng = np.random.default_rng(ctx.seed)
    X = rng.standard_normal((B, T, D)).astype(np.float32)
    y = rng.integers(0, 10, B)
    model = Sequential([LSTM(H), Dense(10)], seed=ctx.seed)
    model.build((T, D))
    step = dlspec_step(model, losses.SoftmaxCrossEntropy(), optim.GradientDescent(0.01), X, y)
    ref = None
    if ctx.torch is not None:
        ref = torch_step(ctx.torch, _torch_lstm_classifier(ctx.torch, model), 
                         ctx.torch.nn.CrossEntropyLoss(), 0.01, X, y)
    return Case(step, ref)


def _torch_lstm_classifier(torch, model):
    """nn.LSTM + Linear on the last hidden state, with the dlspec model's weights."""
    lstm, dense = model.layers
    p, H = lstm.params, lstm.units
    order = np.r_[H:2 * H, 0:H, 2 * H:4 * H]    # our gate blocks (f, u, c~, o) -> torch's (i, f, g, o)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(p["Wx"].shape[0], H, batch_first=True)
            self.linear = torch.nn.Linear(H, dense.params["W"].shape[1])

        def forward(self, x):
            return self.linear(self.lstm(x)[0][:, -1])

    net = Net()
    with torch.no_grad():
        net.lstm.weight_ih_l0.copy_(torch.from_numpy(np.ascontiguousarray(p["Wx"][:, order].T)))
        net.lstm.weight_hh_l0.copy_(torch.from_numpy(np.ascontiguousarray(p["Wa"][:, order].T)))
        net.lstm.bias_ih_l0.copy_(torch.from_numpy(p["b"][order]))
        net.lstm.bias_hh_l0.zero_()
        net.linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(dense.params["W"].T)))
        net.linear.bias.copy_(torch.from_numpy(dense.params["b"]))
    return net


@benchmark("batchnorm-step", "BatchNormalization forward + backward, training, (16, 56, 56, 64) "
           "float32", target=ratio_at_most(1.3), group="steps", memory=True)
def batchnorm_step(ctx):
    shape = ctx.pick((4, 16, 16, 16), (16, 56, 56, 64))
    rng = np.random.default_rng(ctx.seed)
    x = rng.standard_normal(shape).astype(np.float32)
    dy = rng.standard_normal(shape).astype(np.float32)
    layer = BatchNormalization(**TORCH_BATCHNORM)
    layer.build(shape[1:])

    def step():
        layer.forward(x, training=True)
        layer.backward(dy)
    ref = None
    if ctx.torch is not None:
        torch = ctx.torch
        bn = torch.nn.BatchNorm2d(shape[-1]).train()
        x_t = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2))).requires_grad_()
        dy_t = torch.from_numpy(np.ascontiguousarray(dy.transpose(0, 3, 1, 2)))

        def ref():
            bn.zero_grad(set_to_none=True)
            x_t.grad = None
            bn(x_t).backward(dy_t)
    return Case(step, ref)


@benchmark("vgg-block-step", "VGG-style block training step: 3x3 convs 32->32 (pool), 32->64, "
           "64->64 (pool), BN + ReLU each, GAP + Dense(10); B=16, 112x112x32, float32",
           target=ratio_at_most(1.3), group="steps", memory=True, heavy=True)
def vgg_block_step(ctx):
    X, y = _images(ctx, *ctx.pick((2, 32), (16, 112)), channels=32)
    layers = []
    for c, pool in ((32, True), (64, False), (64, True)):
        layers += [Conv2D(c, 3, padding="same", use_bias=False), BatchNormalization(**TORCH_BATCHNORM), ReLU()]
        if pool:
            layers.append(MaxPool2D(2))
    model = Sequential(layers + [GlobalAveragePooling2D(), Dense(10)], seed=ctx.seed)
    net = torch_vgg_block(ctx.torch) if ctx.torch is not None else None
    return _image_step(ctx, model, net, X, y)


@benchmark("mobilenetv2-step", "MobileNetV2 training step, B=8, 224x224x3, 1000 classes, float32",
           target=ratio_at_most(1.5), group="steps", memory=True, heavy=True)
def mobilenetv2_step(ctx):
    X, y = _images(ctx, *ctx.pick((2, 64), (8, 224)), classes=1000)
    model = zoo.mobilenet_v2(input_shape=X.shape[1:], seed=ctx.seed)
    net = torch_mobilenet_v2(ctx.torch) if ctx.torch is not None else None
    return _image_step(ctx, model, net, X, y)


@benchmark("resnet50-train-step", "ResNet-50 (v1.5) training step, B=4, 224x224x3, 1000 classes, "
           "float32", target=ratio_at_most(1.1), group="steps", memory=True, heavy=True)
def resnet50_train_step(ctx):
    X, y = _images(ctx, *ctx.pick((1, 64), (4, 224)), classes=1000)
    model = zoo.resnet50(input_shape=X.shape[1:], variant="v1.5", seed=ctx.seed)
    net = torch_resnet50(ctx.torch) if ctx.torch is not None else None
    return _image_step(ctx, model, net, X, y)
