"""Compile time of dlspec's compiled kernels: cold (empty cache) and warm (loaded from the cache).

    python benchmarks/kernel_compile.py          # a fresh temporary cache: cold, then warm

Each twin is called once in float32 and once in float64 on small arrays, in a fresh process
whose Numba cache is an empty temporary folder (NUMBA_CACHE_DIR), then again in a second
process with the same folder: the first run is what the first tour after an install pays.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

CALLS = r"""
import time, numpy as np
t0, c0 = time.perf_counter(), time.process_time()
from dlspec import kernels
from dlspec.functional import activations as A, batchnorm as B, conv as C, depthwise as D, pooling as P
rng = np.random.default_rng(0)
times = {}
with kernels.use("numba", min_size=0):
    import numba
    times["import numba"] = (time.perf_counter() - t0, time.process_time() - c0)
    for dt in (np.float32, np.float64):
        x = rng.standard_normal((2, 6, 6, 3)).astype(dt)
        g, b = np.ones(3, dt), np.zeros(3, dt)
        W, Wd = rng.standard_normal((3, 3, 3, 4)).astype(dt), rng.standard_normal((3, 3, 3, 1)).astype(dt)
        steps = {
            "relu": lambda: A.relu_backward(x, A.relu_forward(x)[0]),
            "relu6": lambda: A.relu6_backward(x, A.relu6_forward(x)[1]),
            "batchnorm": lambda: B.batchnorm_backward(x, B.batchnorm_train_forward(x, g, b, 1e-3)[3]),
            "batchnorm inference": lambda: B.batchnorm_forward(x, g, b, g, g, 1e-3),
            "conv (im2col, col2im)": lambda: C.conv_backward(np.ones((2, 6, 6, 4), dt),
                                                          C.conv_forward(x, W, None, (1, 1), ((1, 1), (1, 1)))[1]),
            "max pool": lambda: P.max_pool_backward(np.ones((2, 3, 3, 3), dt), P.max_pool_forward(x)[1]),
            "depthwise": lambda: D.depthwise_conv_backward(np.ones((2, 6, 6, 3), dt),
                                                          D.depthwise_conv_forward(x, Wd, b, (1, 1), ((1, 1), (1, 1)))[1]),
        }
        for name, fn in steps.items():
            t, c = time.perf_counter(), time.process_time()
            fn()
            times[f"{name} {dt.__name__}"] = (time.perf_counter() - t, time.process_time() - c)
print(f"{'kernel':<32} {'wall':>7}   {'CPU':>7}")
for k, (wall, cpu) in times.items():
    print(f"{k:<32} {wall:7.2f} s {cpu:7.2f} s")
print(f"{'total':<32} {sum(v[0] for v in times.values()):7.2f} s {sum(v[1] for v in times.values()):7.2f} s")
"""


def main():
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src")
    with tempfile.TemporaryDirectory(prefix="dlspec-numba-") as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache, "PYTHONPATH": os.path.abspath(src)}
        for label in ("cold (empty cache: compiles)", "warm (loads the cache)"):
            print(f"== {label}, load average {os.getloadavg()[0]:.2f}")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", CALLS], env=env, check=True)
            print(f"   process wall time {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
