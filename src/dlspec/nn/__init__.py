"""Layers: thin state holders around ``dlspec.functional``.

Every public layer listed in ``__all__`` has an entry in the test harness
(tests/harness/cases); a test fails when one is missing.
"""
from .activations import LeakyReLU, ReLU, Sigmoid, Softmax, Tanh
from .batchnorm import BatchNormalization
from .dense import Dense
from .dropout import Dropout
from .embedding import Embedding
from .gru import GRU
from .layer import Layer
from .lstm import LSTM
from .rnn import SimpleRNN
from .time_distributed import TimeDistributed

__all__ = ["Layer", "Dense", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Softmax",
           "Dropout", "BatchNormalization",
           "SimpleRNN", "LSTM", "GRU", "Embedding", "TimeDistributed"]
