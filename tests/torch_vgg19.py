"""A torch twin of torchvision's VGG-19 (the same state-dict names), for name-map and
style-transfer tests: torchvision itself is not a test dependency."""
import torch
from torch import nn

CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
       512, 512, 512, 512, "M"]
CFG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def torchvision_vgg19(num_classes=10, hidden=4096):
    """torchvision's VGG-19 module layout (features, avgpool, classifier), same state-dict names."""
    return torchvision_vgg(CFG, num_classes, hidden).eval()


def torchvision_vgg(cfg, num_classes=10, hidden=4096):
    """torchvision's VGG layout for a config of widths and "M" (max pool); ``hidden`` < 4096
    shrinks the classifier (same names) for fast tests. In training mode, as torchvision's."""
    layers, c_in = [], 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(c_in, v, 3, padding=1), nn.ReLU(inplace=True)]
            c_in = v
    net = nn.Module()
    net.features = nn.Sequential(*layers)
    net.avgpool = nn.AdaptiveAvgPool2d((7, 7))
    net.classifier = nn.Sequential(nn.Linear(512 * 7 * 7, hidden), nn.ReLU(True), nn.Dropout(),
                                   nn.Linear(hidden, hidden), nn.ReLU(True), nn.Dropout(),
                                   nn.Linear(hidden, num_classes))
    net.forward = lambda x: net.classifier(torch.flatten(net.avgpool(net.features(x)), 1))
    return net
