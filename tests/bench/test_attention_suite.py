"""The attention benchmarks: registered, and both sides run one step with the same weights."""
import torch

from dlspec.bench.registry import all_benchmarks


def test_attention_benchmarks_are_registered_with_the_issue_target():
    names = {b.name: b for b in all_benchmarks()}
    for name in ("mha-step", "encoder-layer-step"):
        assert names[name].group == "attention" and names[name].target is not None


def test_attention_steps_run_on_both_sides():
    from dlspec.bench.registry import BenchContext
    names = {b.name: b for b in all_benchmarks()}
    for name in ("mha-step", "encoder-layer-step"):
        case = names[name].make(BenchContext(torch=torch, quick=True))
        case.dlspec()
        case.reference()
