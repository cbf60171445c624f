"""Quick-size smoke tests of the course-4 experiments (smaller still through hp overrides)."""
import pytest

from dlspec.experiments.runner import run_experiment


def _run(name, tmp_path, **hparams):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert record["plots"]
    return record


def test_c4_conv_step_prints_the_course_numbers(tmp_path):
    record = _run("c4-conv-step", tmp_path)
    for key, expected in record["reference"].items():
        assert record["metrics"][key] == pytest.approx(expected, abs=1e-8), key
    assert "dA_mean = 1.45243777754" in (tmp_path / "c4-conv-step" / "conv_step.txt").read_text()


def test_c4_lenet_learns_digits(tmp_path):
    pytest.importorskip("sklearn")
    m = _run("c4-lenet", tmp_path, n_train=500, epochs=4)["metrics"]
    assert m["parameters"] == 61706
    assert m["test_accuracy"] > 0.8                      # quick size (1000 images, 8 epochs): 0.975


def test_c4_signs_both_models_learn(tmp_path):
    m = _run("c4-signs", tmp_path, image_size=32, n_train=240, epochs=4)["metrics"]
    assert m["cnn_parameters"] < m["resnet_parameters"]
    assert m["resnet_train_accuracy"] > 0.3              # chance: 1/6
    assert m["cnn_train_accuracy"] > 0.2                 # the course's CNN learns slowly


def test_c4_happy_house_happy_model_reaches_0_85_and_has_the_course_tables(tmp_path):
    from test_c1 import _run as run_and_check
    m = run_and_check("c4-happy-house", tmp_path)
    assert m["test_accuracy"] >= 0.85                          # issue 26's quick-size bar (course 0.9467)
    assert m["happyModel_parameters"] == 37633                 # Keras's count, moving statistics included
    assert m["happyModel_trainable_parameters"] == 37569
    assert m["convolutional_model_parameters"] == 1310
    tables = (tmp_path / "c4-happy-house" / "layer_tables.txt").read_text()
    assert "(None, 70, 70, 3)" in tables and "(None, 2, 2, 16)" in tables
