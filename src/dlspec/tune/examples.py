"""A course-2 trial to search: a ReLU network on the moons data, mini-batch training.

``course2_trial(config, seed)`` is a plain module-level function, so it runs unchanged
in-process, on a process pool and on Ray. It reads:

- ``learning_rate`` (alpha, default 0.01)
- ``hidden_units`` (units in each of the two hidden layers, default 10)
- ``beta1`` (Adam's first-moment decay; when absent the trial uses plain mini-batch
  gradient descent)
- ``epochs`` (default 20) and ``batch_size`` (default 64)

It returns the dev-set accuracy and cost, and the training cost.
"""
from __future__ import annotations

from ..data import moons
from ..models import Sequential
from ..nn import Dense, ReLU, Sigmoid
from .. import optim

HYPERPARAMETERS = ("learning_rate", "hidden_units", "beta1", "epochs", "batch_size")


def moons_split(seed, n_train=300, n_dev=300):
    """Train and dev sets of the moons data (course 2's optimization data set)."""
    X, Y = moons(n_train + n_dev, noise=0.25, seed=1000 + seed)
    return X[:n_train], Y[:n_train], X[n_train:], Y[n_train:]


def make_optimizer(config):
    learning_rate = float(config.get("learning_rate", 0.01))
    if "beta1" in config:
        return optim.Adam(learning_rate, beta1=float(config["beta1"]))
    return optim.GradientDescent(learning_rate)


def course2_trial(config, seed):
    """Train a [2, n_h, n_h, 1] ReLU network on moons with ``config``; return dev metrics."""
    X_train, Y_train, X_dev, Y_dev = moons_split(seed)
    n_h = int(config.get("hidden_units", 10))
    model = Sequential([Dense(n_h, init="he"), ReLU(), Dense(n_h, init="he"), ReLU(),
                        Dense(1, init="he"), Sigmoid()], seed=seed)
    model.compile("binary_crossentropy", make_optimizer(config))
    history = model.fit(X_train, Y_train, epochs=int(config.get("epochs", 20)),
                        batch_size=int(config.get("batch_size", 64)), verbose=0)
    dev = model.evaluate(X_dev, Y_dev)
    return {"dev_accuracy": dev["accuracy"], "dev_cost": dev["cost"], "train_cost": history["cost"][-1]}


course2_trial.hyperparameters = HYPERPARAMETERS
