"""Small models, data and optimizers shared by the io tests."""
import numpy as np

import dlspec
import dlspec.callbacks
from dlspec.nn import Dense, Layer, ReLU
from dlspec.optim import Optimizer


class Momentum(Optimizer):
    """A test optimizer with per-parameter state (v) and a hyperparameter (beta)."""

    def __init__(self, learning_rate=0.05, beta=0.9):
        super().__init__(learning_rate)
        self.beta = beta

    def update(self, name, param, grad):
        v = self.slots.setdefault(name, {"v": np.zeros_like(param)})["v"]
        v *= self.beta
        v += (1 - self.beta) * grad
        param -= self.learning_rate * v

    def get_config(self):
        return {"learning_rate": self.learning_rate, "beta": self.beta}


class Noise(Layer):
    """Adds Gaussian noise in training from a Generator it keeps (like dropout does)."""

    def __init__(self, stddev=0.1, name=None):
        super().__init__(name)
        self.stddev = stddev

    def _build(self, input_shape, rng, dtype):
        self.rng = rng

    def _forward(self, x, training):
        if training:
            x = x + self.stddev * self.rng.standard_normal(x.shape).astype(x.dtype)
        return x, True

    def _backward(self, dy, cache):
        return dy

    def get_config(self):
        return {"stddev": self.stddev, "name": self.name}


CUSTOM = {"Momentum": Momentum, "Noise": Noise}


def blobs(n=96, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 4)).astype(np.float32)
    Y = (X[:, 0] + X[:, 1] ** 2 > 0.5).astype(np.int64)
    return X, Y


def small_model(seed=0, noise=True):
    layers = [Dense(8), ReLU()] + ([Noise(0.05)] if noise else []) + [Dense(2)]
    model = dlspec.Sequential(layers, seed=seed)
    return model.compile("softmax_crossentropy", Momentum(0.1, 0.9))


class EpochLog(dlspec.callbacks.Callback):
    """The epochs a fit actually ran: a resumed fit must start where its checkpoint ended and
    run only the rest (a restore that restored nothing would rerun every epoch)."""

    def __init__(self):
        self.epochs = []

    def on_epoch_end(self, trainer, epoch, logs):
        self.epochs.append(epoch)
