"""Sinusoidal positional encoding (course 5, week 4: ``get_angles``, ``positional_encoding``)."""
from ..backend import xp


def get_angles(pos, k, d):
    """The angle of position ``pos`` in dimension ``k``: pos / 10000^(2 (k // 2) / d).

    Parameters
    ----------
    pos : array (P, 1) of positions
    k : array (1, d) of dimension indices 0 .. d-1
    d : int, the encoding size (d_model)

    Returns
    -------
    angles : array (P, d)

    Examples
    --------
    >>> import numpy as np
    >>> get_angles(np.arange(2)[:, None], np.arange(4)[None, :], 4).round(3).tolist()
    [[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 0.01, 0.01]]
    """
    i = k // 2
    return pos / xp.power(10000, (2 * i) / xp.float64(d))


def positional_encoding(positions, d, dtype="float32"):
    """The course's positional encoding PE, shape (1, positions, d).

    Notes
    -----
    PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).
    It has no parameters and no backward: the model adds it to the scaled embeddings,
    so the embedding's gradient passes through unchanged.

    Examples
    --------
    >>> pe = positional_encoding(50, 512)
    >>> pe.shape, pe.dtype
    ((1, 50, 512), dtype('float32'))
    """
    if not isinstance(positions, int) or not isinstance(d, int) or positions < 1 or d < 1:
        raise ValueError(f"positional_encoding(positions, d) expects two positive ints (the "
                         f"maximum length and d_model); got {positions!r}, {d!r}.")
    angles = get_angles(xp.arange(positions)[:, None], xp.arange(d)[None, :], d)   # (P, d)
    angles[:, 0::2] = xp.sin(angles[:, 0::2])
    angles[:, 1::2] = xp.cos(angles[:, 1::2])
    return angles[None].astype(dtype)                                                # (1, P, d)
