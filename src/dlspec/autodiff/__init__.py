"""Eager tensors, variables and the gradient tape: calls recorded as they run."""
from .tape import GradientTape
from .tensor import Tensor
from .variable import Variable

__all__ = ["GradientTape", "Tensor", "Variable"]
