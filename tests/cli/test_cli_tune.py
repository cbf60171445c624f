"""``dlspec tune``: the table, the plots, the store, --resume and the errors."""
import json
import sqlite3

import pytest

from dlspec.cli import main

SPACE = "learning_rate=log:1e-2:10,hidden_units=int:3:6,iterations=150"


def run(tmp_path, *extra):
    return main(["tune", "c1-planar", "--space", SPACE, "--out", str(tmp_path), "--quiet", *extra])


def count(store):
    with sqlite3.connect(store) as db:
        return db.execute("SELECT COUNT(*) FROM trials").fetchone()[0]


def test_tune_prints_the_best_trials_and_writes_plots_store_and_best(tmp_path, capsys):
    assert run(tmp_path, "--trials", "3") == 0
    out = capsys.readouterr().out
    assert "maximize shallow_network_accuracy" in out and "rank  trial" in out
    assert "best configuration: learning_rate=" in out
    folder = tmp_path / "tune" / "c1-planar"
    assert (folder / "search.png").stat().st_size > 1000
    best = json.loads((folder / "best.json").read_text())
    assert best["trials_ok"] == 3 and best["best"]["status"] == "ok"
    assert count(folder / "trials.sqlite") == 3

    assert run(tmp_path, "--trials", "3") == 2                 # a second run must say --resume
    assert "Pass --resume to continue it" in capsys.readouterr().err
    assert run(tmp_path, "--trials", "4", "--resume") == 0     # one more trial, the first three kept
    assert count(folder / "trials.sqlite") == 4
    assert "4 trial(s) ok" in capsys.readouterr().out


def test_pool_workers_give_the_same_best_as_in_process(tmp_path, capsys):
    assert run(tmp_path / "a", "--trials", "2") == 0
    assert run(tmp_path / "b", "--trials", "2", "--workers", "2") == 0
    a, b = (json.loads((tmp_path / d / "tune" / "c1-planar" / "best.json").read_text())["best"]
            for d in "ab")
    assert (a["config"], a["metrics"]) == (b["config"], b["metrics"])


@pytest.mark.parametrize("space,message", [
    ("alpha=log:1e-3:1", "has no hyperparameter 'alpha'; it reads learning_rate"),
    ("learning_rate=log:0:1", "a log scale needs bounds > 0"),
    ("learning_rate=uniform:1:0.1", "is inverted"),
    ("learning_rate", "Cannot read 'learning_rate'"),
])
def test_bad_spaces_are_clear_errors(tmp_path, capsys, space, message):
    assert main(["tune", "c1-planar", "--space", space, "--out", str(tmp_path), "--quiet"]) == 2
    assert message in capsys.readouterr().err


def test_a_store_from_another_space_is_refused(tmp_path, capsys):
    store = str(tmp_path / "s.sqlite")
    assert run(tmp_path, "--trials", "1", "--store", store) == 0
    assert main(["tune", "c1-planar", "--space", "learning_rate=log:1e-3:1", "--store", store,
                 "--resume", "--quiet", "--out", str(tmp_path)]) == 2
    assert "belongs to a different search" in capsys.readouterr().err


def test_unreachable_ray_address_and_bad_flags(tmp_path, capsys):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'dlspec[ray]')")
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert run(tmp_path, "--ray", f"127.0.0.1:{port}") == 2
    assert "Cannot reach a Ray cluster" in capsys.readouterr().err


def test_workers_and_ray_together_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        run(tmp_path, "--workers", "2", "--ray", "local")
    assert "not allowed with argument" in capsys.readouterr().err
    assert main(["tune", "c9-nothing", "--space", SPACE]) == 2
    assert "Unknown experiment 'c9-nothing'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:                    # found while parsing: nothing runs
        run(tmp_path, "--trials", "0")
    assert stop.value.code == 2 and "--trials: expected an integer >= 1" in capsys.readouterr().err


def test_without_a_space_the_tunable_names_are_listed(capsys):
    assert main(["tune", "c1-planar"]) == 0      # as the help says: a listing, not an error
    assert "c1-planar reads these hyperparameters (tunable with --space): learning_rate, hidden_units, " \
           "iterations" in capsys.readouterr().out


def test_help_documents_the_space_format(capsys):
    with pytest.raises(SystemExit):
        main(["tune", "--help"])
    out = capsys.readouterr().out
    assert "log:LOW:HIGH" in out and "beta:LOW:HIGH" in out and "choice:A|B|C" in out and "--resume" in out
