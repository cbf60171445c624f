"""Models: Model (the functional API), Sequential, and the course's architectures."""
from .char_lm import char_language_model
from .course1 import deep_network, logistic_regression, shallow_network
from .model import Model
from .sequential import Sequential
from . import subclass  # noqa: F401,E402  (equips Layer subclasses that define call())

__all__ = ["Model", "Sequential", "logistic_regression", "shallow_network", "deep_network",
           "char_language_model"]
