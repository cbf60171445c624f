"""WordVectors: a word -> vector table with similarity, nearest neighbours and analogies."""
from __future__ import annotations

import difflib

from ..backend import xp
from ..validation import UnknownKeyError, check_int


def cosine_similarity(u, v):
    """The course's cosine similarity: u . v / (||u|| ||v||), in [-1, 1].

    Parameters
    ----------
    u, v : (D,) arrays

    >>> import numpy as np
    >>> float(cosine_similarity(np.array([1.0, 0]), np.array([1.0, 1])))  # doctest: +ELLIPSIS
    0.7071...
    """
    u, v = xp.asarray(u, dtype=xp.float64), xp.asarray(v, dtype=xp.float64)
    if u.shape != v.shape or u.ndim != 1:
        raise ValueError(f"cosine_similarity expects two vectors of one shape (D,); got {u.shape} and {v.shape}.")
    if not (xp.isfinite(u).all() and xp.isfinite(v).all()):
        raise ValueError("cosine_similarity: a vector holds NaN or infinite values; the word vectors "
                         "are damaged (check the file they were read from).")
    norms = xp.linalg.norm(u) * xp.linalg.norm(v)
    if norms == 0:
        raise ValueError("cosine_similarity of a zero vector is undefined.")
    return float(u @ v / norms)


def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    """The course's ``complete_analogy``: a is to b as c is to the word d maximizing
    cos(e_b - e_a, e_d - e_c), over every word but a, b and c (one product, no loop per word).

    Unlike 3CosAdd (:meth:`WordVectors.most_similar`), the vectors are not normalized first,
    exactly as in the course's assignment.

    Parameters
    ----------
    word_a, word_b, word_c : str
    word_to_vec_map : WordVectors

    Returns
    -------
    best_word : str
    """
    words = [w.lower() for w in (word_a, word_b, word_c)]
    e_a, e_b, e_c = (word_to_vec_map[w].astype(xp.float64) for w in words)
    diff = e_b - e_a                                           # (D,)
    E = word_to_vec_map.vectors.astype(xp.float64) - e_c       # (V, D): e_d - e_c for every d
    norms = xp.linalg.norm(E, axis=1) * xp.linalg.norm(diff)
    sims = xp.where(norms > 0, E @ diff / xp.where(norms > 0, norms, 1), -xp.inf)
    sims[[word_to_vec_map.id(w) for w in words]] = -xp.inf
    return word_to_vec_map.words[int(xp.argmax(sims))]


class WordVectors:
    """Word vectors with gensim ``KeyedVectors``'s questions: similarity, neighbours, analogies.

    Parameters
    ----------
    words : list of str, row i of ``vectors`` is the vector of words[i] (most frequent first,
        so that ``restrict_vocab`` keeps the frequent words)
    vectors : (V, D) float array
    counts : (V,) int, optional word counts

    Examples
    --------
    >>> import numpy as np
    >>> wv = WordVectors(["man", "woman", "king", "queen"],
    ...                  np.array([[1., 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1]]))
    >>> wv.analogy("man", "king", "woman")
    'queen'
    """

    def __init__(self, words, vectors, counts=None):
        words = list(words)
        vectors = xp.asarray(vectors)
        if vectors.ndim != 2 or vectors.shape[0] != len(words):
            raise ValueError(f"WordVectors expects vectors of shape (len(words), D) = ({len(words)}, D); "
                             f"got {vectors.shape}.")
        if not words:
            raise ValueError("WordVectors needs at least one word; got no words (an empty file or "
                             "an empty list).")
        if vectors.dtype.kind not in "iuf":
            raise TypeError(f"WordVectors expects vectors of numbers; got dtype {vectors.dtype}.")
        bad = [w for w in words[:1000] if not isinstance(w, str)] or \
            [w for w in words if not isinstance(w, str)]
        if bad:
            raise TypeError(f"WordVectors expects words as strings; got {type(bad[0]).__name__} {bad[0]!r}.")
        finite = xp.isfinite(vectors).all(axis=1)
        if not finite.all():
            rows = xp.flatnonzero(~finite)
            raise ValueError(f"WordVectors: the vectors of {len(rows)} words hold NaN or infinite values "
                             f"(first: {words[rows[0]]!r}, row {rows[0]}); every similarity with them "
                             "would be NaN. Drop those words or fix the file.")
        if counts is not None and len(counts) != len(words):
            raise ValueError(f"WordVectors(counts) needs one count per word ({len(words)}); got {len(counts)}.")
        self.words = words
        self.vectors = vectors
        self.index = {}
        for i, w in enumerate(words):
            if w in self.index:
                raise ValueError(f"WordVectors: the word {w!r} appears twice (rows "
                                 f"{self.index[w]} and {i}); each word needs one vector.")
            self.index[w] = i
        self.counts = None if counts is None else xp.asarray(counts)
        self._unit = None

    @property
    def vector_size(self) -> int:
        return self.vectors.shape[1]

    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return word in self.index

    def __getitem__(self, word):
        return self.vectors[self.id(word)]

    def id(self, word) -> int:
        """The row of ``word``; a KeyError (also a ValueError) that lists close words if it is unknown."""
        try:
            return self.index[word]
        except (KeyError, TypeError):
            close = difflib.get_close_matches(str(word), self.words[:50000], n=5)
            hint = f" Close words: {', '.join(close)}." if close else ""
            raise UnknownKeyError(f"word {word!r} is not in the vocabulary ({len(self)} words).{hint}") from None

    @property
    def unit(self):
        """(V, D) float32 rows scaled to unit length (zero rows stay zero), computed once."""
        if self._unit is None:
            v = self.vectors.astype(xp.float32)
            norms = xp.linalg.norm(v, axis=1, keepdims=True)
            self._unit = v / xp.where(norms == 0, 1, norms)
        return self._unit

    def similarity(self, w1, w2) -> float:
        """cos(e_w1, e_w2), computed in float64."""
        return cosine_similarity(self[w1], self[w2])

    def most_similar(self, positive=(), negative=(), topn=10, restrict_vocab=None):
        """The ``topn`` words nearest to the mean of the unit vectors of ``positive`` minus ``negative``.

        3CosAdd (Mikolov et al.), as gensim's ``most_similar``: the query words themselves are
        left out. Returns a list of (word, cosine) pairs.
        """
        positive, negative = _as_list(positive), _as_list(negative)
        unit = self._restricted("most_similar", positive, negative, topn, restrict_vocab)
        query = sum(self.unit[self.id(w)] for w in positive) - sum(self.unit[self.id(w)] for w in negative)
        query = query / max(float(xp.linalg.norm(query)), 1e-12)
        sims = unit @ query
        return self._top(sims, {self.index[w] for w in positive + negative}, topn)

    def most_similar_cosmul(self, positive=(), negative=(), topn=10, restrict_vocab=None):
        """3CosMul (Levy and Goldberg, 2014), as gensim's ``most_similar_cosmul``.

        Each cosine is shifted to (1 + cos) / 2 in [0, 1]; the score of d is
        prod_{p in positive} cos'(d, p) / (prod_{n in negative} cos'(d, n) + 1e-6).
        """
        positive, negative = _as_list(positive), _as_list(negative)
        unit = self._restricted("most_similar_cosmul", positive, negative, topn, restrict_vocab)
        pos = [(1 + unit @ self.unit[self.id(w)]) / 2 for w in positive]
        neg = [(1 + unit @ self.unit[self.id(w)]) / 2 for w in negative]
        sims = xp.prod(pos, axis=0) / (xp.prod(neg, axis=0) + 1e-6)
        return self._top(sims, {self.index[w] for w in positive + negative}, topn)

    def analogy(self, a, b, c, method="3cosadd"):
        """The word d such that a is to b as c is to d (man : king :: woman : queen)."""
        if method not in ("3cosadd", "3cosmul"):
            raise ValueError(f"analogy(method) is '3cosadd' or '3cosmul'; got {method!r}.")
        words = [a, b, c]
        for w in words:
            self.id(w)                      # an unknown word is named before anything else
        if len(set(words)) < 3:
            raise ValueError(f"analogy needs three distinct words (a is to b as c is to ?); got "
                             f"{a!r}, {b!r}, {c!r}: the same word twice leaves nothing to compare, and "
                             "the query words themselves are never answers.")
        find = self.most_similar if method == "3cosadd" else self.most_similar_cosmul
        return find(positive=[b, c], negative=[a], topn=1)[0][0]

    def _restricted(self, who, positive, negative, topn, restrict_vocab):
        """The unit vectors searched (the first ``restrict_vocab``), after checking the query."""
        if not positive and not negative:
            raise ValueError(f"{who} needs at least one word in positive or negative.")
        check_int(topn, f"{who}(topn)", hint="It is how many neighbours to return, such as 10.")
        check_int(restrict_vocab, f"{who}(restrict_vocab)", allow_none=True,
                  hint="It keeps the most frequent words only; None searches them all.")
        for w in positive + negative:
            self.id(w)
        return self.unit[:restrict_vocab]

    def _top(self, sims, exclude, topn):
        sims = xp.array(sims, dtype=xp.float64)
        sims[[i for i in exclude if i < len(sims)]] = -xp.inf
        topn = min(topn, len(sims) - len(exclude))
        best = xp.argpartition(-sims, topn - 1)[:topn] if topn < len(sims) else xp.arange(len(sims))
        best = best[xp.argsort(-sims[best], kind="stable")][:topn]
        return [(self.words[i], float(sims[i])) for i in best]


def _as_list(words):
    return [words] if isinstance(words, str) else list(words)
