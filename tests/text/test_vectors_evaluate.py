"""WordVectors and the benchmarks agree with gensim's KeyedVectors on the same vectors."""
import os

import numpy as np
import pytest

from dlspec.text import WordVectors, complete_analogy, cosine_similarity, evaluate_analogies, evaluate_word_pairs, spearman
from dlspec.text.evaluate import rankdata

gensim = pytest.importorskip("gensim")
DATA = os.path.join(os.path.dirname(gensim.__file__), "test", "test_data")


@pytest.fixture(scope="module")
def pair():
    """Random vectors for the words of the benchmark files, in one vocabulary order."""
    words = []
    for line in open(os.path.join(DATA, "questions-words.txt")):
        if not line.startswith(":"):
            words += line.lower().split()
    for line in open(os.path.join(DATA, "wordsim353.tsv")):
        if not line.startswith("#"):
            words += line.lower().split("\t")[:2]
    words = list(dict.fromkeys(w.strip() for w in words))[:600]     # some questions stay unanswerable
    r = np.random.default_rng(0)
    vectors = r.standard_normal((len(words), 16)).astype(np.float32)
    vectors[1::3] += vectors[0::3][: len(vectors[1::3])]           # some structure to find
    kv = gensim.models.KeyedVectors(16)
    kv.add_vectors(words, vectors)
    return WordVectors(words, vectors), kv


def test_neighbours_and_analogies_match_gensim(pair):
    wv, kv = pair
    for w in wv.words[:5]:
        assert [x for x, _ in wv.most_similar(w, topn=5)] == [x for x, _ in kv.most_similar(w, topn=5)]
    a, b, c = wv.words[:3]
    ours = wv.most_similar(positive=[b, c], negative=[a], topn=3)
    theirs = kv.most_similar(positive=[b, c], negative=[a], topn=3)
    assert [x for x, _ in ours] == [x for x, _ in theirs]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-5)
    ours = wv.most_similar_cosmul(positive=[b, c], negative=[a], topn=3)
    theirs = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=3)
    assert [x for x, _ in ours] == [x for x, _ in theirs]
    assert wv.similarity(a, b) == pytest.approx(float(kv.similarity(a, b)), rel=1e-5)


def test_analogy_accuracy_matches_gensim(pair):
    wv, kv = pair
    path = os.path.join(DATA, "questions-words.txt")
    ours = evaluate_analogies(wv, path)
    score, sections = kv.evaluate_word_analogies(path)
    assert ours["accuracy"] == pytest.approx(score)
    total = sections[-1]
    assert ours["correct"] == len(total["correct"])
    assert ours["answered"] == len(total["correct"]) + len(total["incorrect"])


def test_word_pairs_spearman_matches_gensim_and_scipy(pair):
    wv, kv = pair
    path = os.path.join(DATA, "wordsim353.tsv")
    ours = evaluate_word_pairs(wv, path)
    pearson, spear, oov = kv.evaluate_word_pairs(path)
    assert ours["spearman"] == pytest.approx(spear.statistic, abs=1e-6)
    assert ours["pearson"] == pytest.approx(pearson.statistic, abs=1e-6)
    assert 100 * ours["oov_ratio"] == pytest.approx(oov)
    stats = pytest.importorskip("scipy.stats")
    x = np.array([3, 1, 2, 2, 5.0]); y = np.array([1, 2, 2, 3, 4.0])
    np.testing.assert_allclose(rankdata(x), stats.rankdata(x))
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic)


def test_malformed_lines_are_counted_not_fatal(tmp_path):
    wv = WordVectors(["a", "b", "c", "d"], np.eye(4))
    (tmp_path / "q.txt").write_text("a b c d\n: s\na b c d\na b c\nx y\na b c d\n")
    r = evaluate_analogies(wv, tmp_path / "q.txt")
    assert r["malformed"] == 3 and r["answered"] == 2 and r["malformed_lines"][0][0] == 1
    (tmp_path / "p.tsv").write_text("# c\na\tb\t1\na\tc\tx\nb\tc\t2\na\td\t3\nonly\n")
    r = evaluate_word_pairs(wv, tmp_path / "p.tsv")
    assert r["malformed"] == 2 and r["pairs"] == 3


def test_unknown_word_lists_close_words():
    wv = WordVectors(["queen", "king", "man"], np.eye(3))
    with pytest.raises(KeyError, match="'quen' is not in the vocabulary.*queen"):
        wv["quen"]
    assert cosine_similarity(np.array([1.0, 0]), np.array([0, 2.0])) == 0
    with pytest.raises(ValueError, match="zero vector"):
        cosine_similarity(np.zeros(2), np.ones(2))


def test_complete_analogy_is_the_course_loop():
    r = np.random.default_rng(3)
    words = [f"w{i}" for i in range(30)]
    wv = WordVectors(words, r.standard_normal((30, 8)))

    def course(a, b, c):                      # the assignment's loop over the vocabulary
        best, best_word = -100, None
        e_a, e_b, e_c = wv[a], wv[b], wv[c]
        for w in words:
            if w in (a, b, c):
                continue
            sim = cosine_similarity(e_b - e_a, wv[w] - e_c)
            if sim > best:
                best, best_word = sim, w
        return best_word

    for a, b, c in [("w0", "w1", "w2"), ("w5", "w9", "w13"), ("w3", "w4", "w29")]:
        assert complete_analogy(a, b, c, wv) == course(a, b, c)
