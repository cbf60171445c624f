"""Campaign (issue 28): the course's tools: mini-batches, gradient checks, dates, faces, splits."""
import numpy as np

from dlspec.applications.faces import face_encoder, triplet_loss, verify
from dlspec.data.batches import random_mini_batches
from dlspec.data.dates import human_dates, load_dates
from dlspec.gradcheck import gradcheck_layer
from dlspec.nn import Dense
from dlspec.project.selection import select_model
from dlspec.project.splits import train_dev_test_split
from dlspec.schedules import WarmupSchedule
from dlspec.tune.space import parse_space

from campaign import cases, clean_error

X, Y = np.ones((4, 2)), np.array([0, 1, 0, 1])
G = np.random.default_rng(0)
E3 = (np.ones((2, 3)),) * 3


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
)


@TOOLS
def test_tools(thunk, match):
    clean_error(thunk, match)
