import numpy as np
import pytest

from dlspec.bench.registry import BenchContext, select
from dlspec.bench.suite.conv import conv_forward_loops


def _case(name, torch=None):
    (b,) = select([name])
    return b.make(BenchContext(torch=torch, quick=True))


def test_lenet5_step_and_its_torch_twin_make_the_same_update():
    """Same weights in NCHW (filters transposed, the first Dense's rows reordered): same step."""
    torch = pytest.importorskip("torch")
    case = _case("lenet5-step", torch)
    model, net = case.dlspec.model, case.reference.net
    case.dlspec()
    case.reference()
    W = model.layers[0].params["W"]                                   # (5, 5, 1, 6)
    np.testing.assert_allclose(W.transpose(3, 2, 0, 1), net[0].weight.detach().numpy(),
                               rtol=1e-4, atol=1e-5)
    dense = model.layers[-1].params["W"]
    np.testing.assert_allclose(dense, net[-1].weight.detach().numpy().T, rtol=1e-4, atol=1e-5)


def test_the_course_loop_convolution_matches_conv2d():
    case = _case("conv-vs-loops")
    np.testing.assert_allclose(case.dlspec(), case.reference(), rtol=1e-4, atol=1e-4)


def test_conv_forward_loops_small_example():
    A = np.arange(2 * 4 * 4 * 1, dtype=np.float64).reshape(2, 4, 4, 1)
    W = np.ones((3, 3, 1, 1))
    Z = conv_forward_loops(A, W, np.zeros(1), stride=1, pad=0)
    assert Z.shape == (2, 2, 2, 1) and Z[0, 0, 0, 0] == A[0, :3, :3].sum()


def test_resnet50_inference_runs_on_both_sides_at_the_quick_size():
    torch = pytest.importorskip("torch")
    case = _case("resnet50-infer", torch)
    assert case.dlspec().shape == (1, 1000)
    case.reference()
