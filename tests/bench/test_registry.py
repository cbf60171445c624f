import pytest

from dlspec.bench import registry
from dlspec.bench.registry import Case, Target, all_benchmarks, benchmark, select


def test_the_suite_registers_the_dense_benchmarks_with_targets():
    names = {b.name: b for b in all_benchmarks()}
    for name in ("mlp-step", "planar-step", "planar-fit", "large-mlp-step"):
        assert name in names and names[name].target is not None


def test_select_by_name_and_group_and_unknown_name():
    assert [b.name for b in select(["planar-step"])] == ["planar-step"]
    assert {b.name for b in select(["dense"])} >= {"mlp-step", "planar-step"}
    with pytest.raises(ValueError, match="unknown benchmark 'nope'.*mlp-step"):
        select(["nope"])


def test_targets_compare_the_right_metric():
    ratio = Target("ratio", "<=", 0.8)
    assert ratio.met({"ratio": 0.5}) is True and ratio.met({"ratio": 0.9}) is False
    assert ratio.met({"ratio": None}) is None
    share = Target("peak_share", ">=", 0.6)
    assert share.met({"peak_share": 0.7}) and not share.met({"peak_share": 0.5})
    assert str(share) == ">= 60% of peak"


def test_a_name_cannot_be_registered_by_two_modules(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))

    def make(ctx):
        return Case(lambda: None)
    make.__module__ = "somewhere.else"
    with pytest.raises(ValueError, match="defined twice"):
        benchmark("mlp-step", "dup")(make)


def test_a_tiny_ratio_target_reads_as_a_fraction():
    assert str(Target("ratio", "<=", 1 / 300)) == "<= 1/300"
