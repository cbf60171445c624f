"""The course's exact numbers, replayed through dlspec on the assignments' seeded inputs (issue 16, item 8)."""
import pytest

from dlspec.experiments import course_replays as replays

REPLAYS = [replays.c1w4_compute_cost, replays.c2w1_l2_cost, replays.c2w1_gradcheck,
           replays.c2w2_learning_rate_decay, replays.c4w1_conv_forward]


@pytest.mark.parametrize("replay", REPLAYS, ids=lambda f: f.__name__)
def test_replayed_number_equals_the_course(replay):
    for key, ours in replay().items():
        # 1e-8 absolute: the fixed gradient check (1.19e-07) is central-difference roundoff,
        # ours 1.1911e-07 vs the course's 1.1891e-07; every other number agrees to ~1e-15.
        assert ours == pytest.approx(replays.REFERENCE[key], abs=1e-8, rel=0), key


def test_every_reference_is_replayed():
    replayed = set().union(*(replay() for replay in REPLAYS))
    assert replayed == set(replays.REFERENCE)


def test_the_experiments_show_them_beside_the_course():
    from dlspec.experiments import get
    shown = set()
    for name in ("c1-deep", "c2-regularization", "c2-gradcheck", "c2-optimizers", "c4-conv-step"):
        shown |= set(get(name).reference) & set(replays.REFERENCE)
    assert shown == set(replays.REFERENCE)
