import subprocess
import sys

import pytest

from dlspec.cli import main


def test_list_shows_every_registered_experiment(capsys):
    from dlspec.experiments import all_experiments
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for exp in all_experiments():
        assert exp.name in out


def test_run_prints_the_table_and_writes_results(tmp_path, capsys):
    assert main(["run", "c1-planar", "--out", str(tmp_path), "--quiet", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "shallow_network_accuracy" in out and "course" in out
    assert (tmp_path / "c1-planar" / "metrics.json").exists()
    assert (tmp_path / "c1-planar" / "decision_boundaries.png").exists()


def test_unknown_experiment_lists_the_known_ones(capsys):
    assert main(["run", "c9-nothing"]) == 2
    err = capsys.readouterr().err
    assert "Unknown experiment 'c9-nothing'" in err and "c1-planar" in err


def test_bad_flag_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "c1-planar", "--size", "huge"])
    assert exc.value.code == 2
    assert "invalid choice: 'huge'" in capsys.readouterr().err


def test_python_dash_m_entry_point():
    import os
    from pathlib import Path

    import dlspec
    env = {**os.environ, "PYTHONPATH": str(Path(dlspec.__file__).parents[1])}
    out = subprocess.run([sys.executable, "-m", "dlspec", "--version"], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stdout.startswith("dlspec ")
