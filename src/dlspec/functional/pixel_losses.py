"""Softmax cross-entropy at every position of a map: the U-Net's pixel-wise loss.

Course 4, week 3: the U-Net is trained with SparseCategoricalCrossentropy(from_logits=True),
one class id per pixel, averaged over all the pixels of the batch.
"""
from ..backend import xp
from .activations import log_softmax


def sparse_softmax_cross_entropy_forward(Z, ids):
    """J = -1/M sum_p log softmax(Z[p])[ids[p]] over the M = Z.size / C positions p.

    Parameters
    ----------
    Z : array (N, ..., C), logits (for the U-Net (N, H, W, C))
    ids : int array (N, ...), the class of every position

    Returns
    -------
    cost : float; cache : (log_A, ids)
    """
    log_A = log_softmax(Z, axis=-1)                                       # (N, ..., C)
    picked = xp.take_along_axis(log_A, ids[..., None], axis=-1)           # (N, ..., 1)
    return -picked.sum() / ids.size, (log_A, ids)


def sparse_softmax_cross_entropy_backward(cache):
    """dZ = (softmax(Z) - onehot(ids)) / M, shape (N, ..., C)."""
    log_A, ids = cache
    dZ = xp.exp(log_A)
    xp.put_along_axis(dZ, ids[..., None], xp.take_along_axis(dZ, ids[..., None], axis=-1) - 1, axis=-1)
    return dZ / ids.size
