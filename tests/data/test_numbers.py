"""Numbers in words and digits read aloud: correct words, seeded, disjoint splits, clear errors."""
import numpy as np
import pytest

from dlspec.data.numbers import load_numbers, load_spelled_digits, number_words


@pytest.mark.parametrize("n,words", [
    (0, "zero"), (7, "seven"), (13, "thirteen"), (40, "forty"), (99, "ninety nine"),
    (100, "one hundred"), (105, "one hundred five"), (1000, "one thousand"),
    (312000405, "three hundred twelve million four hundred five"),
    (2_000_017_000, "two billion seventeen thousand"),
])
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_range():
    with pytest.raises(ValueError, match="0 <= n < 10\\^12"):
        number_words(10 ** 12)


def test_load_numbers_round_trips_and_splits_are_disjoint():
    d = load_numbers(300, 50, 50, seed=1, max_digits=9)
    again = load_numbers(300, 50, 50, seed=1, max_digits=9)
    assert d.splits["train"]["iso"] == again.splits["train"]["iso"]
    sets = [set(d.splits[s]["iso"]) for s in ("train", "dev", "test")]
    assert len(set.union(*sets)) == 400
    s = d.splits["dev"]
    assert d.machine_vocab.decode(s["Y"]) == s["iso"]
    assert all(number_words(int(i)) == h for h, i in zip(s["human"], s["iso"]))
    assert d.Ty == 10 and s["X"].shape == (50, d.Tx)
    assert {len(i) for i in d.splits["train"]["iso"]} == set(range(1, 10))     # every digit count
    with pytest.raises(ValueError, match="max_digits"):
        load_numbers(10, 1, 1, max_digits=13)


def test_spelled_digits():
    d = load_spelled_digits(500, 50, 50, seed=0, max_length=8)
    s = d.splits["test"]
    assert d.Tx == 8 and d.Ty == 9
    assert d.machine_vocab.decode(s["Y"]) == s["iso"]
    assert d.human_vocab.decode(s["X"], stop=None) == [h.replace(" ", "") for h in s["human"]]
    assert s["human"][0].split()[0] in ("zero", "one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine")
    lengths = np.array([len(i) for i in d.splits["train"]["iso"]])
    assert lengths.min() == 1 and lengths.max() == 8
    long = {i for i in d.splits["train"]["iso"] if len(i) > 3}
    assert not long & {i for i in s["iso"]}                                  # disjoint (long ones)
    with pytest.raises(ValueError, match="max_length"):
        load_spelled_digits(10, 1, 1, max_length=0)
    with pytest.raises(ValueError, match="non-negative"):
        load_spelled_digits(-1, 1, 1)
