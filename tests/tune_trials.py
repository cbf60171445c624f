"""Trial functions for the tune tests: module-level, so pool and Ray workers can import them."""
import math
import os
import signal
import sys
import time

CALLS = []   # configs seen by ``slow_quadratic`` in this process


def quadratic(config, seed):
    return {"cost": (config["x"] - 0.3) ** 2, "seed": seed}


def slow_quadratic(config, seed):
    CALLS.append(dict(config))
    time.sleep(float(os.environ.get("DLSPEC_TEST_TRIAL_SLEEP", "0")))
    return quadratic(config, seed)


def flaky(config, seed):
    """Raises above 0.8, returns a NaN cost below 0.2, else the quadratic."""
    if config["x"] > 0.8:
        raise RuntimeError("boom: x too large")
    if config["x"] < 0.2:
        return {"cost": math.nan}
    return quadratic(config, seed)


def killer(config, seed):
    """Kills its own worker process for x > 0.9 (an out-of-memory kill, say)."""
    if config["x"] > 0.9:
        os.kill(os.getpid(), signal.SIGKILL)
    return quadratic(config, seed)


def drive(store, trials):
    """The search driver of the kill -9 test (run in a subprocess)."""
    from dlspec.tune import tune
    tune(slow_quadratic, "x=uniform:0:1", trials=trials, seed=3, store=store, objective="cost",
         resume=True)


def blas_threads(config, seed):
    """How many BLAS threads this worker runs (and what its environment says)."""
    from threadpoolctl import threadpool_info
    info = [lib["num_threads"] for lib in threadpool_info() if lib.get("user_api") == "blas"]
    return {"env": os.environ.get("OPENBLAS_NUM_THREADS"), "max_threads": max(info or [0])}


def drive_pool(store, trials):
    """A search on 2 worker processes (run in a subprocess, then killed with -9)."""
    from dlspec.tune import PoolExecutor, tune
    tune(slow_quadratic, "x=uniform:0:1", trials=trials, seed=3, store=store, objective="cost",
         executor=PoolExecutor(workers=2))
