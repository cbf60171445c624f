"""The machine under the benchmarks: CPU, BLAS library and kernels, threads, GEMM peak."""
from __future__ import annotations

import os
import platform

import numpy as np

from .. import _blas_env, _malloc_env
from .timing import measure


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def blas_info() -> list[dict]:
    """Each BLAS/OpenMP library loaded in this process: name, version, kernels, threads.

    Uses threadpoolctl; ``architecture`` is the kernel set OpenBLAS chose at load time
    (for example "Haswell" = AVX2, "SkylakeX" = AVX-512).
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"error": "threadpoolctl is not installed (pip install threadpoolctl)"}]
    keys = ("user_api", "internal_api", "prefix", "version", "architecture",
            "threading_layer", "num_threads")
    return [{k: info.get(k) for k in keys} for info in threadpool_info()]


def kernel_advice(blas=None, flags=None) -> str:
    """A warning when the CPU has AVX-512 but OpenBLAS runs slower kernels, else ''."""
    blas = blas_info() if blas is None else blas
    if not _blas_env.cpu_supports_avx512(flags):
        return ""
    for lib in blas:
        arch = (lib.get("architecture") or "").lower()
        if lib.get("internal_api") == "openblas" and arch and arch not in _blas_env.AVX512_CORETYPES:
            return (f"This CPU supports AVX-512 but OpenBLAS uses its {lib['architecture']} kernels. "
                    "Set OPENBLAS_CORETYPE=SkylakeX before NumPy is imported (the dlspec command "
                    "does this for itself and its benchmark workers) for faster GEMMs.")
    return ""


def machine_info(torch=None) -> dict:
    info = {
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "avx512": _blas_env.cpu_supports_avx512(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_info(),
        "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"),
        "blas_selection": _blas_env.DECISION,
        "malloc": getattr(_malloc_env, "DECISION", None),
        "load_average": _load_average(),
    }
    if torch is not None:
        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
    return info


def _load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def gemm_flops(n: int) -> float:
    """Floating-point operations of an (n, n) @ (n, n) product: 2 n^3."""
    return 2.0 * n ** 3


def gemm_call(dtype="float32", n: int = 2048):
    """A square (n, n) @ (n, n) product to time, and its floating-point work.

    Large enough to run at the BLAS's full speed, small enough to take a fraction of
    a second; ``out=`` so that the timing holds no allocation.
    """
    rng = np.random.default_rng(0)
    A = rng.standard_normal((n, n)).astype(dtype)
    B = rng.standard_normal((n, n)).astype(dtype)
    C = np.empty((n, n), dtype)
    return (lambda: np.matmul(A, B, out=C)), gemm_flops(n)


def gemm_peak(dtype="float32", n: int = 2048, repeats: int = 7) -> float:
    """Measured GEMM speed in GFLOP/s (fastest sample): the machine's practical peak for ``dtype``."""
    fn, flops = gemm_call(dtype, n)
    (t,) = measure(fn, repeats=repeats, warmup=1, sample_time=0.0)
    return flops / t.best / 1e9
