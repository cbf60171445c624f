"""Context windows as arrays: subsampling, skip-gram pairs and CBOW contexts, no loop per word.

A corpus is a flat id array ``ids`` (n,) with ``sentence_ids`` (n,); a window never crosses a
sentence end. As in word2vec, each centre word draws a reduced window b uniformly in
[1, window], so that near words count more often than far ones.
"""
from __future__ import annotations

from ..backend import xp


def subsample(ids, sentence_ids, keep_prob, rng):
    """Drop each occurrence of word w with probability 1 - keep_prob[w] (word2vec's subsampling).

    Parameters
    ----------
    ids, sentence_ids : (n,) int64
    keep_prob : (V,) float, from :meth:`Vocabulary.keep_probabilities`
    rng : numpy.random.Generator

    Returns
    -------
    ids, sentence_ids : (n_kept,) int64, the kept tokens in order
    """
    keep = rng.random(len(ids)) < keep_prob[ids]
    return ids[keep], sentence_ids[keep]


def skipgram_pairs(ids, sentence_ids, window: int, rng, first: int = 0, last: int | None = None):
    """Every (centre, context) pair of skip-gram whose centre lies in [first, last).

    Parameters
    ----------
    ids, sentence_ids : (n,) int64
    window : int, the largest distance between a centre word and a context word
    rng : numpy.random.Generator, draws each centre's reduced window b in [1, window]
    first, last : int, only centres at positions [first, last) (default: all); their context
        words may lie outside that range

    Returns
    -------
    centers, contexts : (P,) int64 word ids, P <= 2 * window * n

    Notes
    -----
    One vectorized pass per offset d in [-window, window] \\ {0}: position i pairs with i + d
    when |d| <= b_i and both lie in one sentence. The pairs come grouped by offset, not in
    corpus order: the pairs of one batch update the weights together, so their order does
    not matter (the learning rate decays from batch to batch, which follow the corpus).
    """
    n = len(ids)
    last = n if last is None else last
    b = rng.integers(1, window + 1, size=n)
    centers, contexts = [], []
    positions = xp.arange(n)
    for d in range(1, window + 1):
        for sign in (1, -1):
            lo, hi = (0, n - d) if sign == 1 else (d, n)
            lo, hi = max(lo, first), min(hi, last)
            i = positions[lo:hi]
            j = i + sign * d
            ok = (b[lo:hi] >= d) & (sentence_ids[lo:hi] == sentence_ids[j])
            centers.append(ids[i[ok]])
            contexts.append(ids[j[ok]])
    return xp.concatenate(centers), xp.concatenate(contexts)


def cbow_contexts(ids, sentence_ids, window: int, rng):
    """The context words of every position, for CBOW: a padded matrix and its mask.

    Returns
    -------
    contexts : (n, 2 * window) int64, -1 where there is no context word (past b or the sentence)
    counts : (n,) int64, the number of context words of each position (0 for one-word sentences)
    """
    n = len(ids)
    b = rng.integers(1, window + 1, size=n)
    contexts = xp.full((n, 2 * window), -1, dtype=xp.int64)
    col = 0
    for d in range(1, window + 1):
        for sign in (1, -1):
            lo, hi = (0, n - d) if sign == 1 else (d, n)
            j = xp.arange(lo, hi) + sign * d
            ok = (b[lo:hi] >= d) & (sentence_ids[lo:hi] == sentence_ids[j])
            contexts[lo:hi, col] = xp.where(ok, ids[j], -1)
            col += 1
    return contexts, (contexts >= 0).sum(axis=1)


def sum_rows_outer(rows, g, H, dtype=None):
    """Sum g[b, t] * H[b] over the entries of each distinct row: a sparse gradient, summed.

    With S the (n_rows, B) sparse matrix holding g[b, t] at (rows[b, t], b), the sums are
    S @ H, without the (B, T, D) array of outer products. SciPy's sparse product does it when
    SciPy is installed (it comes with scikit-learn); otherwise the entries are sorted by row and
    runs summed with ``add.reduceat`` (``xp.add.at`` is slower still).

    Parameters
    ----------
    rows : (B, T) int64 row ids (T = 1 for one row per example)
    g : (B, T) weights; 0 where an entry is padding
    H : (B, D) the vectors

    Returns
    -------
    unique : (U,) the distinct rows, sorted
    sums : (U, D)
    """
    B, T = rows.shape
    dtype = dtype or H.dtype
    flat = rows.reshape(-1)                                      # (B*T,), entry b*T + t
    order = xp.argsort(flat)                                     # the one sort of the step
    sorted_rows = flat[order]
    starts = xp.flatnonzero(xp.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    unique = sorted_rows[starts]
    if _sparse is not None:
        # CSR straight from the sort: row u holds entries starts[u]:starts[u+1], columns b.
        indptr = xp.r_[starts, len(flat)]
        S = _sparse.csr_matrix((g.reshape(-1)[order].astype(dtype), order // T, indptr),
                               shape=(len(unique), B))
        return unique, S @ H.astype(dtype, copy=False)
    values = (g[:, :, None] * H[:, None, :]).reshape(B * T, -1).astype(dtype)   # (B, T, D) -> (B*T, D)
    return unique, xp.add.reduceat(values[order], starts, axis=0)


def scatter_add_outer(W, rows, g, H):
    """W[rows[b, t]] += g[b, t] * H[b] for every b and t, summing repeated rows: a sparse step.

    See :func:`sum_rows_outer`. W : (V, D), updated in place.
    """
    unique, sums = sum_rows_outer(rows, g, H, W.dtype)
    W[unique] += sums


try:
    import scipy.sparse as _sparse
except ImportError:          # pragma: no cover - SciPy comes with the test and data extras
    _sparse = None
