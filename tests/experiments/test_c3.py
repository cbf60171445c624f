"""Quick-size smoke test of c3-mismatch: the diagnosis finds data mismatch and synthesis reduces it."""
import json

import pytest

from dlspec.cli import main
from dlspec.experiments.runner import run_experiment
from dlspec.project import diagnose, errors_from_metrics


def test_c3_mismatch_diagnosis_and_synthesis(tmp_path, capsys):
    pytest.importorskip("sklearn")
    record = run_experiment("c3-mismatch", size="quick", seed=0, out=tmp_path, verbose=0)
    m = record["metrics"]
    out = tmp_path / "c3-mismatch"
    for png in record["plots"]:
        assert (out / png).read_bytes()[:4] == b"\x89PNG"
    before = diagnose(**errors_from_metrics(m, prefix="baseline_"))
    after = diagnose(**errors_from_metrics(m, prefix="synthesis_"))
    assert before.largest == "data_mismatch"
    assert m["baseline_data_mismatch"] > 0.15                         # about 29 points
    assert m["synthesis_data_mismatch"] < 0.5 * m["baseline_data_mismatch"]
    assert m["synthesis_dev_error"] < m["baseline_dev_error"] - 0.03
    assert after.largest != "data_mismatch"
    # More clean data does not fix the mismatch: the dev error stays high along the curve.
    assert m["learning_curve_dev_error_largest"] > 0.2
    text = (out / "diagnosis.txt").read_text()
    assert "== baseline ==" in text and "the largest gap is data mismatch" in text
    # The files it writes feed the two commands.
    assert main(["diagnose", "--from", str(out / "metrics.json"), "--prefix", "baseline_"]) == 0
    assert "the largest gap is data mismatch" in capsys.readouterr().out
    assert main(["errors", str(out / "dev_predictions.csv"), str(out / "dev_tags.csv")]) == 0
    assert "work first on: shift" in capsys.readouterr().out
    assert json.loads((out / "metrics.json").read_text())["metrics"] == m
