"""Quick smoke tests of the course-5 week-3 experiments (fewer epochs to keep the suite fast)."""
import re
from pathlib import Path

from test_c5 import _run


def test_c5_translation_attention_beats_the_plain_encoder_decoder(tmp_path):
    """At the quick size (7 epochs on 5,000 dates, seed 0): the README's exact match, measured."""
    m = _run("c5-translation", tmp_path, hparams={"train_modelf": True})
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    claimed = float(re.search(r"7 on 5,000 give ([\d.]+) exact match", readme).group(1))
    assert round(m["test_exact_match"], 3) == claimed
    assert m["modelf_parameters"] == m["parameters_modelf"] == 52_960 and m["human_vocab_size"] == 37
    assert 0 <= m["test_exact_match_modelf"] <= 1
    assert m["parameters"] == 52_960 + 4 * 64 * 14 + 65 * 3   # y<t-1> in; <start>, <end>, <pad> out
    assert m["test_char_accuracy"] > m["test_char_accuracy_plain"] + 0.1
    assert m["test_bleu"] > m["test_bleu_plain"]
    lines = (tmp_path / "c5-translation" / "translations.txt").read_text().splitlines()
    assert len(lines) == 8 and lines[0].startswith("3 May 1979 -> ")


def test_c5_beam_analysis_wider_beams_leave_fewer_search_errors(tmp_path):
    m = _run("c5-beam-analysis", tmp_path, hparams={"n_train": 3000, "epochs": 5})
    for sfx in ("_B1", "_B3", "_plain_B1", "_plain_B3"):
        assert abs(m[f"search_error_fraction{sfx}"] + m[f"model_error_fraction{sfx}"] - 1) < 1e-12
    assert m["search_error_fraction_B3"] <= m["search_error_fraction_B1"]
    assert m["model_error_fraction_plain_B3"] > 0.9          # a weak model: its own fault
    assert "at fault" in (tmp_path / "c5-beam-analysis" / "errors.txt").read_text()


def test_c5_attention_length_attention_holds_up_on_long_sentences(tmp_path):
    m = _run("c5-attention-length", tmp_path)
    assert m["test_bleu_words_10_12"] > 0.9
    assert m["test_bleu_plain_words_10_12"] < m["test_bleu_words_10_12"] - 0.2
    assert m["test_bleu_plain_words_1_3"] > m["test_bleu_plain_words_10_12"]   # falls with length
