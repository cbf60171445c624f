"""Course 2 layers: dropout and batch normalization (training and inference modes)."""
import numpy as np
import torch
import torch.nn.functional as F

from dlspec.nn import TORCH_BATCHNORM, BatchNormalization, Dropout
from harness import LayerCase


class _RandomizedBN(BatchNormalization):
    """Batch norm with random gamma, beta and running statistics, so parity tests see them."""

    def _build(self, input_shape, rng, dtype):
        super()._build(input_shape, rng, dtype)
        C = input_shape[-1]
        self.params["gamma"][...] = rng.uniform(0.5, 1.5, C)
        self.params["beta"][...] = rng.standard_normal(C)
        self.state["running_mean"][...] = rng.standard_normal(C)
        self.state["running_var"][...] = rng.uniform(0.5, 2.0, C)


def _bn_torch(training):
    """torch's batch_norm on our channels-last input, reshaped to (m, C) and back."""
    def forward(x, p, layer):
        C = x.shape[-1]
        running = (None, None) if training else (torch.tensor(layer.state["running_mean"]),
                                                 torch.tensor(layer.state["running_var"]))
        y = F.batch_norm(x.reshape(-1, C), *running, p["gamma"], p["beta"], training=training,
                         momentum=1 - layer.momentum, eps=layer.epsilon)
        return y.reshape(x.shape)
    return forward


def _dropout_torch(x, p, layer):
    return x * torch.tensor(layer.mask)


CASES = [
    LayerCase("dropout", lambda: Dropout(keep_prob=0.7, seed=3, fixed_mask=True), (6, 5), _dropout_torch),
    LayerCase("dropout-nhwc", lambda: Dropout(keep_prob=0.5, fixed_mask=True), (2, 3, 3, 2), _dropout_torch),
    LayerCase("dropout-inference", lambda: Dropout(keep_prob=0.5), (6, 5), lambda x, p, l: x, training=False),
    LayerCase("dropout-keep-all", lambda: Dropout(keep_prob=1.0), (6, 5), lambda x, p, l: x),
    LayerCase("batchnorm", BatchNormalization, (8, 5), _bn_torch(True)),
    LayerCase("batchnorm-random", _RandomizedBN, (8, 5), _bn_torch(True)),
    LayerCase("batchnorm-torch-values", lambda: _RandomizedBN(**TORCH_BATCHNORM), (8, 5), _bn_torch(True)),
    LayerCase("batchnorm-axis3", lambda: BatchNormalization(axis=3), (3, 4, 4, 2), _bn_torch(True)),
    LayerCase("batchnorm-nhwc", lambda: _RandomizedBN(momentum=0.8, epsilon=1e-3), (3, 4, 4, 2),
              _bn_torch(True)),
    LayerCase("batchnorm-inference", _RandomizedBN, (8, 5), _bn_torch(False), training=False),
    LayerCase("batchnorm-nhwc-inference", _RandomizedBN, (3, 4, 4, 2), _bn_torch(False),
              training=False),
]
