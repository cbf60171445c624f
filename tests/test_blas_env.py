import subprocess
import sys

from dlspec import _blas_env
from dlspec.bench.hardware import kernel_advice

AVX512 = set(_blas_env.AVX512_SUBSETS) | {"avx2", "fma"}


def test_sets_skylakex_on_an_avx512_cpu_before_numpy_loads():
    env = {}
    decision = _blas_env.select_openblas_coretype(env, flags=AVX512, modules={})
    assert env == {"OPENBLAS_CORETYPE": "SkylakeX"} and "set by dlspec" in decision


def test_never_overrides_the_user_or_acts_too_late_or_on_other_cpus():
    env = {"OPENBLAS_CORETYPE": "Haswell"}
    assert "kept" in _blas_env.select_openblas_coretype(env, flags=AVX512, modules={})
    assert env["OPENBLAS_CORETYPE"] == "Haswell"
    for env, flags, modules, why in [
        ({"DLSPEC_BLAS_TUNING": "0"}, AVX512, {}, "DLSPEC_BLAS_TUNING=0"),
        ({}, AVX512, {"numpy": object()}, "NumPy was imported before dlspec"),
        ({}, {"avx2", "avx512f", "avx512cd"}, {}, "without full AVX-512"),
    ]:
        assert why in _blas_env.select_openblas_coretype(env, flags=flags, modules=modules)
        assert "OPENBLAS_CORETYPE" not in env


def test_cpu_flags_reads_the_flags_line(tmp_path):
    f = tmp_path / "cpuinfo"
    f.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f\n")
    assert _blas_env.cpu_flags(str(f)) == {"fpu", "avx2", "avx512f"}
    assert _blas_env.cpu_flags(str(tmp_path / "missing")) == set()
    assert not _blas_env.cpu_supports_avx512({"avx512f"})


def test_importing_dlspec_first_sets_the_variable_in_a_fresh_process():
    code = ("import os, dlspec, dlspec._blas_env as b; "
            "print(os.environ.get('OPENBLAS_CORETYPE'), '|', b.DECISION)")
    env = {"PATH": "", "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    if _blas_env.cpu_supports_avx512():
        assert out.startswith("SkylakeX |")
    else:
        assert out.startswith("None |")


def test_kernel_advice_warns_only_for_slow_kernels_on_an_avx512_cpu():
    slow = [{"internal_api": "openblas", "architecture": "Haswell"}]
    fast = [{"internal_api": "openblas", "architecture": "SkylakeX"}]
    assert "OPENBLAS_CORETYPE=SkylakeX" in kernel_advice(slow, flags=AVX512)
    assert kernel_advice(fast, flags=AVX512) == ""
    assert kernel_advice(slow, flags={"avx2"}) == ""
