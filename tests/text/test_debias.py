"""The course's neutralize and equalize: the bias component goes, pairs become symmetric."""
import numpy as np
import pytest

from dlspec.text import WordVectors
from dlspec.text.debias import bias_direction, equalize, neutralize, projection


@pytest.fixture
def wv():
    r = np.random.default_rng(0)
    words = ["man", "woman", "he", "she", "king", "queen", "receptionist", "actor", "actress"]
    v = r.standard_normal((len(words), 50))
    return WordVectors(words, v / np.linalg.norm(v, axis=1, keepdims=True))


def test_one_pair_is_the_course_g_and_pca_agrees_in_sign(wv):
    np.testing.assert_allclose(bias_direction(wv), wv["woman"] - wv["man"])
    g = bias_direction(wv, [("man", "woman"), ("he", "she"), ("king", "queen")])
    assert np.linalg.norm(g) == pytest.approx(1)
    assert g @ (wv["woman"] - wv["man"]) > 0
    same = bias_direction(wv, [("man", "woman"), ("man", "woman")])
    np.testing.assert_allclose(same, (wv["woman"] - wv["man"]) / np.linalg.norm(wv["woman"] - wv["man"]))
    with pytest.raises(ValueError, match="pairs"):
        bias_direction(wv, [("man",)])


def test_neutralize_leaves_no_projection_on_g(wv):
    g = bias_direction(wv)
    e = neutralize("receptionist", g, wv)
    assert abs(e @ g) / np.linalg.norm(g) < 1e-10
    np.testing.assert_allclose(e + projection(wv["receptionist"], g), wv["receptionist"])


def test_equalize_gives_equal_and_opposite_projections(wv):
    g = bias_direction(wv)
    e1, e2 = equalize(("actor", "actress"), g, wv)
    p1, p2 = e1 @ g / np.linalg.norm(g), e2 @ g / np.linalg.norm(g)
    assert abs(p1 + p2) < 1e-10 and abs(p1) > 1e-3
    np.testing.assert_allclose(e1 - projection(e1, g), e2 - projection(e2, g), atol=1e-12)
    neutral = neutralize("receptionist", g, wv)
    assert neutral @ e1 == pytest.approx(neutral @ e2, abs=1e-12)
