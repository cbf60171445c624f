"""Quick smoke tests of the transformer experiments (reduced steps to keep the suite fast)."""
from test_c5 import _run


def test_c5_gpt_beats_uniform_and_unigram_and_samples(tmp_path):
    m = _run("c5-gpt", tmp_path, hparams={"steps": 250})
    assert m["uniform_perplexity"] == 27
    assert m["val_perplexity"] < 0.5 * m["unigram_perplexity"] < m["uniform_perplexity"]
    assert abs(m["gpt_params"] - m["lstm_params"]) < 0.05 * m["gpt_params"]     # equal budget
    samples = (tmp_path / "c5-gpt" / "samples.txt").read_text()
    assert samples.count("T=") == 3


def test_c5_transformer_translates_most_dates(tmp_path):
    m = _run("c5-transformer", tmp_path, hparams={"steps": 500, "n_train": 4000,
                                                  "compare_attention_lstm": True, "lstm_epochs": 1})
    assert m["test_char_accuracy"] > 0.8
    assert m["test_exact_match"] > 0.3
    assert m["test_exact_match_beam3_first200"] > 0.3
    assert 0 <= m["attention_lstm_test_exact_match"] <= 1
    assert m["attention_lstm_parameters"] > 50_000 and m["attention_lstm_train_seconds"] > 0
