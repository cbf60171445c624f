"""Quick-size smoke tests of the course-1 experiments: learning happened, near the course's numbers."""
import json

import pytest

from dlspec.experiments.runner import results_table, run_experiment


def _run(name, tmp_path):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0)
    on_disk = json.loads((tmp_path / name / "metrics.json").read_text())
    assert on_disk["metrics"] == record["metrics"]
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert record["plots"], "every experiment writes at least one plot"
    assert "course" in results_table(record)
    return record["metrics"]


def test_c1_planar_logistic_regression_fails_and_the_network_succeeds(tmp_path):
    m = _run("c1-planar", tmp_path)
    assert m["logistic_regression_accuracy"] < 0.6          # course: 47%
    assert m["shallow_network_accuracy"] > 0.85             # course: 90%


def test_c1_hidden_units_needs_about_three_units(tmp_path):
    m = _run("c1-hidden-units", tmp_path)
    assert m["accuracy_1"] < 0.8 and m["accuracy_2"] < 0.8   # course: 67.5%, 67.25%
    for n_h in (3, 4, 5, 20, 50):
        assert m[f"accuracy_{n_h}"] > 0.85                   # course: about 90%


@pytest.fixture(scope="module")
def cats(tmp_path_factory):
    """c1-logistic-regression and c1-deep at quick size, run once for the tests below."""
    out = tmp_path_factory.mktemp("cats")
    return {name: _run(name, out / name) for name in ("c1-logistic-regression", "c1-deep")}


def test_c1_deep_both_networks_generalize(cats):
    m = cats["c1-deep"]
    assert m["two_layer_train_accuracy"] > 0.95
    assert m["two_layer_test_accuracy"] > 0.72              # course: 72% (cat photos)
    assert m["l_layer_test_accuracy"] > 0.80                # course: 80% (cat photos)


def test_c1_logistic_regression_beats_the_majority_and_loses_to_the_l_layer_network(cats):
    m = cats["c1-logistic-regression"]
    assert m["course_cost_0"] == 0.693147                   # w = b = 0: log 2, as the course prints
    assert m["train_accuracy"] > 0.95                       # course: 99% (it fits its 209 pictures)
    assert m["test_accuracy"] >= m["majority_test_accuracy"] + 0.10      # issue 26's bar
    assert m["test_accuracy"] < cats["c1-deep"]["l_layer_test_accuracy"]  # the course's ordering
    assert m["train_accuracy_lr0.01"] > m["train_accuracy_lr0.001"] > m["train_accuracy_lr0.0001"]


def test_c1_activations_all_learn(tmp_path):
    m = _run("c1-activations", tmp_path)
    for name in ("sigmoid", "tanh"):
        assert m[f"accuracy_{name}"] > 0.85                  # smooth boundaries fit the petals
    for name in ("relu", "leaky_relu"):
        assert m[f"accuracy_{name}"] > 0.75                  # 8 piecewise-linear units: fewer petals
    for name in ("sigmoid", "tanh", "relu", "leaky_relu"):
        assert m[f"final_cost_{name}"] < 0.45                # from ln 2 = 0.69 at the start


def test_c1_numpy_basics_replays_the_notebook_and_vectorized_products_win(tmp_path):
    m = _run("c1-numpy-basics", tmp_path)
    replayed = [k for k in m if k.startswith("course_c1w2a1")]
    assert len(replayed) >= 8                              # sigmoid ... L2, the notebook's printed values
    assert m["course_c1w2a1.49.L1"] == 1.1 and m["course_c1w2a1.53.L2"] == 0.43
    for name in ("dot_n1000", "elementwise_n1000", "general_dot_n1000", "outer_n300"):
        assert m[f"speedup_{name}"] > 5                    # loops lose to NumPy at these sizes
