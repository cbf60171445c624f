import numpy as np
import pytest

from dlspec.tune import grid_configs, narrow, parse_space, random_configs

SPACE = parse_space("lr=log:1e-4:1,beta1=beta:0.8:0.999,n=int:2:50,act=choice:relu|tanh")


def test_same_seed_same_trials_other_seed_other_trials():
    assert random_configs(SPACE, 10, seed=7) == random_configs(SPACE, 10, seed=7)
    assert random_configs(SPACE, 10, seed=7) != random_configs(SPACE, 10, seed=8)


def test_a_larger_budget_keeps_the_first_trials():
    assert random_configs(SPACE, 20, seed=1)[:10] == random_configs(SPACE, 10, seed=1)
    assert random_configs(SPACE, 5, seed=1, start=10) == random_configs(SPACE, 15, seed=1)[10:]


def test_grid_is_evenly_spaced_on_each_scale_within_the_budget():
    configs = [c for _, c in grid_configs(parse_space("lr=uniform:0:1,n=int:1:3"), 10)]
    assert len(configs) == 9                                    # 3 x 3 <= 10 < 4 x 4
    assert sorted({c["lr"] for c in configs}) == [0.0, 0.5, 1.0]
    assert sorted({c["n"] for c in configs}) == [1, 2, 3]
    log_grid = [c["lr"] for _, c in grid_configs(parse_space("lr=log:1e-4:1"), 5)]
    assert np.allclose(log_grid, [1e-4, 1e-3, 1e-2, 1e-1, 1])
    with_choice = grid_configs(parse_space("lr=uniform:0:1,act=choice:a|b"), 7)
    assert len(with_choice) == 6 and {c["act"] for _, c in with_choice} == {"a", "b"}


def test_grid_too_small_for_the_choices():
    with pytest.raises(ValueError, match="needs 4 trials; got a budget of 3"):
        grid_configs(parse_space("a=choice:1|2,b=choice:x|y"), 3)


def test_narrow_shrinks_around_the_best_configs_on_their_scale():
    best = [{"lr": 1e-3, "beta1": 0.9, "n": 10, "act": "relu"},
            {"lr": 3e-3, "beta1": 0.95, "n": 20, "act": "relu"}]
    fine = narrow(SPACE, best, margin=0.05)
    assert 1e-4 < fine["lr"].low < 1e-3 and 3e-3 < fine["lr"].high < 1e-2
    assert 0.8 < fine["beta1"].low < 0.9 and 0.95 < fine["beta1"].high < 0.999
    assert 2 <= fine["n"].low <= 10 and 20 <= fine["n"].high < 50
    assert fine["act"].options == ("relu",)
    rng = np.random.default_rng(0)
    for _ in range(200):
        c = fine.sample(rng)
        assert fine["lr"].low <= c["lr"] <= fine["lr"].high
    assert narrow(SPACE, []) is SPACE
