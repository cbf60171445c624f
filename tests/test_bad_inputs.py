"""Bad inputs give a clear error before any compute, never a traceback (item 5 of issue 16).

Each case names what was wrong and the fix; the CLI cases go through ``dlspec.cli.main``
and must fail fast (no training) with exit code 2 and one ``error:`` line. The table of
cases lives in docs/bad-inputs.md.
"""
import json

import numpy as np
import pytest

import dlspec
import dlspec.bench
import dlspec.experiments.runner
import dlspec.experiments.tour
from dlspec.cli import main
from dlspec.nn import Dense


@pytest.fixture
def work(monkeypatch):
    """Counts the experiments, benchmark runs and searches a command starts (none, when the
    check comes first) without running them."""
    started = []

    def count(name, real=None):
        def start(*args, **kwargs):
            started.append(name)
            if real is None:
                raise AssertionError(f"{name} started before the bad input was caught")
            return real(*args, **kwargs)
        return start
    runner = dlspec.experiments.runner
    monkeypatch.setattr(runner, "run_experiment", count("an experiment", runner.run_experiment))
    monkeypatch.setattr(dlspec.experiments.tour, "run_experiment", count("the tour"))
    monkeypatch.setattr(dlspec.bench, "run", count("the benchmarks"))
    return started


def run_cli(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def cli_error(capsys, *argv):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (code, out, err)
    assert err.count("error:") == 1
    return err


def test_dense_forward_on_a_list_says_convert():
    with pytest.raises(TypeError, match=r"expects a NumPy array.*got list.*np\.asarray"):
        Dense(2).forward([[1.0, 2.0]])


def test_run_out_unwritable_fails_before_training(capsys, work):
    err = cli_error(capsys, "run", "c1-planar", "--out", "/proc/x", "--quiet")
    assert "--out /proc/x" in err and "cannot write" in err and work == []


def test_tour_out_unwritable_fails_before_training(capsys, work):
    err = cli_error(capsys, "tour", "--only", "c1-planar", "--out", "/proc/x", "--quiet")
    assert "--out /proc/x" in err and work == []


def test_bench_json_unwritable_fails_before_timing(capsys, work):
    err = cli_error(capsys, "bench", "dense", "--no-torch", "--json", "/proc/bad/x.json")
    assert "--json /proc/bad/x.json" in err and work == []


def test_bench_json_folder_is_refused(capsys, tmp_path, work):
    err = cli_error(capsys, "bench", "dense", "--no-torch", "--json", str(tmp_path))
    assert ("is a folder" in err or "that is a folder" in err) and work == []


def test_tune_objective_typo_stops_after_the_first_trial(capsys, tmp_path, work):
    err = cli_error(capsys, "tune", "c1-planar", "--space", "learning_rate=log:0.1:1", "--trials", "6",
                    "--objective", "typo", "--quiet", "--out", str(tmp_path))
    assert "'typo'" in err and "shallow_network_accuracy" in err
    assert work == ["an experiment"]                                           # one trial, not six
    assert not (tmp_path / "tune" / "c1-planar" / "trials.sqlite").exists()   # the corrected command runs


@pytest.mark.parametrize("spec", ["hidden_units=choice:", "learning_rate=log:"])
def test_space_kind_without_arguments(capsys, tmp_path, spec):
    err = cli_error(capsys, "tune", "c1-planar", "--space", spec, "--out", str(tmp_path))
    assert "names the kind" in err


def test_tour_only_comma_names_nothing(capsys, tmp_path):
    err = cli_error(capsys, "tour", "--only", ",", "--out", str(tmp_path))
    assert "names no experiment" in err


@pytest.mark.parametrize("command", [["run", "c1-planar"], ["tour"], ["tune", "c1-planar"], ["bench", "dense"]])
def test_negative_seed_is_a_usage_error(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main(command + ["--seed", "-1"])
    assert exc.value.code == 2
    assert "a seed is an integer >= 0; got -1" in capsys.readouterr().err


def test_library_seed_message():
    with pytest.raises(ValueError, match="seed must be an integer >= 0; got -1"):
        dlspec.Sequential([Dense(1)], seed=-1).build((2,))


@pytest.mark.parametrize("content", ['[1, 2]', '"text"', '{"train_error": "high", "dev_error": 0.1}'])
def test_diagnose_from_malformed_metrics(capsys, tmp_path, content):
    path = tmp_path / "metrics.json"
    path.write_text(content)
    err = cli_error(capsys, "diagnose", "--from", str(path))
    assert str(path) in err and ("expected a run's metrics" in err or "should be a number" in err)


def test_weights_show_folder(capsys, tmp_path):
    err = cli_error(capsys, "weights", "show", str(tmp_path))
    assert "is a folder" in err and "does not exist" not in err


def test_select_binary_file_names_the_file(capsys, tmp_path):
    path = tmp_path / "candidates.csv"
    path.write_bytes(bytes(range(256)) * 4)
    err = cli_error(capsys, "select", str(path), "--optimize", "accuracy")
    assert str(path) in err and "not a CSV text file" in err


def test_gradcheck_model_empty_batch():
    model = dlspec.deep_network([2, 3, 1], dtype="float64").compile("binary_crossentropy")
    with pytest.raises(ValueError, match="at least one example"):
        dlspec.gradcheck_model(model, np.zeros((0, 2)), np.zeros((0,)))


def test_sequence_labels_all_padding():
    from dlspec.losses import SequenceCrossEntropy
    loss = SequenceCrossEntropy()
    with pytest.raises(ValueError, match="every label in this batch.*is padding"):
        loss.forward(np.zeros((2, 3, 5), np.float32), -np.ones((2, 3), np.int64))


def test_deep_network_float64_keeps_float64_on_float32_data():
    X = np.random.default_rng(0).standard_normal((8, 2)).astype(np.float32)
    Y = (X[:, 0] > 0).astype(np.int64)
    model = dlspec.deep_network([2, 3, 1], dtype="float64").compile("binary_crossentropy")
    model.forward(X)
    assert model.layers[0].params["W"].dtype == np.float64
    assert "ok" in str(dlspec.gradcheck_model(model, X, Y))     # no advice to use float64


def test_tune_without_space_lists_the_hyperparameters(capsys):
    code, out, _ = run_cli(capsys, "tune", "c1-planar")
    assert code == 0 and "learning_rate" in out and "--space" in out


def test_weights_convert_map_that_does_not_fit(capsys, tmp_path):
    source = tmp_path / "w.npz"
    np.savez(source, a=np.ones(3), b=np.zeros(2))
    err = cli_error(capsys, "weights", "convert", str(source), str(tmp_path / "out.safetensors"),
                    "--map", "torchvision_resnet50")
    assert "renamed none of the 2 tensors" in err
    assert not (tmp_path / "out.safetensors").exists()


def test_diagnose_from_valid_metrics_still_works(capsys, tmp_path):
    path = tmp_path / "metrics.json"
    path.write_text(json.dumps({"metrics": {"train_error": 0.08, "dev_error": 0.12}}))
    code, out, _ = run_cli(capsys, "diagnose", "--from", str(path))
    assert code == 0 and out.strip()


def test_a_device_is_not_a_missing_weights_file(capsys):
    err = cli_error(capsys, "weights", "show", "/dev/null")
    assert "/dev/null is not a regular file" in err and "does not exist" not in err


def test_an_inverted_log_range_suggests_a_range_that_works(capsys, tmp_path):
    err = cli_error(capsys, "tune", "c1-planar", "--space", "learning_rate=log:1:0", "--out", str(tmp_path))
    assert "log scale needs bounds > 0; got 0" in err and "log:0:1" not in err


def test_binary_crossentropy_on_scores_says_add_a_sigmoid():
    X = np.random.default_rng(0).standard_normal((10, 3)).astype(np.float32)
    model = dlspec.Sequential([Dense(1)], seed=0)            # no Sigmoid: scores, not probabilities
    model.compile("binary_crossentropy", dlspec.GradientDescent(0.1))
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*Sigmoid\(\).*with_logits"):
        model.fit(X, np.arange(10) % 2, epochs=1, verbose=0)


def test_validation_data_that_is_not_a_pair_says_so():
    X = np.zeros((4, 3), np.float32)
    model = dlspec.Sequential([Dense(1)], seed=0).compile("mse", dlspec.Adam(0.01))
    with pytest.raises(ValueError, match=r"validation_data must be a pair \(X_dev, Y_dev\); got a tuple of 1"):
        model.fit(X, X[:, :1], epochs=1, verbose=0, validation_data=(X,))


def test_saving_where_nothing_can_be_written_names_the_file(tmp_path):
    model = dlspec.Sequential([Dense(1)], seed=0)
    model.build((3,))
    blocked = tmp_path / "a_file"
    blocked.write_text("")
    with pytest.raises(OSError, match=r"cannot write .*a_file/m\.npz"):
        model.save(blocked / "m.npz")                    # its folder would be inside a file


def test_ops_on_shapes_that_do_not_broadcast_name_the_op_and_both_shapes():
    from dlspec import ops
    with pytest.raises(ValueError, match=r"add: shapes \(2, 3\) and \(4,\) do not broadcast"):
        ops.add(np.ones((2, 3)), np.ones(4))
    with pytest.raises(ValueError, match=r"multiply: shapes \(N, 3\) and \(4,\) do not broadcast"):
        dlspec.Input((3,)) * np.ones(4)


def test_a_variable_the_cost_does_not_reach_gets_none_and_is_skipped_with_a_warning():
    from dlspec import ops
    used, unused = dlspec.Variable(np.ones(2)), dlspec.Variable(np.ones(2), name="unused")
    with dlspec.GradientTape() as tape:
        J = ops.reduce_sum(used * used)
    grads = tape.gradient(J, [used, unused])
    assert grads[1] is None
    with pytest.warns(UserWarning, match="Gradients do not exist for variable 'unused'"):
        dlspec.Adam(0.1).apply_gradients(zip(grads, [used, unused]))


def test_a_finished_tape_says_to_use_persistent():
    v = dlspec.Variable(np.ones(2))
    with dlspec.GradientTape() as tape:
        J = dlspec.ops.reduce_sum(v * 2.0)
    tape.gradient(J, v)
    with pytest.raises(RuntimeError, match=r"already gave its gradients.*persistent=True"):
        tape.gradient(J, v)


def test_python_if_on_a_symbolic_tensor_names_ops_where():
    class Branchy(dlspec.nn.Layer):
        def call(self, x):
            return x if x > 0 else -x
    with pytest.raises(TypeError, match=r"has no value yet.*dlspec\.ops\.where"):
        bool(dlspec.Input((3,)) > 0)
    with pytest.raises(TypeError, match=r"dlspec\.ops\.where"):
        Branchy()(np.ones((2, 3)))
