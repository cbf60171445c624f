"""Pretrained weights into dlspec's zoo: the loaded model gives the source network's outputs.

The source network is built in torch with random weights at a small input size, saved as
its publisher saves it (a torchvision state dict with torch.save; Keras's .h5 layout), read
back without torch, renamed with the name map, loaded with strict shape checks, and run.
"""
import numpy as np
import pytest
import torch

from dlspec.io import load_weights
from torch_sources import ResNet50, keras_resnet50_h5, torchvision_resnet50_pth, vgg16

zoo = pytest.importorskip("dlspec.models.zoo")


def _input(size, seed=0):
    return torch.from_numpy(np.random.default_rng(seed).standard_normal((2, 3, size, size)).astype(np.float32))


def _nhwc(x):
    return np.ascontiguousarray(x.numpy().transpose(0, 2, 3, 1))      # (N, C, H, W) -> (N, H, W, C)


def _close(ours, theirs):
    np.testing.assert_allclose(ours, theirs, rtol=1e-3, atol=1e-4 * np.abs(theirs).max())


def test_torchvision_resnet50(tmp_path):
    net = torchvision_resnet50_pth(tmp_path / "resnet50.pth")
    x = _input(32)
    with torch.no_grad():
        expected = net(x).numpy()
    model = zoo.resnet50(input_shape=(32, 32, 3), num_classes=10, variant="v1.5")
    model.build((32, 32, 3))
    report = load_weights(model, tmp_path / "resnet50.pth", name_map="torchvision_resnet50")
    assert len(report.loaded) == 53 + 53 * 4 + 2 and not report.skipped_anything
    _close(model.predict(_nhwc(x)), expected)


def test_keras_resnet50(tmp_path):
    pytest.importorskip("h5py")
    net = keras_resnet50_h5(tmp_path / "resnet50.h5")
    x = _input(32)
    with torch.no_grad():
        expected = net(x).numpy()
    model = zoo.resnet50(input_shape=(32, 32, 3), num_classes=10, variant="keras")
    model.build((32, 32, 3))
    model.load_weights(tmp_path / "resnet50.h5", name_map="keras_resnet50")
    _close(model.predict(_nhwc(x)), expected)


def test_torchvision_vgg16(tmp_path):
    torch.manual_seed(2)
    net = vgg16(num_classes=10, hidden=64).eval()
    torch.save(net.state_dict(), tmp_path / "vgg16.pth")
    x = _input(32)
    with torch.no_grad():
        expected = net.forward(x).numpy()
    model = _small_vgg16(hidden=64)
    model.load_weights(tmp_path / "vgg16.pth", name_map="torchvision_vgg16")
    _close(model.predict(_nhwc(x)), expected)


def _small_vgg16(hidden):
    """zoo.vgg16's layers with a narrower classifier (the test's torch twin has the same)."""
    from dlspec.nn import Dense
    model = zoo.vgg16(input_shape=(32, 32, 3), num_classes=10)
    dense = [i for i, l in enumerate(model.layers) if isinstance(l, Dense)]
    for i in dense[:2]:
        model.layers[i] = Dense(hidden, name=model.layers[i].name)
    model.build((32, 32, 3))
    return model


def test_wrong_architecture_is_a_clear_error(tmp_path):
    torch.save(vgg16(num_classes=10, hidden=8).state_dict(), tmp_path / "vgg16.pth")
    model = zoo.resnet50(input_shape=(32, 32, 3), num_classes=10, variant="v1.5")
    model.build((32, 32, 3))
    with pytest.raises(ValueError, match="13 Conv2D layers but the model .* has 53"):
        model.load_weights(tmp_path / "vgg16.pth", name_map="torchvision_vgg16")


def test_transfer_learning_new_head(tmp_path):
    torch.save(ResNet50(num_classes=1000).state_dict(), tmp_path / "resnet50.pth")
    model = zoo.resnet50(input_shape=(32, 32, 3), num_classes=6, variant="v1.5")
    model.build((32, 32, 3))
    with pytest.raises(ValueError, match=r"expects shape \(2048, 6\); .* have \(2048, 1000\)"):
        model.load_weights(tmp_path / "resnet50.pth", name_map="torchvision_resnet50")
    report = model.load_weights(tmp_path / "resnet50.pth", name_map="torchvision_resnet50", strict=False)
    assert [m[1:] for m in report.mismatched] == [((2048, 6), (2048, 1000)), ((6,), (1000,))]
    assert len(report.loaded) == 53 + 53 * 4
