"""Inverted dropout (course 2, week 1)."""
from ..backend import xp


def dropout_mask(shape, keep_prob, rng, dtype):
    """The scaled mask D / keep_prob: 1 / keep_prob where a unit is kept, 0 where it is dropped.

    Each unit is kept with probability ``keep_prob``, drawn from the Generator ``rng``.
    """
    dtype = xp.dtype(dtype)
    keep = rng.random(shape, dtype=dtype) < keep_prob
    return keep.astype(dtype) / dtype.type(keep_prob)


def dropout_forward(A, mask):
    """A_dropped = A * D / keep_prob, given the scaled mask from ``dropout_mask``.

    Dividing by keep_prob keeps the expected value of each unit unchanged, so that
    nothing needs rescaling at test time (the "inverted" in inverted dropout).
    """
    return A * mask, mask


def dropout_backward(dA, mask):
    """dA_prev = dA * D / keep_prob: dropped units pass no gradient."""
    return dA * mask
