"""The tour (or one experiment) as Ray tasks on a cluster: ``dlspec tour --ray ADDRESS``.

Each experiment is one task that asks Ray for ``threads`` CPUs and sets the BLAS and the
compiled kernels to exactly that many threads (Ray only sets ``OMP_NUM_THREADS``, which
neither OpenBLAS's already-loaded pool nor Numba reads), runs the experiment into a
temporary folder on its machine, and returns the record with the folder's files. The
driver writes them to ``OUT/NAME/`` as a local run would, so the report is the same page;
the metrics are the same numbers as on one machine (same seeds, and results that do not
depend on the thread count). The full-size tour then takes as long as its longest
experiment, given enough machines.

Ray is an optional extra, imported only here; a cluster's machines need dlspec installed
(a local cluster started here gets this checkout on its PYTHONPATH).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .tour import failed_record, select


def run_task(name, size, seed, threads):
    """One experiment on a Ray worker: (record, {relative path: bytes}) of its run folder."""
    from ..backend import set_num_threads
    from .registry import get
    from .runner import run_experiment
    set_num_threads(threads)
    with tempfile.TemporaryDirectory(prefix="dlspec-ray-") as tmp:
        start, started_at = time.perf_counter(), time.time()
        try:
            record = run_experiment(name, size=size, seed=seed, out=tmp, verbose=0, echo=False)
        except Exception as exc:   # noqa: BLE001 -- recorded, as the local tour does
            record = failed_record(get(name), exc, size, seed, tmp, time.perf_counter() - start, started_at)
        folder = Path(tmp) / name
        files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    record["host"] = os.uname().nodename
    return record, files


def _connect(address, num_cpus):
    from ..tune.executors import check_reachable
    try:
        import ray
    except ImportError:
        raise ImportError("Ray is not installed; install the extra with pip install 'dlspec[ray]' "
                          "(or pip install ray), or run without --ray.") from None
    kwargs = dict(include_dashboard=False, log_to_driver=False, configure_logging=False,
                  ignore_reinit_error=True)
    if address == "local":
        # The local cluster's workers import dlspec by name and inherit this environment.
        src = str(Path(__file__).resolve().parents[2])
        path = os.environ.get("PYTHONPATH", "")
        if src not in path.split(os.pathsep):
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, path]))
        kwargs.update(num_cpus=num_cpus, object_store_memory=200 * 1024 ** 2)
    else:
        check_reachable(address)
        kwargs.update(address=address)
    ray.init(**kwargs)
    return ray


def run_on_ray(address, only=None, size="quick", seed=0, out="tour", threads=1, num_cpus=None,
               on_result=None) -> list:
    """Run the selected experiments as Ray tasks; write ``OUT/NAME/`` for each; return the records.

    Parameters
    ----------
    address : "local" (start a cluster on this machine with ``num_cpus`` CPUs) or HOST:PORT.
    only, size, seed, out, on_result : as in :func:`dlspec.experiments.tour.run_tour`.
    threads : CPUs each task asks Ray for, and the threads it runs on (BLAS and kernels).
    """
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be an integer >= 1 (the cores each experiment uses); got {threads!r}.")
    experiments = select(only)
    ray = _connect(address, num_cpus)
    try:
        available = int(ray.cluster_resources().get("CPU", 0))
        if threads > available:
            raise ValueError(f"--threads {threads}: each experiment would ask for {threads} CPUs, but the "
                             f"Ray cluster has {available}. Use --threads {max(available, 1)} or fewer.")
        task = ray.remote(num_cpus=threads)(run_task)
        pending = {task.remote(e.name, size, seed, threads): e.name for e in experiments}
        records = {}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            name = pending.pop(done[0])
            record, files = ray.get(done[0])
            folder = Path(out) / name
            for rel, data in files.items():
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                (folder / rel).write_bytes(data)
            records[name] = record
            if on_result is not None:
                on_result(record)
        return [records[e.name] for e in experiments]
    finally:
        ray.shutdown()        # stops a local cluster; only disconnects from a remote one
