"""Shared by the translation experiments: teacher-forced training, decoding, scores, plots."""
from __future__ import annotations

import time

from ..backend import xp
from ..beam_errors import same_output
from ..data.dates import END, START
from ..decoding import beam_search, greedy_decode
from ..optim import Adam
from ..text import corpus_bleu


def train_nmt(ctx, net, split, epochs, tag, learning_rate=0.01, batch_size=100):
    """Adam on the teacher-forced model (one softmax cross-entropy per output character).

    Returns (cost per epoch, seconds). Checkpoints and resumes under ``tag`` when asked.
    """
    net.model.compile(["softmax_crossentropy"] * net.Ty, Adam(learning_rate))
    t0 = time.perf_counter()
    history = net.model.fit(net.inputs(split["X"], split["Y_in"]), list(split["Y"].T),
                            epochs=epochs, batch_size=batch_size, verbose=ctx.verbose,
                            callbacks=ctx.checkpoints(tag), resume_from=ctx.resume_from(tag))
    return history.history["cost"], time.perf_counter() - t0


def translate(net, X, vocab, beam_width=1, alpha=0.0):
    """Decoded ids (n, Ty) for source ids X: greedy for B = 1, else beam search."""
    start, end = vocab.index[START], vocab.index[END]
    step = net.step_function(X)
    if beam_width == 1:
        return greedy_decode(step, len(X), start, end, net.Ty)[0]
    return beam_search(step, len(X), start, end, net.Ty, beam_width=beam_width, alpha=alpha)[0]


def exact_match(tokens, Y, vocab):
    """Share of outputs equal to the target up to and with <end> (padding after it ignored)."""
    return float(same_output(tokens[:, :Y.shape[1]], Y, vocab.index[END]).mean())


def bleu(tokens, targets, vocab, effective_order=False):
    """Corpus BLEU over characters of decoded ids against the target strings
    (``effective_order`` for corpora of outputs shorter than 4 characters)."""
    hyps = [list(t) for t in vocab.decode(tokens)]
    return corpus_bleu(hyps, [[list(t)] for t in targets], effective_order=effective_order).score


def plot_costs(ax, curves):
    for label, costs in curves.items():
        ax.plot(range(1, len(costs) + 1), costs, marker="o", ms=3, label=label)
    ax.set_yscale("log"); ax.set_xlabel("epoch"); ax.set_ylabel("cost (nats per sentence)")
    ax.legend(fontsize=8)


def plot_attention(ax, alphas, source, output):
    """One attention map: rows the output characters, columns the source characters."""
    ax.imshow(alphas[:len(output), :len(source)], cmap="viridis", aspect="auto", vmin=0)
    ax.set_xticks(range(len(source)), list(source), fontsize=6)
    ax.set_yticks(range(len(output)), list(output), fontsize=6)
    ax.set_xlabel("input", fontsize=8); ax.set_ylabel("output", fontsize=8)


def shift_right(tokens, start_id):
    """Decoder inputs for outputs ``tokens`` (n, Ty): the start id, then all but the last."""
    return xp.concatenate([xp.full((len(tokens), 1), start_id, dtype=tokens.dtype), tokens[:, :-1]],
                          axis=1)
