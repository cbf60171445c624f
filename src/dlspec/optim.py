"""Optimizers: update a model's parameters in place from its gradients.

An optimizer keeps per-parameter state keyed by the parameter's qualified name
(``"dense_1.W"``), so it works on any model that yields ``(name, param, grad)``.
"""
from __future__ import annotations


class Optimizer:
    """Base class.

    Parameters
    ----------
    learning_rate : float
        The course's alpha, > 0.
    """

    def __init__(self, learning_rate: float = 0.01):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be > 0; got {learning_rate!r}. "
                             "Typical values lie between 1e-4 and 1.")
        self.learning_rate = float(learning_rate)
        self.iterations = 0          # update steps taken (the course's t)
        self.slots: dict = {}        # name -> dict of per-parameter arrays (v, s, ...)

    def step(self, named_params_and_grads):
        """Apply one update to every ``(name, param, grad)``; params change in place."""
        self.iterations += 1
        for name, param, grad in named_params_and_grads:
            self.update(name, param, grad)

    def update(self, name, param, grad):
        raise NotImplementedError

    def get_config(self) -> dict:
        return {"learning_rate": self.learning_rate}


class GradientDescent(Optimizer):
    """Plain gradient descent: W = W - alpha * dW.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.ones(2); GradientDescent(0.1).step([("W", W, np.ones(2))]); W
    array([0.9, 0.9])
    """

    def update(self, name, param, grad):
        param -= self.learning_rate * grad


OPTIMIZERS = {"gd": GradientDescent, "sgd": GradientDescent}


def get(optimizer):
    """Return an optimizer from an instance or a name such as "gd"."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    try:
        return OPTIMIZERS[optimizer]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown optimizer {optimizer!r}; expected an Optimizer or one of "
                         f"{sorted(OPTIMIZERS)}.") from None
