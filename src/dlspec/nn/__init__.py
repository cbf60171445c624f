"""Layers: thin state holders around ``dlspec.functional``.

Every public layer listed in ``__all__`` has an entry in the test harness
(tests/harness/cases); a test fails when one is missing.
"""
from .attention import MultiHeadAttention
from .activations import Activation, LeakyReLU, ReLU, ReLU6, Sigmoid, Softmax, Tanh
from .batchnorm import TORCH_BATCHNORM, BatchNormalization
from .bidirectional import Bidirectional
from .conv import Conv2D
from .conv1d import Conv1D
from .conv_transpose import Conv2DTranspose
from .dense import Dense
from .depthwise import DepthwiseConv2D
from .dot import Dot
from .dropout import Dropout
from .embedding import Embedding
from .gru import GRU
from .layer import Layer
from .layernorm import LayerNormalization
from .node import Input  # noqa: F401  (also dlspec.Input; not a layer class)
from .lstm import LSTM
from .merge import Add, Concatenate, Merge, Multiply, add, concatenate, multiply
from .normalize import L2Normalize
from .lambda_layer import Lambda
from .op import Op
from .pooling import (AveragePooling2D, AvgPool2D, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPool2D,
                      MaxPooling2D)
from .repeat import RepeatVector
from .reshape import Flatten, Permute, Reshape, ZeroPadding2D
from .rnn import SimpleRNN
from .slice import Slice
from .time_distributed import TimeDistributed
from .transformer import DecoderLayer, EncoderLayer
from .upsampling import UpSampling2D

__all__ = ["Layer", "Dense", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Softmax",
           "Dropout", "BatchNormalization",
           "ReLU6", "Conv2D", "DepthwiseConv2D", "MaxPool2D", "AvgPool2D", "GlobalAveragePooling2D",
           "ZeroPadding2D", "Flatten", "Add", "Concatenate",
           "SimpleRNN", "LSTM", "GRU", "Embedding", "TimeDistributed", "Bidirectional",
           "RepeatVector", "Reshape", "Permute", "Multiply", "Dot", "Slice",
           "LayerNormalization", "MultiHeadAttention", "EncoderLayer", "DecoderLayer",
           "Conv2DTranspose", "UpSampling2D", "Conv1D"]
__all__ += ["L2Normalize"]             # course 4: the face encoder
__all__ += ["Op", "Lambda"]                      # tensor ops (x + y, dlspec.ops.matmul) recorded as calls
# Keras's names (issue 24): the same classes under Keras's spellings and new layers. The
# functional forms of the merge layers (add, concatenate, multiply) are imported above but
# left out of __all__, which lists layer classes only.
__all__ += ["MaxPooling2D", "AveragePooling2D", "GlobalMaxPooling2D", "Activation"]
