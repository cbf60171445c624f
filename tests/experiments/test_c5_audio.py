"""Quick-size smoke tests of the course-5 sound experiments: trigger word and jazz."""
import json

import pytest

from dlspec.audio import read_wav
from dlspec.experiments.runner import run_experiment


def _run(name, tmp_path):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0)
    assert json.loads((tmp_path / name / "metrics.json").read_text())["audio"] == record["audio"]
    for wav in record["audio"]:
        samples, rate = read_wav(tmp_path / name / wav)
        assert len(samples) > rate and abs(samples).max() > 0.05
    return record


@pytest.mark.usefixtures("espeak")
def test_c5_trigger_word_detects_activate_in_held_out_voices(tmp_path):
    record = _run("c5-trigger-word", tmp_path)
    m = record["metrics"]
    assert m["parameters_keras_course_size"] == 523329
    assert m["event_f1"] >= 0.85 and m["event_precision"] >= 0.85 and m["event_recall"] >= 0.85
    assert m["test_step_accuracy"] > m["all_zeros_step_accuracy"] + 0.04    # the course's warning
    assert m["test_step_f1"] > 0.8 and m["test_activates"] >= 50
    assert record["audio"] == ["test_clip_with_chimes.wav"]


def test_c5_trigger_word_says_how_to_install_espeak(tmp_path, monkeypatch):
    from dlspec.audio import speech
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install espeak-ng"):
        run_experiment("c5-trigger-word", size="quick", out=tmp_path, verbose=0)


def test_c5_jazz_beats_the_unigram_baseline_and_plays(tmp_path):
    pytest.importorskip("music21")
    record = _run("c5-jazz", tmp_path)
    m = record["metrics"]
    assert m["parameters_course_sizes"] == 45530
    assert m["best_val_loss"] < m["unigram_val_loss"] - 0.5 < m["uniform_val_loss"]
    assert m["final_train_loss"] < m["unigram_val_loss"]
    assert m["generated_distinct_values"] >= 8 and m["generated_pitch_range"] >= 7
    midi = (tmp_path / "c5-jazz" / "improvisation.mid").read_bytes()
    assert midi[:4] == b"MThd"
