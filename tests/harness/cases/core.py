"""Course 1 layers and losses."""
import numpy as np
import torch
import torch.nn.functional as F

from dlspec import losses
from dlspec.nn import Dense, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh
from harness import LayerCase, LossCase


def _away_from_zero(rng, shape):
    """Inputs at least 0.05 from 0, so central differences never straddle ReLU's kink."""
    x = rng.standard_normal(shape)
    return np.where(np.abs(x) < 0.05, 0.05 * np.sign(x) + (x == 0) * 0.05, x)


def _binary(rng, shape):
    return rng.integers(0, 2, size=shape).astype(np.float64)


CASES = [
    LayerCase("dense", lambda: Dense(5), (7, 4), lambda x, p, l: x @ p["W"] + p["b"]),
    LayerCase("dense-no-bias", lambda: Dense(3, use_bias=False, init="xavier"), (4, 6),
              lambda x, p, l: x @ p["W"]),
    LayerCase("dense-1x1", lambda: Dense(1), (1, 1), lambda x, p, l: x @ p["W"] + p["b"]),
    LayerCase("sigmoid", Sigmoid, (6, 5), lambda x, p, l: torch.sigmoid(x),
              make_input=lambda rng, s: 4 * rng.standard_normal(s)),
    LayerCase("tanh", Tanh, (6, 5), lambda x, p, l: torch.tanh(x)),
    LayerCase("relu", ReLU, (6, 5), lambda x, p, l: torch.relu(x), make_input=_away_from_zero),
    LayerCase("leaky-relu", lambda: LeakyReLU(0.1), (6, 5), lambda x, p, l: F.leaky_relu(x, 0.1),
              make_input=_away_from_zero),
    LayerCase("softmax", Softmax, (6, 4), lambda x, p, l: torch.softmax(x, dim=-1)),

    LossCase("bce", losses.BinaryCrossEntropy, (8, 1), _binary,
             lambda p, y: F.binary_cross_entropy(p, torch.tensor(y)),
             make_pred=lambda rng, s: rng.uniform(0.05, 0.95, s)),
    LossCase("bce-logits", losses.BinaryCrossEntropyWithLogits, (8, 1), _binary,
             lambda p, y: F.binary_cross_entropy_with_logits(p, torch.tensor(y))),
    LossCase("softmax-ce-ids", losses.SoftmaxCrossEntropy, (8, 5),
             lambda rng, s: rng.integers(0, s[1], size=s[0]),
             lambda z, y: F.cross_entropy(z, torch.tensor(y))),
    LossCase("softmax-ce-onehot", losses.SoftmaxCrossEntropy, (8, 5),
             lambda rng, s: np.eye(s[1])[rng.integers(0, s[1], size=s[0])],
             lambda z, y: F.cross_entropy(z, torch.tensor(y))),
    LossCase("mse", losses.MeanSquaredError, (8, 3), lambda rng, s: rng.standard_normal(s),
             lambda p, y: F.mse_loss(p, torch.tensor(y))),
]
