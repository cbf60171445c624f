"""Quick-size smoke tests of c4-unet and c4-detection (smaller still through hp overrides)."""
import pytest

from dlspec.experiments.runner import run_experiment


def _run(name, tmp_path, **hparams):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert record["plots"]
    return record["metrics"]


def test_c4_unet_learns_masks(tmp_path):
    m = _run("c4-unet", tmp_path, n_train=500, epochs=5)
    assert m["course_parameters"] == 8640471
    assert m["mean_iou"] > 0.5                 # background alone gives ~0.2; quick size: 0.73
    assert m["pixel_accuracy"] > 0.85


def test_c4_detection_finds_the_shapes(tmp_path):
    m = _run("c4-detection", tmp_path, n_train=500, epochs=10)
    assert m["course_iou_check"] == 0.14285714285714285
    assert m["map50"] > 0.3                    # quick size: 0.81 (600 scenes, 12 epochs)
    assert 0 < m["map50_95"] <= m["map50"]
