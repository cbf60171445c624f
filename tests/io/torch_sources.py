"""Source networks for the name-map tests, written in torch.nn with the publishers' names.

torchvision is not installed here, so ResNet-50 and VGG-16 are rebuilt with exactly the
module names (and therefore state-dict keys) of ``torchvision.models.resnet50`` and
``torchvision.models.vgg16``; ``stride_on_1x1=True, conv_bias=True`` gives the Keras
``ResNet50`` architecture (original v1), whose weights ``keras_weights`` names as Keras does.
"""
import numpy as np
import torch
from torch import nn


class Bottleneck(nn.Module):
    def __init__(self, c_in, width, stride, stride_on_1x1=False, conv_bias=False, eps=1e-5):
        super().__init__()
        s1, s3 = (stride, 1) if stride_on_1x1 else (1, stride)
        self.conv1 = nn.Conv2d(c_in, width, 1, s1, bias=conv_bias)
        self.bn1 = nn.BatchNorm2d(width, eps=eps)
        self.conv2 = nn.Conv2d(width, width, 3, s3, 1, bias=conv_bias)
        self.bn2 = nn.BatchNorm2d(width, eps=eps)
        self.conv3 = nn.Conv2d(width, width * 4, 1, bias=conv_bias)
        self.bn3 = nn.BatchNorm2d(width * 4, eps=eps)
        self.relu = nn.ReLU()
        self.downsample = None
        if stride != 1 or c_in != width * 4:
            self.downsample = nn.Sequential(nn.Conv2d(c_in, width * 4, 1, stride, bias=conv_bias),
                                            nn.BatchNorm2d(width * 4, eps=eps))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class ResNet50(nn.Module):
    def __init__(self, num_classes=10, stride_on_1x1=False, conv_bias=False, eps=1e-5):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=conv_bias)
        self.bn1 = nn.BatchNorm2d(64, eps=eps)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        c_in = 64
        for s, (width, blocks, stride) in enumerate([(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)], 1):
            layer = []
            for i in range(blocks):
                layer.append(Bottleneck(c_in, width, stride if i == 0 else 1, stride_on_1x1, conv_bias, eps))
                c_in = width * 4
            setattr(self, f"layer{s}", nn.Sequential(*layer))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def vgg16(num_classes=10, hidden=4096):
    """torchvision's VGG-16; ``hidden`` < 4096 shrinks the classifier (same names) for fast tests."""
    from torch_vgg19 import CFG16, torchvision_vgg
    return torchvision_vgg(CFG16, num_classes, hidden)


def randomize_batch_norm(net, seed=0):
    """Give every batch norm non-trivial running statistics and affine parameters."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
    return net.eval()


def keras_weights(net: ResNet50) -> dict:
    """The Keras-architecture torch net's weights under Keras names, in Keras layouts."""
    out = {}

    def conv(prefix, m):
        out[f"{prefix}/kernel:0"] = m.weight.detach().numpy().transpose(2, 3, 1, 0)
        out[f"{prefix}/bias:0"] = m.bias.detach().numpy()

    def bn(prefix, m):
        for ours, theirs in [("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
                             ("running_var", "moving_variance")]:
            out[f"{prefix}/{theirs}:0"] = getattr(m, ours).detach().numpy()
    conv("conv1_conv", net.conv1)
    bn("conv1_bn", net.bn1)
    for s in range(1, 5):
        for i, block in enumerate(getattr(net, f"layer{s}")):
            name = f"conv{s + 1}_block{i + 1}"
            for k in (1, 2, 3):
                conv(f"{name}_{k}_conv", getattr(block, f"conv{k}"))
                bn(f"{name}_{k}_bn", getattr(block, f"bn{k}"))
            if block.downsample is not None:
                conv(f"{name}_0_conv", block.downsample[0])
                bn(f"{name}_0_bn", block.downsample[1])
    out["predictions/kernel:0"] = net.fc.weight.detach().numpy().T
    out["predictions/bias:0"] = net.fc.bias.detach().numpy()
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def keras_resnet50_h5(path, num_classes=10, seed=1):
    """Save a Keras-architecture ResNet-50 with random weights (conv biases and batch-norm
    statistics included) as a ``keras.applications``-layout .h5 file; return the torch net."""
    import h5py
    torch.manual_seed(seed)
    net = ResNet50(num_classes=num_classes, stride_on_1x1=True, conv_bias=True, eps=1.001e-5)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                m.bias.normal_(0, 0.1)
    net = randomize_batch_norm(net, seed=seed)
    with h5py.File(path, "w") as f:
        for name, value in keras_weights(net).items():
            f.create_dataset(f"{name.split('/')[0]}/{name}", data=value)
    return net


def torchvision_resnet50_pth(path, num_classes=10, seed=0):
    """Save a torchvision-named ResNet-50 with random weights and batch-norm statistics as a
    ``.pth`` state dict; return the torch net (in eval mode)."""
    torch.manual_seed(seed)
    net = randomize_batch_norm(ResNet50(num_classes=num_classes), seed=seed)
    torch.save(net.state_dict(), path)
    return net
