"""Course 1 week 3 and course 5 week 1 numbers replayed through dlspec (issue 16, item 8)."""
import numpy as np
import pytest

from dlspec.experiments import course_replays_c5 as replays
from dlspec.data import planar_flower


@pytest.mark.parametrize("replay", replays.REPLAYS, ids=lambda f: f.__name__)
def test_replayed_number_equals_the_course(replay):
    for key, ours in replay().items():
        if isinstance(ours, str):                  # the sampled name
            assert ours == replays.REFERENCE[key], key
            continue
        # 1e-8 absolute unless the course printed fewer digits (PRINTED_PRECISION says why).
        tolerance = replays.PRINTED_PRECISION.get(key, 1e-8)
        assert ours == pytest.approx(replays.REFERENCE[key], abs=tolerance, rel=0), key


def test_our_own_values_are_pinned():
    # Where the course printed 6 digits, ours are pinned to 1e-8 too, so a change shows.
    ours = replays.c1w3_planar()
    assert ours["course_c1w3_cost_after_9000"] == pytest.approx(0.2186182129402507, abs=1e-8)   # dlspec.course
    assert ours["course_c1w3_logistic_regression_accuracy"] == 0.47


def test_every_reference_is_replayed_and_shown():
    from dlspec.experiments import get
    replayed = set().union(*(replay() for replay in replays.REPLAYS))
    assert replayed == set(replays.REFERENCE)
    shown = set()
    for name in ("c1-planar", "c5-gradients", "c5-dinosaurs"):
        shown |= set(get(name).reference) & set(replays.REFERENCE)
    assert shown == set(replays.REFERENCE)
    assert "0.218558 to 0.218613" in get("c1-planar").notes["course_c1w3_cost_after_9000"]


def test_the_course_code_itself_lands_where_the_note_says():
    # The course's nn_model in plain NumPy (its operation order): 0.218550 on our machine.
    X, Y = replays.course_planar_dataset()
    X, Y = X.T, Y[None].astype(float)
    state = np.random.RandomState(2)
    W1, b1, W2, b2 = state.randn(4, 2) * 0.01, np.zeros((4, 1)), state.randn(1, 4) * 0.01, np.zeros((1, 1))
    for _ in range(9001):
        A1 = np.tanh(W1 @ X + b1)
        A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
        cost = -np.sum(np.log(A2) * Y + np.log(1 - A2) * (1 - Y)) / 400
        dZ2 = A2 - Y
        dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)
        W2, b2 = W2 - 1.2 * dZ2 @ A1.T / 400, b2 - 1.2 * dZ2.sum(axis=1, keepdims=True) / 400
        W1, b1 = W1 - 1.2 * dZ1 @ X.T / 400, b1 - 1.2 * dZ1.sum(axis=1, keepdims=True) / 400
    assert abs(cost - 0.218607) < 1e-4        # where every machine lands, as dlspec.course (0.218618)


def test_the_course_flower_is_dlspecs_flower_with_the_legacy_stream():
    X, Y = replays.course_planar_dataset()
    assert X.shape == (400, 2) and Y.sum() == 200
    ours, _ = planar_flower(400, seed=1)       # same construction, another random stream
    assert not np.allclose(X, ours) and np.abs(X).max() < 4.8
