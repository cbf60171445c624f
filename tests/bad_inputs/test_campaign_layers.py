"""Campaign (issue 28): layer constructors, optimizers, callbacks, metrics, saving and loading."""
import numpy as np

import dlspec
from dlspec import Sequential
from dlspec.callbacks import EarlyStopping
from dlspec.metrics import accuracy, confusion_matrix, f1_score, fbeta_score, precision_recall_fscore
from dlspec.nn import (LSTM, GRU, AvgPool2D, BatchNormalization, Conv2D, Dense, LayerNormalization,
                       LeakyReLU, MaxPool2D, MultiHeadAttention, RepeatVector, SimpleRNN, UpSampling2D)
from dlspec.optim import Adam, GradientDescent, Momentum, RMSprop

from campaign import cases, clean_error

Y_TRUE, Y_PRED = np.array([0, 1, 1, 0]), np.array([0, 1, 0, 0])

LAYERS = cases(
    ("dense-units-0", lambda: Dense(0), r"units"),
    ("dense-units-float", lambda: Dense(2.5), r"units"),
    ("dense-activation-typo", lambda: Dense(2, activation="rleu"), r"rleu"),
    ("dense-init-typo", lambda: Dense(2, init="hee"), r"hee"),
    ("dense-use-bias-str", lambda: Dense(2, use_bias="no"), r"use_bias"),
    ("dense-l2-negative", lambda: Dense(2, l2=-1.0), r"l2"),
    ("conv-filters-0", lambda: Conv2D(0, 3), r"filters"),
    ("conv-kernel-0", lambda: Conv2D(4, 0), r"kernel_size"),
    ("conv-strides-0", lambda: Conv2D(4, 3, strides=0), r"strides"),
    ("conv-padding-typo", lambda: Conv2D(4, 3, padding="sam"), r"padding"),
    ("maxpool-size-0", lambda: MaxPool2D(0), r"pool_size"),
    ("avgpool-strides-neg", lambda: AvgPool2D(2, strides=-1), r"strides"),
    ("upsampling-size-0", lambda: UpSampling2D(0), r"size"),
    ("upsampling-interp-typo", lambda: UpSampling2D(2, interpolation="cubic"), r"interpolation"),
    ("lstm-units-0", lambda: LSTM(0), r"units"),
    ("gru-units-str", lambda: GRU("8"), r"units"),
    ("rnn-return-sequences-str", lambda: SimpleRNN(4, return_sequences="yes"), r"return_sequences"),
    ("batchnorm-momentum-2", lambda: BatchNormalization(momentum=2.0), r"momentum"),
    ("batchnorm-epsilon-0", lambda: BatchNormalization(epsilon=0), r"epsilon"),
    ("layernorm-epsilon-neg", lambda: LayerNormalization(epsilon=-1e-6), r"epsilon"),
    ("leaky-alpha-nan", lambda: LeakyReLU(alpha=float("nan")), r"alpha"),
    ("repeat-n-0", lambda: RepeatVector(0), r"\bn\b|RepeatVector"),
    ("mha-heads-0", lambda: MultiHeadAttention(0, 4), r"num_heads"),
    ("mha-key-dim-0", lambda: MultiHeadAttention(2, 0), r"key_dim"),
)


@LAYERS
def test_layers(thunk, match):
    clean_error(thunk, match)


def compiled():
    return Sequential([Dense(2)], seed=0).compile("softmax_crossentropy")


OTHERS = cases(
    ("gd-lr-0", lambda: GradientDescent(0), r"learning_rate"),
    ("gd-lr-nan", lambda: GradientDescent(float("nan")), r"learning_rate"),
    ("gd-lr-inf", lambda: GradientDescent(float("inf")), r"learning_rate"),
    ("momentum-beta-1", lambda: Momentum(beta=1.0), r"beta"),
    ("rmsprop-epsilon-0", lambda: RMSprop(epsilon=0), r"epsilon"),
    ("adam-beta2-neg", lambda: Adam(beta2=-0.1), r"beta2"),
    ("adam-beta1-str", lambda: Adam(beta1="0.9"), r"beta1"),
    ("adam-clipnorm-0", lambda: Adam(clipnorm=0), r"clipnorm"),
    ("adam-clipvalue-neg", lambda: Adam(clipvalue=-1), r"clipvalue"),
    ("earlystop-patience-neg", lambda: EarlyStopping(patience=-1), r"patience"),
    ("earlystop-mode-typo", lambda: EarlyStopping(mode="maximum"), r"mode"),
    ("earlystop-min-delta-nan", lambda: EarlyStopping(min_delta=float("nan")), r"min_delta"),
    ("earlystop-monitor-int", lambda: EarlyStopping(monitor=3), r"monitor"),
    ("accuracy-lengths", lambda: accuracy(Y_TRUE, Y_PRED[:3]), r"same|length|4.*3"),
    ("accuracy-empty", lambda: accuracy(np.array([]), np.array([])), r"empty|no examples"),
    ("confusion-labels-empty", lambda: confusion_matrix(Y_TRUE, Y_PRED, labels=[]), r"labels"),
    ("f1-average-typo", lambda: f1_score(Y_TRUE, Y_PRED, average="macro-avg"), r"average"),
    ("fbeta-beta-0", lambda: fbeta_score(Y_TRUE, Y_PRED, beta=0), r"beta"),
    ("fbeta-beta-nan", lambda: fbeta_score(Y_TRUE, Y_PRED, beta=float("nan")), r"beta"),
    ("prf-nan-labels", lambda: precision_recall_fscore(np.array([0, np.nan]), np.array([0, 1])), r"NaN"),
    ("save-to-folder", lambda: compiled().save("/"), r"/"),
    ("load-missing", lambda: dlspec.load_model("/nonexistent/model.npz"), r"/nonexistent/model.npz"),
    ("load-a-text-file", lambda: dlspec.load_model(__file__), r"test_campaign_layers.py"),
)


@OTHERS
def test_others(thunk, match):
    clean_error(thunk, match)
