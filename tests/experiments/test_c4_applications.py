"""Quick-size smoke tests of course 4's applications: transfer learning, faces, style, U-Net and
detection (the last two smaller still through hp overrides)."""
import pytest

from dlspec.experiments.runner import run_experiment


def _run(name, tmp_path, **hparams):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert record["plots"]
    return record["metrics"]


def test_c4_transfer_fine_tuned_beats_scratch(tmp_path):
    m = _run("c4-transfer", tmp_path)
    assert m["fine_tuned_test_accuracy"] > m["scratch_test_accuracy"] + 0.1     # measured 0.74 vs 0.35
    assert m["frozen_test_accuracy"] > 0.4                                       # chance: 0.1
    assert m["frozen_trainable_parameters"] < m["fine_tuned_trainable_parameters"]


def test_c4_style_lowers_the_total_cost_tenfold(tmp_path):
    pytest.importorskip("sklearn")
    m = _run("c4-style", tmp_path)
    assert m["cost_reduction"] >= 10                                             # measured 24x


def test_c4_faces_verifies_unseen_identities(tmp_path):
    m = _run("c4-faces", tmp_path)
    assert m["verification_accuracy"] >= 0.85                                    # measured 0.894
    assert m["roc_auc"] > 0.9
    assert m["one_shot_accuracy"] > 5 * m["chance_one_shot"]
    # semi-hard mining keeps the per-triplet cost near the margin as the encoder improves, so
    # learning shows in the accuracy, not in the cost
    assert m["verification_accuracy"] >= m["warm_start_verification_accuracy"] - 0.03


def test_c4_style_runs_a_users_vgg19_file(tmp_path):
    """A torchvision VGG-19 file (here random, written by torch) turns on the course's network."""
    pytest.importorskip("sklearn")
    torch = pytest.importorskip("torch")
    from torch_vgg19 import torchvision_vgg19
    torch.manual_seed(0)
    torch.save(torchvision_vgg19(num_classes=10, hidden=8).state_dict(), tmp_path / "vgg19.pth")
    m = _run("c4-style", tmp_path, vgg19_weights=str(tmp_path / "vgg19.pth"), image_size=32, epochs=5)
    assert m["network_parameters"] == 20_024_384 and m["final_cost"] < m["first_cost"]


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
