"""Quick-size smoke tests of the course-2 experiments: the course's ordering of results."""
import json

from dlspec.experiments.runner import results_table, run_experiment


def _run(name, tmp_path, hparams=None):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    on_disk = json.loads((tmp_path / name / "metrics.json").read_text())
    assert on_disk["metrics"] == record["metrics"]
    assert record["plots"] and all((tmp_path / name / p).read_bytes()[:4] == b"\x89PNG" for p in record["plots"])
    assert "course" in results_table(record)
    return record["metrics"]


def test_c2_init_zeros_fail_large_is_slow_he_learns(tmp_path):
    m = _run("c2-init", tmp_path)
    assert m["zeros_train_accuracy"] == 0.5                       # course: 50%: symmetry never breaks
    assert 0.55 < m["large_random_train_accuracy"] < m["he_train_accuracy"]   # course: 83% < 99%
    assert m["he_train_accuracy"] > 0.95 and m["he_test_accuracy"] > 0.9     # course: 99%, 96%
    assert m["large_random_initial_cost"] > 100 * m["he_initial_cost"]


def test_c2_regularization_both_regularizers_beat_none_on_the_test_set(tmp_path):
    m = _run("c2-regularization", tmp_path)
    assert m["none_test_accuracy"] < m["l2_test_accuracy"] - 0.03      # course: 91.5% < 93%
    assert m["none_test_accuracy"] < m["dropout_test_accuracy"] - 0.03  # course: 91.5% < 95%
    assert m["l2_test_accuracy"] > 0.9 and m["dropout_test_accuracy"] > 0.9


def test_c2_gradcheck_passes_the_correct_network_and_names_the_bug(tmp_path):
    m = _run("c2-gradcheck", tmp_path)
    assert m["difference_correct"] < 1e-7 and m["correct_passes"] == 1.0
    assert m["difference_buggy"] > 1e-2 and m["bug_caught"] == 1.0
    assert m["buggy_parameters_flagged"] == 1 and m["dense2_W_flagged"] == 1.0
    report = (tmp_path / "c2-gradcheck" / "gradient_check.txt").read_text()
    assert "dense2.W" in report and "FAILED" in report.split("buggy network")[1]
    assert "FAILED" not in report.split("buggy network")[0]


def test_c2_optimizers_adam_beats_gd_and_momentum_and_decay_closes_the_gap(tmp_path):
    m = _run("c2-optimizers", tmp_path)
    assert abs(m["gd_accuracy"] - m["momentum_accuracy"]) < 0.05      # course: 79.7% and 79.7%
    assert m["adam_accuracy"] > m["gd_accuracy"] + 0.1                # course: 94%
    assert m["adam_accuracy"] > 0.9
    assert m["gd_decay_accuracy"] > 0.9 and m["momentum_decay_accuracy"] > 0.9


def test_c2_batchnorm_learns_faster_and_tolerates_a_wider_range_of_rates(tmp_path):
    m = _run("c2-batchnorm", tmp_path)
    assert m["batchnorm_epochs_to_learn"] < m["plain_epochs_to_learn"]
    assert m["batchnorm_max_learning_rate"] > m["plain_max_learning_rate"]
    assert m["batchnorm_min_learning_rate"] < m["plain_min_learning_rate"]
    assert m["batchnorm_accuracy"] > 0.9


def test_c2_tf_introduction_tape_loop_equals_fit_and_replays_the_course(tmp_path):
    from test_c1 import _run
    m = _run("c2-tf-introduction", tmp_path)
    assert m["tape_vs_fit_max_cost_difference"] < 1e-10    # issue 26: same costs, float64, mean
    assert 1.0 < m["first_epoch_cost"] < 3.0               # about ln 6 at the start
    assert abs(m["course_c2w3.47.line1"] - 0.8419182681095858) < 1e-8   # compute_cost, replayed
