"""``dlspec.ops.linalg``: ``tf.linalg`` calls of the course (the transformer's look-ahead mask)."""
from __future__ import annotations

from ..autodiff.tensor import apply_op


def band_part(input, num_lower, num_upper):  # noqa: A002  (tf's name)
    """Keep the band of each (..., M, N) matrix: entries with i - j <= num_lower and
    j - i <= num_upper (a negative bound keeps that whole triangle), zeros elsewhere.

    ``band_part(ones((T, T)), -1, 0)`` is the lower triangle: the course's look-ahead mask.
    """
    return apply_op("band_part", (input,), {"num_lower": int(num_lower), "num_upper": int(num_upper)})


def matmul(a, b, transpose_a=False, transpose_b=False):
    return apply_op("matmul", (a, b), {"transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b)})
