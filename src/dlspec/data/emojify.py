"""A stand-in for the course's Emojify set: short sentences, 5 emoji classes, held-out words in test.

The course's 132 training and 56 test sentences are not available offline. These are built
from templates per class; each class's key words are split in two, one half for training
sentences, the other for test sentences (as the course's test has "adore" where training
had "love"): a classifier can only label a test sentence right if the word vectors place
the new words near the training ones. Happy and sad share their templates, so the words
alone decide between them.
"""
from __future__ import annotations

from itertools import product

from ..backend import rng as make_rng, xp

EMOJIS = ("\u2764\ufe0f", "\u26be", "\U0001f604", "\U0001f61e", "\U0001f374")   # heart, baseball, smile, disappointed, fork and knife
LABELS = ("heart", "baseball", "smile", "disappointed", "fork_and_knife")

_FEELING = ("i am so {a}", "she is {a} this morning", "he looks {a}", "you make me {a}", "we are {a} now",
            "they feel {a}", "i feel {a} this evening", "what a {a} day")
_CLASSES = {
    0: (("i {v} you", "i {v} you so much", "we {v} each other", "you are my {n}", "my {n} i {v} you",
         "i will always {v} you my {n}", "he is my {n}"),
        {"v": (["love", "cherish", "treasure"], ["worship", "admire"]),
         "n": (["darling", "dear", "love"], ["lover", "beloved"])}),
    1: (("let us {v} the {n}", "i want to {v} the {n}", "he can {v} the {n} well", "the {n} will begin soon",
         "we {v} every {n}", "did you see the {n}"),
        {"v": (["play", "throw", "win"], ["pitch", "kick"]),
         "n": (["ball", "game", "team"], ["match", "race", "contest"])}),
    2: (_FEELING, {"a": (["happy", "glad", "joyful", "merry"], ["cheerful", "delighted", "pleased"])}),
    3: (_FEELING, {"a": (["sad", "unhappy", "miserable", "gloomy"], ["sorrowful", "wretched", "mournful"])}),
    4: (("let us {v} some {n}", "i want {n} for dinner", "the {n} is ready", "we {v} {n} at noon",
         "can you {v} the {n}", "i am hungry for {n}"),
        {"v": (["eat", "cook"], ["taste", "roast"]),
         "n": (["bread", "meat", "soup", "cheese"], ["pie", "pudding", "beef"])}),
}


def _fill(templates, slots, part):
    out = []
    for t in templates:
        names = [k for k in slots if "{" + k + "}" in t]
        for values in product(*(slots[k][part] for k in names)):
            out.append(t.format(**dict(zip(names, values))))
    return out


def emojify_data(n_train=132, n_test=56, seed=0):
    """Sentences and emoji class ids, shuffled: (X_train, Y_train, X_test, Y_test).

    Parameters
    ----------
    n_train, n_test : int, at most, split evenly over the 5 classes (the course's 132 and 56)
    seed : int

    Returns
    -------
    X_train, X_test : lists of str; Y_train, Y_test : (N,) int64 in [0, 5), see ``LABELS``.
    """
    r = make_rng(seed)
    sets = []
    for part, n in ((0, n_train), (1, n_test)):
        X, Y = [], []
        for label, (templates, slots) in _CLASSES.items():
            sentences = _fill(templates, slots, part)
            keep = r.permutation(len(sentences))[: n // 5 + (label < n % 5)]
            X += [sentences[i] for i in keep]
            Y += [label] * len(keep)
        order = r.permutation(len(X))
        sets += [[X[i] for i in order], xp.array(Y, dtype=xp.int64)[order]]
    return tuple(sets)


def label_to_emoji(label) -> str:
    """The emoji of a class id (the course's ``label_to_emoji``)."""
    return EMOJIS[int(label)]
