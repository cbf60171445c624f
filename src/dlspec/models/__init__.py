"""Models: Sequential and Graph plus the course's architectures."""
from .char_lm import char_language_model
from .course1 import deep_network, logistic_regression, shallow_network
from .graph import Graph
from .model import Model
from .sequential import Sequential

__all__ = ["Model", "Sequential", "Graph", "logistic_regression", "shallow_network", "deep_network",
           "char_language_model"]
