"""Cross-entropy of a sequence of predictions: the course's language-model loss.

Course 5, week 1: L(y^, y) = sum_t L<t>(y^<t>, y<t>), with L<t> = -log y^<t>[y<t>].
dlspec averages that per-sequence sum over the N sequences of a batch.
"""
from ..backend import xp
from .activations import log_softmax


def sequence_cross_entropy_forward(Z, ids, mask, label_smoothing=0.0):
    """J = -1/N sum_n sum_t mask[n, t] sum_v q[n, t, v] log softmax(Z[n, t])[v].

    q is the one-hot target, or with label smoothing eps (the transformer paper's 0.1)
    q = (1 - eps) onehot(ids) + eps / V, as ``torch.nn.functional.cross_entropy(...,
    label_smoothing=eps)``.

    Parameters
    ----------
    Z : array (N, T, V), logits at every step
    ids : int array (N, T), the target token at every step (any valid id where mask is 0)
    mask : array (N, T) of 0/1, in Z's dtype: 0 marks padding, which adds nothing

    Returns
    -------
    cost : float; cache : (log_A, ids, mask, label_smoothing)
    """
    log_A = log_softmax(Z, axis=-1)                                   # (N, T, V)
    picked = xp.take_along_axis(log_A, ids[..., None], axis=-1)[..., 0]   # (N, T)
    if label_smoothing:
        eps = label_smoothing
        picked = (1 - eps) * picked + eps * log_A.mean(axis=-1)
    return -(picked * mask).sum() / Z.shape[0], (log_A, ids, mask, label_smoothing)


def sequence_cross_entropy_backward(cache):
    """dZ = mask (softmax(Z) - q) / N, shape (N, T, V) (q: the possibly smoothed target)."""
    log_A, ids, mask, eps = cache
    dZ = xp.exp(log_A)
    if eps:
        dZ -= eps / log_A.shape[-1]
    xp.put_along_axis(dZ, ids[..., None], xp.take_along_axis(dZ, ids[..., None], axis=-1) - (1 - eps),
                      axis=-1)
    return dZ * (mask / log_A.shape[0])[..., None]
