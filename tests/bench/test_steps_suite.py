"""The training-step benchmarks (bench/suite/steps.py) at --quick size: both sides run, and
where the weights are shared the two sides compute the same update. No timings."""
import numpy as np
import pytest

from dlspec.bench.registry import BenchContext, select

STEPS = ["lstm-train-step", "batchnorm-step", "vgg-block-step", "mobilenetv2-step",
         "resnet50-train-step"]


@pytest.mark.parametrize("name", STEPS)
def test_each_step_runs_on_both_sides_and_measures_memory(name):
    torch = pytest.importorskip("torch")
    (b,) = select([name])
    assert b.memory and b.target is not None and b.group == "steps"
    case = b.make(BenchContext(torch=torch, quick=True))
    case.dlspec()
    case.reference()


def test_the_lstm_step_moves_the_weights_as_torch_does():
    torch = pytest.importorskip("torch")
    (b,) = select(["lstm-train-step"])
    case = b.make(BenchContext(torch=torch, quick=True))
    model, net = case.dlspec.model, case.reference.net
    case.dlspec()
    case.reference()
    H = model.layers[0].units
    order = np.r_[H:2 * H, 0:H, 2 * H:4 * H]
    np.testing.assert_allclose(model.layers[0].params["Wa"][:, order].T,
                               net.lstm.weight_hh_l0.detach().numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.layers[1].params["W"].T, net.linear.weight.detach().numpy(),
                               rtol=1e-5, atol=1e-6)
