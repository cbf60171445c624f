"""Gradient clipping by value: the course's remedy for exploding gradients in RNNs."""
from ..backend import xp


def clip(gradients, max_value):
    """Clip every gradient entry to [-max_value, max_value], in place (course 5, week 1).

    Parameters
    ----------
    gradients : dict name -> array, or an iterable of ``(name, param, grad)`` as yielded by
        ``model.named_params_and_grads()``
    max_value : float > 0 (the course uses 5)

    Returns
    -------
    The number of entries that were clipped (0 when nothing exploded).

    Examples
    --------
    >>> import numpy as np
    >>> g = {"dWaa": np.array([10.0, -0.5, -7.0])}
    >>> clip(g, 5), g["dWaa"].tolist()
    (2, [5.0, -0.5, -5.0])
    """
    if not max_value > 0:
        raise ValueError(f"clip(max_value) must be > 0; got {max_value!r} (the course uses 5).")
    arrays = gradients.values() if isinstance(gradients, dict) else (g for _, _, g in gradients)
    clipped = 0
    for g in arrays:
        clipped += int((xp.abs(g) > max_value).sum())
        xp.clip(g, -max_value, max_value, out=g)
    return clipped
