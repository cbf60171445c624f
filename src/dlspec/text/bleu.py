"""BLEU (Papineni et al. 2002; course 5 week 3): sentence and corpus scores with smoothing.

The numbers are sacrebleu's (``tokenize="none"``) divided by 100: the same sufficient
statistics (clipped n-gram matches summed over the corpus, the closest reference length per
sentence), the same brevity penalty and the same smoothing methods (Chen and Cherry 2014).
"""
from __future__ import annotations

import math

from ..validation import check_number
from dataclasses import dataclass, field

from .ngrams import closest_ref_length, modified_precision

SMOOTHING = {"none": None, "floor": 0.1, "add-k": 1.0, "exp": None}


@dataclass
class BLEUScore:
    """A BLEU score in [0, 1] and what it is made of.

    ``precisions[n - 1]`` is the (smoothed) modified n-gram precision p_n; ``correct`` and
    ``total`` are the corpus's clipped n-gram matches and hypothesis n-grams per order;
    ``sys_len`` (c) and ``ref_len`` (r) the hypothesis and closest-reference lengths.
    """

    score: float
    precisions: list
    brevity_penalty: float
    sys_len: int
    ref_len: int
    correct: list = field(default_factory=list)
    total: list = field(default_factory=list)

    def __float__(self):
        return float(self.score)


def brevity_penalty(sys_len, ref_len):
    """BP = 1 if c > r else exp(1 - r / c); 0 when the hypotheses are empty (c = 0).

    >>> round(brevity_penalty(4, 6), 4)
    0.6065
    """
    if sys_len >= ref_len:
        return 1.0
    return math.exp(1.0 - ref_len / sys_len) if sys_len > 0 else 0.0


def _tokens(x, what):
    if isinstance(x, str):
        return x.split()
    if isinstance(x, (list, tuple)) and all(isinstance(t, (str, int)) and not isinstance(t, bool) for t in x):
        return tuple(x)
    raise TypeError(f"{what} must be a string (split on whitespace) or a list of tokens (strings "
                    f"or token ids); got {type(x).__name__} {str(x)[:40]}. Tokenize it first, "
                    "for example sentence.split().")


def _statistics(hypotheses, references, max_order):
    """Corpus sums: correct[n], total[n], c and r, validating the inputs on the way."""
    if isinstance(hypotheses, str):
        raise TypeError("corpus_bleu expects a list of hypotheses; got one string. "
                        "Use sentence_bleu(hypothesis, references) for a single sentence.")
    for name, value in (("hypotheses", hypotheses), ("references", references)):
        if not hasattr(value, "__iter__"):
            raise TypeError(f"corpus_bleu({name}) must be a list (one entry per sentence); got "
                            f"{type(value).__name__} {value!r:.40}.")
    hypotheses, references = list(hypotheses), list(references)
    if len(hypotheses) != len(references):
        raise ValueError(f"BLEU needs one list of references per hypothesis; got {len(hypotheses)} "
                         f"hypotheses and {len(references)} reference lists.")
    if not hypotheses:
        raise ValueError("BLEU needs at least one hypothesis; got an empty corpus.")
    correct, total = [0] * max_order, [0] * max_order
    sys_len = ref_len = 0
    for i, (hyp, refs) in enumerate(zip(hypotheses, references)):
        refs = [refs] if isinstance(refs, str) else list(refs)
        if not refs:
            raise ValueError(f"hypothesis {i} has no reference: BLEU compares against at least one "
                             f"human translation. Pass references[{i}] = [reference, ...].")
        hyp = _tokens(hyp, f"hypothesis {i}")
        refs = [_tokens(r, f"reference of hypothesis {i}") for r in refs]
        for n in range(1, max_order + 1):
            c, t = modified_precision(hyp, refs, n)
            correct[n - 1] += c
            total[n - 1] += t
        sys_len += len(hyp)
        ref_len += closest_ref_length(len(hyp), [len(r) for r in refs])
    return correct, total, sys_len, ref_len


def corpus_bleu(hypotheses, references, max_order=4, smoothing="none", smooth_value=None,
                effective_order=False):
    """Corpus BLEU: BP * exp(1/N sum_n log p_n), with p_n the corpus's modified precisions.

    Parameters
    ----------
    hypotheses : list of m hypotheses, each a string (split on whitespace) or token sequence.
    references : list of m lists of references (one or more per hypothesis); a string in
        place of a list is one reference.
    max_order : N, the largest n-gram order (4 as in the paper).
    smoothing : "none", "floor" (a zero count becomes ``smooth_value``, default 0.1), "add-k"
        (k = ``smooth_value``, default 1, added to counts and totals of orders n >= 2), or
        "exp" (the k-th zero precision becomes 1 / (2^k total), NIST's mteval): sacrebleu's
        methods; nltk's SmoothingFunction method1, method2 and method3.
    effective_order : if True, average only over the orders the hypotheses have n-grams of
        (for short sentences).

    Returns
    -------
    BLEUScore (``score`` in [0, 1]; sacrebleu reports 100 times it).

    Notes
    -----
    p_n = sum_sentences Count_clip(n-grams) / sum_sentences Count(n-grams); c = total
    hypothesis length, r = sum of the reference lengths closest to each hypothesis;
    BP = min(1, exp(1 - r / c)). No unigram match, or an order without n-grams (unless
    ``effective_order``), gives 0. nltk's ``corpus_bleu`` counts at least one n-gram per
    sentence and order (max(1, .)), so it agrees when every hypothesis has >= N tokens.

    Examples
    --------
    >>> s = corpus_bleu(["the cat is on the mat"], [["the cat is on the mat", "a cat"]])
    >>> s.score, s.brevity_penalty
    (1.0, 1.0)
    """
    if isinstance(max_order, bool) or not isinstance(max_order, int) or max_order < 1:
        raise ValueError(f"max_order must be a positive int; got {max_order!r}.")
    if smoothing not in SMOOTHING:
        raise ValueError(f"unknown smoothing {smoothing!r}; expected one of {sorted(SMOOTHING)}.")
    if smooth_value is not None:
        check_number(smooth_value, "smooth_value", minimum=0, open_min=True,
                     hint="It is the count given to a zero n-gram count: 0.1 (floor) or 1 (add-k).")
    if not isinstance(effective_order, bool):
        raise TypeError(f"effective_order must be True or False; got {effective_order!r}.")
    value = SMOOTHING[smoothing] if smooth_value is None else smooth_value
    correct, total, sys_len, ref_len = _statistics(hypotheses, references, max_order)
    bp = brevity_penalty(sys_len, ref_len)
    precisions = [0.0] * max_order
    result = BLEUScore(0.0, precisions, bp, sys_len, ref_len, list(correct), list(total))
    if not any(correct):
        return result
    correct, total = [float(c) for c in correct], [float(t) for t in total]
    zeros, order = 0, max_order
    for n in range(1, max_order + 1):
        if smoothing == "add-k" and n > 1:
            correct[n - 1] += value
            total[n - 1] += value
        if total[n - 1] == 0:
            break                    # no n-grams of this order or higher
        if effective_order:
            order = n
        if correct[n - 1] == 0:
            if smoothing == "exp":
                zeros += 1
                precisions[n - 1] = 1.0 / (2 ** zeros * total[n - 1])
            elif smoothing == "floor":
                precisions[n - 1] = value / total[n - 1]
        else:
            precisions[n - 1] = correct[n - 1] / total[n - 1]
    if min(precisions[:order]) <= 0:
        return result
    result.score = bp * math.exp(sum(math.log(p) for p in precisions[:order]) / order)
    return result


def sentence_bleu(hypothesis, references, max_order=4, smoothing="exp", smooth_value=None,
                  effective_order=True):
    """BLEU of one hypothesis against its references (``corpus_bleu`` of a corpus of one).

    The defaults are sacrebleu's ``sentence_bleu`` (exp smoothing, effective order): without
    smoothing a short sentence with no 4-gram match would score 0.

    >>> round(sentence_bleu("the cat sat on the mat", ["the cat is on the mat"]).score, 4)
    0.3799
    """
    if isinstance(references, str):
        references = [references]
    return corpus_bleu([hypothesis], [references], max_order, smoothing, smooth_value,
                       effective_order)
