"""Extractive question answering's head: the loss on start and end positions, and decoding.

A model reads the context and the question and scores every token twice, as the start
and as the end of the answer: logits Z of shape (N, T, 2). The loss is the cross-entropy
of the true start over the T positions plus that of the true end, halved (Hugging Face's
``DistilBertForQuestionAnswering``); decoding takes the best-scoring span with the start
not after the end, inside the context, at most ``max_answer_len`` tokens long.
"""
from __future__ import annotations

from ..backend import xp


def _log_softmax_over_time(Z):
    """log softmax along axis 1 of (N, T, 2)."""
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - xp.log(xp.exp(shifted).sum(axis=1, keepdims=True))


class SpanCrossEntropy:
    """Cross-entropy of answer starts and ends; any object with forward/backward is a loss.

    Notes
    -----
    With p = softmax over t of Z[n, t, k] and y[n, k] the true position (k = 0 start,
    1 end): J = -1/(2N) sum_n sum_k log p[n, y[n, k], k];
    dZ[n, t, k] = (p[n, t, k] - [t == y[n, k]]) / (2N).
    Matches ``(F.cross_entropy(Z[..., 0], y[:, 0]) + F.cross_entropy(Z[..., 1], y[:, 1])) / 2``.
    """

    def forward(self, Z, Y):
        Z, Y = xp.asarray(Z), xp.asarray(Y)
        if Z.ndim != 3 or Z.shape[2] != 2:
            raise ValueError(f"SpanCrossEntropy expects logits of shape (N, T, 2) (start, end); "
                             f"got {Z.shape}. End the model with Dense(2).")
        if Y.shape != (Z.shape[0], 2) or Y.dtype.kind not in "iu":
            raise ValueError(f"SpanCrossEntropy expects integer positions of shape (N, 2) = "
                             f"({Z.shape[0]}, 2) (start, end); got {Y.dtype} {Y.shape}.")
        if Y.min() < 0 or Y.max() >= Z.shape[1]:
            raise ValueError(f"SpanCrossEntropy: positions must be in [0, {Z.shape[1]}) (the tokens); "
                             f"got {int(Y.min())} to {int(Y.max())}. Drop examples whose answer was cut off.")
        logp = _log_softmax_over_time(Z)
        N = Z.shape[0]
        rows = xp.arange(N)
        picked = logp[rows, Y[:, 0], 0] + logp[rows, Y[:, 1], 1]
        self._cache = (logp, Y)
        return float(-picked.sum() / (2 * N))

    def backward(self):
        logp, Y = self._cache
        N = logp.shape[0]
        dZ = xp.exp(logp)
        rows = xp.arange(N)
        dZ[rows, Y[:, 0], 0] -= 1
        dZ[rows, Y[:, 1], 1] -= 1
        return dZ / (2 * N)


def best_spans(Z, allowed, max_answer_len=10):
    """(start, end) per row: the span maximizing Z[start, 0] + Z[end, 1] with
    start <= end < start + max_answer_len and both tokens ``allowed`` ((N, T) bool: the
    context's tokens). Rows with no allowed token give (0, 0)."""
    Z = xp.asarray(Z, dtype=xp.float64)
    T = Z.shape[1]
    neg = xp.where(allowed, 0.0, -xp.inf)                             # (N, T)
    score = (Z[:, :, 0] + neg)[:, :, None] + (Z[:, :, 1] + neg)[:, None, :]   # (N, start, end)
    offset = xp.arange(T)[None, :] - xp.arange(T)[:, None]            # end - start
    score = xp.where((offset >= 0) & (offset < max_answer_len), score, -xp.inf)
    flat = score.reshape(len(Z), -1).argmax(axis=1)                   # (N, T*T) -> best pair
    return xp.stack([flat // T, flat % T], axis=1)
