"""ResNet-50 in plain torch.nn for the reference timing (torchvision is not a dependency)."""


def torch_resnet50(torch, num_classes=1000):
    """ResNet-50 (v1.5 layout: stride on the 3x3 conv) in plain torch.nn, NCHW, eval mode.

    Built here because torchvision is not a dependency; random weights suffice for timing
    (inference cost does not depend on the values).
    """
    nn = torch.nn

    class Bottleneck(nn.Module):
        def __init__(self, c_in, width, stride):
            super().__init__()
            c_out = 4 * width
            self.body = nn.Sequential(
                nn.Conv2d(c_in, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                nn.Conv2d(width, c_out, 1, bias=False), nn.BatchNorm2d(c_out))
            self.shortcut = (nn.Identity() if stride == 1 and c_in == c_out else
                             nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                                           nn.BatchNorm2d(c_out)))

        def forward(self, x):
            return torch.relu(self.body(x) + self.shortcut(x))

    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
              nn.MaxPool2d(3, 2, 1)]
    c_in = 64
    for width, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for k in range(blocks):
            layers.append(Bottleneck(c_in, width, stride if k == 0 else 1))
            c_in = 4 * width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes)]
    return nn.Sequential(*layers).eval()
