"""The course's character-level language model ("Dinosaur Island") and sampling from it."""
from __future__ import annotations

from ..backend import rng as make_rng, xp
from ..functional.activations import softmax_forward
from ..nn import GRU, LSTM, Dense, SimpleRNN, TimeDistributed
from .sequential import Sequential

CELLS = {"rnn": SimpleRNN, "lstm": LSTM, "gru": GRU}


def char_language_model(vocab_size: int, units: int = 50, cell: str = "rnn", seed=0, dtype=None):
    """One-hot characters (N, T, V) -> logits of the next character at every step (N, T, V).

    Parameters
    ----------
    vocab_size : int, V (27 in the course: a-z and "\\n")
    units : int, n_a (50 in the course)
    cell : "rnn" (the course's), "lstm" or "gru"
    seed, dtype : as for Sequential

    Notes
    -----
    a<t> = tanh(x<t> Wax + a<t-1> Waa + ba), y^<t> = softmax(a<t> Wya + by). The weights start
    as in the course, standard normal x 0.01, so the first predictions are close to uniform
    and the first loss is close to T log V. Compile with ``SequenceCrossEntropy``.
    """
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {sorted(CELLS)}; got {cell!r}.")
    return Sequential([CELLS[cell](units, return_sequences=True, kernel_init="random",
                                   recurrent_init="random"),
                       TimeDistributed(Dense(vocab_size, init="random"))], seed=seed, dtype=dtype)


def sample(model, vocab, n=10, seed=0, max_length=50, temperature=1.0):
    """Sample ``n`` names, one character at a time, each fed back as the next input.

    Parameters
    ----------
    model : a built model from ``char_language_model`` (any T-agnostic sequence model)
    vocab : ``dlspec.data.text.CharVocabulary``
    n : number of names, sampled in parallel
    seed : int or Generator for the draws
    max_length : stop a name after this many characters (the course uses 50)
    temperature : divides the logits; below 1 gives safer names, above 1 wilder ones

    Returns
    -------
    list of str, without the final "\\n".

    Notes
    -----
    Step t runs the layers on the t characters drawn so far (a causal model: the padded zero
    inputs after them never change step t), then draws character t+1 from softmax(y^<t>).
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0; got {temperature!r}.")
    rng = make_rng(seed)
    V = len(vocab)
    X = xp.zeros((n, max_length + 1, V), dtype=model.dtype)      # x<1> = 0
    ids = xp.zeros((n, max_length), dtype=xp.int64)
    done = xp.zeros(n, dtype=bool)
    length = xp.full(n, max_length)
    for t in range(max_length):
        h = X[:, :t + 1]
        for layer in model.layers:                                 # T grows: run layers directly
            h = layer.forward(h, training=False)
        probs = softmax_forward(h[:, t].astype(xp.float64) / temperature)[0]   # (n, V)
        # Inverse-CDF draws: one uniform per name, vectorized over names.
        cdf = probs.cumsum(axis=1)
        drawn = (cdf < rng.random((n, 1)) * cdf[:, -1:]).sum(axis=1).clip(0, V - 1)
        ids[:, t] = drawn
        newly_done = ~done & (drawn == 0)
        length[newly_done] = t
        done |= newly_done
        if done.all():
            break
        X[xp.arange(n), t + 1, drawn] = 1
    return [vocab.decode(ids[i, :length[i]]) for i in range(n)]


def train_char_lm(model, X, Y, iterations, learning_rate=0.05, batch_size=32, max_value=5.0,
                  seed=0, progress=None, on_iteration=None):
    """The course's optimization loop: forward, loss, backward through time, clip, update.

    Parameters
    ----------
    model : from ``char_language_model``; X (N, T, V) one-hot inputs, Y (N, T) target ids with
        -1 for padding (``CharVocabulary.language_model_data``)
    iterations : number of updates, each on ``batch_size`` names (the course: one name)
    learning_rate : gradient descent's alpha; max_value : clip gradients to [-5, 5] as the course
    progress : optional wrapper for the iteration range (``ctx.progress``)
    on_iteration : optional callable(iteration, model), for example to sample names on the way

    Returns
    -------
    list of float: the loss of every update, per name (summed over its characters).
    """
    from ..functional.clip import clip
    from ..losses import SequenceCrossEntropy
    from ..optim import GradientDescent
    if not isinstance(iterations, int) or iterations < 1:
        raise ValueError(f"iterations must be an integer >= 1; got {iterations!r}.")
    rng = make_rng(seed)
    loss, optimizer = SequenceCrossEntropy(), GradientDescent(learning_rate)
    if not model.built:
        model.build(X.shape[1:])
    order, pos, losses = rng.permutation(len(X)), 0, []
    steps = range(iterations) if progress is None else progress(range(iterations))
    for it in steps:
        if pos + batch_size > len(X):                 # a new epoch: reshuffle the names
            order, pos = rng.permutation(len(X)), 0
        idx = order[pos:pos + batch_size]
        pos += batch_size
        out = model.forward(X[idx], training=True)
        losses.append(loss.forward(out, Y[idx]))
        model.backward(loss.backward())
        clip(model.named_params_and_grads(), max_value)
        optimizer.step(model.named_params_and_grads())
        if on_iteration is not None:
            on_iteration(it, model)
    return losses
