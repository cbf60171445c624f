"""Optimizers: update a model's parameters in place from its gradients.

An optimizer keeps per-parameter state keyed by the parameter's qualified name
(``"dense_1.W"``), so it works on any model that yields ``(name, param, grad)``.
All of an optimizer's state is ``self.slots`` (name -> dict of arrays) and
``self.iterations`` (the course's t); its hyperparameters are ``get_config()``.
Saving those three restores an optimizer exactly.

Mapping to ``torch.optim`` (verified step for step in tests/test_optim.py):

==============================  ===================================================
dlspec (the course's form)      torch.optim
==============================  ===================================================
GradientDescent(lr)             SGD(lr)
Momentum(lr, beta)              SGD(lr, momentum=beta, dampening=beta), with each
                                ``state[p]["momentum_buffer"]`` set to zeros before
                                the first step (torch starts its buffer at dW, not
                                at (1 - beta) dW)
RMSprop(lr, beta, epsilon)      RMSprop(lr, alpha=beta, eps=epsilon)
Adam(lr, beta1, beta2, eps)     Adam(lr, betas=(beta1, beta2), eps=eps)
clipnorm=c                      torch.nn.utils.clip_grad_norm_(params, c) before step
==============================  ===================================================
"""
from __future__ import annotations

import math

from .backend import xp
from .variable_updates import named_updates


def _check_beta(value, name):
    if not (isinstance(value, (int, float)) and 0 <= value < 1):
        raise ValueError(f"{name} must lie in [0, 1); got {value!r}. Typical values: 0.9 for "
                         "momentum and beta1, 0.999 for beta2.")
    return float(value)


def _check_positive(value, name, hint):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number > 0; got {type(value).__name__} {value!r}. {hint}")
    if not value > 0:
        raise ValueError(f"{name} must be > 0; got {value!r}. {hint}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}. {hint}")
    return float(value)


class Optimizer:
    """Base class.

    Parameters
    ----------
    learning_rate : float
        The course's alpha, > 0.
    clipnorm : float, optional
        If set, all gradients are scaled together so that their global L2 norm is at
        most ``clipnorm`` (as ``torch.nn.utils.clip_grad_norm_``): the cure for
        exploding gradients in course 5.
    clipvalue : float, optional
        If set, every gradient entry is clipped to [-clipvalue, clipvalue] (course 5's
        ``clip`` function).
    """

    def __init__(self, learning_rate: float = 0.01, clipnorm=None, clipvalue=None):
        self.learning_rate = _check_positive(learning_rate, "learning_rate",
                                             "Typical values lie between 1e-4 and 1.")
        self.clipnorm = None if clipnorm is None else _check_positive(clipnorm, "clipnorm", "Try 1 or 5.")
        self.clipvalue = None if clipvalue is None else _check_positive(clipvalue, "clipvalue", "Try 5.")
        self.iterations = 0          # update steps taken (the course's t)
        self.slots: dict = {}        # name -> dict of per-parameter arrays (v, s, ...)

    def step(self, named_params_and_grads):
        """Apply one update to every ``(name, param, grad)``; params change in place."""
        self.iterations += 1
        triples = list(named_params_and_grads)
        scale = self._clip_scale([g for _, _, g in triples]) if self.clipnorm else None
        for name, param, grad in triples:
            if scale is not None and scale < 1:
                grad = grad * grad.dtype.type(scale)
            if self.clipvalue is not None:
                grad = xp.clip(grad, -self.clipvalue, self.clipvalue)
            self.update(name, param, grad)

    def apply_gradients(self, grads_and_vars):
        """One update from ``zip(grads, variables)`` (Keras's form, for ``GradientTape`` loops).

        Each variable's array changes in place (a layer's weight with it). State (v, s) is kept
        per variable, under its name, so it is saved with checkpoints like ``step``'s. A None
        gradient (a variable the cost does not depend on) is skipped with a warning, as Keras.
        """
        triples = named_updates(grads_and_vars, self.__dict__.setdefault("_owners", {}))
        if triples:
            self.step(triples)

    def _clip_scale(self, grads):
        # NOTE: the same formula as torch's clip_grad_norm_ (including its 1e-6), for parity.
        total = math.sqrt(sum(float((g.astype(xp.float64) ** 2).sum()) for g in grads))
        return min(1.0, self.clipnorm / (total + 1e-6))

    def slot(self, name, key, like):
        """The per-parameter array ``slots[name][key]``, created as zeros like ``like``."""
        slots = self.slots.setdefault(name, {})
        if key not in slots:
            slots[key] = xp.zeros_like(like)
        return slots[key]

    def update(self, name, param, grad):
        raise NotImplementedError

    def get_config(self) -> dict:
        config = {"learning_rate": self.learning_rate}
        if self.clipnorm is not None:
            config["clipnorm"] = self.clipnorm
        if self.clipvalue is not None:
            config["clipvalue"] = self.clipvalue
        return config

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class GradientDescent(Optimizer):
    """Plain gradient descent: W = W - alpha * dW.

    With ``fit(batch_size=None)`` this is batch gradient descent, with ``batch_size=1``
    stochastic gradient descent, and in between mini-batch gradient descent.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.ones(2); GradientDescent(0.1).step([("W", W, np.ones(2))]); W
    array([0.9, 0.9])
    """

    def update(self, name, param, grad):
        param -= self.learning_rate * grad


class Momentum(Optimizer):
    """Gradient descent with momentum, in the course's form.

    Parameters
    ----------
    learning_rate : float
        alpha > 0.
    beta : float in [0, 1)
        Weight of the past in the exponentially weighted average (0.9: about the last
        10 gradients). ``beta = 0`` is plain gradient descent.

    Notes
    -----
    v = beta v + (1 - beta) dW;   W = W - alpha v   (v starts at 0).

    PyTorch's ``SGD(momentum=beta)`` drops the (1 - beta): its steps are 1 / (1 - beta)
    times larger for the same alpha. ``SGD(momentum=beta, dampening=beta)`` keeps it,
    but starts its buffer at dW instead of 0; see the module docstring.
    """

    def __init__(self, learning_rate=0.01, beta=0.9, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta = _check_beta(beta, "beta")

    def update(self, name, param, grad):
        v = self.slot(name, "v", param)
        v *= self.beta
        v += (1 - self.beta) * grad
        param -= self.learning_rate * v

    def get_config(self):
        return {**super().get_config(), "beta": self.beta}


class RMSprop(Optimizer):
    """RMSprop: divide each step by a running root mean square of the gradient.

    Parameters
    ----------
    learning_rate : float
    beta : float in [0, 1)
        Decay of the running mean of dW^2 (the course's beta_2 in this context).
    epsilon : float > 0
        Added to sqrt(s) so that the division is safe.

    Notes
    -----
    s = beta s + (1 - beta) dW^2;   W = W - alpha dW / (sqrt(s) + epsilon).
    Equals ``torch.optim.RMSprop(lr, alpha=beta, eps=epsilon)``.
    """

    def __init__(self, learning_rate=0.001, beta=0.9, epsilon=1e-8, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta = _check_beta(beta, "beta")
        self.epsilon = _check_positive(epsilon, "epsilon", "Typical value: 1e-8.")

    def update(self, name, param, grad):
        s = self.slot(name, "s", param)
        s *= self.beta
        s += (1 - self.beta) * grad * grad
        param -= self.learning_rate * grad / (xp.sqrt(s) + self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta": self.beta, "epsilon": self.epsilon}


class Adam(Optimizer):
    """Adam: momentum and RMSprop together, with bias correction.

    Parameters
    ----------
    learning_rate : float
        alpha (the course's default 0.001... tune it first).
    beta1, beta2 : float in [0, 1)
        Decays of the first (v) and second (s) moment averages; the course's 0.9, 0.999.
    epsilon : float > 0
        1e-8, as in the course, added to sqrt(s_corr).
    beta_1, beta_2 : Keras's spellings of beta1 and beta2 (give one spelling of each).

    Notes
    -----
    With t the step count (``self.iterations``, starting at 1):

    v = beta1 v + (1 - beta1) dW,       s = beta2 s + (1 - beta2) dW^2,
    v_corr = v / (1 - beta1^t),         s_corr = s / (1 - beta2^t),
    W = W - alpha v_corr / (sqrt(s_corr) + epsilon).

    Equals ``torch.optim.Adam(lr, betas=(beta1, beta2), eps=epsilon)``. Keras's Adam (epsilon
    1e-7 added to the uncorrected sqrt(s)) is ``dlspec.optimizers.Adam``.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.zeros(1); Adam(0.1).step([("W", W, np.array([3.0]))]); W.round(6)
    array([-0.1])
    """

    def __init__(self, learning_rate=0.001, beta1=None, beta2=None, epsilon=1e-8, *, beta_1=None,
                 beta_2=None, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta1 = _check_beta(_spelling(beta1, beta_1, "beta1", "beta_1", 0.9), "beta1")
        self.beta2 = _check_beta(_spelling(beta2, beta_2, "beta2", "beta_2", 0.999), "beta2")
        self.epsilon = _check_positive(epsilon, "epsilon", "Typical value: 1e-8.")

    def moments(self, name, param, grad):
        """v and s, the running averages of the gradient and of its square, updated in place."""
        v = self.slot(name, "v", param)
        s = self.slot(name, "s", param)
        v *= self.beta1
        v += (1 - self.beta1) * grad
        s *= self.beta2
        s += (1 - self.beta2) * grad * grad
        return v, s

    def update(self, name, param, grad):
        v, s = self.moments(name, param, grad)
        t = self.iterations
        v_corrected = v / (1 - self.beta1 ** t)
        s_corrected = s / (1 - self.beta2 ** t)
        param -= self.learning_rate * v_corrected / (xp.sqrt(s_corrected) + self.epsilon)

    def get_config(self):
        return {**super().get_config(), "beta1": self.beta1, "beta2": self.beta2,
                "epsilon": self.epsilon}


def _spelling(course, keras, course_name, keras_name, default):
    """One value from the course's spelling (beta1) or Keras's (beta_1), never both."""
    if course is not None and keras is not None:
        raise ValueError(f"Give {course_name} (the course's spelling) or {keras_name} (Keras's), "
                         f"not both; got {course_name}={course!r}, {keras_name}={keras!r}.")
    value = course if course is not None else keras
    return default if value is None else value


OPTIMIZERS = {"gd": GradientDescent, "sgd": GradientDescent, "momentum": Momentum,
              "rmsprop": RMSprop, "adam": Adam}


def get(optimizer):
    """Return an optimizer from an instance or a name such as "gd" or "adam"."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    try:
        return OPTIMIZERS[optimizer]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown optimizer {optimizer!r}; expected an Optimizer or one of "
                         f"{sorted(OPTIMIZERS)}.") from None
