"""Layers: thin state holders around ``dlspec.functional``.

Every public layer listed in ``__all__`` has an entry in the test harness
(tests/harness/cases); a test fails when one is missing.
"""
from .activations import LeakyReLU, ReLU, Sigmoid, Softmax, Tanh
from .batchnorm import BatchNormalization
from .dense import Dense
from .dropout import Dropout
from .layer import Layer

__all__ = ["Layer", "Dense", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Softmax",
           "Dropout", "BatchNormalization"]
