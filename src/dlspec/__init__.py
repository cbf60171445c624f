"""dlspec: the Deep Learning Specialization as working software.

>>> import dlspec
>>> from dlspec.nn import Dense, Tanh, Sigmoid
>>> model = dlspec.Sequential([Dense(4), Tanh(), Dense(1), Sigmoid()], seed=1)
"""
# First, before any submodule imports NumPy: OpenBLAS reads its kernel choice at load time.
from . import _blas_env

_blas_env.DECISION = _blas_env.select_openblas_coretype()

# Then malloc: keep freed array memory for the next step (why: _malloc_env's docstring).
from . import _malloc_env  # noqa: E402

_malloc_env.DECISION = _malloc_env.tune_malloc()

from . import nn  # noqa: E402
from .nn.node import Input
from .gradcheck import gradcheck_layer, gradcheck_model
from .io import load_model, save_model
from .losses import (BinaryCrossentropy, BinaryCrossEntropyWithLogits, CategoricalCrossentropy, MeanSquaredError,
                     SoftmaxCrossEntropy, SparseCategoricalCrossentropy)
from .models import Model, Sequential, deep_network, logistic_regression, shallow_network
from .optim import Adam, GradientDescent, Momentum, RMSprop

__version__ = "0.1.0"

__all__ = ["nn", "Input", "Model", "Sequential", "logistic_regression", "shallow_network", "deep_network",
           "GradientDescent", "Momentum", "RMSprop", "Adam", "BinaryCrossentropy", "BinaryCrossEntropyWithLogits",
           "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
           "SoftmaxCrossEntropy", "MeanSquaredError", "gradcheck_layer", "gradcheck_model",
           "save_model", "load_model"]
