"""torchvision's MobileNetV2 into ``zoo.mobilenet_v2``: a randomly initialised torch twin with
torchvision's module names, saved with torch.save, renamed by the name map, gives the same logits."""
import numpy as np
import torch
from torch import nn

from dlspec.models import zoo
from dlspec.models.zoo.mobilenet_v2 import SETTINGS
from torch_sources import randomize_batch_norm


def _cbr(c_in, c_out, k, stride=1, groups=1):
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, stride, (k - 1) // 2, groups=groups, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU6(inplace=True))


class InvertedResidual(nn.Module):
    def __init__(self, c_in, c_out, stride, t):
        super().__init__()
        hidden = c_in * t
        layers = [_cbr(c_in, hidden, 1)] if t != 1 else []
        layers += [_cbr(hidden, hidden, 3, stride, groups=hidden), nn.Conv2d(hidden, c_out, 1, bias=False),
                   nn.BatchNorm2d(c_out)]
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and c_in == c_out

    def forward(self, x):
        return x + self.conv(x) if self.residual else self.conv(x)


class MobileNetV2(nn.Module):
    """torchvision.models.mobilenet_v2's layout (width 1.0): the same state-dict names."""

    def __init__(self, num_classes=10):
        super().__init__()
        features, c = [_cbr(3, 32, 3, 2)], 32
        for t, c_out, n, s in SETTINGS:
            for i in range(n):
                features.append(InvertedResidual(c, c_out, s if i == 0 else 1, t))
                c = c_out
        features.append(_cbr(c, 1280, 1))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(nn.functional.adaptive_avg_pool2d(self.features(x), 1), 1))


def test_torchvision_mobilenet_v2(tmp_path):
    torch.manual_seed(0)
    net = randomize_batch_norm(MobileNetV2(num_classes=10))
    torch.save(net.state_dict(), tmp_path / "mobilenet_v2.pth")
    x = torch.from_numpy(np.random.default_rng(0).standard_normal((2, 3, 32, 32)).astype(np.float32))
    with torch.no_grad():
        expected = net(x).numpy()
    model = zoo.mobilenet_v2((32, 32, 3), num_classes=10)
    report = model.load_weights(tmp_path / "mobilenet_v2.pth", name_map="torchvision_mobilenet_v2")
    assert not report.skipped_anything
    ours = model.predict(np.ascontiguousarray(x.numpy().transpose(0, 2, 3, 1)))   # NCHW -> NHWC
    np.testing.assert_allclose(ours, expected, rtol=1e-3, atol=1e-4 * np.abs(expected).max())
