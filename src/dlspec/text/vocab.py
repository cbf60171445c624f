"""The vocabulary of a corpus: counts, ``min_count``, subsampling and the negative-sampling table."""
from __future__ import annotations

from collections import Counter

from ..backend import xp


class Vocabulary:
    """Words kept (count >= ``min_count``), sorted by decreasing count, with their counts.

    Parameters
    ----------
    sentences : iterable of list of str
        The tokenized corpus (:func:`dlspec.text.tokenize.sentences`).
    min_count : int
        Words seen fewer times are dropped (gensim's and word2vec's ``min_count``, default 5).

    Attributes
    ----------
    words : list of str, id -> word, most frequent first (id 0 is the most frequent word)
    index : dict word -> id
    counts : (V,) int64, the count of each word
    total : int, the number of kept tokens

    Examples
    --------
    >>> v = Vocabulary([["a", "b", "a"]], min_count=1)
    >>> v.words, v.counts.tolist()
    (['a', 'b'], [2, 1])
    """

    def __init__(self, sentences, min_count: int = 5):
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
            raise ValueError(f"Vocabulary(min_count) expects a positive integer; got {min_count!r}.")
        counter = Counter()
        for sentence in sentences:
            if isinstance(sentence, str):
                raise TypeError("Vocabulary expects sentences as lists of words; got a str. "
                                "Split it first: dlspec.text.sentences(text).")
            counter.update(sentence)
        if not counter:
            raise ValueError("Vocabulary got an empty corpus (no words). Pass a non-empty list of "
                             "tokenized sentences, such as dlspec.text.sentences(text).")
        kept = [(w, c) for w, c in counter.items() if c >= min_count]
        if not kept:
            raise ValueError(f"No word occurs min_count={min_count} times in the corpus "
                             f"({len(counter)} distinct words, the most frequent "
                             f"{counter.most_common(1)[0]}). Lower min_count or give more text.")
        kept.sort(key=lambda wc: (-wc[1], wc[0]))
        self.min_count = min_count
        self.words = [w for w, _ in kept]
        self.index = {w: i for i, w in enumerate(self.words)}
        self.counts = xp.array([c for _, c in kept], dtype=xp.int64)
        self.total = int(self.counts.sum())

    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return word in self.index

    def encode(self, sentences) -> tuple:
        """The corpus as one id array and the sentence each token belongs to; unknown words dropped.

        Returns
        -------
        ids : (n_tokens,) int64 word ids
        sentence_ids : (n_tokens,) int64, so that windows can stop at sentence ends
        """
        index = self.index
        encoded = [[index[w] for w in s if w in index] for s in sentences]
        lengths = xp.array([len(s) for s in encoded], dtype=xp.int64)
        ids = xp.fromiter((i for s in encoded for i in s), dtype=xp.int64, count=int(lengths.sum()))
        return ids, xp.repeat(xp.arange(len(encoded)), lengths)

    def keep_probabilities(self, sample: float = 1e-3):
        """Probability of keeping each occurrence of a word when subsampling frequent words.

        word2vec's formula (as in gensim): with z = count / total and t = ``sample``,
        P(keep) = (sqrt(z / t) + 1) * t / z, capped at 1. ``sample=0`` keeps every word.

        Returns
        -------
        (V,) float64
        """
        if sample <= 0:
            return xp.ones(len(self), dtype=xp.float64)
        z = self.counts / self.total
        return xp.minimum(1.0, (xp.sqrt(z / sample) + 1) * sample / z)

    def noise_distribution(self, power: float = 0.75):
        """The negative-sampling distribution P(w) proportional to count(w)^0.75 (Mikolov et al.).

        Returns
        -------
        (V,) float64 cumulative distribution, for ``xp.searchsorted(cdf, uniform)``.
        """
        p = self.counts.astype(xp.float64) ** power
        cdf = xp.cumsum(p / p.sum())
        cdf[-1] = 1.0
        return cdf
