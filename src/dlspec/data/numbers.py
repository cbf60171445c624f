"""Numbers written in English words -> digits: a translation task whose sources grow long.

"three hundred twelve million four hundred five" -> "312000405". Long numbers make long
sentences, and their digits must be copied in place, which is where attention helps an
encoder-decoder most (course 5 week 3: BLEU against sentence length).
"""
from __future__ import annotations

from collections import Counter

from ..backend import xp
from .dates import END, PAD, START, UNK, DateData, Vocab

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = ["", "thousand", "million", "billion"]


def _below_thousand(n):
    words = []
    if n >= 100:
        words += [ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(TENS[n // 10])
        n %= 10
        if n:
            words.append(ONES[n])
    elif n:
        words.append(ONES[n])
    return words


def number_words(n):
    """The words of 0 <= n < 10^12: ``number_words(312000405)`` is "three hundred twelve million
    four hundred five"."""
    if not 0 <= n < 10 ** 12:
        raise ValueError(f"number_words handles 0 <= n < 10^12; got {n}.")
    if n == 0:
        return "zero"
    words, scale = [], 0
    while n:
        n, group = divmod(n, 1000)
        if group:
            words = _below_thousand(group) + ([SCALES[scale]] if scale else []) + words
        scale += 1
    return " ".join(words)


def load_numbers(n_train=10000, n_dev=1000, n_test=1000, seed=0, max_digits=12):
    """Unique numbers (as many of each digit count, 1 to ``max_digits``), disjoint splits.

    Returns a ``DateData`` whose sources are words (``human`` holds the sentences, X the word
    ids (N, Tx), Tx the longest sentence) and targets the digits + <end> (Ty = max_digits + 1).
    """
    total = n_train + n_dev + n_test
    if min(n_train, n_dev, n_test) < 0 or total < 1:
        raise ValueError(f"load_numbers expects non-negative split sizes with a positive total; "
                         f"got {n_train}, {n_dev}, {n_test}.")
    if not 1 <= max_digits <= 12:
        raise ValueError(f"max_digits must be between 1 and 12; got {max_digits}.")
    rng = xp.random.default_rng(seed)
    numbers, seen = [], set()
    while len(numbers) < total:
        digits = rng.integers(1, max_digits + 1, 2 * total)
        lows = xp.where(digits == 1, 0, 10 ** (digits - 1).astype(xp.float64))
        values = (lows + rng.random(2 * total) * (10.0 ** digits - lows)).astype(xp.int64)
        for v in values.tolist():
            if v not in seen and len(numbers) < total:
                seen.add(v)
                numbers.append(v)
    sentences = [number_words(v) for v in numbers]
    Tx = max(len(s.split()) for s in sentences)
    human = Vocab(ONES + TENS[2:] + ["hundred"] + SCALES[1:], [PAD, UNK])
    machine = Vocab("0123456789", [PAD, START, END])
    Ty = max_digits + 1
    splits, at = {}, 0
    for name, n in (("train", n_train), ("dev", n_dev), ("test", n_test)):
        hs, ds = sentences[at:at + n], [str(v) for v in numbers[at:at + n]]
        at += n
        splits[name] = {"X": human.encode([h.split() for h in hs], Tx),
                        "Y_in": machine.encode(ds, Ty, prefix=[START]),
                        "Y": machine.encode(ds, Ty, suffix=[END]), "human": hs, "iso": ds}
    return DateData(human, machine, splits, Tx, Ty)


def load_spelled_digits(n_train=10000, n_dev=1000, n_test=1000, seed=0, max_length=20):
    """A toy language read aloud: "three one four one five" -> "31415", lengths 1 to
    ``max_length`` equally often; every sentence unique (so the splits are disjoint), except
    that a length whose 10^length sentences are all taken repeats them (1 to 3 digits).

    The decoder must emit each source word's digit in order: easy to align, hard to
    memorise whole (max_length random digits in one state vector), so BLEU against length
    separates an encoder-decoder with attention from one without.
    Returns a ``DateData`` as ``load_numbers`` (Tx = max_length, Ty = max_length + 1).
    """
    total = n_train + n_dev + n_test
    if min(n_train, n_dev, n_test) < 0 or total < 1:
        raise ValueError(f"load_spelled_digits expects non-negative split sizes with a positive "
                         f"total; got {n_train}, {n_dev}, {n_test}.")
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        raise ValueError(f"max_length must be a positive int; got {max_length!r}.")
    rng = xp.random.default_rng(seed)
    digits, seen, taken = [], set(), Counter()
    while len(digits) < total:
        length = int(rng.integers(1, max_length + 1))
        d = "".join(str(k) for k in rng.integers(0, 10, length).tolist())
        if d in seen and taken[length] < 10 ** length:
            continue            # a length repeats only once all its strings are taken (1-3 digits)
        if d not in seen:
            seen.add(d)
            taken[length] += 1
        digits.append(d)
    human = Vocab(ONES[:10], [PAD, UNK])
    machine = Vocab("0123456789", [PAD, START, END])
    Tx, Ty = max_length, max_length + 1
    splits, at = {}, 0
    for name, n in (("train", n_train), ("dev", n_dev), ("test", n_test)):
        ds = digits[at:at + n]
        at += n
        words = [[ONES[int(c)] for c in d] for d in ds]
        splits[name] = {"X": human.encode(words, Tx), "Y_in": machine.encode(ds, Ty, prefix=[START]),
                        "Y": machine.encode(ds, Ty, suffix=[END]), "human": [" ".join(w) for w in words],
                        "iso": ds}
    return DateData(human, machine, splits, Tx, Ty)
