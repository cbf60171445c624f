"""Layers and arguments under Keras's names (issue 24): GlobalMaxPooling2D, Activation,
ReLU(max_value, negative_slope, threshold), and activation= on the convolutions."""
import numpy as np
import torch
import torch.nn.functional as F

from dlspec.nn import (Activation, Conv1D, Conv2D, Conv2DTranspose, GlobalMaxPooling2D, ReLU)
from harness import LayerCase


def _nchw(x):
    return x.permute(0, 3, 1, 2)


def _nhwc(x):
    return x.permute(0, 2, 3, 1)


def _distinct(rng, shape):
    """A random permutation of well-separated values: no ties for max, no kinks near a threshold."""
    return (rng.permutation(np.arange(np.prod(shape), dtype=np.float64)).reshape(shape) + 0.3) / 7 - 2


def _torch_relu(max_value, slope, threshold):
    def forward(x, p, layer):
        y = torch.where(x >= threshold, x, slope * (x - threshold))
        return y if max_value is None else torch.where(x >= max_value, torch.full_like(x, max_value), y)
    return forward


def _conv_then(act):
    def forward(x, p, layer):
        z = _nhwc(F.conv2d(_nchw(x), p["W"].permute(3, 2, 0, 1), p["b"],
                           stride=layer.strides, padding=layer._pads[0][0]))
        return act(z)
    return forward


def _conv1d_relu(x, p, layer):
    return torch.relu(F.conv1d(x.permute(0, 2, 1), p["W"].permute(2, 1, 0), p["b"]).permute(0, 2, 1))


def _conv_transpose_sigmoid(x, p, layer):
    z = F.conv_transpose2d(_nchw(x), p["W"].permute(3, 2, 0, 1), p["b"], stride=layer.strides)
    return torch.sigmoid(_nhwc(z))


CASES = [
    LayerCase("global-max-pool", GlobalMaxPooling2D, (2, 3, 4, 5), lambda x, p, l: x.amax(dim=(1, 2)),
              make_input=_distinct),
    LayerCase("activation-relu", lambda: Activation("relu"), (4, 5), lambda x, p, l: torch.relu(x),
              make_input=_distinct),
    LayerCase("activation-softmax", lambda: Activation("softmax"), (4, 5), lambda x, p, l: torch.softmax(x, -1)),
    LayerCase("activation-tanh", lambda: Activation("tanh"), (4, 5), lambda x, p, l: torch.tanh(x)),
    LayerCase("activation-linear", lambda: Activation("linear"), (4, 5), lambda x, p, l: x),
    LayerCase("relu-keras-args", lambda: ReLU(max_value=1.5, negative_slope=0.1, threshold=-0.5), (6, 7),
              _torch_relu(1.5, 0.1, -0.5), make_input=_distinct),
    LayerCase("relu-max-value", lambda: ReLU(max_value=6.0), (6, 7), _torch_relu(6.0, 0.0, 0.0),
              make_input=lambda rng, s: _distinct(rng, s) * 3),
    LayerCase("conv2d-activation-relu", lambda: Conv2D(3, 2, activation="relu"), (2, 4, 4, 2),
              _conv_then(torch.relu), make_input=_distinct),
    LayerCase("conv2d-activation-softmax", lambda: Conv2D(3, 2, activation="softmax"), (2, 4, 4, 2),
              _conv_then(lambda z: torch.softmax(z, -1))),
    LayerCase("conv1d-activation-relu", lambda: Conv1D(3, 2, activation="relu"), (2, 6, 2), _conv1d_relu,
              make_input=_distinct),
    LayerCase("conv2d-transpose-activation-sigmoid", lambda: Conv2DTranspose(2, 2, strides=2, activation="sigmoid"),
              (2, 3, 3, 2), _conv_transpose_sigmoid),
]
