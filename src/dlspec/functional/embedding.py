"""Embedding lookup: each integer id selects one row of the embedding matrix E.

Course 5, week 2: the course writes e_w = E o_w (E of shape (300, 10000), o_w a one-hot
column). Batch first, E is (V, emb_dim) and the product with a one-hot row is a lookup.
"""
from ..backend import xp


def embedding_forward(ids, E):
    """Rows of E for an array of ids.

    Parameters
    ----------
    ids : int array (N, ...) of values in [0, V); E : array (V, emb_dim)

    Returns
    -------
    out : array (N, ..., emb_dim); cache : (ids, V)
    """
    return E[ids], (ids, E.shape[0])


def embedding_backward(dout, cache):
    """dE (V, emb_dim): the sum of the gradients of every position that looked up each row.

    Notes
    -----
    A row used k times gets k gradients. Instead of the slow unbuffered ``np.add.at``, the
    positions are sorted by id and each run of equal ids is summed with one ``add.reduceat``.
    There is no gradient for the ids themselves (they are not differentiable).
    """
    ids, V = cache
    emb_dim = dout.shape[-1]
    flat = ids.reshape(-1)
    grads = dout.reshape(-1, emb_dim)                     # (positions, emb_dim)
    dE = xp.zeros((V, emb_dim), dtype=dout.dtype)
    if flat.size == 0:
        return dE
    order = xp.argsort(flat, kind="stable")
    sorted_ids = flat[order]
    rows, starts = xp.unique(sorted_ids, return_index=True)
    dE[rows] = xp.add.reduceat(grads[order], starts, axis=0)
    return dE
