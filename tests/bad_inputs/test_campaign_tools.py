"""Campaign (issue 28): the course's tools: mini-batches, gradient checks, dates, faces, splits,
segmentation metrics, audio levels, tokenizing, hyperparameter search."""
import numpy as np

from dlspec.applications.faces import face_encoder, triplet_loss, verify
from dlspec.audio.signal import dbfs, match_target_amplitude, stft_power
from dlspec.data.batches import random_mini_batches
from dlspec.data.dates import human_dates, load_dates
from dlspec.gradcheck import gradcheck_layer
from dlspec.nn import Dense
from dlspec.project.selection import select_model
from dlspec.project.splits import train_dev_test_split
from dlspec.schedules import WarmupSchedule
from dlspec.segmentation.metrics import mean_iou
from dlspec.text.tokenize import sentences
from dlspec.tune.search import tune
from dlspec.tune.space import parse_space

from campaign import cases, clean_error

X, Y = np.ones((4, 2)), np.array([0, 1, 0, 1])
G = np.random.default_rng(0)
E3 = (np.ones((2, 3)),) * 3
MASK = np.array([[0, 1], [1, 1]])


def _verify(threshold=0.7, enrolled=4):
    encoder = face_encoder((8, 8, 1), embedding_size=4)
    return verify(np.zeros((1, 8, 8, 1)), "a", {"a": np.zeros(enrolled)}, encoder, threshold=threshold)


TOOLS = cases(
    ("mini-batches-short-y", lambda: random_mini_batches(X, Y[:3], 2, G), r"one row of Y per row of X"),
    ("mini-batches-rng-int", lambda: random_mini_batches(X, Y, 2, 3), r"rng.*Generator"),
    ("mini-batches-size-0", lambda: random_mini_batches(X, Y, 0, G), r"batch_size"),
    ("gradcheck-epsilon-0", lambda: gradcheck_layer(Dense(2), np.ones((2, 3)), G, epsilon=0), r"epsilon"),
    ("gradcheck-epsilon-nan", lambda: gradcheck_layer(Dense(2), np.ones((2, 3)), G, epsilon=float("nan")), r"epsilon"),
    ("gradcheck-threshold-neg", lambda: gradcheck_layer(Dense(2), np.ones((2, 3)), G, threshold=-1), r"threshold"),
    ("verify-threshold-nan", lambda: _verify(threshold=float("nan")), r"threshold"),
    ("verify-enrolled-other-size", lambda: _verify(enrolled=5), r"database\['a'\].*\(5,\).*\(4,\)"),
    ("load-dates-float", lambda: load_dates(10.5, 10, 10), r"n_train"),
    ("load-dates-tx-0", lambda: load_dates(10, 10, 10, Tx=0), r"Tx"),
    ("human-dates-negative", lambda: human_dates(-3), r"human_dates\(m\)"),
    ("triplet-alpha-negative", lambda: triplet_loss(E3, alpha=-1), r"alpha"),
    ("triplet-alpha-nan", lambda: triplet_loss(E3, alpha=float("nan")), r"alpha"),
    ("triplet-two-encodings", lambda: triplet_loss(E3[:2]), r"anchor, positive, negative"),
    ("split-ratios-sum", lambda: train_dev_test_split(X, Y, ratios=(0.5, 0.6, 0.1)), r"ratios.*sum to 1"),
    ("select-unknown-metric", lambda: select_model({"a": {"acc": 0.9}}, "f1"), r"f1"),
    ("space-empty", lambda: parse_space(""), r"empty"),
    ("warmup-steps-0", lambda: WarmupSchedule(64, warmup_steps=0), r"warmup_steps"),
    ("mean-iou-nan-mask", lambda: mean_iou(MASK, np.array([[0, np.nan], [1, 1]]), 2), r"predicted masks.*integer"),
    ("mean-iou-fractional-mask", lambda: mean_iou(MASK, MASK * 0.5, 2), r"predicted masks.*integer"),
    ("stft-nan-samples", lambda: stft_power(np.full(100, np.nan), nfft=10, noverlap=5), r"NaN"),
    ("dbfs-no-samples", lambda: dbfs(np.zeros(0)), r"dbfs.*no samples"),
    ("match-amplitude-nan", lambda: match_target_amplitude(np.full(10, 0.1), float("nan")), r"target_dBFS"),
    ("match-amplitude-positive", lambda: match_target_amplitude(np.full(10, 0.1), 20), r"target_dBFS"),
    ("sentences-min-length-neg", lambda: sentences("a b c. d e", min_length=-1), r"min_length"),
    ("tune-stages-0", lambda: tune(lambda c: {"acc": 1.0}, parse_space("x=uniform:0:1"), trials=2,
                                   objective="acc", sampler="coarse-to-fine", stages=0), r"stages"),
    ("tune-mode-typo", lambda: tune(lambda c: {"acc": 1.0}, parse_space("x=uniform:0:1"), trials=2,
                                    objective="acc", mode="maximum"), r"mode"),
    ("tune-sampler-typo", lambda: tune(lambda c: {"acc": 1.0}, parse_space("x=uniform:0:1"), sampler="bayes",
                                       objective="acc"), r"sampler.*bayes"),
)


@TOOLS
def test_tools(thunk, match):
    clean_error(thunk, match)
