"""GloVe (Pennington et al., 2014): weighted least squares on log co-occurrence counts, AdaGrad."""
from __future__ import annotations

import time

from ..backend import as_dtype, rng as make_rng, xp
from .vectors import WordVectors
from .vocab import Vocabulary
from .windows import sum_rows_outer


def cooccurrence(ids, sentence_ids, vocab_size, window=10, symmetric=True):
    """Sparse co-occurrence counts X_ij, each pair weighted 1/distance as in GloVe's ``cooccur``.

    Parameters
    ----------
    ids, sentence_ids : (n,) int64 token ids and the sentence of each (windows stop at its end)
    vocab_size : int, V
    window : int, the largest distance counted
    symmetric : bool, count j left of i as well as right of it (GloVe's default)

    Returns
    -------
    rows, cols : (nnz,) int64; X : (nnz,) float64, sorted by row then column

    Notes
    -----
    One vectorized pass per distance d: keys i * V + j of the pairs d apart are summed with
    ``unique`` and ``bincount``, then merged into the running total.
    """
    keys, values = xp.zeros(0, xp.int64), xp.zeros(0)
    n = len(ids)
    for d in range(1, window + 1):
        same = sentence_ids[:n - d] == sentence_ids[d:]
        a, b = ids[:n - d][same], ids[d:][same]
        new = [a * vocab_size + b] + ([b * vocab_size + a] if symmetric else [])
        keys = xp.concatenate([keys, *new])
        values = xp.concatenate([values, xp.full(sum(len(k) for k in new), 1.0 / d)])
        keys, inverse = xp.unique(keys, return_inverse=True)
        values = xp.bincount(inverse.reshape(-1), weights=values, minlength=len(keys))
    return keys // vocab_size, keys % vocab_size, values


class GloVe:
    """GloVe word vectors: minimize J = sum_ij f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2.

    Parameters
    ----------
    vector_size : int, D
    window : int, co-occurrence window (GloVe's default 10; the weight is 1/distance)
    x_max, alpha : float, the weighting f(X) = min(1, (X / x_max)^alpha) (100 and 0.75)
    learning_rate : float, AdaGrad's initial step (0.05, as the reference code)
    epochs : int
    batch_size : int, non-zero entries per AdaGrad step (gradients of one row are summed)
    min_count : int
    seed : int
    dtype : "float32" or "float64"

    Attributes
    ----------
    wv : WordVectors of W + W~ (the paper's choice), vocab, losses (J / nnz per epoch)

    Notes
    -----
    With diff = w_i . w~_j + b_i + b~_j - log X_ij and J's half, dJ/dw_i = f diff w~_j,
    dJ/dw~_j = f diff w_i, dJ/db_i = dJ/db~_j = f diff. AdaGrad keeps G += grad^2 per
    parameter, starting at 1 as in the reference code, and steps -lr grad / sqrt(G); only the
    rows a batch touches are read and written. Weights start uniform in [-0.5/D, 0.5/D).
    """

    def __init__(self, vector_size=50, window=10, x_max=100.0, alpha=0.75, learning_rate=0.05,
                 epochs=25, batch_size=4096, min_count=5, seed=0, dtype="float32"):
        for name, value in (("vector_size", vector_size), ("window", window), ("epochs", epochs),
                            ("batch_size", batch_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"GloVe({name}) expects a positive integer; got {value!r}.")
        self.vector_size, self.window, self.x_max, self.alpha = vector_size, window, x_max, alpha
        self.learning_rate, self.epochs, self.batch_size = learning_rate, epochs, batch_size
        self.min_count, self.seed, self.dtype = min_count, seed, as_dtype(dtype)
        self.losses = []

    def fit(self, sentences, vocab: Vocabulary | None = None, progress=None):
        """Count co-occurrences and train; returns self."""
        sentences = sentences if isinstance(sentences, list) else list(sentences)
        self.vocab = vocab or Vocabulary(sentences, self.min_count)
        ids, sentence_ids = self.vocab.encode(sentences)
        V, D, rng = len(self.vocab), self.vector_size, make_rng(self.seed)
        started = time.perf_counter()
        rows, cols, X = cooccurrence(ids, sentence_ids, V, self.window)
        if len(X) == 0:
            raise ValueError("GloVe found no co-occurring words: the sentences are too short.")
        self.nnz = len(X)
        logX = xp.log(X).astype(self.dtype)
        fX = xp.minimum(1.0, (X / self.x_max) ** self.alpha).astype(self.dtype)
        self.W = ((rng.random((V, D)) - 0.5) / D).astype(self.dtype)
        self.W_tilde = ((rng.random((V, D)) - 0.5) / D).astype(self.dtype)
        self.b, self.b_tilde = xp.zeros(V, self.dtype), xp.zeros(V, self.dtype)
        self.G = [xp.ones_like(p) for p in (self.W, self.W_tilde, self.b, self.b_tilde)]
        epochs = range(self.epochs)
        for _ in (progress(epochs) if progress else epochs):
            order = rng.permutation(len(X))
            total = 0.0
            for s in range(0, len(X), self.batch_size):
                k = order[s:s + self.batch_size]
                total += self._step(rows[k], cols[k], logX[k], fX[k])
            loss = total / len(X)
            if not xp.isfinite(loss):
                raise FloatingPointError(f"GloVe diverged (loss {loss}) in epoch {len(self.losses) + 1}: "
                                         "lower learning_rate.")
            self.losses.append(loss)
        self.seconds = time.perf_counter() - started
        self.wv = WordVectors(self.vocab.words, self.W + self.W_tilde, counts=self.vocab.counts)
        return self

    def _step(self, i, j, logX, fX):
        wi, wj = self.W[i], self.W_tilde[j]                                  # (B, D)
        diff = (wi * wj).sum(axis=1) + self.b[i] + self.b_tilde[j] - logX     # (B,)
        fdiff = fX * diff
        one = fdiff[:, None]
        # AdaGrad as the reference code applies it entry by entry: G gathers every entry's
        # grad^2 (not the square of the batch's sum), so a frequent word moves as far in one
        # batch as in as many sequential steps.
        for P, G, rows, H in ((self.W, self.G[0], i, wj), (self.W_tilde, self.G[1], j, wi)):
            unique, grad = sum_rows_outer(rows[:, None], one, H)              # summed per row
            _, grad2 = sum_rows_outer(rows[:, None], one * one, H * H)
            G[unique] += grad2
            P[unique] -= self.learning_rate * grad / xp.sqrt(G[unique])
        for p, G, rows in ((self.b, self.G[2], i), (self.b_tilde, self.G[3], j)):
            unique, inverse = xp.unique(rows, return_inverse=True)
            inverse = inverse.reshape(-1)
            grad = xp.bincount(inverse, weights=fdiff, minlength=len(unique)).astype(p.dtype)
            G[unique] += xp.bincount(inverse, weights=fdiff * fdiff, minlength=len(unique)).astype(p.dtype)
            p[unique] -= self.learning_rate * grad / xp.sqrt(G[unique])
        return 0.5 * float((fdiff * diff).sum())
