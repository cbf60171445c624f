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


def _one_hot(rng, shape):
    return np.eye(shape[-1])[rng.integers(0, shape[-1], size=shape[:-1])]


def _probabilities(rng, shape):
    e = np.exp(rng.standard_normal(shape))
    return e / e.sum(axis=-1, keepdims=True)


def _keras_cce(p, y, eps=1e-7):
    """Keras's categorical_crossentropy of probabilities: rows divided by their sum, clipped."""
    q = torch.clamp(p / p.sum(-1, keepdim=True), eps, 1 - eps)
    return -(torch.tensor(y) * torch.log(q)).sum(-1).mean()


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

    LossCase("bce", losses.BinaryCrossentropy, (8, 1), _binary,
             lambda p, y: F.binary_cross_entropy(p, torch.tensor(y)),
             make_pred=lambda rng, s: rng.uniform(0.05, 0.95, s)),
    LossCase("bce-steps", losses.BinaryCrossentropy, (4, 6, 1), _binary,      # mean over every entry
             lambda p, y: F.binary_cross_entropy(p, torch.tensor(y)),
             make_pred=lambda rng, s: rng.uniform(0.05, 0.95, s)),
    LossCase("bce-per-example", lambda: losses.BinaryCrossentropy(reduction="sum_over_examples"),
             (4, 6, 1), _binary, lambda p, y: F.binary_cross_entropy(p, torch.tensor(y), reduction="sum") / 4,
             make_pred=lambda rng, s: rng.uniform(0.05, 0.95, s)),
    LossCase("bce-from-logits", lambda: losses.BinaryCrossentropy(from_logits=True), (4, 3, 2), _binary,
             lambda z, y: F.binary_cross_entropy_with_logits(z, torch.tensor(y))),
    LossCase("cce-probabilities", losses.CategoricalCrossentropy, (8, 5), _one_hot, _keras_cce,
             make_pred=_probabilities),
    LossCase("cce-from-logits-steps", lambda: losses.CategoricalCrossentropy(from_logits=True), (3, 4, 5),
             _one_hot, lambda z, y: F.cross_entropy(z.reshape(-1, 5), torch.tensor(y).reshape(-1, 5))),
    LossCase("sparse-cce-pixels", losses.SparseCategoricalCrossentropy, (2, 3, 3, 4),
             lambda rng, s: rng.integers(0, s[-1], size=s[:-1] + (1,)),
             lambda p, y: F.nll_loss(torch.log(p / p.sum(-1, keepdim=True)).reshape(-1, 4), torch.tensor(y).reshape(-1)),
             make_pred=_probabilities),
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
