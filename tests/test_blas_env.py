import os
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


def test_importing_dlspec_leaves_the_environment_alone():
    code = ("import os; before = dict(os.environ); import dlspec; "
            "print(before == dict(os.environ), os.environ.get('OPENBLAS_CORETYPE'))")
    env = {"PATH": "", "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["True", "None"]


def test_slow_kernels_only_on_an_avx512_cpu_where_the_user_chose_nothing():
    assert _blas_env.slow_kernels({}, AVX512, ["Haswell"]) == "Haswell"
    assert _blas_env.slow_kernels({}, AVX512, ["SkylakeX"]) is None
    assert _blas_env.slow_kernels({}, {"avx2"}, ["Haswell"]) is None
    assert _blas_env.slow_kernels({"OPENBLAS_CORETYPE": "Haswell"}, AVX512, ["Haswell"]) is None
    assert _blas_env.slow_kernels({"DLSPEC_BLAS_TUNING": "0"}, AVX512, ["Haswell"]) is None


def test_a_child_process_gets_the_variable_unless_the_user_chose():
    assert _blas_env.environment_for_child({}, AVX512) == {"OPENBLAS_CORETYPE": "SkylakeX"}
    assert _blas_env.environment_for_child({"OPENBLAS_CORETYPE": "Haswell"}, AVX512) == {}
    assert _blas_env.environment_for_child({"DLSPEC_BLAS_TUNING": "0"}, AVX512) == {}
    assert _blas_env.environment_for_child({}, {"avx2"}) == {}


def test_the_command_relaunches_itself_once_with_fast_kernels(monkeypatch):
    from dlspec import process
    calls = []
    monkeypatch.setattr(process.os, "execve", lambda *a: calls.append(a))
    monkeypatch.setattr(process._blas_env, "slow_kernels", lambda: "Haswell")
    monkeypatch.delenv(_blas_env.RELAUNCH_MARK, raising=False)
    process.tune_process(malloc=False, relaunch=True)
    (exe, argv, env), = calls
    assert exe == sys.executable and argv == sys.orig_argv
    assert env["OPENBLAS_CORETYPE"] == "SkylakeX" and env[_blas_env.RELAUNCH_MARK] == "Haswell"
    assert "OPENBLAS_CORETYPE" not in os.environ or os.environ.get("OPENBLAS_CORETYPE") != "SkylakeX" \
        or _blas_env.RELAUNCH_MARK not in os.environ        # this process's environment untouched
    decision = process.tune_process(malloc=False)          # a library: advice only, no relaunch
    assert len(calls) == 1 and "OPENBLAS_CORETYPE=SkylakeX" in decision["blas"]
    monkeypatch.setenv(_blas_env.RELAUNCH_MARK, "Haswell")   # already relaunched: never twice
    process.tune_process(malloc=False, relaunch=True)
    assert len(calls) == 1


def test_kernel_advice_warns_only_for_slow_kernels_on_an_avx512_cpu():
    slow = [{"internal_api": "openblas", "architecture": "Haswell"}]
    fast = [{"internal_api": "openblas", "architecture": "SkylakeX"}]
    assert "OPENBLAS_CORETYPE=SkylakeX" in kernel_advice(slow, flags=AVX512)
    assert kernel_advice(fast, flags=AVX512) == ""
    assert kernel_advice(slow, flags={"avx2"}) == ""
