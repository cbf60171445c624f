"""n-gram counts and the course's modified (clipped) n-gram precision."""
from __future__ import annotations

from collections import Counter


def ngram_counts(tokens, n):
    """Counter of the n-grams (tuples) of ``tokens``; empty when len(tokens) < n.

    >>> ngram_counts("the cat the cat".split(), 2)[("the", "cat")]
    2
    """
    tokens = tuple(tokens)
    return Counter(tokens[i:i + n] for i in range(len(tokens) - n + 1))


def modified_precision(hypothesis, references, n):
    """The course's modified n-gram precision, as (clipped matches, hypothesis n-grams).

    Parameters
    ----------
    hypothesis : sequence of tokens (the machine translation).
    references : list of token sequences (one or more human translations).
    n : n-gram order.

    Returns
    -------
    (correct, total) : ints; p_n = correct / total.

    Notes
    -----
    Count_clip(g) = min(Count_hyp(g), max over references of Count_ref(g)); the course's
    example: "the the the the the the the" against "the cat is on the mat" scores 2 / 7,
    not 7 / 7.

    Examples
    --------
    >>> modified_precision("the the the the the the the".split(),
    ...                    ["the cat is on the mat".split(), "there is a cat on the mat".split()], 1)
    (2, 7)
    """
    hyp = ngram_counts(hypothesis, n)
    max_ref = Counter()
    for ref in references:
        for g, c in ngram_counts(ref, n).items():
            if c > max_ref[g]:
                max_ref[g] = c
    correct = sum(min(c, max_ref[g]) for g, c in hyp.items())
    return correct, sum(hyp.values())


def closest_ref_length(hyp_len, ref_lens):
    """The reference length closest to ``hyp_len``, the shorter one on ties (sacrebleu, nltk)."""
    return min(ref_lens, key=lambda r: (abs(r - hyp_len), r))
