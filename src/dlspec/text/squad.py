"""Exact match and F1 of extractive answers, as the SQuAD v1.1 evaluation script computes them.

An answer is compared after normalization: lower case, punctuation removed, the articles
"a", "an", "the" removed, whitespace collapsed. Exact match is 1 when the normalized
strings are equal; F1 is the harmonic mean of precision and recall over the normalized
words (a bag: repeated words count as often as they appear in both). Each prediction
takes its best score over its gold answers; a set's score is the mean over questions.

>>> exact_match_score("The Kitchen.", "kitchen"), round(f1_score("the red ball", "ball"), 3)
(1.0, 0.667)
"""
from __future__ import annotations

import re
import string
from collections import Counter

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = set(string.punctuation)


def normalize_answer(s):
    """Lower case, no punctuation, no articles, single spaces (SQuAD v1.1)."""
    if not isinstance(s, str):
        raise TypeError(f"normalize_answer expects a string; got {type(s).__name__}.")
    s = "".join(ch for ch in s.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", s).split())


def exact_match_score(prediction, ground_truth):
    return float(normalize_answer(prediction) == normalize_answer(ground_truth))


def f1_score(prediction, ground_truth):
    pred, gold = normalize_answer(prediction).split(), normalize_answer(ground_truth).split()
    common = Counter(pred) & Counter(gold)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(gold)
    return 2 * precision * recall / (precision + recall)


def squad_scores(predictions, answers):
    """{"exact_match", "f1"} in [0, 1], means over questions of the best score over each
    question's gold answers (``answers``: a list of strings, or of lists of strings)."""
    if len(predictions) != len(answers) or not predictions:
        raise ValueError(f"squad_scores expects as many predictions as questions (at least one); "
                         f"got {len(predictions)} predictions and {len(answers)} answer lists.")
    em = f1 = 0.0
    for p, golds in zip(predictions, answers):
        golds = [golds] if isinstance(golds, str) else list(golds)
        em += max(exact_match_score(p, g) for g in golds)
        f1 += max(f1_score(p, g) for g in golds)
    return {"exact_match": em / len(predictions), "f1": f1 / len(predictions)}
