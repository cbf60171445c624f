"""Quick-size runs of the word-vector experiments (course 5 week 2)."""
import json

import pytest

from dlspec.experiments.runner import results_table, run_experiment
from dlspec.text.corpus import EFFECT, GCIDE_SOURCE, gcide_path
from dlspec.text.english_sample import DESCRIPTION


def _run(name, tmp_path, hparams=None):
    record = run_experiment(name, size="quick", seed=0, out=tmp_path, verbose=0, hparams=hparams)
    on_disk = json.loads((tmp_path / name / "metrics.json").read_text())
    assert on_disk["metrics"] == record["metrics"]
    for png in record["plots"]:
        assert (tmp_path / name / png).read_bytes()[:4] == b"\x89PNG"
    assert "course" in results_table(record)
    return record["metrics"]


def test_c5_word_vectors_keeps_up_with_gensim(tmp_path):
    # GCIDE where scripts/get-gcide.sh fetched it, else gensim's English samples: both real text,
    # the same for dlspec and gensim, and the card says which (a fresh machine runs this too).
    pytest.importorskip("gensim")
    m = _run("c5-word-vectors", tmp_path)
    gcide = gcide_path() is not None
    assert m["corpus"] == (GCIDE_SOURCE if gcide else DESCRIPTION) and m["corpus_effect"] == EFFECT[m["corpus"]]
    assert m["corpus_words"] > (600_000 if gcide else 400_000) and m["vocabulary"] > 8_000
    assert m["analogies_answered"] == m["gensim_analogies_answered"] > 3000
    # 800,000 words of GCIDE (or gensim's 480,000) give about 1% of the analogies; the ratio is
    # noisy at that level. gensim's initial vectors hash the words with Python's salted hash,
    # so its numbers move a little from process to process: allow half a point of accuracy
    # beside the 90% target (the full size, 4 million GCIDE words, gives 11.27% on both sides).
    assert m["analogy_accuracy"] > 0.9 * m["gensim_analogy_accuracy"] - 0.005
    assert m["analogy_accuracy"] > 0.005                           # chance: about 1 / 13,000
    assert m["wordsim_spearman"] > 0.9 * m["gensim_wordsim_spearman"] - 0.05
    neighbours = (tmp_path / "c5-word-vectors" / "neighbours.txt").read_text()
    if gcide:   # a dictionary defines colours alike; 106 Wikipedia articles do not
        assert any(c in neighbours.split("red:")[1].split("\n")[0] for c in ("yellow", "green", "blue"))


def test_c5_debias_removes_and_equalizes_the_gender_component(tmp_path):
    m = _run("c5-debias", tmp_path)
    assert m["neutral_max_abs_cos_g_after"] < 1e-10
    assert m["pairs_max_projection_asymmetry"] < 1e-10
    assert m["man_cos_g_after_equalize"] == pytest.approx(-m["woman_cos_g_after_equalize"], abs=1e-10)
    assert 0.5 < m["cos_g_g_pca"] <= 1
    assert m["corpus_effect"] == EFFECT[m["corpus"]]          # the card says which text, and its effect


def test_c5_emojify_v1_and_v2_label_unseen_words(tmp_path):
    m = _run("c5-emojify", tmp_path)
    assert m["v2_trainable_parameters"] == 223877
    assert m["v1_train_accuracy"] > 0.8 and m["v1_test_accuracy"] > 0.65       # chance: 0.2
    assert m["v2_test_accuracy"] > 0.65
    assert m["corpus_effect"] == EFFECT[m["vectors"]]
    assert "heart" in (tmp_path / "c5-emojify" / "predictions.txt").read_text(encoding="utf-8")
