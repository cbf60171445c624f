"""One BLAS thread for experiments made of many small matrix products."""
from __future__ import annotations


def single_threaded_blas():
    """A context manager limiting BLAS to one thread.

    NOTE: on the 2-core build machine under load from other processes, two BLAS threads
    spin-wait on products far too small to share: LeNet-5 on 32x32 digits took 1.8 s per
    epoch with 2 threads and 0.36 s with one; c5-dinosaurs' quick run took 26.6 s with 2
    threads and 3.1 s with one.
    """
    from threadpoolctl import threadpool_limits
    return threadpool_limits(1, user_api="blas")
