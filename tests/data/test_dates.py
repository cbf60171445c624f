"""The date-translation data: seeded, disjoint splits, ISO targets, reversible encodings."""
import datetime

import numpy as np

from dlspec.data.dates import END, START, load_dates


def test_dates_are_seeded_disjoint_and_correct():
    d = load_dates(300, 50, 50, seed=3)
    again = load_dates(300, 50, 50, seed=3)
    assert d.splits["train"]["human"] == again.splits["train"]["human"]
    sets = [set(d.splits[s]["human"]) for s in ("train", "dev", "test")]
    assert sum(map(len, sets)) == 400 and len(set.union(*sets)) == 400
    for iso in d.splits["train"]["iso"]:
        assert 1950 <= datetime.date.fromisoformat(iso).year <= 2049
    s = d.splits["dev"]
    assert s["X"].shape == (50, 30) and s["Y"].shape == (50, 11) and s["Y_in"].shape == (50, 11)
    mv = d.machine_vocab
    assert (s["Y_in"][:, 0] == mv.index[START]).all() and (s["Y"][:, -1] == mv.index[END]).all()
    np.testing.assert_array_equal(s["Y_in"][:, 1:], s["Y"][:, :-1])       # teacher forcing shift
    assert mv.decode(s["Y"]) == s["iso"]
    assert d.human_vocab.decode(s["X"], stop=None) == [h[:30] for h in s["human"]]
    assert len({len(h) for h in d.splits["train"]["human"]}) > 5           # many formats
