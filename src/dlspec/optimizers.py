"""Keras's optimizers under Keras's module name, beside ``dlspec.optim`` (the course's forms).

``dlspec.optimizers.Adam`` is Keras's Adam: epsilon 1e-7, added to the square root of the
*uncorrected* second moment, the bias correction folded into the step size. ``dlspec.optim.Adam``
keeps course 2's (epsilon 1e-8 added to sqrt of the corrected moment, as PyTorch). Both take
both spellings: ``beta_1``/``beta_2`` (Keras) and ``beta1``/``beta2`` (the course).
"""
from __future__ import annotations

from . import optim
from .backend import xp


class Adam(optim.Adam):
    """Keras's Adam: W -= alpha_t v / (sqrt(s) + epsilon), alpha_t = alpha sqrt(1 - beta2^t) / (1 - beta1^t).

    Parameters
    ----------
    learning_rate : float, alpha (Keras's default 0.001).
    beta_1, beta_2 : float in [0, 1), the moments' decays (0.9, 0.999); or beta1, beta2.
    epsilon : float > 0, Keras's 1e-7, added to sqrt(s) before the bias correction.
    amsgrad : False only (refused otherwise: not implemented).
    clipnorm, clipvalue : as ``dlspec.optim.Optimizer``.

    Notes
    -----
    v = beta1 v + (1 - beta1) dW, s = beta2 s + (1 - beta2) dW^2 (the course's moments), and
    W = W - alpha sqrt(1 - beta2^t) / (1 - beta1^t) * v / (sqrt(s) + epsilon). This equals the
    course's update with epsilon / sqrt(1 - beta2^t) in place of epsilon: larger in early steps.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.zeros(1); Adam(learning_rate=0.1).step([("W", W, np.array([3.0]))]); W.round(6)
    array([-0.1])
    """

    config_class = "KerasAdam"      # saved files name it apart from dlspec.optim.Adam

    def __init__(self, learning_rate=0.001, beta_1=None, beta_2=None, epsilon=1e-7, amsgrad=False,
                 *, beta1=None, beta2=None, **kwargs):
        if amsgrad:
            raise ValueError("Adam(amsgrad=True) is not supported by dlspec: AMSGrad's maximum of "
                             "the second moments is not implemented. Use amsgrad=False.")
        super().__init__(learning_rate, beta1, beta2, epsilon, beta_1=beta_1, beta_2=beta_2, **kwargs)

    def update(self, name, param, grad):
        v, s = self.moments(name, param, grad)      # as course 2's Adam; only the step differs
        t = self.iterations
        alpha_t = self.learning_rate * (1 - self.beta2 ** t) ** 0.5 / (1 - self.beta1 ** t)
        param -= alpha_t * v / (xp.sqrt(s) + self.epsilon)


class SGD(optim.Optimizer):
    """Keras's SGD: velocity = momentum velocity - alpha dW; W += velocity (Nesterov: W +=
    momentum velocity - alpha dW).

    Parameters
    ----------
    learning_rate : float, alpha (Keras's default 0.01).
    momentum : float in [0, 1), 0 by default (plain gradient descent).
    nesterov : bool.

    Notes
    -----
    Keras's velocity carries no (1 - momentum) factor, unlike course 2's
    ``dlspec.optim.Momentum`` (v = beta v + (1 - beta) dW): with the same beta its steps are
    1 / (1 - beta) times larger.
    """

    config_class = "KerasSGD"

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.momentum = optim._check_beta(momentum, "momentum")
        if not isinstance(nesterov, bool):
            raise TypeError(f"SGD(nesterov) expects True or False; got {nesterov!r}.")
        self.nesterov = nesterov

    def update(self, name, param, grad):
        if self.momentum == 0:
            param -= self.learning_rate * grad
            return
        velocity = self.slot(name, "velocity", param)
        velocity *= self.momentum
        velocity -= self.learning_rate * grad
        if self.nesterov:
            param += self.momentum * velocity - self.learning_rate * grad
        else:
            param += velocity

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


KerasAdam, KerasSGD = Adam, SGD     # the names saved files use (``config_class``)

__all__ = ["Adam", "SGD"]
