"""RepeatVector: copy a vector n times along a new time axis (Keras's ``RepeatVector``)."""
from __future__ import annotations

from ..backend import xp
from .layer import Layer


class RepeatVector(Layer):
    """(N, D) -> (N, n, D): the same vector at each of n time steps.

    The course's attention model repeats the decoder's previous state s<t-1> (N, n_s) over the
    Tx input steps, ``RepeatVector(Tx)(s_prev)``, to concatenate it with every a<t'>.

    Parameters
    ----------
    n : int
        Number of repetitions (the new axis's length).

    Notes
    -----
    Forward: Y[:, t, :] = X for t = 1..n. Backward: dX = sum over t of dY[:, t, :].

    Examples
    --------
    >>> import numpy as np
    >>> RepeatVector(3).forward(np.ones((2, 4))).shape
    (2, 3, 4)
    """

    def __init__(self, n: int, name: str | None = None):
        super().__init__(name)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ValueError(f"RepeatVector(n) expects a positive integer number of repetitions; "
                             f"got {n!r}.")
        self.n = n

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 1:
            raise ValueError(f"{self!r} expects inputs of shape (N, D); got per-example shape "
                             f"{input_shape}. Flatten() or Reshape((D,)) the input first.")

    def output_shape(self, input_shape):
        return (self.n, *input_shape)

    def _forward(self, x, training):
        # A real copy, not a read-only broadcast view: later layers may write into it.
        return xp.repeat(x[:, None, :], self.n, axis=1), True      # (N, D) -> (N, n, D)

    def _backward(self, dy, cache):
        return dy.sum(axis=1)                                       # (N, n, D) -> (N, D)

    def get_config(self):
        return {"n": self.n, "name": self.name}
