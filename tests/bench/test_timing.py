import pytest

from dlspec.bench.timing import Timing, calls_per_sample, measure


def test_measure_returns_one_timing_per_callable_with_ordered_quartiles():
    calls = {"a": 0, "b": 0}

    def a():
        calls["a"] += 1

    def b():
        calls["b"] += 1
        sum(range(2000))

    ta, tb = measure(a, b, repeats=5, warmup=1, sample_time=0.001)
    assert ta.samples == tb.samples == 5
    for t in (ta, tb):
        assert 0 < t.q1 <= t.median <= t.q3
    assert tb.median > ta.median        # the slower callable is measured as slower
    assert calls["a"] >= 1 + ta.number * 5


def test_calls_per_sample_grows_until_a_sample_lasts_long_enough():
    assert calls_per_sample(lambda: None, 0.002) > 10
    assert calls_per_sample(lambda: sum(range(10)), 0.0) == 1


def test_spread_and_dict():
    t = Timing(median=2.0, q1=1.9, q3=2.1, samples=4, number=3)
    assert t.spread == pytest.approx(0.1)
    assert t.as_dict()["calls_per_sample"] == 3


def test_repeats_must_be_positive():
    with pytest.raises(ValueError, match="repeats must be >= 1"):
        measure(lambda: None, repeats=0)
