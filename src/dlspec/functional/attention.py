"""Scaled dot-product attention (course 5, week 4) with a hand-derived backward pass."""
from ..backend import xp
from .masks import mask_bias


def scaled_dot_product_attention_forward(q, k, v, mask=None, dropout_mask=None):
    """Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) + (1 - mask) * -1e9) V.

    Parameters
    ----------
    q : array (..., Tq, d_k)   queries (``...`` = (N,) or (N, heads))
    k : array (..., Tk, d_k)   keys
    v : array (..., Tk, d_v)   values
    mask : array broadcastable to (..., Tq, Tk), optional
        1/True where a query may attend a key, 0/False where not (the course's convention).
    dropout_mask : array (..., Tq, Tk), optional
        The scaled dropout mask D / keep_prob applied to the attention weights (training).

    Returns
    -------
    output : array (..., Tq, d_v)
    attention_weights : array (..., Tq, Tk), rows sum to 1 (before dropout)
    cache : what ``scaled_dot_product_attention_backward`` needs

    Notes
    -----
    Forward: S = Q K^T / sqrt(d_k) + B (B = (1 - mask) * -1e9), A = softmax_rows(S),
    A_d = A * D, O = A_d V.
    Backward: dV = A_d^T dO, dA = (dO V^T) * D (+ the gradient of the returned weights),
    dS = A * (dA - rowsum(dA * A)), dQ = dS K / sqrt(d_k), dK = dS^T Q / sqrt(d_k).

    Examples
    --------
    >>> import numpy as np
    >>> q = k = v = np.eye(3)[None]
    >>> out, w, _ = scaled_dot_product_attention_forward(q, k, v)
    >>> out.shape, np.allclose(w.sum(-1), 1)
    ((1, 3, 3), True)
    """
    d_k = q.shape[-1]
    scale = q.dtype.type(1.0 / xp.sqrt(d_k))
    S = (q * scale) @ xp.swapaxes(k, -1, -2)                # (..., Tq, d_k) @ (..., d_k, Tk)
    if mask is not None:
        S += mask_bias(mask, S.shape, S.dtype)
    S -= S.max(axis=-1, keepdims=True)                      # stable softmax, in place
    A = xp.exp(S, out=S)
    A /= A.sum(axis=-1, keepdims=True)
    A_d = A if dropout_mask is None else A * dropout_mask
    out = A_d @ v                                           # (..., Tq, d_v)
    return out, A, (q, k, v, A, A_d, dropout_mask, scale)


def scaled_dot_product_attention_backward(d_out, cache, d_weights=None):
    """Return dq, dk, dv for the upstream d_out (..., Tq, d_v) (see the forward's Notes).

    ``d_weights`` is the gradient of the returned attention weights, if they were used.
    """
    q, k, v, A, A_d, dropout_mask, scale = cache
    dv = xp.swapaxes(A_d, -1, -2) @ d_out                   # (..., Tk, Tq) @ (..., Tq, d_v)
    dA = d_out @ xp.swapaxes(v, -1, -2)                     # (..., Tq, Tk)
    if dropout_mask is not None:
        dA *= dropout_mask
    if d_weights is not None:
        dA += d_weights
    dS = A * (dA - (dA * A).sum(axis=-1, keepdims=True))    # softmax backward, per row
    dS *= scale
    dq = dS @ k                                             # (..., Tq, d_k)
    dk = xp.swapaxes(dS, -1, -2) @ q                        # (..., Tk, d_k)
    return dq, dk, dv


def scaled_dot_product_attention(q, k, v, mask=None):
    """The course's function: (output, attention_weights), forward only."""
    out, A, _ = scaled_dot_product_attention_forward(q, k, v, mask)
    return out, A
