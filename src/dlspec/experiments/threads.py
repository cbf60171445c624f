"""One BLAS thread for experiments made of many small matrix products."""
from __future__ import annotations

import contextlib


def single_threaded_blas():
    """A context manager limiting BLAS to one thread (a no-op without threadpoolctl).

    NOTE: on the 2-core build machine under load from other processes, two BLAS threads
    spin-wait on products far too small to share: LeNet-5 on 32x32 digits took 1.8 s per
    epoch with 2 threads and 0.36 s with one (c5-dinosaurs measured the same, 27 s vs 3 s).
    threadpoolctl comes with scikit-learn (the "data" extra).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")
