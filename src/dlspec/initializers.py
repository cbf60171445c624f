"""Keras's initializers under Keras's names, seeded; reachable by ``kernel_initializer=``.

``Conv2D(8, 3, kernel_initializer="he_normal")``, ``kernel_initializer=random_uniform(seed=0)``
(the course's ResNet blocks) and ``Dense(1, kernel_initializer=constant(1))`` build as in
Keras. An initializer is called as dlspec's are, ``init(shape, rng, dtype) -> array``: with
a ``seed`` it draws from its own Generator (the same values every time, as Keras's seeded
initializers), without one from the model's ``rng``. The draws are NumPy's, not
TensorFlow's: the same distributions, other numbers. dlspec's own names ("he", "xavier",
"random", ...) keep their meanings (``dlspec.init``).

Fans follow Keras: for a kernel (..., fan_in, fan_out) the receptive field (the product of
the leading axes, kh kw for a convolution) multiplies both fans.
"""
from __future__ import annotations

import math

from . import init as dlspec_init
from .backend import as_dtype, xp


def _fans(shape):
    if len(shape) < 2:
        return shape[0], shape[0]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class Initializer:
    """Base class: ``seed`` (int or None) and the draw ``_sample(shape, rng)``."""

    def __init__(self, seed: int | None = None):
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise TypeError(f"{type(self).__name__}(seed) expects an int or None; got {seed!r}.")
        self.seed = seed

    def __call__(self, shape, rng=None, dtype=None):
        shape = tuple(int(d) for d in shape)
        if self.seed is not None or rng is None:
            rng = xp.random.default_rng(self.seed)
        return xp.asarray(self._sample(shape, rng)).astype(as_dtype(dtype))

    def _sample(self, shape, rng):
        raise NotImplementedError

    def get_config(self):
        return {"seed": self.seed}

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.get_config().items())})"


class RandomUniform(Initializer):
    """Uniform in [minval, maxval) (Keras's -0.05, 0.05)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = float(minval), float(maxval)

    def _sample(self, shape, rng):
        return rng.uniform(self.minval, self.maxval, shape)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(Initializer):
    """Normal with ``mean`` and ``stddev`` (Keras's 0, 0.05)."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = float(mean), float(stddev)

    def _sample(self, shape, rng):
        return self.mean + self.stddev * rng.standard_normal(shape)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomNormal):
    """Normal redrawn beyond two standard deviations (Keras's 0, 0.05)."""

    def _sample(self, shape, rng):
        z = rng.standard_normal(shape)
        bad = xp.abs(z) > 2
        while bad.any():        # a loop over redraws, not over elements: ~5% each round
            z[bad] = rng.standard_normal(int(bad.sum()))
            bad = xp.abs(z) > 2
        return self.mean + self.stddev * z


class VarianceScaling(Initializer):
    """Variance ``scale`` / n, n = fan_in, fan_out or their mean; normal (truncated) or uniform.

    He, Glorot and LeCun are its special cases, as in Keras.
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        super().__init__(seed)
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"VarianceScaling(mode) expects 'fan_in', 'fan_out' or 'fan_avg'; got {mode!r}.")
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError("VarianceScaling(distribution) expects 'truncated_normal', "
                             f"'untruncated_normal' or 'uniform'; got {distribution!r}.")
        self.scale, self.mode, self.distribution = float(scale), mode, distribution

    def _sample(self, shape, rng):
        fan_in, fan_out = _fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            limit = math.sqrt(3 * variance)
            return rng.uniform(-limit, limit, shape)
        if self.distribution == "untruncated_normal":
            return math.sqrt(variance) * rng.standard_normal(shape)
        # NOTE: 0.879... is the standard deviation of a unit normal truncated at 2 (Keras's constant).
        return TruncatedNormal(0.0, math.sqrt(variance) / 0.87962566103423978)._sample(shape, rng)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution, "seed": self.seed}


def _scaling(name, scale, mode, distribution):
    class Named(VarianceScaling):
        def __init__(self, seed=None):
            super().__init__(scale, mode, distribution, seed)

        def get_config(self):
            return {"seed": self.seed}
    Named.__name__ = Named.__qualname__ = name
    Named.__doc__ = f"Keras's {name}: VarianceScaling({scale}, {mode!r}, {distribution!r})."
    return Named


HeNormal = _scaling("HeNormal", 2.0, "fan_in", "truncated_normal")
HeUniform = _scaling("HeUniform", 2.0, "fan_in", "uniform")
GlorotNormal = _scaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal")
GlorotUniform = _scaling("GlorotUniform", 1.0, "fan_avg", "uniform")
LecunNormal = _scaling("LecunNormal", 1.0, "fan_in", "truncated_normal")
LecunUniform = _scaling("LecunUniform", 1.0, "fan_in", "uniform")


class Constant(Initializer):
    """Every entry ``value`` (Keras's ``constant(1)``)."""

    def __init__(self, value=0.0):
        super().__init__(None)
        self.value = float(value)

    def _sample(self, shape, rng):
        return xp.full(shape, self.value)

    def get_config(self):
        return {"value": self.value}


class Zeros(Constant):
    def __init__(self):
        super().__init__(0.0)

    def get_config(self):
        return {}


class Ones(Constant):
    def __init__(self):
        super().__init__(1.0)

    def get_config(self):
        return {}


# Keras's lower-case names, as the course writes them: random_uniform(seed=0), constant(1).
random_uniform, random_normal, truncated_normal = RandomUniform, RandomNormal, TruncatedNormal
he_normal, he_uniform, glorot_normal, glorot_uniform = HeNormal, HeUniform, GlorotNormal, GlorotUniform
lecun_normal, lecun_uniform, constant, zeros, ones = LecunNormal, LecunUniform, Constant, Zeros, Ones
variance_scaling = VarianceScaling

KERAS_NAMES = {"random_uniform": RandomUniform, "random_normal": RandomNormal,
               "truncated_normal": TruncatedNormal, "he_normal": HeNormal, "he_uniform": HeUniform,
               "glorot_normal": GlorotNormal, "glorot_uniform": GlorotUniform,
               "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform, "zeros": Zeros, "ones": Ones,
               "variance_scaling": VarianceScaling}


def get(init):
    """An initializer from dlspec's names ("he"...), Keras's names ("he_normal"...), a Keras
    class name ("HeNormal"), an instance or any function ``(shape, rng, dtype) -> array``."""
    if callable(init) and not isinstance(init, type):
        return init
    if isinstance(init, type) and issubclass(init, Initializer):
        return init()
    if isinstance(init, str):
        if init in dlspec_init.INITIALIZERS:
            return dlspec_init.INITIALIZERS[init]
        key = init if init in KERAS_NAMES else _snake(init)
        if key in KERAS_NAMES:
            return KERAS_NAMES[key]()
    raise ValueError(f"Unknown initializer {init!r}; expected one of dlspec's "
                     f"{sorted(dlspec_init.INITIALIZERS)}, Keras's {sorted(KERAS_NAMES)}, an "
                     "initializer such as random_uniform(seed=0), or a function (shape, rng, dtype) -> array.")


def _snake(name):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
