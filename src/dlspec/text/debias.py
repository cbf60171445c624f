"""Debiasing word vectors (course 5 week 2, after Bolukbasi et al., 2016): neutralize, equalize."""
from __future__ import annotations

from ..backend import xp


def _vector(word_or_vector, word_to_vec_map):
    if isinstance(word_or_vector, str):
        return xp.asarray(word_to_vec_map[word_or_vector], dtype=xp.float64)
    return xp.asarray(word_or_vector, dtype=xp.float64)


def bias_direction(word_to_vec_map, pairs=(("man", "woman"),)):
    """The bias axis g: e_woman - e_man for one pair, or the first principal component of several.

    Parameters
    ----------
    word_to_vec_map : WordVectors or dict word -> (D,) vector
    pairs : sequence of (word1, word2) definitional pairs, such as (man, woman), (he, she)

    Returns
    -------
    g : (D,) float64. With several pairs, the top principal component of the pairs' vectors
        centred on each pair's mean (Bolukbasi et al.), unit length and signed to point from
        word1 to word2 like the one-pair g.

    Examples
    --------
    >>> g = bias_direction({"man": [1.0, 0], "woman": [1.0, 2]})
    >>> g.tolist()
    [0.0, 2.0]
    """
    pairs = [tuple(p) for p in pairs]
    if not pairs or any(len(p) != 2 for p in pairs):
        raise ValueError(f"bias_direction expects (word1, word2) pairs; got {pairs!r}.")
    diffs = xp.stack([_vector(b, word_to_vec_map) - _vector(a, word_to_vec_map) for a, b in pairs])
    if len(pairs) == 1:
        return diffs[0]                          # the course's g = e_woman - e_man
    centred = xp.concatenate([diffs / 2, -diffs / 2])          # each pair's two words minus their mean
    _, _, Vt = xp.linalg.svd(centred, full_matrices=False)
    g = Vt[0]
    return g if g @ diffs.sum(axis=0) >= 0 else -g


def projection(e, g):
    """The component of e along g: (e . g / ||g||^2) g, the course's e_biascomponent."""
    e, g = xp.asarray(e, dtype=xp.float64), xp.asarray(g, dtype=xp.float64)
    return (e @ g) / (g @ g) * g


def neutralize(word, g, word_to_vec_map):
    """Remove the bias of a word that should be neutral (receptionist, doctor): e - proj_g(e).

    Parameters
    ----------
    word : str (looked up in word_to_vec_map) or a (D,) vector
    g : (D,) the bias axis
    word_to_vec_map : WordVectors or dict

    Returns
    -------
    e_debiased : (D,) float64, orthogonal to g (cosine with g ~ 1e-17)

    Notes
    -----
    e_biascomponent = (e . g) / ||g||_2^2 * g;  e_debiased = e - e_biascomponent.
    """
    e = _vector(word, word_to_vec_map)
    return e - projection(e, g)


def equalize(pair, bias_axis, word_to_vec_map):
    """Make a gendered pair (actor, actress) differ only along the bias axis, symmetrically.

    As the course writes it, for unit-length vectors:

        mu = (e_w1 + e_w2) / 2,  mu_B = proj_g(mu),  mu_orth = mu - mu_B
        e_wiB = proj_g(e_wi)
        corrected_e_wiB = sqrt(|1 - ||mu_orth||^2|) * (e_wiB - mu_B) / ||e_wi - mu_orth - mu_B||
        e_i = corrected_e_wiB + mu_orth

    Returns
    -------
    e1, e2 : (D,) float64 with equal and opposite projections on g and the same component
        mu_orth orthogonal to g, so that neutral words are equidistant from both.
    """
    w1, w2 = pair
    e_w1, e_w2 = _vector(w1, word_to_vec_map), _vector(w2, word_to_vec_map)
    g = xp.asarray(bias_axis, dtype=xp.float64)
    mu = (e_w1 + e_w2) / 2
    mu_B = projection(mu, g)
    mu_orth = mu - mu_B
    e_w1B, e_w2B = projection(e_w1, g), projection(e_w2, g)
    scale = xp.sqrt(xp.abs(1 - mu_orth @ mu_orth))
    corrected_e_w1B = scale * (e_w1B - mu_B) / xp.linalg.norm(e_w1 - mu_orth - mu_B)
    corrected_e_w2B = scale * (e_w2B - mu_B) / xp.linalg.norm(e_w2 - mu_orth - mu_B)
    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth
