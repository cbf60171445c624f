"""dlspec: the Deep Learning Specialization as working software.

>>> import dlspec
>>> from dlspec.nn import Dense, Tanh, Sigmoid
>>> model = dlspec.Sequential([Dense(4), Tanh(), Dense(1), Sigmoid()], seed=1)
"""
# NOTE: importing dlspec changes nothing in the host process (no malloc tuning, no
# environment variable): the dlspec command and the benchmark workers call tune_process.
from . import nn
from . import ops
from .autodiff import GradientTape, Tensor, Variable
from .nn.node import Input
from .gradcheck import gradcheck_layer, gradcheck_model
from .io import load_model, save_model
from .losses import (BinaryCrossentropy, BinaryCrossEntropyWithLogits, CategoricalCrossentropy, MeanSquaredError,
                     SoftmaxCrossEntropy, SparseCategoricalCrossentropy)
from .models import Model, Sequential, deep_network, logistic_regression, shallow_network
from .optim import Adam, GradientDescent, Momentum, RMSprop
from .process import tune_process

__version__ = "0.1.0"

__all__ = ["nn", "ops", "GradientTape", "Variable", "Tensor", "Input", "Model", "Sequential", "logistic_regression", "shallow_network", "deep_network",
           "GradientDescent", "Momentum", "RMSprop", "Adam", "BinaryCrossentropy", "BinaryCrossEntropyWithLogits",
           "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
           "SoftmaxCrossEntropy", "MeanSquaredError", "gradcheck_layer", "gradcheck_model",
           "save_model", "load_model", "tune_process"]
