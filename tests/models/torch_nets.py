"""ResNet-50 (v1.5 and the course's variant) and MobileNetV2 written with torch.nn, and a
weight copy from dlspec models. Modules are registered in the order dlspec's builders add
layers, so the two lists of convolutions, batch norms and linears line up one to one."""
import numpy as np
import torch
from torch import nn

from dlspec.nn import BatchNormalization, Conv2D, Dense, DepthwiseConv2D


class Bottleneck(nn.Module):
    def __init__(self, c_in, F1, stride, stride_on, project):
        super().__init__()
        s1, s3 = (stride, 1) if stride_on == "1x1" else (1, stride)
        self.conv1, self.bn1 = nn.Conv2d(c_in, F1, 1, s1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F1, 3, s3, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv3, self.bn3 = nn.Conv2d(F1, 4 * F1, 1, bias=False), nn.BatchNorm2d(4 * F1)
        self.down = (nn.Sequential(nn.Conv2d(c_in, 4 * F1, 1, stride, bias=False), nn.BatchNorm2d(4 * F1))
                     if project else None)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return torch.relu(y + (self.down(x) if self.down is not None else x))


class TorchResNet50(nn.Module):
    def __init__(self, num_classes, variant="v1.5"):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64)
        self.pool = nn.MaxPool2d(3, 2, padding=0 if variant == "course" else 1)
        blocks, c_in = [], 64
        for F1, n, s in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
            for i in range(n):
                blocks.append(Bottleneck(c_in, F1, s if i == 0 else 1,
                                         "1x1" if variant == "course" else "3x3", i == 0))
                c_in = 4 * F1
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        return self.fc(self.blocks(x).mean(dim=(2, 3)))


def _conv_bn_relu6(c_in, c_out, k, s, groups=1, relu=True):
    layers = [nn.Conv2d(c_in, c_out, k, s, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(c_out)]
    return layers + [nn.ReLU6()] if relu else layers


class InvertedResidual(nn.Module):
    def __init__(self, c_in, c_out, stride, t):
        super().__init__()
        hidden = c_in * t
        layers = _conv_bn_relu6(c_in, hidden, 1, 1) if t != 1 else []
        layers += _conv_bn_relu6(hidden, hidden, 3, stride, groups=hidden)
        layers += _conv_bn_relu6(hidden, c_out, 1, 1, relu=False)
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and c_in == c_out

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


class TorchMobileNetV2(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        layers, c_in = _conv_bn_relu6(3, 32, 3, 2), 32
        for t, c, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                           (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)):
            for i in range(n):
                layers.append(InvertedResidual(c_in, c, s if i == 0 else 1, t))
                c_in = c
        layers += _conv_bn_relu6(320, 1280, 1, 1)
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(1280, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).mean(dim=(2, 3)))


def randomize_batchnorm(model, rng):
    """Give every BatchNormalization non-trivial gamma, beta and running statistics."""
    for layer in model.layers:
        if isinstance(layer, BatchNormalization):
            C = layer.params["gamma"].shape[0]
            dt = layer.params["gamma"].dtype
            layer.params["gamma"][...] = rng.uniform(0.5, 1.0, C).astype(dt)
            layer.params["beta"][...] = rng.uniform(-0.2, 0.2, C).astype(dt)
            layer.state["running_mean"][...] = rng.uniform(-0.2, 0.2, C).astype(dt)
            layer.state["running_var"][...] = rng.uniform(0.5, 1.5, C).astype(dt)


@torch.no_grad()
def copy_weights(model, net):
    """Copy a built dlspec model's weights into the torch twin ``net`` (same order of layers)."""
    ours = [l for l in model.layers if isinstance(l, (Conv2D, DepthwiseConv2D, BatchNormalization, Dense))]
    theirs = [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.BatchNorm2d, nn.Linear))]
    assert len(ours) == len(theirs), (len(ours), len(theirs))
    for layer, module in zip(ours, theirs):
        t = lambda a: torch.tensor(np.ascontiguousarray(a))       # noqa: E731
        if isinstance(layer, Conv2D):
            module.weight.copy_(t(layer.params["W"].transpose(3, 2, 0, 1)))   # (f, f, Ci, Co) -> (Co, Ci, f, f)
        elif isinstance(layer, DepthwiseConv2D):
            module.weight.copy_(t(layer.params["W"].transpose(2, 3, 0, 1)))   # (f, f, C, 1) -> (C, 1, f, f)
        elif isinstance(layer, Dense):
            module.weight.copy_(t(layer.params["W"].T))
            module.bias.copy_(t(layer.params["b"]))
        else:
            module.weight.copy_(t(layer.params["gamma"]))
            module.bias.copy_(t(layer.params["beta"]))
            module.running_mean.copy_(t(layer.state["running_mean"]))
            module.running_var.copy_(t(layer.state["running_var"]))
            module.eps = layer.epsilon
    return net
