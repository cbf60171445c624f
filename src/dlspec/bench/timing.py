"""Timing: warm-up, repeated samples, median and spread; paired runs interleave their samples.

A benchmark's time is the median of several samples, each the mean over ``number``
calls, where ``number`` is chosen so that one sample lasts at least ``sample_time``
seconds (so a 50-microsecond step is not lost in timer resolution). When dlspec and
its reference are timed together their samples alternate, so that a burst of load
from other processes on a shared machine hits both sides alike.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass


@dataclass
class Timing:
    """Seconds per call: median and the quartiles of the samples."""

    median: float
    q1: float
    q3: float
    samples: int
    number: int
    best: float = 0.0    # the fastest sample
    cpu_median: float | None = None   # CPU seconds per call, all threads (isolated runs)

    @property
    def spread(self) -> float:
        """Interquartile range relative to the median (0.05 means +-2.5%)."""
        return (self.q3 - self.q1) / self.median if self.median > 0 else 0.0

    def as_dict(self) -> dict:
        return {"median_s": self.median, "q1_s": self.q1, "q3_s": self.q3, "best_s": self.best,
                "spread": self.spread, "samples": self.samples, "calls_per_sample": self.number,
                "cpu_median_s": self.cpu_median}


def calls_per_sample(fn, sample_time: float) -> int:
    """How many calls make a sample of at least ``sample_time`` seconds (after one call)."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= sample_time or number >= 1 << 20:
            return number
        # Aim a little above the target so that the next try usually suffices.
        number = max(number * 2, int(number * 1.2 * sample_time / max(elapsed, 1e-9)))


def _sample(fn, number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def _summary(samples, number) -> Timing:
    if len(samples) >= 4:
        q1, _, q3 = statistics.quantiles(samples, n=4)
    else:
        q1, q3 = min(samples), max(samples)
    return Timing(statistics.median(samples), q1, q3, len(samples), number, min(samples))


def measure(*fns, repeats: int = 7, warmup: int = 2, sample_time: float = 0.05):
    """Time each callable in ``fns``; returns one Timing per callable.

    Parameters
    ----------
    fns : callables without arguments (a training step, an inference...).
    repeats : samples per callable; their median is the result.
    warmup : calls before timing (first-call allocations, lazy builds, caches).
    sample_time : minimum seconds per sample.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1; got {repeats!r}.")
    for fn in fns:
        for _ in range(warmup):
            fn()
    numbers = [calls_per_sample(fn, sample_time) for fn in fns]
    samples = [[] for _ in fns]
    for _ in range(repeats):
        for fn, number, out in zip(fns, numbers, samples):
            out.append(_sample(fn, number))
    return [_summary(s, n) for s, n in zip(samples, numbers)]
