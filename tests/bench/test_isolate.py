"""The fair-timing mechanism (bench/isolate.py, memory.py): processes, order, kernels; no timings."""
import os
import sys

import numpy as np
import pytest

from dlspec import bench
from dlspec.bench.isolate import Worker, measure_pair
from dlspec.bench.memory import rss_peak, traced_peak


class FakeWorker:
    def __init__(self, side, log):
        self.side, self.log = side, log

    def ask(self, *message):
        self.log.append((self.side, message))
        return (0.001, 0.002)                       # wall and CPU seconds per call


def test_samples_alternate_so_that_load_bursts_hit_both_sides():
    calls, order = [], []
    workers = {"dlspec": FakeWorker("dlspec", calls), "reference": FakeWorker("reference", calls)}
    timings = measure_pair(workers, {"dlspec": 3, "reference": 5}, repeats=4, settle=0, log=order)
    assert order == ["dlspec", "reference", "reference", "dlspec"] * 2
    assert all(message == ("sample",) for _, message in calls)
    assert timings["dlspec"].samples == 4 and timings["reference"].number == 5
    assert timings["dlspec"].median == 0.001 and timings["dlspec"].cpu_median == 0.002


def test_each_side_runs_in_its_own_process_and_reports_its_kernels():
    torch = pytest.importorskip("torch")
    report = bench.run(["planar-step"], repeats=2, quick=True, isolate=True, settle=0, threads=1)
    k = report["kernels"]
    assert report["isolated"] and report["threads"] == 1
    pids = {k["dlspec"]["pid"], k["reference"]["pid"]}
    assert len(pids) == 2 and os.getpid() not in pids
    assert k["dlspec"]["torch_imported"] is False           # its threads cannot meet torch's
    assert k["reference"]["torch"]["version"] == torch.__version__
    assert k["reference"]["torch"]["threads"] == 1
    assert {"mkl", "onednn", "cpu_capability", "blas"} <= set(k["reference"]["torch"])
    assert all(lib["num_threads"] == 1 for lib in k["dlspec"]["blas"])
    assert k["reference"]["malloc"] == k["dlspec"]["malloc"]         # the same allocator
    assert report["sample_order"]["planar-step"] == ["dlspec", "reference", "reference", "dlspec"]
    (r,) = report["results"]
    assert r["ratio"] > 0 and r["cpu_ratio"] > 0 and r["dlspec"]["cpu_median_s"] > 0
    assert "cpu ratio" in bench.format_table(report)
    text = bench.format_machine(report)
    assert "PyTorch   BLAS" in text and "own process" in text


def test_isolated_run_without_torch_times_dlspec_alone():
    report = bench.run(["planar-step"], repeats=1, quick=True, isolate=True, settle=0,
                       use_torch=False)
    (r,) = report["results"]
    assert r["dlspec"]["median_s"] > 0 and r["reference"] is None


def test_a_failure_in_a_worker_comes_back_with_its_traceback():
    w = Worker("dlspec", use_torch=False, quick=True)
    try:
        with pytest.raises(RuntimeError, match="unknown benchmark 'nope'"):
            w.ask("build", "nope", 0, 0)
        assert w.ask("info")["side"] == "dlspec"          # still serving after the error
    finally:
        w.close()
    assert not w.proc.is_alive()


def test_memory_measures_see_a_50_mb_array():
    n = 50 * 2 ** 20 // 8
    rss = rss_peak(lambda: np.ones(n))
    if rss is None:
        pytest.skip("no /proc/self/clear_refs here")
    assert rss >= 45 * 2 ** 20
    assert traced_peak(lambda: np.ones(n)) >= 50 * 2 ** 20


def test_the_reference_can_run_with_glibcs_malloc():
    report = bench.run(["planar-step"], repeats=1, quick=True, isolate=True, settle=0,
                       use_torch=False, reference_malloc="glibc")
    assert "DLSPEC_MALLOC_TUNING=0" in report["kernels"]["reference"]["malloc"]
    if sys.platform.startswith("linux"):   # the dlspec worker opts in (import dlspec alone does not)
        assert "for reuse" in report["kernels"]["dlspec"]["malloc"]
    assert "glibc's default malloc" in bench.format_machine(report)
    with pytest.raises(ValueError, match="reference_malloc must be"):
        bench.run(["planar-step"], isolate=True, reference_malloc="jemalloc")
