"""GloVe: co-occurrence counts against a loop, the loss falls, word classes come apart."""
import numpy as np
import pytest

from dlspec.text.corpus import generated_corpus
from dlspec.text.glove import GloVe, cooccurrence


def test_cooccurrence_matches_a_loop():
    ids = np.array([0, 1, 2, 1, 0, 2, 2]); sent = np.array([0, 0, 0, 0, 1, 1, 1])
    rows, cols, X = cooccurrence(ids, sent, 3, window=2)
    dense = np.zeros((3, 3))
    for i in range(7):
        for j in range(7):
            if i != j and abs(i - j) <= 2 and sent[i] == sent[j]:
                dense[ids[i], ids[j]] += 1 / abs(i - j)
    got = np.zeros((3, 3)); got[rows, cols] = X
    np.testing.assert_allclose(got, dense)
    assert np.all(np.diff(rows * 3 + cols) > 0)


def test_glove_learns_the_generated_grammar():
    corpus = generated_corpus(2000, seed=1)
    g = GloVe(vector_size=16, window=3, min_count=1, epochs=40, x_max=10, batch_size=256, seed=0).fit(corpus)
    assert g.losses[-1] < 0.3 * g.losses[0]
    wv = g.wv
    assert wv.similarity("king", "queen") > wv.similarity("king", "village")
    assert wv.similarity("city", "town") > wv.similarity("city", "walks")
    with pytest.raises(ValueError, match="vector_size"):
        GloVe(vector_size=0)
