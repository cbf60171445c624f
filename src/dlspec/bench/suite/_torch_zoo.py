"""Plain torch.nn twins of the step benchmarks' networks (torchvision is not a dependency).

Same layers and shapes as dlspec's, NCHW (PyTorch's native layout), random weights: the
cost of a training step does not depend on the weights' values.
"""


def torch_mobilenet_v2(torch, num_classes=1000, dropout=0.2):
    """MobileNetV2 (width 1.0) as torchvision lays it out; dlspec's ``zoo.mobilenet_v2`` twin."""
    nn = torch.nn

    def conv_bn(c_in, c_out, k, stride=1, groups=1, relu=True):
        mods = [nn.Conv2d(c_in, c_out, k, stride, (k - 1) // 2, groups=groups, bias=False),
                nn.BatchNorm2d(c_out)]
        return mods + [nn.ReLU6()] if relu else mods

    class InvertedResidual(nn.Module):
        def __init__(self, c_in, c_out, stride, t):
            super().__init__()
            hidden = c_in * t
            mods = conv_bn(c_in, hidden, 1) if t != 1 else []
            mods += conv_bn(hidden, hidden, 3, stride, groups=hidden)
            mods += conv_bn(hidden, c_out, 1, relu=False)
            self.body = nn.Sequential(*mods)
            self.residual = stride == 1 and c_in == c_out

        def forward(self, x):
            return x + self.body(x) if self.residual else self.body(x)

    from ...models.zoo.mobilenet_v2 import SETTINGS
    layers, c_in = conv_bn(3, 32, 3, 2), 32
    for t, c, n, s in SETTINGS:
        for i in range(n):
            layers.append(InvertedResidual(c_in, c, s if i == 0 else 1, t))
            c_in = c
    layers += conv_bn(c_in, 1280, 1)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout), nn.Linear(1280, num_classes)]
    return nn.Sequential(*layers)


def torch_vgg_block(torch, c_in=32, num_classes=10):
    """The ``vgg-block-step`` network: 3x3 convs 32 -> 32 (pool), 32 -> 64, 64 -> 64 (pool),
    each followed by batch norm and ReLU, then global average pooling and a linear layer."""
    nn = torch.nn
    mods = []
    for c_prev, c, pool in ((c_in, 32, True), (32, 64, False), (64, 64, True)):
        mods += [nn.Conv2d(c_prev, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU()]
        if pool:
            mods.append(nn.MaxPool2d(2))
    return nn.Sequential(*mods, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, num_classes))
