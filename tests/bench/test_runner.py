import json

import numpy as np
import pytest

from dlspec import bench
from dlspec.bench.suite._twins import dense_step_flops


def test_run_without_torch_gives_absolute_numbers_only(tmp_path):
    report = bench.run(["planar-step"], repeats=1, use_torch=False, quick=True)
    (r,) = report["results"]
    assert r["dlspec"]["median_s"] > 0
    assert r["reference"] is None and r["ratio"] is None and r["met"] is None
    assert "PyTorch not installed or disabled" in bench.format_machine(report)
    path = bench.write_json(report, tmp_path / "out" / "r.json")
    assert json.loads(open(path).read())["results"][0]["name"] == "planar-step"


def test_run_with_torch_gives_ratio_gflops_and_peak_share():
    pytest.importorskip("torch")
    report = bench.run(["mlp-step"], repeats=1, quick=True)
    (r,) = report["results"]
    assert r["reference_name"] == "PyTorch" and r["ratio"] > 0
    assert r["gflops"] > 0 and 0 < r["peak_share"]
    assert report["gemm_peak_gflops"]["float32"] > 0
    table = bench.format_table(report)
    assert "mlp-step" in table and "<= 0.7" in table
    assert bench.format_table(report, markdown=True).startswith("| benchmark |")


@pytest.mark.parametrize("name", ["mlp-step", "planar-step", "large-mlp-step"])
def test_dlspec_and_torch_steps_compute_the_same_update(name):
    """The two sides of a benchmark must do the same work: one step moves the weights alike."""
    torch = pytest.importorskip("torch")
    from dlspec.bench.registry import BenchContext, select
    (b,) = select([name])
    case = b.make(BenchContext(torch=torch, quick=True))
    model, net = case.dlspec.model, case.reference.net
    case.dlspec()
    case.reference()
    W0 = model.layers[0].params["W"]
    tol = 1e-4 if W0.dtype == np.float32 else 1e-10
    np.testing.assert_allclose(W0, net[0].weight.detach().numpy().T, rtol=tol, atol=tol)


def test_dense_step_flops_counts_forward_dw_and_da_prev_but_not_for_the_data():
    # forward 2*N*a*b per layer, dW the same, dA_prev for the second layer only.
    assert dense_step_flops([3, 4, 5], 2) == 2 * (48 + 80) + 80


def test_threads_limits_blas_for_the_run_only():
    from threadpoolctl import threadpool_info
    before = [i["num_threads"] for i in threadpool_info()]
    report = bench.run(["planar-step"], repeats=1, use_torch=False, quick=True, threads=1)
    assert all(lib["num_threads"] == 1 for lib in report["machine"]["blas"])
    assert [i["num_threads"] for i in threadpool_info()] == before
    with pytest.raises(ValueError, match="threads must be an integer >= 1"):
        bench.run(["planar-step"], threads=0)
