"""dlspec._malloc_env: when import dlspec tunes glibc's malloc, and when it leaves it alone."""
import sys

import dlspec
from dlspec import _malloc_env


def test_import_dlspec_recorded_its_decision():
    assert isinstance(_malloc_env.DECISION, str) and _malloc_env.DECISION
    if sys.platform.startswith("linux"):
        assert "for reuse" in _malloc_env.DECISION or "left alone" in _malloc_env.DECISION \
            or "=0" in _malloc_env.DECISION


def test_opt_out_and_user_settings_are_respected():
    assert "DLSPEC_MALLOC_TUNING=0" in _malloc_env.tune_malloc({"DLSPEC_MALLOC_TUNING": "0"})
    decision = _malloc_env.tune_malloc({"MALLOC_MMAP_THRESHOLD_": "65536"})
    assert "MALLOC_MMAP_THRESHOLD_ set by the user" in decision
    assert "not Linux" in _malloc_env.tune_malloc({}, platform="darwin")


def test_the_bench_report_names_the_malloc_setting():
    from dlspec.bench.hardware import machine_info
    assert machine_info()["malloc"] == _malloc_env.DECISION
    assert dlspec.__version__
