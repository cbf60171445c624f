"""The text pipeline and word2vec: windows, subsampling, the sparse step, learning."""
import numpy as np
import pytest

from dlspec.text import Vocabulary, Word2Vec, sentences, tokenize
from dlspec.text.corpus import generated_corpus
from dlspec.text.windows import cbow_contexts, scatter_add_outer, skipgram_pairs
from dlspec.text.word2vec import negative_sampling_step


def test_tokenize_and_vocabulary():
    assert tokenize("The King's horse, 3 times!") == ["the", "king's", "horse", "times"]
    assert sentences("A cat sat. The dog ran!\n\nx") == [["a", "cat", "sat"], ["the", "dog", "ran"]]
    v = Vocabulary([["b", "a", "b", "c"], ["b", "a"]], min_count=2)
    assert v.words == ["b", "a"] and v.counts.tolist() == [3, 2] and v.total == 5
    ids, sent = v.encode([["a", "zzz", "b"], ["b"]])
    assert ids.tolist() == [1, 0, 0] and sent.tolist() == [0, 0, 1]
    with pytest.raises(ValueError, match="empty corpus"):
        Vocabulary([])
    with pytest.raises(ValueError, match="min_count=9"):
        Vocabulary([["a"]], min_count=9)
    with pytest.raises(TypeError, match="lists of words"):
        Vocabulary(["a text"])


def test_subsampling_formula_and_noise_distribution():
    v = Vocabulary([["a"] * 990 + ["b"] * 10], min_count=1)
    z = np.array([0.99, 0.01]); t = 1e-3
    np.testing.assert_allclose(v.keep_probabilities(t), np.minimum(1, (np.sqrt(z / t) + 1) * t / z))
    p = np.array([990, 10.0]) ** 0.75
    np.testing.assert_allclose(np.diff(np.r_[0, v.noise_distribution()]), p / p.sum())


def test_skipgram_pairs_match_a_loop_and_stay_in_sentences():
    ids = np.array([0, 1, 2, 3, 4, 5, 6]); sent = np.array([0, 0, 0, 0, 1, 1, 1])
    c, o = skipgram_pairs(ids, sent, 2, np.random.default_rng(0))
    b = np.random.default_rng(0).integers(1, 3, size=7)
    expected = sorted((i, j) for i in range(7) for j in range(7)
                      if i != j and abs(i - j) <= b[i] and sent[i] == sent[j])
    assert sorted(zip(c.tolist(), o.tolist())) == expected
    ctx, counts = cbow_contexts(ids, sent, 2, np.random.default_rng(0))
    for i in range(7):
        assert sorted(x for x in ctx[i] if x >= 0) == sorted(j for k, j in expected if k == i)
    assert counts.tolist() == [sum(1 for k, _ in expected if k == i) for i in range(7)]


@pytest.mark.parametrize("scipy", [True, False])
def test_scatter_add_outer_equals_add_at(monkeypatch, scipy):
    from dlspec.text import windows
    if not scipy:
        monkeypatch.setattr(windows, "_sparse", None)            # the NumPy-only path
    r = np.random.default_rng(1)
    rows = r.integers(0, 5, (30, 3)); g = r.standard_normal((30, 3)); H = r.standard_normal((30, 4))
    expected = np.zeros((5, 4)); np.add.at(expected, rows.ravel(), (g[:, :, None] * H[:, None]).reshape(-1, 4))
    W = np.zeros((5, 4)); scatter_add_outer(W, rows, g, H)
    np.testing.assert_allclose(W, expected)


def test_negative_sampling_gradient_matches_central_differences():
    r = np.random.default_rng(2)
    Theta = r.standard_normal((6, 5)); h = r.standard_normal((1, 5)); targets = np.array([[1, 3, 4]])

    def J(Th, hh):
        s = Th[targets[0]] @ hh[0]
        return -np.log(1 / (1 + np.exp(-s[0]))) - np.log(1 / (1 + np.exp(s[1:]))).sum()

    new = Theta.copy()
    dh, loss = negative_sampling_step(new, h, targets, learning_rate=1.0)
    assert loss == pytest.approx(J(Theta, h), rel=1e-6)
    eps = 1e-6
    num_h = np.array([(J(Theta, h + eps * e) - J(Theta, h - eps * e)) / (2 * eps) for e in np.eye(5)[:, None]])
    np.testing.assert_allclose(dh[0], -num_h, rtol=1e-6)         # dh = -lr dJ/dh
    num_T = np.zeros_like(Theta)
    for i in range(6):
        for j in range(5):
            E = np.zeros_like(Theta); E[i, j] = eps
            num_T[i, j] = (J(Theta + E, h) - J(Theta - E, h)) / (2 * eps)
    np.testing.assert_allclose(new - Theta, -num_T, atol=1e-8)


@pytest.mark.parametrize("sg", [True, False])
def test_word2vec_learns_the_generated_grammar(sg):
    corpus = generated_corpus(3000, seed=0)
    m = Word2Vec(vector_size=20, window=3, min_count=1, sample=0, epochs=5, sg=sg, seed=0, batch_words=100).fit(corpus)
    assert m.losses[-1] < 0.7 * m.losses[0]
    wv = m.wv
    assert wv.similarity("king", "queen") > wv.similarity("king", "village")
    assert wv.similarity("city", "town") > wv.similarity("city", "walks")
    assert wv.vectors.dtype == np.float32
    again = Word2Vec(vector_size=20, window=3, min_count=1, sample=0, epochs=5, sg=sg, seed=0, batch_words=100).fit(corpus)
    np.testing.assert_array_equal(again.wv.vectors, wv.vectors)       # same seed, same vectors


def test_word2vec_checks_its_arguments():
    with pytest.raises(ValueError, match="vector_size"):
        Word2Vec(vector_size=0)
    with pytest.raises(ValueError, match="min_alpha"):
        Word2Vec(alpha=0.01, min_alpha=0.1)
    with pytest.raises(ValueError, match="empty corpus"):
        Word2Vec().fit([])
    with pytest.raises(FloatingPointError, match="lower batch_words or alpha"), np.errstate(all="ignore"):
        Word2Vec(vector_size=20, min_count=1, alpha=1e30, min_alpha=1e30, batch_words=5000).fit(generated_corpus(500))
