"""Error analysis for beam search (course 5 week 3): is a wrong translation the search's fault
or the model's?

For a dev example with human translation y* and output y_hat != y*, compare the model's
probabilities: P(y* | x) > P(y_hat | x) means the model preferred y* and beam search missed
it (a search error: widen the beam); P(y* | x) <= P(y_hat | x) means the model ranks the
wrong answer higher (a model error: more data, regularisation, another architecture). With
length normalisation the comparison uses the normalised objective the search maximises.
"""
from __future__ import annotations

from .backend import xp


def sequence_log_prob(step, tokens, start_id, end_id):
    """log P(y | x) = sum_t log P(y<t> | x, y<1..t-1>) of given outputs, and their lengths.

    Parameters
    ----------
    step : ``step(prefixes (B, t), index (B,)) -> log P (B, V)`` as in ``dlspec.decoding``.
    tokens : int array (n, T): the outputs, without the start id; the sum stops after the
        first ``end_id`` (included), or at T.

    Returns
    -------
    log_prob : (n,); lengths : (n,), the number of tokens counted (the course's Ty).
    """
    tokens = xp.asarray(tokens)
    n, T = tokens.shape
    prefix = xp.full((n, 1), start_id, dtype=xp.int64)
    index, rows = xp.arange(n), xp.arange(n)
    done = xp.zeros(n, dtype=bool)
    total, lengths = xp.zeros(n), xp.zeros(n)
    for t in range(T):
        logp = step(prefix, index)                                       # (n, V)
        total += xp.where(done, 0.0, logp[rows, tokens[:, t]])
        lengths += ~done
        done |= tokens[:, t] == end_id
        if done.all():
            break
        prefix = xp.concatenate([prefix, tokens[:, t:t + 1]], axis=1)
    return total, lengths


def attribute_errors(step, y_hat, y_star, start_id, end_id, alpha=0.0):
    """Blame each wrong output on the search or on the model.

    Parameters
    ----------
    step : the model's one-step decoder (see ``sequence_log_prob``).
    y_hat : int array (n, T), the decoder's outputs; y_star : (n, T), the human translations.
    alpha : the length normalisation the search used: scores are log P / Ty^alpha.

    Returns
    -------
    dict with ``errors`` (indices where y_hat != y*), ``score_star`` and ``score_hat`` (their
    normalised log-probabilities), ``search`` (bool per error: P(y*|x) > P(y_hat|x)), and the
    fractions ``search_fraction`` and ``model_fraction`` (0 and 0 without errors).

    Examples
    --------
    >>> import numpy as np
    >>> table = np.log([[1e-9, .6, .4], [1e-9, .1, .9], [1e-9, .1, .9]])   # 0: start, 2: end
    >>> step = lambda prefix, index: table[prefix[:, -1]]
    >>> r = attribute_errors(step, np.array([[1, 2]]), np.array([[2, 2]]), 0, 2)
    >>> bool(r["search"][0]), r["model_fraction"]     # P(y*) = .4 < P(y_hat) = .54: the model
    (False, 1.0)
    """
    y_hat, y_star = xp.asarray(y_hat), xp.asarray(y_star)
    if y_hat.shape != y_star.shape:
        raise ValueError(f"y_hat and y_star must have the same shape (n, T); got {y_hat.shape} "
                         f"and {y_star.shape}. Pad both with the end id.")
    wrong = xp.flatnonzero(~same_output(y_hat, y_star, end_id))
    result = {"errors": wrong, "score_star": xp.zeros(0), "score_hat": xp.zeros(0),
              "search": xp.zeros(0, dtype=bool), "search_fraction": 0.0, "model_fraction": 0.0}
    if len(wrong) == 0:
        return result
    # Both scored with the same fresh step function state: one batch of 2 k sequences.
    both = xp.concatenate([y_star[wrong], y_hat[wrong]])
    index_map = xp.concatenate([wrong, wrong])
    lp, length = sequence_log_prob(lambda p, i: step(p, index_map[i]), both, start_id, end_id)
    score = lp / xp.maximum(length, 1) ** alpha
    k = len(wrong)
    search = score[:k] > score[k:]
    result.update(score_star=score[:k], score_hat=score[k:], search=search,
                  search_fraction=float(search.mean()), model_fraction=float(1 - search.mean()))
    return result


def same_output(a, b, end_id):
    """Row-wise equality of (n, T) outputs up to and including the first end id (what follows,
    end ids or padding, does not count)."""
    after_a = xp.cumsum(a == end_id, axis=1) - (a == end_id) > 0
    after_b = xp.cumsum(b == end_id, axis=1) - (b == end_id) > 0
    return ((a == b) | (after_a & after_b)).all(axis=1)
