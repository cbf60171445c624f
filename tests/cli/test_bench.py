import json

import pytest

from dlspec.cli import main


def test_list_shows_benchmarks_and_targets(capsys):
    assert main(["bench", "--list"]) == 0
    out = capsys.readouterr().out
    assert "mlp-step" in out and "target <= 0.7" in out and ">= 80% of peak" in out
    assert "lstm-train-step" in out and "resnet50-train-step" in out


def test_bench_prints_machine_and_table_and_writes_json(tmp_path, capsys):
    path = tmp_path / "r.json"
    assert main(["bench", "planar-step", "--quick", "--repeats", "1", "--no-torch",
                 "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert "BLAS" in out and "planar-step" in out and "dlspec ms" in out
    assert json.loads(path.read_text())["results"][0]["name"] == "planar-step"


@pytest.mark.parametrize("argv, message", [
    (["bench", "nope"], "unknown benchmark 'nope'"),
    (["bench", "--repeats", "0"], "--repeats: expected an integer >= 1, such as 9; got 0"),
])
def test_bad_arguments_give_clear_errors(argv, message, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:       # a usage error, found by argparse
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_profile_prints_the_functions_that_take_the_time(capsys):
    assert main(["bench", "planar-step", "--profile"]) == 0
    out = capsys.readouterr().out
    assert "planar-step:" in out and "tottime" in out and "dense" in out


def test_profile_needs_names(capsys):
    assert main(["bench", "--profile"]) == 2
    assert "--profile needs benchmark names" in capsys.readouterr().err
