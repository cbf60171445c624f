"""Models: Model (the functional API), Sequential, and the course's architectures."""
from .char_lm import char_language_model
from .course1 import deep_network, logistic_regression, shallow_network
from .model import Model
from .sequential import Sequential

__all__ = ["Model", "Sequential", "logistic_regression", "shallow_network", "deep_network",
           "char_language_model"]
