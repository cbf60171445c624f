"""torchvision's VGG-19 into ``zoo.vgg19``: a randomly initialised torch twin, saved with
torch.save, read without torch, renamed by the name map, gives the same outputs."""
import numpy as np
import pytest
import torch

from dlspec.models import zoo

from torch_vgg19 import torchvision_vgg19


def _x(size=32):
    return torch.from_numpy(np.random.default_rng(0).standard_normal((2, 3, size, size)).astype(np.float32))


def _nhwc(t):
    return np.ascontiguousarray(t.numpy().transpose(0, 2, 3, 1))      # (N, C, H, W) -> (N, H, W, C)


def _close(ours, theirs):
    np.testing.assert_allclose(ours, theirs, rtol=1e-3, atol=1e-4 * np.abs(theirs).max())


def test_parameter_counts_are_torchvision_and_keras():
    assert zoo.count_parameters(zoo.vgg19(include_top=False)) == 20_024_384        # Keras, notop
    assert len([l for l in zoo.vgg19(include_top=False).layers if type(l).__name__ == "Conv2D"]) == 16


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    torch.manual_seed(3)
    net = torchvision_vgg19(num_classes=10, hidden=64)
    path = tmp_path_factory.mktemp("vgg19") / "vgg19.pth"
    torch.save(net.state_dict(), path)
    return net, path


def test_torchvision_vgg19_with_its_top(saved):
    net, path = saved
    x = _x()
    with torch.no_grad():
        expected = net.forward(x).numpy()
    model = zoo.vgg19((32, 32, 3), num_classes=10, hidden=64)
    report = model.load_weights(path, name_map="torchvision_vgg19")
    assert len(report.loaded) == 2 * 16 + 2 * 3
    _close(model.predict(_nhwc(x)), expected)


def test_torchvision_vgg19_features_only_for_style_transfer(saved):
    net, path = saved
    x = _x(48)
    with torch.no_grad():
        expected = _nhwc(net.features(x))
    model = zoo.vgg19((48, 48, 3), include_top=False)
    report = model.load_weights(path, name_map="torchvision_vgg19")
    assert len(report.loaded) == 2 * 16
    _close(model.predict(_nhwc(x)), expected)


def test_a_narrow_vgg19_is_a_clear_error(saved):
    _, path = saved
    model = zoo.vgg19((32, 32, 3), include_top=False, width=0.25)
    with pytest.raises(ValueError, match="expects shape"):
        model.load_weights(path, name_map="torchvision_vgg19")


def test_without_a_model_the_names_are_the_zoos(saved):
    from dlspec.io import read_weights
    from dlspec.io.name_maps import torchvision_vgg19
    net, path = saved
    renamed = torchvision_vgg19(read_weights(path))
    assert "block1_conv1.W" in renamed and "block5_conv4.b" in renamed and "predictions.W" in renamed
    assert renamed["block1_conv1.W"].shape == (3, 3, 3, 64)
    assert renamed["fc1.W"].shape == (7 * 7 * 512, 64)
