"""Which kernels run (DLSPEC_KERNELS, Numba present or not), their cache, their threads."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dlspec import backend, kernels
from dlspec.functional import batchnorm as BN
from dlspec.functional import conv as CONV

ROOT = Path(__file__).resolve().parents[2]


def test_choice_follows_the_environment():
    assert kernels.choose({}, numba_installed=True)[0] == "numba"
    assert kernels.choose({}, numba_installed=False)[0] == "numpy"
    assert kernels.choose({"DLSPEC_KERNELS": "numpy"}, numba_installed=True)[0] == "numpy"
    assert kernels.choose({"DLSPEC_KERNELS": " NumPy "}, numba_installed=True)[0] == "numpy"
    assert kernels.choose({"DLSPEC_KERNELS": "auto"}, numba_installed=False)[0] == "numpy"
    assert "dlspec[fast]" in kernels.choose({}, numba_installed=False)[1]


def test_bad_choices_say_what_to_do():
    with pytest.raises(ValueError, match="DLSPEC_KERNELS must be one of auto, numba, numpy; got 'fast'"):
        kernels.choose({"DLSPEC_KERNELS": "fast"}, numba_installed=True)
    with pytest.raises(ImportError, match=r"pip install 'dlspec\[fast\]'"):
        kernels.choose({"DLSPEC_KERNELS": "numba"}, numba_installed=False)
    with pytest.raises(ValueError, match="'numba' or 'numpy'"):
        with kernels.use("cuda"):
            pass


def test_reference_mode_never_imports_numba():
    code = ("import sys, numpy as np, dlspec\n"
            "from dlspec.functional.batchnorm import batchnorm_train_forward as f\n"
            "f(np.ones((4, 3), np.float32), np.ones(3, np.float32), np.zeros(3, np.float32), 1e-3)\n"
            "from dlspec import kernels\n"
            "print(kernels.active(), 'numba' in sys.modules)")
    env = {**os.environ, "DLSPEC_KERNELS": "numpy", "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["numpy", "False"]


def test_harness_passes_with_the_reference_kernels():
    """CI's run without Numba: the whole layer harness with DLSPEC_KERNELS=numpy."""
    env = {**os.environ, "DLSPEC_KERNELS": "numpy"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                          str(ROOT / "tests" / "test_harness.py")],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert " passed" in out.stdout


try:
    import numba
except ImportError:          # the tests above still run: they are the point without Numba
    numba = None
needs_numba = pytest.mark.skipif(numba is None, reason="Numba is not installed")


def _bn_and_conv(rng):
    Z = rng.standard_normal((8, 17, 19, 6)).astype(np.float32)
    g, b = rng.standard_normal(6).astype(np.float32), rng.standard_normal(6).astype(np.float32)
    W = rng.standard_normal((3, 3, 6, 5)).astype(np.float32)
    with kernels.use("numba"):
        out, mu, var, cache = BN.batchnorm_train_forward(Z, g, b, 1e-3)
        dZ, dg, db = BN.batchnorm_backward(out * 2, cache)
        Y, ccache = CONV.conv_forward(Z, W, b[:5], (2, 1), ((1, 1), (1, 1)))
        dA, dW, dbias = CONV.conv_backward(Y, ccache)
    return [out, mu, var, dZ, dg, db, Y, dA, dW, dbias]


@needs_numba
def test_results_do_not_depend_on_the_thread_count():
    """Reductions go by fixed blocks: 1 and 2 threads give the same bits (resume, replays)."""
    old = numba.get_num_threads()
    results = []
    try:
        for n in (1, min(2, numba.config.NUMBA_NUM_THREADS)):
            numba.set_num_threads(n)
            results.append(_bn_and_conv(np.random.default_rng(3)))
    finally:
        numba.set_num_threads(old)
    for a, b in zip(*results):
        assert np.array_equal(a, b)


@needs_numba
def test_compiled_col2im_sums_in_the_reference_order():
    """The gather adds offsets in the reference's order: the input gradient is bit-identical."""
    rng = np.random.default_rng(4)
    A = rng.standard_normal((3, 9, 8, 4)).astype(np.float32)
    W = rng.standard_normal((3, 3, 4, 2)).astype(np.float32)
    dZs = []
    for mode in ("numpy", "numba"):
        with kernels.use(mode):
            Z, cache = CONV.conv_forward(A, W, None, (1, 1), ((1, 1), (1, 1)))
            dZs.append(CONV.conv_backward(np.ones_like(Z), cache)[0])
    assert np.array_equal(*dZs)


@needs_numba
def test_cache_goes_to_dot_cache_dlspec_for_the_kernels_only(tmp_path, monkeypatch):
    from dlspec.kernels import _jit
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kernel_file = str(Path(_jit.__file__).with_name("batchnorm.py"))
    from dlspec.kernels.batchnorm import _affine
    locator = _jit.DlspecCacheLocator.from_function(_affine.py_func, kernel_file)
    assert Path(locator.get_cache_path()).is_relative_to(tmp_path / "dlspec" / "numba")
    assert Path(locator.get_cache_path()).is_dir()
    assert _jit.DlspecCacheLocator.from_function(_affine.py_func, __file__) is None   # not ours
    assert _jit.cache_root({}).endswith(os.path.join(".cache", "dlspec", "numba"))


@needs_numba
def test_set_num_threads_limits_blas_and_kernels():
    from threadpoolctl import threadpool_info
    before = backend._threads
    try:
        backend.set_num_threads(1)
        assert backend.num_threads() == 1 and numba.get_num_threads() == 1
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
        with pytest.raises(ValueError, match="integer >= 1"):
            backend.set_num_threads(0)
    finally:
        backend.set_num_threads(before or backend.machine_threads())
        backend._threads = before


def test_dlspec_num_threads_is_read_and_checked():
    assert backend.threads_from_env({}) is None
    assert backend.threads_from_env({"DLSPEC_NUM_THREADS": "3"}) == 3
    with pytest.raises(ValueError, match="DLSPEC_NUM_THREADS must be an integer >= 1"):
        backend.threads_from_env({"DLSPEC_NUM_THREADS": "many"})


@needs_numba
def test_convolution_in_chunks_of_images_matches_the_reference(monkeypatch):
    """The compiled convolution sends a few images at a time through im2col (CHUNK_BYTES):
    with one image per chunk the results still match the reference's single product."""
    from dlspec.kernels import conv as compiled
    monkeypatch.setattr(compiled, "CHUNK_BYTES", 1)
    rng = np.random.default_rng(5)
    A, W, b = rng.standard_normal((5, 9, 8, 3)), rng.standard_normal((3, 3, 3, 4)), rng.standard_normal(4)
    results = []
    for mode in ("numpy", "numba"):
        with kernels.use(mode):
            Z, cache = CONV.conv_forward(A, W, b, (2, 1), ((1, 1), (0, 2)))
            results.append((Z, *CONV.conv_backward(np.cos(Z), cache)))
    for ref, got in zip(*results):
        np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12 * np.abs(ref).max())
