"""Every compiled kernel against its NumPy reference, in every case of the shared layer harness.

Each case runs forward and backward twice from the same seed, once with the NumPy reference
(``kernels.use("numpy")``) and once with the compiled twins, in float32 (outputs and gradients
within 1e-5 relative) and float64 (within 1e-12). The harness itself (tests/test_harness.py)
then gradient-checks the compiled path and compares it with PyTorch; test_kernel_choice.py
runs it once more with DLSPEC_KERNELS=numpy, as on a machine without Numba.
"""
import numpy as np
import pytest

from dlspec import kernels
from harness import all_cases

pytest.importorskip("numba")

LAYER_CASES, _ = all_cases()
TOLERANCE = {np.float32: 1e-5, np.float64: 1e-12}
covered: set = set()          # twins that ran in some case (checked by the last test)


def _as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def _step(case, dtype, mode):
    """Outputs, input gradients, parameter gradients and state after one forward + backward."""
    with kernels.use(mode, min_size=0):              # the twins even on the cases' small arrays
        rng = np.random.default_rng(7)
        layer = case.built(dtype)
        x = case.input(rng, dtype)
        kwargs = case.kwargs(rng, dtype)
        y = layer.forward(x, training=case.training, **kwargs)
        ys = _as_list(y)
        gs = [rng.standard_normal(y_i.shape).astype(y_i.dtype) for y_i in ys]
        dx = layer.backward(gs if isinstance(y, list) else gs[0])
    arrays = {f"output {i}": y_i for i, y_i in enumerate(ys)}
    arrays.update({f"input gradient {i}": d for i, d in enumerate(_as_list(dx)) if d is not None})
    arrays.update({f"gradient of {k}": v for k, v in layer.grads.items()})
    arrays.update({f"state {k}": v for k, v in getattr(layer, "state", {}).items()
                   if isinstance(v, np.ndarray)})
    return arrays


def assert_close(reference, compiled, tol, what):
    reference, compiled = np.asarray(reference), np.asarray(compiled)
    assert reference.shape == compiled.shape and reference.dtype == compiled.dtype, what
    scale = float(np.max(np.abs(reference))) if reference.size else 0.0
    np.testing.assert_allclose(compiled, reference, rtol=tol, atol=tol * scale, err_msg=what)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("case", LAYER_CASES, ids=[c.id for c in LAYER_CASES])
def test_compiled_matches_reference(case, dtype):
    reference = _step(case, dtype, "numpy")
    kernels.ran.clear()
    compiled = _step(case, dtype, "numba")
    covered.update(kernels.ran)
    assert reference.keys() == compiled.keys()
    for what in reference:
        assert_close(reference[what], compiled[what], TOLERANCE[dtype], f"{case.id} {dtype.__name__}: {what}")


def test_the_comparison_can_fail():
    """A twin that is off by more than float32 rounding must fail the comparison."""
    ref = np.linspace(1, 2, 10, dtype=np.float32)
    with pytest.raises(AssertionError):
        assert_close(ref, ref * np.float32(1 + 1e-4), 1e-5, "off by 1e-4")
    assert_close(ref, ref, 1e-5, "equal")


def test_every_twin_ran_in_some_harness_case():
    """Each compiled kernel was compared in at least one case (runs after the cases above)."""
    import dlspec.functional as F
    import importlib
    import pkgutil
    twins = set()
    for info in pkgutil.iter_modules(F.__path__):
        module = importlib.import_module(f"dlspec.functional.{info.name}")
        twins |= {(fn.twin_module, fn.reference.__name__) for fn in vars(module).values()
                  if callable(fn) and hasattr(fn, "twin_module")}
    if not covered:
        pytest.skip("run together with test_compiled_matches_reference")
    missing = sorted(twins - covered)
    assert not missing, f"compiled kernels that no harness case exercised: {missing}"
