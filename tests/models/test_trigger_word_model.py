"""The course's trigger-word model: Keras's parameter count, shapes, detection output."""
import numpy as np

from dlspec.audio.detection import chime_on_activate, detect_triggers, event_scores
from dlspec.models.trigger_word import keras_count_params, trigger_word_model


def test_parameter_count_as_keras_counts_it():
    model = trigger_word_model()                       # the course's (5511, 101) input
    assert keras_count_params(model) == 523329
    # dlspec keeps one (3H,) bias plus the candidate's recurrent bias per GRU; Keras keeps (2, 3H)
    assert model.count_params(include_state=True) == 523329 - 2 * 2 * 128
    assert model.count_params() == 523329 - 512 - 2 * (196 + 128 + 128)   # minus moving averages


def test_small_model_shapes_and_a_training_step():
    model = trigger_word_model((101, 33), filters=8, units=6, keep_prob=0.8)
    model.compile("binary_crossentropy", "adam")
    X = np.random.default_rng(0).standard_normal((4, 101, 33)).astype(np.float32)
    Y = np.zeros((4, 22, 1), np.float32)
    Y[:, 10:15] = 1
    history = model.fit(X, Y, epochs=3, verbose=0)
    P = model.predict(X)
    assert P.shape == (4, 22, 1) and P.dtype == np.float32 and ((P > 0) & (P < 1)).all()
    assert history["cost"][-1] < history["cost"][0]


def test_detect_triggers_with_refractory_period():
    p = np.zeros(300)
    p[100:150] = 0.9            # one word: fires once
    p[200:210] = 0.9            # 100 steps later: again
    assert detect_triggers(p, 0.5, refractory=75) == [100, 200]
    assert detect_triggers(p, 0.5, refractory=120) == [100]
    assert detect_triggers(p, 0.95) == []
    assert detect_triggers(p[:, None], 0.5) == [100, 200]


def test_chime_on_activate_mixes_at_the_firing_time():
    audio = np.zeros(8000, np.float32)
    p = np.zeros(100)
    p[50:60] = 0.8
    out = chime_on_activate(audio, p, 0.5, rate=8000, refractory=20)
    loud = np.flatnonzero(np.abs(out) > 1e-3)
    assert loud[0] >= 4000 and loud[0] < 4100 and audio.sum() == 0


def test_event_scores():
    scores = event_scores([[12, 80], [], [40]], [[10], [30], [35, 90]], tolerance=20)
    assert (scores["true_positives"], scores["false_positives"], scores["false_negatives"]) == (2, 1, 2)
    assert scores["precision"] == 2 / 3 and scores["recall"] == 0.5
