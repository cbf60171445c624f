"""Greedy and beam-search decoding (course 5, week 3) for any model with a one-step decoder.

A model is decoded through a function ``step(tokens, index) -> log_probs``: ``tokens`` (B, t)
are the prefixes decoded so far (starting with the start id), ``index`` (B,) says which
source example each prefix belongs to (so an encoder-decoder gathers its encoding), and
the result (B, V) holds log P(next token | prefix, source). A transformer re-runs its decoder
on the prefix; a recurrent model can keep states keyed by ``index``.
"""
from __future__ import annotations

from .backend import rng as make_rng, xp
from .validation import check_int, check_number


def log_softmax_last(logits):
    """log softmax over the last axis, stable: helper for ``step`` functions returning logits."""
    z = logits - logits.max(axis=-1, keepdims=True)
    return z - xp.log(xp.exp(z).sum(axis=-1, keepdims=True))


def _check(step, n, start_id, end_id, max_length):
    if not callable(step):
        raise TypeError(f"step must be a function (tokens (n, t), index (n,)) -> log-probabilities "
                        f"(n, V); got {type(step).__name__} {step!r:.40}.")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"decoding needs a positive number of examples; got {n!r}.")
    check_int(max_length, "max_length", hint="It is the longest output, in tokens.")
    check_int(start_id, "start_id", minimum=0, hint="It is the token id that starts every output.")
    check_int(end_id, "end_id", minimum=0, hint="It is the token id that ends an output.")


def _call(step, tokens, index, start_id, end_id):
    """step's log-probabilities (rows, V), checked: one row per prefix, no NaN, and the
    start and end ids inside the vocabulary it scores."""
    logp = xp.asarray(step(tokens, index))
    if logp.ndim != 2 or len(logp) != len(tokens):
        raise ValueError(f"step must return log-probabilities of shape (rows, V) = ({len(tokens)}, V), "
                         f"one row per prefix it is given; got shape {logp.shape}.")
    V = logp.shape[-1]
    for name, value in (("end_id", end_id), ("start_id", start_id)):
        if value >= V:
            raise ValueError(f"{name}={value} is outside the vocabulary: step scores {V} tokens "
                             f"(ids 0 to {V - 1}). Pass the vocabulary's own {name}.")
    if xp.isnan(logp).any():
        raise ValueError("step returned NaN log-probabilities: the model's output is broken "
                         "(diverged training or a NaN input); decoding cannot rank tokens.")
    return logp


def greedy_decode(step, n, start_id, end_id, max_length):
    """Pick the most probable token at every step: y<t> = argmax P(y | y<1..t-1>, x).

    Returns
    -------
    tokens : int array (n, max_length), without the start id; after the end id: end ids.
    log_prob : array (n,), sum of the chosen tokens' log-probabilities up to the end id.
    """
    _check(step, n, start_id, end_id, max_length)
    tokens = xp.full((n, 1), start_id, dtype=xp.int64)
    index = xp.arange(n)
    done = xp.zeros(n, dtype=bool)
    total = xp.zeros(n)
    for _ in range(max_length):
        logp = _call(step, tokens, index, start_id, end_id)              # (n, V)
        nxt = logp.argmax(axis=-1)
        total += xp.where(done, 0.0, logp[index, nxt])
        nxt = xp.where(done, end_id, nxt)
        done |= nxt == end_id
        tokens = xp.concatenate([tokens, nxt[:, None]], axis=1)
        if done.all():
            break
    return _sequences(tokens, max_length, end_id), total


def beam_search(step, n, start_id, end_id, max_length, beam_width=3, alpha=0.7):
    """Beam search with the course's length normalisation.

    Keeps the ``beam_width`` (B) most probable prefixes of every example; a prefix that
    emits ``end_id`` is finished and keeps its score. The answer maximises
    1 / Ty^alpha sum_t log P(y<t> | x, y<1..t-1>) (alpha = 0: raw log-probability, which
    favours short outputs; alpha = 1: the mean log-probability per token).

    Returns
    -------
    tokens : int array (n, max_length), the best sequence per example (end ids after the end).
    score : array (n,), its normalised log-probability.
    beams : int array (n, B, max_length) and their normalised scores (n, B), best first.
    """
    _check(step, n, start_id, end_id, max_length)
    alpha = check_number(alpha, "alpha", 0, hint="The course's length normalisation uses 0 to 1 (0.7).")
    if isinstance(beam_width, bool) or not isinstance(beam_width, (int, xp.integer)) or beam_width < 1:
        raise ValueError(f"beam_width must be an int >= 1 (1 is greedy search); got {beam_width!r}.")
    B = int(beam_width)
    tokens = xp.full((n, 1, 1), start_id, dtype=xp.int64)               # (n, beams, t)
    scores = xp.zeros((n, 1))
    lengths = xp.zeros((n, 1))
    done = xp.zeros((n, 1), dtype=bool)
    for t in range(max_length):
        k = tokens.shape[1]
        index = xp.repeat(xp.arange(n), k)
        logp = _call(step, tokens.reshape(n * k, -1), index, start_id, end_id).reshape(n, k, -1)  # (n, k, V)
        V = logp.shape[-1]
        # A finished prefix continues only with end_id, at no cost: its score stays.
        logp = xp.where(done[..., None], -xp.inf, logp)
        logp[..., end_id] = xp.where(done, 0.0, logp[..., end_id])
        cand = (scores[..., None] + logp).reshape(n, k * V)             # (n, k V)
        keep = min(B, k * V)
        top = xp.argsort(-cand, axis=1, kind="stable")[:, :keep]        # (n, keep)
        beam, tok = top // V, top % V
        rows = xp.arange(n)[:, None]
        scores = cand[rows, top]
        was_done = done[rows, beam]
        lengths = lengths[rows, beam] + (~was_done)
        done = was_done | (tok == end_id)
        tokens = xp.concatenate([tokens[rows, beam], tok[..., None]], axis=2)
        if done.all():
            break
    normed = scores / xp.maximum(lengths, 1) ** alpha
    order = xp.argsort(-normed, axis=1, kind="stable")
    rows = xp.arange(n)[:, None]
    tokens, normed = tokens[rows, order], normed[rows, order]
    beams = xp.full((n, tokens.shape[1], max_length), end_id, dtype=xp.int64)
    beams[..., :tokens.shape[2] - 1] = tokens[..., 1:]
    return beams[:, 0], normed[:, 0], beams, normed


def sample_decode(step, n, start_id, end_id, max_length, temperature=1.0, seed=0):
    """Draw each next token from softmax(log P / temperature): the course's sampling.

    temperature < 1 sharpens the distribution (safer, more repetitive), > 1 flattens it.
    Returns tokens (n, max_length), end ids after the end.
    """
    _check(step, n, start_id, end_id, max_length)
    temperature = check_number(temperature, "temperature", 0, open_min=True,
                               hint="1 samples the model's own distribution; 0.5 is safer.")
    rng = make_rng(seed) if seed is not None else xp.random.default_rng()
    tokens = xp.full((n, 1), start_id, dtype=xp.int64)
    index, done = xp.arange(n), xp.zeros(n, dtype=bool)
    for _ in range(max_length):
        p = xp.exp(log_softmax_last(_call(step, tokens, index, start_id, end_id) / temperature))  # (n, V)
        u = rng.random((n, 1))
        nxt = (p.cumsum(axis=-1) < u).sum(axis=-1).clip(0, p.shape[-1] - 1)     # inverse CDF
        nxt = xp.where(done, end_id, nxt)
        done |= nxt == end_id
        tokens = xp.concatenate([tokens, nxt[:, None]], axis=1)
        if done.all():
            break
    return _sequences(tokens, max_length, end_id)


def _sequences(tokens, max_length, end_id):
    """The decoded ids (n, max_length) without the start token, padded with end_id."""
    out = xp.full((tokens.shape[0], max_length), end_id, dtype=xp.int64)
    out[:, :tokens.shape[1] - 1] = tokens[:, 1:]
    return out
