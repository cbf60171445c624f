"""Pretrained-weight name maps, end to end against the source network built in torch.

Each test builds the source network in torch with random weights (and random batch-norm
statistics), saves it as its publisher does, reads it back without torch, converts it with
the name map, and compares a NumPy forward pass over the converted weights with torch's.
"""
import numpy as np
import pytest
import torch

from dlspec.io.name_maps.resnet import keras_to_canonical, torchvision_to_canonical
from dlspec.io.name_maps.vgg import torchvision_vgg_to_canonical
from dlspec.io.weight_files import read_weights
from numpy_reference_nets import resnet50 as np_resnet50, vgg16 as np_vgg16
from torch_sources import keras_resnet50_h5, torchvision_resnet50_pth, vgg16


def _input(size, seed=0):
    return torch.from_numpy(np.random.default_rng(seed).standard_normal((2, 3, size, size)).astype(np.float32))


def _nhwc(x):
    return x.numpy().transpose(0, 2, 3, 1).astype(np.float64)       # (N, C, H, W) -> (N, H, W, C)


def _as64(tensors):
    return {k: np.asarray(v, np.float64) for k, v in tensors.items()}


def _close(ours, theirs):
    scale = np.abs(theirs).max()
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-4 * scale)


def test_torchvision_resnet50_from_pth(tmp_path):
    net = torchvision_resnet50_pth(tmp_path / "resnet50.pth")
    x = _input(32)
    with torch.no_grad():
        expected = net(x).numpy()
    weights = torchvision_to_canonical(read_weights(tmp_path / "resnet50.pth"))
    _close(np_resnet50(_as64(weights), _nhwc(x)), expected)


def test_keras_resnet50_from_h5(tmp_path):
    pytest.importorskip("h5py")
    net = keras_resnet50_h5(tmp_path / "resnet50.h5")
    x = _input(32)
    with torch.no_grad():
        expected = net(x).numpy()
    weights = keras_to_canonical(read_weights(tmp_path / "resnet50.h5"), model_epsilon=1e-5)
    assert not any(k.endswith(".b") and "conv" in k for k in weights)   # biases were folded
    _close(np_resnet50(_as64(weights), _nhwc(x), stride_on_1x1=True, eps=1e-5), expected)


@pytest.mark.parametrize("size, hw", [(32, (1, 1)), (64, (2, 2))])
def test_torchvision_vgg16_from_pth(tmp_path, size, hw):
    torch.manual_seed(2)
    net = vgg16(num_classes=10, hidden=64).eval()
    torch.save(net.state_dict(), tmp_path / "vgg16.pth")
    x = _input(size)
    with torch.no_grad():
        expected = net.forward(x).numpy()
    weights = torchvision_vgg_to_canonical(read_weights(tmp_path / "vgg16.pth"), flatten_hw=hw)
    _close(np_vgg16(_as64(weights), _nhwc(x)), expected)
