"""The tour's log when output is not a terminal, and --quiet (issue 16, item 7)."""
import os
import subprocess
import sys
from pathlib import Path

import dlspec

ENV = {**os.environ, "PYTHONPATH": str(Path(dlspec.__file__).parents[1])}


def _dlspec(*args):
    return subprocess.run([sys.executable, "-m", "dlspec", *map(str, args)], capture_output=True,
                          text=True, env=ENV)


def test_a_piped_tour_log_has_no_cursor_codes(tmp_path):
    done = _dlspec("tour", "--only", "c2-gradcheck,c4-conv-step", "--out", tmp_path / "t")
    assert done.returncode == 0, done.stderr
    log = done.stdout + done.stderr
    assert "\x1b" not in log and "\r" not in log
    assert "ok      c2-gradcheck" in log
    # One line per experiment: c4-conv-step's check lines go to conv_step.txt, not the log...
    assert "zero_pad" not in log and "conv_single_step" not in log
    assert "conv_single_step" in (tmp_path / "t" / "c4-conv-step" / "conv_step.txt").read_text()
    # ... and to the screen when it runs on its own.
    alone = _dlspec("run", "c4-conv-step", "--out", tmp_path / "r")
    assert alone.returncode == 0 and "conv_single_step: Z = -6.99908945068" in alone.stdout


def test_c4_conv_step_prints_nothing_with_quiet(tmp_path):
    done = _dlspec("tour", "--only", "c4-conv-step", "--quiet", "--out", tmp_path / "t")
    assert done.returncode == 0, done.stderr
    assert "zero_pad" not in done.stdout + done.stderr and "conv_forward" not in done.stdout
