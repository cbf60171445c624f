"""Fair timing: each side of a benchmark in its own process, samples taken in alternation.

Why not one process: after each product OpenBLAS's worker threads keep spinning for about
0.1 s (its THREAD_TIMEOUT) before they sleep, and so do OpenMP's after a PyTorch op. In one
process, dlspec's idle BLAS threads take the second core from PyTorch's threads (PyTorch's
medians grew up to 10x), so two-thread ratios overstated dlspec.

So ``run(isolate=True)`` (the CLI's default) starts a *dlspec worker*, which never imports
torch, and a *reference worker* (PyTorch, or the course's loops). Each builds the same case
from the same seed (``BenchContext``), warms up and picks its calls per sample alone. Then
the parent asks for samples in alternation (d r r d d r ...), so that a burst of load from
other processes hits both sides, and before each sample waits ``settle`` seconds, long
enough for the other process's spinning threads to park. Each worker also reports its
kernels (OpenBLAS core type; PyTorch's MKL, oneDNN and CPU capability).

Memory is measured by two more workers started with ``memory.MEMORY_ENV`` (glibc unmaps
freed blocks), so that the timing workers keep the ordinary allocator.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import re
import statistics
import sys
import time
import traceback

from .timing import _sample, _summary, calls_per_sample

SIDES = ("dlspec", "reference")


@contextlib.contextmanager
def _environ(extra):
    old = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class Worker:
    """One side of the benchmarks in a spawned process, driven through a pipe."""

    def __init__(self, side, use_torch=True, quick=False, seed=0, threads=None, env=None):
        ctx = multiprocessing.get_context("spawn")   # a fresh interpreter: no inherited pools
        self.side = side
        self.conn, child = ctx.Pipe()
        with _environ(env or {}):
            self.proc = ctx.Process(target=_serve, args=(child, side, use_torch, quick, seed, threads),
                                    daemon=True, name=f"dlspec-bench-{side}")
            self.proc.start()
        child.close()

    def ask(self, *message):
        self.conn.send(message)
        reply = self.conn.recv()
        if isinstance(reply, dict) and "error" in reply:
            raise RuntimeError(f"benchmark {self.side} worker failed:\n{reply['error']}")
        return reply

    def close(self):
        with contextlib.suppress(OSError, EOFError, BrokenPipeError):
            self.conn.send(("quit",))
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()


def worker_info(side, torch):
    """What runs the arithmetic in this process: pid, BLAS kernels and threads, torch's kernels."""
    from .hardware import blas_info
    from .. import _malloc_env
    info = {"side": side, "pid": os.getpid(), "torch_imported": "torch" in sys.modules,
            "blas": blas_info(), "malloc": getattr(_malloc_env, "DECISION", None)}
    if torch is not None:
        show = torch.__config__.show()
        flag = re.findall(r"BLAS_INFO=(\w+)", show)
        onednn = [s.strip("- ").strip() for s in show.splitlines() if "MKL-DNN" in s or "oneDNN" in s]
        info["torch"] = {"version": torch.__version__, "threads": torch.get_num_threads(),
                         "blas": flag[0] if flag else None,
                         "mkl": torch.backends.mkl.is_available(),
                         "onednn": onednn[0] if onednn and torch.backends.mkldnn.is_available() else None,
                         "cpu_capability": torch.backends.cpu.get_cpu_capability()}
    return info


def _serve(conn, side, use_torch, quick, seed, threads):
    from .memory import peak_memory
    from .registry import BenchContext, select
    from .runner import load_torch
    from ..process import tune_process
    tune_process()      # on in both workers, as in the dlspec command (GLIBC_ENV turns malloc's off)
    torch = load_torch(use_torch and side == "reference")
    limits = None
    if threads is not None:
        from threadpoolctl import threadpool_limits
        limits = threadpool_limits(limits=threads)   # noqa: F841 (kept: applies for the process)
        if torch is not None:
            torch.set_num_threads(threads)
    fn, number = None, 1
    while True:
        cmd, *args = conn.recv()
        if cmd == "quit":
            break
        try:
            if cmd == "info":
                reply = worker_info(side, torch)
            elif cmd == "build":                     # name, warm-up calls, seconds per sample
                name, warmup, sample_time = args
                fn = number = None
                gc.collect()
                (bench,) = select([name])
                case = bench.make(BenchContext(torch=torch, quick=quick, seed=seed))
                fn = case.dlspec if side == "dlspec" else case.reference
                reply = {"available": fn is not None, "flops": case.flops, "dtype": case.dtype,
                         "reference_name": case.reference_name}
                del case
                if fn is not None:
                    for _ in range(warmup):
                        fn()
                    number = calls_per_sample(fn, sample_time) if sample_time else 1
                reply["number"] = number
            elif cmd == "drop":
                fn = None
                gc.collect()
                reply = None
            elif cmd == "sample":     # wall and CPU seconds per call (CPU: all threads)
                cpu = time.process_time()
                wall = _sample(fn, number)
                reply = (wall, (time.process_time() - cpu) / number)
            elif cmd == "memory":
                reply = peak_memory(fn, traced=side == "dlspec")
            elif cmd == "gemm_peak":
                from .hardware import gemm_peak
                reply = gemm_peak(*args)
            else:
                reply = {"error": f"unknown command {cmd!r}"}
        except Exception:   # the parent raises it with the worker's traceback
            reply = {"error": traceback.format_exc()}
        conn.send(reply)
    conn.close()


def measure_pair(workers: dict, numbers: dict, repeats: int, settle: float, log=None):
    """Samples from each worker in alternation; returns {side: Timing}.

    ``log`` (a list), when given, receives the order in which the sides were sampled.
    """
    sides = [s for s in SIDES if s in workers]
    samples, cpu = {s: [] for s in sides}, {s: [] for s in sides}
    for r in range(repeats):
        for side in (sides if r % 2 == 0 else sides[::-1]):
            if settle:
                time.sleep(settle)   # let the other process's spinning threads park
            reply = workers[side].ask("sample")
            wall, cpu_s = reply if isinstance(reply, (tuple, list)) else (reply, None)
            samples[side].append(wall)
            if cpu_s is not None:
                cpu[side].append(cpu_s)
            if log is not None:
                log.append(side)
    out = {s: _summary(samples[s], numbers[s]) for s in sides}
    for s in sides:
        # NOTE: on one thread, CPU time leaves out the waits for a core that other processes
        # hold, so it is the steadier measure on a shared machine; with several threads it
        # also counts spinning, so only wall time compares libraries there.
        out[s].cpu_median = statistics.median(cpu[s]) if cpu[s] else None
    return out


#: ``reference_malloc="glibc"``: the reference runs without dlspec's malloc setting, which
#: both workers otherwise apply when they start (``tune_process``, ``_malloc_env.py``).
#: The default ("dlspec") gives both sides the same allocator: the setting also sped
#: PyTorch up (batch norm 18 -> 10.5 ms in one run), so without it the ratios would flatter dlspec.
GLIBC_ENV = {"DLSPEC_MALLOC_TUNING": "0"}


def open_workers(use_torch, quick, seed, threads, env=None, reference_malloc="dlspec"):
    """A dlspec worker and a reference worker (started together: their imports overlap)."""
    if reference_malloc not in ("dlspec", "glibc"):
        raise ValueError(f"reference_malloc must be 'dlspec' or 'glibc'; got {reference_malloc!r}.")
    from .._blas_env import environment_for_child
    env = {**environment_for_child(), **(env or {})}     # the same OpenBLAS kernels on both sides
    ref_env = {**env, **(GLIBC_ENV if reference_malloc == "glibc" else {})}
    return {side: Worker(side, use_torch, quick, seed, threads, ref_env if side == "reference" else env)
            for side in SIDES}


def close_workers(workers):
    for w in (workers or {}).values():
        w.close()
