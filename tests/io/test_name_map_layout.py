"""Name-map building blocks: layouts, the adaptive-pool fold, canonical ResNet/VGG names."""
import numpy as np
import pytest
import torch

from dlspec.io.name_maps.layout import (adaptive_avg_pool_matrix, adjust_bn_epsilon,
                                        dense_after_chw_flatten, fold_conv_bias_into_bn, oihw_to_hwio)
from dlspec.io.name_maps.resnet import keras_to_canonical, torchvision_to_canonical
from dlspec.io.name_maps.vgg import torchvision_vgg_to_canonical
from torch_sources import ResNet50, keras_weights, vgg16


@pytest.mark.parametrize("n_in, n_out", [(1, 7), (2, 7), (7, 7), (5, 3), (9, 4)])
def test_adaptive_pool_matrix_matches_torch(n_in, n_out):
    x = torch.randn(1, 1, n_in, dtype=torch.float64)
    expected = torch.nn.functional.adaptive_avg_pool1d(x, n_out)[0, 0].numpy()
    np.testing.assert_allclose(adaptive_avg_pool_matrix(n_in, n_out) @ x[0, 0].numpy(), expected)


@pytest.mark.parametrize("hw", [(1, 1), (2, 2), (7, 7), (3, 5)])
def test_dense_after_chw_flatten_gives_the_torch_output(hw):
    C, d_out = 4, 6
    x = torch.randn(2, C, *hw, dtype=torch.float64)
    linear = torch.nn.Linear(C * 49, d_out).double()
    expected = linear(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(x, 7), 1)).detach().numpy()
    W = dense_after_chw_flatten(linear.weight.detach().numpy(), C, (7, 7), hw)
    x_nhwc = x.numpy().transpose(0, 2, 3, 1).reshape(2, -1)          # (N, h * w * C)
    np.testing.assert_allclose(x_nhwc @ W + linear.bias.detach().numpy(), expected, rtol=1e-12)


def test_conv_kernel_layout_matches_torch_conv():
    conv = torch.nn.Conv2d(3, 5, 3, bias=False).double()
    x = torch.randn(1, 3, 3, 3, dtype=torch.float64)
    K = oihw_to_hwio(conv.weight.detach().numpy())                   # (3, 3, C_in, C_out)
    ours = np.einsum("hwc,hwco->o", x[0].numpy().transpose(1, 2, 0), K)
    np.testing.assert_allclose(ours, conv(x)[0, :, 0, 0].detach().numpy())


def test_bias_and_epsilon_folds_are_exact():
    rng = np.random.default_rng(0)
    z, b, m, v, g, beta = (rng.standard_normal(5) for _ in range(6))
    v = np.abs(v) + 0.5
    bn = lambda x, mean, var, eps: g * (x - mean) / np.sqrt(var + eps) + beta
    expected = bn(z + b, m, v, 1.001e-5)
    got = bn(z, fold_conv_bias_into_bn(b, m), adjust_bn_epsilon(v, 1.001e-5, 1e-5), 1e-5)
    np.testing.assert_allclose(got, expected, rtol=1e-14)


def test_torchvision_resnet50_names_cover_every_tensor():
    sd = {k: v.numpy() for k, v in ResNet50(num_classes=10).state_dict().items()}
    canon = torchvision_to_canonical(sd)
    assert all(k.split(".")[0] in ("stem", "head") or k.startswith("stage") for k in canon), \
        [k for k in canon if not (k.startswith(("stem", "head", "stage")))]
    assert len(canon) == len(sd) - sum(k.endswith("num_batches_tracked") for k in sd)
    assert canon["stem.conv.kernel"].shape == (7, 7, 3, 64)
    assert canon["stage2.block0.conv2.kernel"].shape == (3, 3, 128, 128)
    assert canon["stage4.block0.shortcut_conv.kernel"].shape == (1, 1, 1024, 2048)
    assert canon["stage3.block5.bn3.running_var"].shape == (1024,)
    assert canon["head.fc.W"].shape == (2048, 10)


def test_keras_and_torchvision_parse_to_the_same_names():
    net = ResNet50(num_classes=10, stride_on_1x1=True, conv_bias=True)
    keras = keras_to_canonical(keras_weights(net))
    torch_names = set(torchvision_to_canonical({k: v.numpy() for k, v in net.state_dict().items()
                                                if not k.endswith(".bias") or "bn" in k or "fc" in k
                                                or "downsample.1" in k}))
    assert set(keras) == torch_names
    assert keras["stem.conv.kernel"].shape == (7, 7, 3, 64)


def test_keras_bias_without_batch_norm_is_an_error():
    with pytest.raises(ValueError, match="no batch norm after it"):
        keras_to_canonical({"conv1_conv/kernel:0": np.zeros((7, 7, 3, 64)), "conv1_conv/bias:0": np.zeros(64)})


def test_vgg16_names():
    sd = {k: v.numpy() for k, v in vgg16(num_classes=10, hidden=64).state_dict().items()}
    canon = torchvision_vgg_to_canonical(sd, flatten_hw=(1, 1))
    assert sorted(canon) == sorted([f"conv{j}.{p}" for j in range(1, 14) for p in ("kernel", "b")]
                                   + [f"fc{j}.{p}" for j in range(1, 4) for p in ("W", "b")])
    assert canon["conv13.kernel"].shape == (3, 3, 512, 512)
    assert canon["fc1.W"].shape == (512, 64) and canon["fc3.W"].shape == (64, 10)
