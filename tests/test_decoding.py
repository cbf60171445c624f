"""Greedy and beam search on a toy model whose probabilities are known."""
import itertools

import numpy as np
import pytest

from dlspec.decoding import beam_search, greedy_decode

V, START, END = 4, 0, 3


def make_step(table):
    """log P(next | last token, example) from a (n, V, V) table of probabilities."""
    logt = np.log(table)

    def step(tokens, index):
        return logt[index, tokens[:, -1]]
    return step


def brute_force(table, n, L, alpha):
    """The exhaustive optimum (normalised score, sequence) for each of the n examples."""
    return [max(all_scores(table, i, L, alpha)) for i in range(n)]


def test_greedy_follows_the_argmax():
    table = np.full((1, V, V), 0.1)
    table[0, START, 1] = 0.7; table[0, 1, 2] = 0.7; table[0, 2, END] = 0.7
    table /= table.sum(-1, keepdims=True)
    tokens, logp = greedy_decode(make_step(table), 1, START, END, 5)
    assert tokens[0].tolist() == [1, 2, END, END, END]
    assert logp[0] == pytest.approx(3 * np.log(0.7 / 1.0))


@pytest.mark.parametrize("alpha", [0.0, 0.7, 1.0])
def test_wide_beam_finds_the_best_sequence(alpha):
    rng = np.random.default_rng(0)
    table = rng.random((3, V, V)) ** 3 + 0.01
    table /= table.sum(-1, keepdims=True)
    L = 4
    tokens, score, beams, scores = beam_search(make_step(table), 3, START, END, L, beam_width=64,
                                               alpha=alpha)
    for i, (ref_score, ref_seq) in enumerate(brute_force(table, 3, L, alpha)):
        assert score[i] == pytest.approx(ref_score)
        assert tuple(tokens[i, :len(ref_seq)]) == ref_seq
    assert np.all(np.diff(scores, axis=1) <= 1e-12)


def test_beam_beats_greedy_where_the_first_step_misleads():
    table = np.full((1, V, V), 1e-3)
    table[0, START, 1], table[0, START, 2] = 0.55, 0.45     # greedy takes 1 ...
    table[0, 1, :] = [1e-3, 0.34, 0.33, 0.33]                 # ... then nothing is likely
    table[0, 2, END] = 0.99                                   # 2 then END is the best sentence
    table /= table.sum(-1, keepdims=True)
    g, g_lp = greedy_decode(make_step(table), 1, START, END, 3)
    b, b_score, _, _ = beam_search(make_step(table), 1, START, END, 3, beam_width=2, alpha=0.0)
    assert b[0, :2].tolist() == [2, END]
    assert b_score[0] > g_lp[0]


def random_table(seed, n=3):
    rng = np.random.default_rng(seed)
    table = rng.random((n, V, V)) ** 3 + 0.01
    return table / table.sum(-1, keepdims=True)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("alpha", [0.0, 0.7])
def test_beam_of_width_one_is_greedy(seed, alpha):
    table = random_table(seed, n=5)
    g, g_lp = greedy_decode(make_step(table), 5, START, END, 6)
    b, b_score, _, _ = beam_search(make_step(table), 5, START, END, 6, beam_width=1, alpha=alpha)
    np.testing.assert_array_equal(b, g)
    lengths = np.array([list(row).index(END) + 1 if END in row else 6 for row in g])
    np.testing.assert_allclose(b_score, g_lp / lengths ** alpha)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0])
def test_beam_as_wide_as_all_prefixes_is_exhaustive_and_its_n_best_list_too(seed, alpha):
    table = random_table(seed + 10)
    L = 4
    _, score, beams, scores = beam_search(make_step(table), 3, START, END, L, beam_width=V ** L,
                                          alpha=alpha)
    for i in range(3):       # the n-best list is the brute force's top 5, in order
        ref = sorted(all_scores(table, i, L, alpha), reverse=True)[:5]
        np.testing.assert_allclose(scores[i, :5], [s for s, _ in ref])
        assert tuple(beams[i, 0, :len(ref[0][1])]) == ref[0][1]


def all_scores(table, i, L, alpha):
    """Every finished sequence of length <= L (or unfinished of length L) with its score."""
    out = []
    for length in range(1, L + 1):
        for seq in itertools.product(range(V), repeat=length):
            if END in seq[:-1] or (seq[-1] != END and length < L):
                continue
            prev, lp = START, 0.0
            for s in seq:
                lp += np.log(table[i, prev, s]); prev = s
            out.append((lp / length ** alpha, seq))
    return out


@pytest.mark.parametrize("width", [0, -2, 0.5, 2.5, True])
def test_beam_width_below_one_or_not_an_int_is_refused(width):
    table = random_table(0)
    with pytest.raises(ValueError, match="beam_width must be an int >= 1"):
        beam_search(make_step(table), 3, START, END, 4, beam_width=width)
