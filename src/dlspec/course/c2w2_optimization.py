"""Course 2, week 2, "Optimization Methods": mini-batches, momentum, Adam, learning-rate decay.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C2 .../Week 2/
Optimization_methods_v1b.ipynb", testCases.py and opt_utils_v1a.py. The updates are
dlspec's optimizers (``optim.GradientDescent``, ``optim.Momentum``, ``optim.Adam``) given the
course's state: the course passes v and s in and out as dicts, so each call loads them into
the optimizer's slots and reads them back. ``random_mini_batches`` seeds
``np.random.seed(seed)`` and shuffles with ``np.random.permutation``, as the course does.
Decay: ``update_lr`` and ``schedule_lr_decay`` are ``schedules.InverseTimeDecay`` and
``schedules.StaircaseDecay``.
"""
from __future__ import annotations


import numpy as np

from ..optim import Adam, GradientDescent, Momentum
from ..schedules import InverseTimeDecay, StaircaseDecay
from . import _checks
from . import _three_layer as net


def _keys(parameters, fn):
    L = _checks.layer_count(parameters, fn)
    return [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]


def _load(parameters, grads, fn):
    keys = _keys(parameters, fn)
    p = _checks.entries(parameters, {k: None for k in keys}, fn)
    g = _checks.entries(grads, {"d" + k: p[k].shape for k in keys}, fn, "grads")
    return keys, {k: p[k].copy() for k in keys}, g


def update_parameters_with_gd(parameters, grads, learning_rate):
    """W = W - learning_rate dW for every layer (``optim.GradientDescent``); a new dict."""
    keys, new, g = _load(parameters, grads, "update_parameters_with_gd")
    GradientDescent(learning_rate).step([(k, new[k], g["d" + k]) for k in keys])
    return new


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of (X, Y) with np.random.seed(seed), then cut mini-batches of
    ``mini_batch_size`` (the last one smaller); a list of (mini_batch_X, mini_batch_Y)."""
    X = _checks.columns(X, None, "X", "random_mini_batches")
    m = X.shape[1]
    Y = np.asarray(Y)
    if Y.shape != (1, m):
        raise ValueError(f"random_mini_batches: Y must be of shape (1, m) = (1, {m}); got {Y.shape}."
                         + (" Pass Y.reshape(1, -1)." if Y.size == m else ""))
    np.random.seed(seed)
    permutation = list(np.random.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    return [(shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]


def initialize_velocity(parameters):
    """v["dW{l}"], v["db{l}"]: zeros of the parameters' shapes."""
    keys = _keys(parameters, "initialize_velocity")
    return {"d" + k: np.zeros_like(np.asarray(parameters[k], dtype=np.float64)) for k in keys}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v = beta v + (1 - beta) dW, W = W - learning_rate v (``optim.Momentum``); returns (parameters, v)."""
    keys, new, g = _load(parameters, grads, "update_parameters_with_momentum")
    vv = _checks.entries(v, {"d" + k: new[k].shape for k in keys}, "update_parameters_with_momentum", "v")
    opt = Momentum(learning_rate, beta=beta)
    opt.slots = {k: {"v": vv["d" + k].copy()} for k in keys}
    opt.step([(k, new[k], g["d" + k]) for k in keys])
    return new, {"d" + k: opt.slots[k]["v"] for k in keys}


def initialize_adam(parameters):
    """v and s: zeros of the parameters' shapes, keyed "dW{l}", "db{l}"."""
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step at step count ``t`` (``optim.Adam``); returns
    (parameters, v, s, v_corrected, s_corrected), the 2021 notebook's five values."""
    keys, new, g = _load(parameters, grads, "update_parameters_with_adam")
    vv = _checks.entries(v, {"d" + k: new[k].shape for k in keys}, "update_parameters_with_adam", "v")
    ss = _checks.entries(s, {"d" + k: new[k].shape for k in keys}, "update_parameters_with_adam", "s")
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or t < 1:
        raise ValueError(f"update_parameters_with_adam: t is the Adam step count, an int >= 1; got {t!r}.")
    opt = Adam(learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon)
    opt.slots = {k: {"v": vv["d" + k].copy(), "s": ss["d" + k].copy()} for k in keys}
    opt.iterations = int(t) - 1                     # step() counts this update as t
    opt.step([(k, new[k], g["d" + k]) for k in keys])
    v_out = {"d" + k: opt.slots[k]["v"] for k in keys}
    s_out = {"d" + k: opt.slots[k]["s"] for k in keys}
    # The bias-corrected moments the course also returns (Adam.update uses the same two lines).
    v_corrected = {k: val / (1 - beta1 ** t) for k, val in v_out.items()}
    s_corrected = {k: val / (1 - beta2 ** t) for k, val in s_out.items()}
    return new, v_out, s_out, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """alpha = alpha0 / (1 + decay_rate epoch_num) (``schedules.InverseTimeDecay``)."""
    return InverseTimeDecay(decay_rate)(epoch_num, learning_rate0)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval)) (``schedules.StaircaseDecay``)."""
    return StaircaseDecay(decay_rate, time_interval)(epoch_num, learning_rate0)


def load_dataset():
    """The course's moons: np.random.seed(3), scikit-learn's make_moons(300, noise=0.2); X (2, 300), Y (1, 300)."""
    from sklearn.datasets import make_moons
    np.random.seed(3)
    train_X, train_Y = make_moons(n_samples=300, noise=.2)
    return train_X.T, train_Y.reshape((1, train_Y.shape[0]))


def initialize_parameters(layer_dims):
    """opt_utils' He initialization: np.random.seed(3); W = randn x sqrt(2 / n_{l-1}), b zeros."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def compute_cost(a3, Y):
    """opt_utils' cost: the SUM (not the mean) of the cross-entropy over a mini-batch."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
          beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True,
          decay=None, decay_rate=1):
    """The course's 3-layer model trained with "gd", "momentum" or "adam", optionally with a
    ``decay(learning_rate0, epoch, decay_rate)``; mini-batch seeds 10, 11, ... one per epoch.

    Returns the parameters, as the course does; the cost (summed over the epoch's mini-batches,
    divided by m) is kept every 100 epochs in ``model.costs`` (the course plots it) and printed
    every 1000 as "Cost after epoch i: %f".
    """
    if optimizer not in ("gd", "momentum", "adam"):
        raise ValueError(f"model(optimizer) must be 'gd', 'momentum' or 'adam'; got {optimizer!r}.")
    costs, t, seed, m = [], 0, 10, X.shape[1]
    parameters = initialize_parameters(layers_dims)
    learning_rate0 = learning_rate
    if optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        seed += 1
        cost_total = 0
        for minibatch_X, minibatch_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            a3, caches = net.forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(a3, minibatch_Y)
            grads = net.backward_propagation(minibatch_X, minibatch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            else:
                t += 1
                parameters, v, s, _, _ = update_parameters_with_adam(
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        cost_avg = cost_total / m
        if decay:
            learning_rate = decay(learning_rate0, i, decay_rate)
        if print_cost and i % 1000 == 0:
            print("Cost after epoch %i: %f" % (i, cost_avg))
            if decay:
                print("learning rate after epoch %i: %f" % (i, learning_rate))
        if i % 100 == 0:
            costs.append(cost_avg)
    model.costs = costs
    return parameters


def predict(X, y, parameters):
    """p (1, m) of 0/1; prints "Accuracy: " + mean(p == y), as opt_utils does."""
    return net.predict(X, y, parameters)


__all__ = ["update_parameters_with_gd", "random_mini_batches", "initialize_velocity",
           "update_parameters_with_momentum", "initialize_adam", "update_parameters_with_adam",
           "update_lr", "schedule_lr_decay", "model", "predict", "load_dataset"]
