"""Learning-rate schedules: the course's formulas, and the callback that applies them."""
import math

import numpy as np
import pytest

from dlspec.data import moons
from dlspec.models import deep_network
from dlspec.optim import GradientDescent
from dlspec.schedules import (ExponentialDecay, InverseSqrtDecay, InverseTimeDecay,
                              LearningRateScheduler, StaircaseDecay)


def test_inverse_time_decay():
    assert [InverseTimeDecay(0.5)(e, 0.2) for e in range(3)] == [0.2, 0.2 / 1.5, 0.1]


def test_staircase_decay_is_the_courses_schedule_lr_decay():
    s = StaircaseDecay(decay_rate=1, time_interval=1000)
    # the course: learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))
    assert s(0, 0.5) == 0.5 and s(999, 0.5) == 0.5 and s(1000, 0.5) == 0.25 and s(2500, 0.5) == 0.5 / 3
    assert StaircaseDecay(0.3, 100)(10, 0.5) == 0.5   # the course's test value
    assert math.isclose(StaircaseDecay(0.3, 100)(100, 0.5), 0.5 / 1.3)


def test_exponential_and_inverse_sqrt_decay():
    assert math.isclose(ExponentialDecay(0.95)(10, 0.1), 0.95 ** 10 * 0.1)
    assert InverseSqrtDecay(2.0)(0, 0.1) == 0.2
    assert math.isclose(InverseSqrtDecay(2.0)(3, 0.1), 2.0 / 2 * 0.1)


@pytest.mark.parametrize("make, match", [
    (lambda: InverseTimeDecay(-1), "decay_rate must be a number >= 0"),
    (lambda: StaircaseDecay(1, 0), "time_interval must be an integer"),
    (lambda: ExponentialDecay(1.5), r"0 < rate <= 1"),
    (lambda: InverseSqrtDecay(0), "k must be a number > 0"),
    (lambda: LearningRateScheduler(0.1), "schedule must be a Schedule or a function"),
])
def test_bad_schedules(make, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make()


def test_scheduler_sets_the_rate_before_each_epoch():
    X, Y = moons(64, seed=0)
    model = deep_network([2, 4, 1], seed=0).compile("binary_crossentropy", GradientDescent(0.4))
    scheduler = LearningRateScheduler(InverseTimeDecay(1.0))
    model.fit(X, Y, epochs=4, batch_size=16, callbacks=[scheduler], verbose=0)
    np.testing.assert_allclose(scheduler.rates, [0.4, 0.2, 0.4 / 3, 0.1])
    assert math.isclose(model.optimizer.learning_rate, 0.4 / 5)   # ready for a fifth epoch


def test_scheduler_rejects_a_non_positive_rate():
    X, Y = moons(32, seed=0)
    model = deep_network([2, 1], seed=0).compile("binary_crossentropy", GradientDescent(0.4))
    with pytest.raises(ValueError, match="finite rate > 0"):
        model.fit(X, Y, epochs=3, callbacks=[LearningRateScheduler(lambda e, lr0: lr0 * (1 - e))],
                  verbose=0)


def test_warmup_schedule_rises_then_decays_as_the_paper():
    import math
    import pytest
    from dlspec.schedules import WarmupSchedule
    s = WarmupSchedule(d_model=512, warmup_steps=4000)
    rates = [s(t) for t in range(0, 20000, 500)]
    peak = max(rates)
    assert rates.index(peak) == 4000 // 500 - 1 or abs(peak - 512 ** -0.5 * 4000 ** -0.5) < 1e-6
    assert s(0) == pytest.approx(512 ** -0.5 * 4000 ** -1.5)
    assert s(3999) == pytest.approx(512 ** -0.5 / math.sqrt(4000))
    assert s(15999) == pytest.approx(s(3999) / 2)               # 1/sqrt(step) after warm-up
    with pytest.raises(ValueError, match="warmup_steps"):
        WarmupSchedule(128, 0)
