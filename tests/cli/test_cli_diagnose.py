import json

import pytest

from dlspec.cli import main


def test_issue_example_prints_the_gaps_and_remedies(capsys):
    assert main(["diagnose", "--human", "0.5", "--train", "8", "--train-dev", "10", "--dev", "12",
                 "--test", "12.5"]) == 0
    out = capsys.readouterr().out
    assert "avoidable bias                +7.50" in out and "<- largest" in out
    assert "train a bigger model" in out


def test_fractions_and_json_output(capsys):
    assert main(["diagnose", "--train", "0.01", "--train-dev", "0.015", "--dev", "0.1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["largest"] == "data_mismatch"
    assert result["errors"]["dev"] == pytest.approx(0.1)


def test_from_a_metrics_file_with_a_prefix_and_an_override(tmp_path, capsys):
    path = tmp_path / "metrics.json"
    path.write_text(json.dumps({"metrics": {"baseline_train_error": 0.01, "baseline_train_dev_error": 0.02,
                                            "baseline_dev_error": 0.30}}))
    assert main(["diagnose", "--from", str(path), "--prefix", "baseline_"]) == 0
    assert "the largest gap is data mismatch" in capsys.readouterr().out
    assert main(["diagnose", "--from", str(path), "--prefix", "baseline_", "--human", "25"]) == 0
    out = capsys.readouterr().out
    assert "human error         25.00%" in out and "training error is below human-level" in out


@pytest.mark.parametrize("argv,message", [
    (["--train", "8", "--dev", "140"], "errors in percent must lie in [0, 100]"),
    (["--train", "8"], "needs at least the training error and the dev error"),
    (["--from", "missing.json"], "does not exist"),
])
def test_errors_exit_2_with_a_message(argv, message, capsys):
    assert main(["diagnose", *argv]) == 2
    assert message in capsys.readouterr().err


def test_help_states_percent_or_fractions(capsys):
    with pytest.raises(SystemExit):
        main(["diagnose", "--help"])
    out = capsys.readouterr().out
    assert "percent" in out and "fractions" in out and "--from" in out
