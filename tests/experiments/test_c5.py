"""Quick-size smoke tests of the course-5 experiments: learning happened, as the course shows."""
import json

from dlspec.experiments.runner import results_table, run_experiment


def _run(name, tmp_path, hparams=None):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    on_disk = json.loads((tmp_path / name / "metrics.json").read_text())
    assert on_disk["metrics"] == record["metrics"]
    assert record["plots"]
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert "course" in results_table(record)
    return record["metrics"]


def test_c5_dinosaurs_loss_falls_and_samples_look_like_names(tmp_path):
    m = _run("c5-dinosaurs", tmp_path)
    assert abs(m["initial_loss_per_char"] - 3.2958) < 0.01        # course: log 27 per character
    assert m["final_loss_per_char"] < 0.5 * m["initial_loss_per_char"]
    assert m["final_loss"] < 0.4 * m["initial_loss"]
    assert m["sampled_with_known_ending"] > 0.25                  # random letters: ~0
    assert m["sampled_new_fraction"] > 0.5                        # it invents, not only recalls
    assert abs(m["sampled_mean_length"] - m["training_mean_length"]) < 4
    samples = (tmp_path / "c5-dinosaurs" / "samples.txt").read_text().split("\n")
    assert len(samples) >= 200 and all(set(s) <= set("abcdefghijklmnopqrstuvwxyz") for s in samples)


def test_c5_gradients_vanish_with_the_course_init_explode_when_too_large(tmp_path):
    m = _run("c5-gradients", tmp_path)
    back = lambda steps, label: m[f"gradient_{steps}_steps_back_{label}"]
    assert back(10, "rnn_course_init") < 1e-10                    # vanishes at once
    for label in ("rnn_xavier", "rnn_orthogonal", "gru"):
        assert 1e-14 < back(50, label) < 1e-6                     # geometric decay
    assert back(50, "rnn_orthogonal_x2") > 1                      # explodes
    assert back(50, "lstm") > 100 * max(back(50, "rnn_orthogonal"), back(50, "gru"))
