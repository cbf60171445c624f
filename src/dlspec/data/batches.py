"""Mini-batch partitioning."""
from __future__ import annotations

from ..backend import xp


def random_mini_batches(X, Y, batch_size, rng, shuffle=True):
    """Split (X, Y) into mini-batches of ``batch_size`` examples, the last one partial.

    Parameters
    ----------
    X : array (N, ...), Y : array (N, ...)
    batch_size : int >= 1. ``batch_size = N`` is batch gradient descent, 1 is stochastic.
    rng : numpy.random.Generator used for the permutation (the same seed, the same batches).

    Returns
    -------
    list of (X_batch, Y_batch); all but the last hold exactly ``batch_size`` examples.
    """
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1 (or None for the whole set); "
                         f"got {batch_size!r}.")
    if len(X) != len(Y):
        raise ValueError(f"random_mini_batches needs one row of Y per row of X; got {len(X)} rows "
                         f"in X and {len(Y)} in Y.")
    if shuffle and not isinstance(rng, xp.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, such as np.random.default_rng(0); "
                        f"got {type(rng).__name__} {rng!r:.40}.")
    N = X.shape[0]
    order = rng.permutation(N) if shuffle else xp.arange(N)
    batches = []
    for start in range(0, N, batch_size):
        idx = order[start:start + batch_size]
        batches.append((X[idx], Y[idx]))
    return batches
