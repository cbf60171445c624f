import json
import math

import numpy as np
import pytest

from dlspec.tune import Param, Space, parse_space


def draws(spec, n=4000, seed=0):
    space = parse_space(spec)
    rng = np.random.default_rng(seed)
    return [space.sample(rng) for _ in range(n)]


def test_the_spec_string_reads_every_kind():
    space = parse_space("learning_rate=log:1e-4:1e-1, beta1=beta:0.8:0.999,hidden_units=int:2:50,"
                        "activation=choice:relu|tanh,epochs=30,keep_prob=uniform:0.5:1")
    assert space.names == ["learning_rate", "beta1", "hidden_units", "activation", "epochs", "keep_prob"]
    assert space["learning_rate"] == Param("learning_rate", "log", 1e-4, 0.1)
    assert space["hidden_units"].low == 2 and isinstance(space["hidden_units"].low, int)
    assert space["activation"].options == ("relu", "tanh")
    assert space["epochs"].options == (30,)            # NAME=VALUE is fixed
    assert parse_space(space.spec()) == space           # the spec round-trips


def test_a_json_file_or_dict_gives_the_same_space(tmp_path):
    spec = {"learning_rate": {"type": "log", "low": 1e-4, "high": 0.1},
            "activation": {"type": "choice", "values": ["relu", "tanh"]}, "hidden_units": "int:2:50"}
    path = tmp_path / "space.json"
    path.write_text(json.dumps(spec))
    expected = parse_space("learning_rate=log:1e-4:0.1,activation=choice:relu|tanh,hidden_units=int:2:50")
    assert parse_space(str(path)) == expected
    assert parse_space("@" + str(path)) == expected
    assert parse_space(spec) == expected


def test_log_uniform_samples_are_uniform_in_log_space():
    values = np.array([c["lr"] for c in draws("lr=log:1e-4:1")])
    assert values.min() >= 1e-4 and values.max() <= 1
    per_decade = np.histogram(np.log10(values), bins=4, range=(-4, 0))[0] / len(values)
    assert np.allclose(per_decade, 0.25, atol=0.03), per_decade       # a quarter per decade
    # A uniform draw on the same range puts ~90% in the top decade: the course's warning.
    linear = np.array([c["lr"] for c in draws("lr=uniform:1e-4:1")])
    assert (linear > 0.1).mean() > 0.85


def test_beta_scale_puts_as_many_values_between_09_and_099_as_between_099_and_0999():
    values = np.array([c["beta"] for c in draws("beta=beta:0.9:0.999")])
    assert values.min() >= 0.9 and values.max() <= 0.999
    low = ((values >= 0.9) & (values < 0.99)).mean()
    assert abs(low - 0.5) < 0.03
    r = np.log10(1 - values)                     # uniform on [-3, -1]
    assert np.allclose(np.histogram(r, bins=4, range=(-3, -1))[0] / len(r), 0.25, atol=0.03)


def test_int_and_choice_cover_their_values_evenly():
    configs = draws("n=int:2:5,act=choice:relu|tanh|sigmoid")
    n = np.array([c["n"] for c in configs])
    assert set(n) == {2, 3, 4, 5} and all(isinstance(c["n"], int) for c in configs[:10])
    assert np.allclose(np.bincount(n)[2:] / len(n), 0.25, atol=0.03)
    acts = [c["act"] for c in configs]
    assert all(abs(acts.count(a) / len(acts) - 1 / 3) < 0.03 for a in ("relu", "tanh", "sigmoid"))


@pytest.mark.parametrize("kind,low,high", [("uniform", 0.5, 2.0), ("log", 1e-4, 1.0),
                                           ("beta", 0.9, 0.999), ("int", 2, 50)])
def test_to_unit_inverts_from_unit(kind, low, high):
    p = Param("p", kind, low, high)
    for u in (0.0, 0.13, 0.5, 0.87):
        value = p.from_unit(u)
        assert low <= value <= high
        if kind != "int":
            assert math.isclose(p.to_unit(value), u, abs_tol=1e-9)
        else:
            assert p.from_unit(p.to_unit(value)) == value


@pytest.mark.parametrize("spec,message", [
    ("lr=uniform:1:1", "is empty"),
    ("lr=uniform:1:0.1", "is inverted"),
    ("lr=log:1e-1:1e-4", "is inverted"),
    ("lr=log:0:1", "a log scale needs bounds > 0"),
    ("lr=log:-1:1", "a log scale needs bounds > 0"),
    ("beta1=beta:0.9:1", "0 <= LOW < HIGH < 1"),
    ("n=int:2.5:5", "must be integers"),
    ("lr=normal:0:1", "cannot read"),
    ("lr=log:1e-4", "cannot read"),
    ("lr=log:a:1", "is not a number"),
    ("lr", "Cannot read 'lr'"),
    ("lr=uniform:0:1,lr=log:1e-3:1", "appears twice"),
    ("", "The search space is empty"),
    ("2lr=uniform:0:1", "must be an identifier"),
])
def test_bad_spaces_say_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_space(spec)


def test_missing_or_broken_json_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        parse_space(str(tmp_path / "nope.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_space(str(bad))
    with pytest.raises(TypeError, match="spec string, a dict or a JSON file"):
        parse_space(3)


def test_fingerprint_changes_with_the_space():
    a, b = parse_space("lr=log:1e-4:1"), parse_space("lr=log:1e-3:1")
    assert a.fingerprint() == parse_space("lr=log:0.0001:1").fingerprint()
    assert a.fingerprint() != b.fingerprint()
    assert isinstance(Space([Param("x", "uniform", 0, 1)]), Space)
