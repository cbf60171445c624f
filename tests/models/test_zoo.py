"""The zoo: published parameter counts, and forward parity with the same nets in PyTorch."""
import numpy as np
import pytest
import torch

from dlspec.models import zoo
from torch_nets import TorchMobileNetV2, TorchResNet50, copy_weights, randomize_batchnorm


@pytest.mark.parametrize("name, kwargs, expected", [
    ("lenet5", {}, 61_706),                      # "about 60k"
    ("alexnet", {}, 62_378_344),                 # "about 60M"
    ("vgg16", {}, 138_357_544),                  # "about 138M", torchvision's count
    ("resnet50", {}, 25_583_592),                # the course's: convolutions keep their biases
    ("resnet50", {"variant": "v1.5"}, 25_557_032),
    ("mobilenet_v2", {}, 3_504_872),             # torchvision's count
    ("inception", {}, 163_696),                  # GoogLeNet's module 3a
])
def test_parameter_counts_at_standard_sizes(name, kwargs, expected):
    assert zoo.count_parameters(zoo.get(name, **kwargs)) == expected


def test_course_resnet50_counts_as_keras_does():
    """The course's ResNet50 on 64x64x3 SIGNS with 6 classes: Keras's model.summary() total
    (trainable parameters plus batch norm's moving averages)."""
    model = zoo.resnet50(input_shape=(64, 64, 3), num_classes=6)
    zoo.count_parameters(model)
    assert model.count_params(include_state=True) == 23_600_006
    assert "Total params: 23,600,006" in _summary_text(model)
    assert "Non-trainable params: 53,120" in _summary_text(model)


def test_num_classes_and_input_size_change_the_head():
    model = zoo.get("lenet5", input_shape=(28, 28, 1), num_classes=5)
    model.build(model.input_spec)
    assert model.predict(np.zeros((2, 28, 28, 1), np.float32)).shape == (2, 5)
    assert zoo.count_parameters(zoo.get("lenet5", input_shape=(28, 28, 1))) == 61_706 - 400 * 120 + 256 * 120


def _relative_error(ours, ref):
    return float(np.linalg.norm(ours - ref) / np.linalg.norm(ref))


@pytest.mark.parametrize("variant", ["v1.5", "course"])
def test_resnet50_matches_pytorch(variant):
    rng = np.random.default_rng(0)
    model = zoo.get("resnet50", input_shape=(64, 64, 3), num_classes=6, variant=variant)
    model.build(model.input_spec)
    randomize_batchnorm(model, rng)
    net = copy_weights(model, TorchResNet50(6, variant)).eval()
    X = rng.standard_normal((2, 64, 64, 3)).astype(np.float32)
    ours = model.predict(X)
    with torch.no_grad():
        ref = net(torch.tensor(X).permute(0, 3, 1, 2)).numpy()        # NHWC -> NCHW
    assert ours.dtype == np.float32
    assert _relative_error(ours, ref) <= 1e-4


def test_mobilenet_v2_matches_pytorch():
    rng = np.random.default_rng(1)
    model = zoo.get("mobilenet_v2", input_shape=(32, 32, 3), num_classes=10)
    model.build(model.input_spec)
    randomize_batchnorm(model, rng)
    net = copy_weights(model, TorchMobileNetV2(10)).eval()
    X = rng.standard_normal((2, 32, 32, 3)).astype(np.float32)
    ours = model.predict(X)
    with torch.no_grad():
        ref = net(torch.tensor(X).permute(0, 3, 1, 2)).numpy()
    assert _relative_error(ours, ref) <= 1e-4


def test_resnet50_training_step_gradients_match_pytorch():
    """Training mode (batch statistics) forward and backward, on the input and the first weights.

    In float64: with 1x1 maps in the last stage, batch norm sees only 4 values per channel and
    amplifies float32 rounding past 1e-4; float64 shows the computation itself is the same.
    """
    rng = np.random.default_rng(2)
    model = zoo.get("resnet50", input_shape=(32, 32, 3), num_classes=3, variant="v1.5", dtype="float64")
    model.build(model.input_spec)
    net = copy_weights(model, TorchResNet50(3, "v1.5").double()).train()   # double before the copy
    X = rng.standard_normal((4, 32, 32, 3))
    out = model.forward(X, training=True)
    g = rng.standard_normal(out.shape)
    dX = model.backward(g)
    X_t = torch.tensor(X).permute(0, 3, 1, 2).requires_grad_()
    out_t = net(X_t)
    out_t.backward(torch.tensor(g))
    assert _relative_error(out, out_t.detach().numpy()) <= 1e-9
    assert _relative_error(dX, X_t.grad.permute(0, 2, 3, 1).numpy()) <= 1e-8
    dW = model.grads[f"{model.layers[0].name}.W"]
    assert _relative_error(dW, net.conv1.weight.grad.permute(2, 3, 1, 0).numpy()) <= 1e-8


def test_unknown_architecture_names_the_zoo():
    with pytest.raises(ValueError, match="resnet50"):
        zoo.get("resnet51")
    with pytest.raises(ValueError, match="variant"):
        zoo.get("resnet50", variant="v2")


def _summary_text(model):
    """summary() prints and returns None, as Keras; print_fn keeps the text."""
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)
