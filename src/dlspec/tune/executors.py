"""Executors: run the same trial function in this process, on a process pool, or on Ray.

Each executor has ``run(fn, jobs, objective)``, which yields a ``TrialResult`` per job
as the jobs finish (in any order), and ``close()``. The search writes each result to
its store as it arrives, so the order does not matter and nothing finished is lost.

The course's "pandas vs caviar": ``LocalExecutor`` babysits one model at a time,
``PoolExecutor`` and ``RayExecutor`` train many in parallel.
"""
from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from .trial import run_trial

# Every BLAS/OpenMP library reads one of these when it loads: a worker set to one thread
# per process lets N workers share N cores instead of each starting a thread per core.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


class LocalExecutor:
    """Run trials one after the other in this process (the default)."""

    workers = 1

    def run(self, fn, jobs, objective):
        for job in jobs:
            yield run_trial(fn, job, objective)

    def close(self):
        pass

    def __repr__(self):
        return "in-process"


def _die_with_parent(parent_pid):
    """Make this worker exit when the search process dies, even by kill -9 (issue 16).

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); elsewhere,
    and as a backstop, a daemon thread notices that the parent is gone within a second.
    """
    import signal
    import threading
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)       # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:      # the parent died before prctl took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)
    threading.Thread(target=watch, daemon=True, name="dlspec-parent-watch").start()


def _init_worker(threads, parent_pid):
    """Pool initializer: die with the parent, then cap the BLAS threads."""
    _die_with_parent(parent_pid)
    _limit_threads(threads)


def _limit_threads(threads):
    """Cap BLAS threads in this worker (env vars cover libraries not loaded yet)."""
    for var in THREAD_VARS:
        os.environ[var] = str(threads)
    try:   # numpy is already imported by now (unpickling the trial): limit its BLAS pool too
        from threadpoolctl import threadpool_limits
        threadpool_limits(threads)
    except ImportError:
        pass


class PoolExecutor:
    """Run trials on ``workers`` local processes, each with ``threads_per_worker`` BLAS threads.

    Processes are started with "spawn" (a fresh interpreter, safe with threads and the
    same on every OS), so the trial function must be importable: a module-level
    function or an object such as ``ExperimentTrial``. The environment variables are
    set before the workers start, so their NumPy loads with the thread limit in place.
    """

    def __init__(self, workers=2, threads_per_worker=1):
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be an integer >= 1; got {workers!r}.")
        self.workers, self.threads = workers, int(threads_per_worker)
        self.pool = None

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        # Workers start on demand as trials are submitted and inherit this environment,
        # so the limits stay set while the pool lives (the driver's own NumPy is loaded
        # already and is not affected).
        self._saved = {var: os.environ.get(var) for var in THREAD_VARS}
        os.environ.update({var: str(self.threads) for var in THREAD_VARS})
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(self.threads, os.getpid()))

    def run(self, fn, jobs, objective):
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool
        _check_picklable(fn, "a process pool (--workers)")
        if self.pool is None:
            self._start()
        futures = [self.pool.submit(run_trial, fn, job, objective) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool:
            self.close()
            raise RuntimeError("A worker process died (killed, or out of memory) while running a trial. "
                               "Every trial that finished is saved in the store; run the same command "
                               "with --resume to continue.") from None
        finally:
            for future in futures:
                future.cancel()

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
            for var, value in self._saved.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value

    def __repr__(self):
        return f"process pool ({self.workers} workers, {self.threads} BLAS thread each)"


def _check_picklable(fn, where):
    """Workers receive the trial function by pickle: say so plainly when that cannot work."""
    import pickle
    try:
        pickle.dumps(fn)
    except Exception as exc:
        raise TypeError(f"The trial function {fn!r} cannot be sent to {where} ({exc}). Define it "
                        "at the top level of an importable module (not a lambda, a nested "
                        "function or in __main__ of an interactive session), or run in-process.") from None


def check_reachable(address, timeout=3.0):
    """Raise ConnectionError unless something listens at a Ray ``address`` (host:port or ray://...)."""
    hostport = address.split("://", 1)[-1]
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"A Ray address looks like HOST:PORT or ray://HOST:PORT (for example "
                         f"127.0.0.1:6379), or 'local' to start a cluster here; got {address!r}.")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConnectionError(f"Cannot reach a Ray cluster at {address!r} ({exc}). Check that "
                              "'ray start --head' runs there and that the port is open, or use "
                              "--ray local to start a cluster on this machine.") from None


class RayExecutor:
    """Run trials as Ray tasks: ``address="local"`` starts a cluster here, else joins one.

    Parameters
    ----------
    address : "local", or the address of a running cluster (HOST:PORT, ray://HOST:PORT)
    num_cpus : CPUs for a local cluster (default: all); each trial takes one
    object_store_memory : bytes for a local cluster's object store (default 80 MB:
        trials pass only small dicts)

    Ray is an optional extra (``pip install "dlspec[ray]"``), imported only here. The
    machines of an existing cluster need dlspec (and the trial's module) installed.
    """

    def __init__(self, address="local", num_cpus=None, object_store_memory=80 * 1024 ** 2,
                 connect_timeout=3.0):
        try:
            import ray
        except ImportError:
            raise ImportError("Ray is not installed; install the extra with pip install "
                              "'dlspec[ray]' (or pip install ray), or use --workers N for a local "
                              "process pool.") from None
        self.ray, self.address = ray, address
        self.workers = num_cpus
        if address != "local":
            check_reachable(address, connect_timeout)
        kwargs = dict(include_dashboard=False, log_to_driver=False, configure_logging=False,
                      ignore_reinit_error=True)
        if address == "local":
            # The local cluster's workers import the trial function by module name and
            # inherit this environment: make this checkout's dlspec importable in them.
            src = str(Path(__file__).resolve().parents[2])
            path = os.environ.get("PYTHONPATH", "")
            if src not in path.split(os.pathsep):
                os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, path]))
            kwargs.update(num_cpus=num_cpus, object_store_memory=object_store_memory)
            self.started = True
        else:
            kwargs.update(address=address)
            self.started = False
        ray.init(**kwargs)
        self.remote = ray.remote(num_cpus=1)(run_trial)
        self.workers = int(ray.cluster_resources().get("CPU", 1))

    def run(self, fn, jobs, objective):
        ray = self.ray
        fn_ref = ray.put(fn)
        pending = [self.remote.remote(fn_ref, job, objective) for job in jobs]
        try:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                yield ray.get(done[0])
        finally:
            for ref in pending:
                ray.cancel(ref, force=True)

    def close(self):
        if self.started and self.ray.is_initialized():
            self.ray.shutdown()

    def __repr__(self):
        where = "a local Ray cluster" if self.address == "local" else f"Ray at {self.address}"
        return f"{where} ({self.workers} CPUs)"


def make_executor(workers=None, ray=None, **ray_options):
    """The executor for the CLI's ``--workers N`` / ``--ray ADDRESS`` (neither: in-process)."""
    if workers is not None and ray is not None:
        raise ValueError("Choose --workers N (a local process pool) or --ray ADDRESS, not both.")
    if ray is not None:
        return RayExecutor(ray, num_cpus=workers, **ray_options)
    if workers is not None and workers > 1:
        return PoolExecutor(workers)
    if workers is not None and workers < 1:
        raise ValueError(f"--workers must be >= 1; got {workers}.")
    return LocalExecutor()

