"""Search-vs-model error attribution on toy models whose probabilities are known."""
import numpy as np
import pytest

from dlspec.beam_errors import attribute_errors, sequence_log_prob
from dlspec.decoding import beam_search, greedy_decode

V, START, END = 4, 0, 3


def make_step(table):
    logt = np.log(table)
    return lambda tokens, index: logt[index, tokens[:, -1]]


def misleading_table():
    """Greedy takes 1 first, then nothing is likely; 2 then END is the best sentence."""
    table = np.full((1, V, V), 1e-3)
    table[0, START, 1], table[0, START, 2] = 0.55, 0.45
    table[0, 1, :] = [1e-3, 0.34, 0.33, 0.33]
    table[0, 2, END] = 0.99
    return table / table.sum(-1, keepdims=True)


def test_sequence_log_prob_sums_up_to_the_end_id():
    table = misleading_table()
    lp, length = sequence_log_prob(make_step(table), np.array([[2, END, 1, 1]]), START, END)
    assert length[0] == 2
    assert lp[0] == pytest.approx(np.log(table[0, START, 2]) + np.log(table[0, 2, END]))


def test_greedy_miss_is_a_search_error_and_a_wrong_favourite_a_model_error():
    table = misleading_table()
    step = make_step(table)
    greedy, _ = greedy_decode(step, 1, START, END, 3)
    # the human translation is the best sentence: greedy missed it -> search error
    r = attribute_errors(step, greedy, np.array([[2, END, END]]), START, END)
    assert r["errors"].tolist() == [0] and r["search_fraction"] == 1.0
    # a human translation the model finds unlikely: beam's answer is preferred -> model error
    beam, *_ = beam_search(step, 1, START, END, 3, beam_width=3, alpha=0.0)
    r = attribute_errors(step, beam, np.array([[1, 1, END]]), START, END)
    assert r["model_fraction"] == 1.0 and r["score_hat"][0] > r["score_star"][0]


def test_correct_outputs_are_not_errors_and_padding_after_the_end_is_ignored():
    table = misleading_table()
    r = attribute_errors(make_step(table), np.array([[2, END, END]]), np.array([[2, END, 0]]),
                         START, END)
    assert len(r["errors"]) == 0 and r["search_fraction"] == r["model_fraction"] == 0.0


def test_mismatched_shapes_are_refused():
    with pytest.raises(ValueError, match="same shape"):
        attribute_errors(make_step(misleading_table()), np.zeros((2, 3), int), np.zeros((3, 3), int),
                         START, END)
