"""c2-search smoke test, and searching experiments through ctx.hp."""
import pytest

from dlspec.experiments import registry
from dlspec.experiments.runner import run_experiment
from dlspec.tune import ExperimentTrial, UnknownParameterError, tune


def test_c2_search_random_log_beats_the_linear_grid(tmp_path):
    record = run_experiment("c2-search", size="quick", seed=0, out=tmp_path, verbose=0,
                            hparams={"repeats": 2, "epochs": 10})
    m = record["metrics"]
    assert m["random_log_best_dev_accuracy"] > m["linear_grid_best_dev_accuracy"] + 0.15
    assert m["random_log_wins"] == 1.0
    assert m["linear_grid_share_above_10"] > 0.8 and m["random_log_share_above_10"] < 0.3
    assert m["tuned_dev_accuracy"] > 0.8
    assert set(record["plots"]) == {"grid_vs_log.png", "coarse_to_fine.png"}


def test_c1_planar_reads_its_hyperparameters_and_records_them(tmp_path):
    trial = ExperimentTrial("c1-planar")
    assert trial.hyperparameters == ("learning_rate", "hidden_units", "iterations")
    one = trial({"learning_rate": 1.2, "hidden_units": 1, "iterations": 1000}, 0)
    four = trial({"learning_rate": 1.2, "hidden_units": 4, "iterations": 1000}, 0)
    assert one["shallow_network_accuracy"] < 0.8 < 0.85 < four["shallow_network_accuracy"]
    record = run_experiment("c1-planar", out=tmp_path, verbose=0, hparams={"iterations": 10})
    assert record["hparams_read"] == ["iterations", "hidden_units", "learning_rate"]


def test_an_experiment_that_never_reads_a_parameter_is_refused(monkeypatch):
    def run(ctx):
        return {"score": ctx.hp("alpha", 1.0)}
    exp = registry.Experiment("c0-fake", 0, "fake", "fake", run)   # declares no hyperparameters
    monkeypatch.setitem(registry.REGISTRY, "c0-fake", exp)
    ok = tune(ExperimentTrial("c0-fake"), "alpha=uniform:0:1", trials=2, objective="score")
    assert len(ok.ok) == 2
    with pytest.raises(UnknownParameterError, match="never read 'beta'; it reads alpha"):
        tune(ExperimentTrial("c0-fake"), "alpha=uniform:0:1,beta=uniform:0:1", trials=2, objective="score")
