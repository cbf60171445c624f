"""dlspec._malloc_env: when import dlspec tunes glibc's malloc, and when it leaves it alone."""
import subprocess
import sys

import pytest

import dlspec
from dlspec import _malloc_env


# Freed 64 MB: glibc's default gives it back (mapped on its own, above the 32 MB maximum
# threshold); tuned, the heap keeps it for the next step. Resident memory shows which.
FREED = """
import sys, numpy as np
sys.path[:0] = {path!r}
import dlspec
{tune}
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2 ** 20
a = np.ones(8_000_000); before = rss_mb(); del a
print(round(before - rss_mb()))
"""


def _given_back_mb(tune):
    code = FREED.format(path=sys.path, tune=tune)
    env = {"PATH": "", "HOME": "/tmp"}
    return int(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc, /proc")
def test_import_leaves_malloc_alone_and_tune_process_opts_in():
    assert _given_back_mb("") > 50                              # import dlspec: glibc's default
    assert _given_back_mb("print(dlspec.tune_process(blas=False), file=sys.stderr)") < 10
    assert "import dlspec leaves it alone" in _malloc_env.DECISION or "for reuse" in _malloc_env.DECISION


def test_the_command_line_opts_in():
    code = ("import sys; sys.argv = ['dlspec', 'list']; from dlspec.cli import main; main(); "
            "from dlspec import _malloc_env; print(_malloc_env.DECISION)")
    env = {"PATH": "", "HOME": "/tmp", "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    if sys.platform.startswith("linux"):
        assert "for reuse" in out.stdout.splitlines()[-1]


def test_opt_out_and_user_settings_are_respected():
    assert "DLSPEC_MALLOC_TUNING=0" in _malloc_env.tune_malloc({"DLSPEC_MALLOC_TUNING": "0"})
    decision = _malloc_env.tune_malloc({"MALLOC_MMAP_THRESHOLD_": "65536"})
    assert "MALLOC_MMAP_THRESHOLD_ set by the user" in decision
    assert "not Linux" in _malloc_env.tune_malloc({}, platform="darwin")


def test_the_bench_report_names_the_malloc_setting():
    from dlspec.bench.hardware import machine_info
    assert machine_info()["malloc"] == _malloc_env.DECISION
    assert dlspec.__version__
