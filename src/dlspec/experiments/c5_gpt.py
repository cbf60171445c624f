"""Course 5, week 4 (beyond the course): a decoder-only transformer invents dinosaur names."""
import math
import string

from ..backend import xp
from ..data.dinosaurs import dinosaur_names
from ..data.text import CharVocabulary
from ..decoding import log_softmax_last, sample_decode
from ..losses import SequenceCrossEntropy
from ..models.char_lm import char_language_model
from ..models.gpt import GPT
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas
from .transformer_train import train_steps


@experiment(
    "c5-gpt", course=5,
    title="A small GPT: causal self-attention as a character language model on dinosaur names",
    summary="""The transformer's encoder layers with the look-ahead mask make a decoder-only
    language model (GPT): each position attends to the characters before it only. Trained on
    the dinosaur-like names of c5-dinosaurs (90% of them; 10% held out) with Adam and the
    transformer's warm-up schedule, it is compared on the held-out names with a uniform
    model (perplexity 27), the character frequencies (unigram) and an LSTM language model
    of about the same number of parameters trained for the same steps. Names are sampled at
    three temperatures.""",
    modules=("dlspec.models.gpt", "dlspec.nn.transformer", "dlspec.nn.attention",
             "dlspec.functional.attention", "dlspec.functional.masks", "dlspec.decoding",
             "dlspec.schedules"),
)
def run(ctx):
    with single_threaded_blas():
        return _run(ctx)


def _data(vocab, names):
    """X = "\\n" + name (id 0 starts), Y = name + "\\n"; pads: X 0, Y -1."""
    T = max(len(n) for n in names) + 1
    Y = xp.full((len(names), T), -1, dtype=xp.int64)
    X = xp.zeros((len(names), T), dtype=xp.int64)
    for i, n in enumerate(names):
        ids = vocab.encode(n) + [0]
        Y[i, :len(ids)] = ids
        X[i, 1:len(ids)] = ids[:-1]
    return X, Y


def _perplexity(forward, X, Y):
    loss, nats = SequenceCrossEntropy(), 0.0
    for i in range(0, len(X), 256):
        nats += loss.forward(forward(X[i:i + 256]), Y[i:i + 256]) * len(X[i:i + 256])
    return math.exp(nats / int((Y >= 0).sum()))


def _run(ctx):
    names = dinosaur_names(ctx.hp("names", 1536), seed=ctx.seed)
    vocab = CharVocabulary(names, extra=string.ascii_lowercase)
    V = len(vocab)
    n_val = len(names) // 10
    X, Y = _data(vocab, names)
    Xt, Yt, Xv, Yv = X[n_val:], Y[n_val:], X[:n_val], Y[:n_val]
    d = ctx.hp("d_model", 48)
    steps, batch = ctx.hp("steps", ctx.pick(500, 3000)), ctx.hp("batch_size", 32)
    gpt = GPT(ctx.hp("num_layers", 2), d, ctx.hp("num_heads", 4), 2 * d, V, X.shape[1] + 8,
              dropout_rate=ctx.hp("dropout_rate", 0.1))
    gpt.build(X.shape[1:], xp.random.default_rng(ctx.seed), "float32")
    loss = SequenceCrossEntropy()
    costs, seconds = train_steps(gpt, [Xt], Yt, loss, steps, batch, d, ctx.hp("warmup", 100),
                                 ctx.seed, scale=ctx.hp("lr_scale", 2.0),
                                 progress=lambda r: ctx.progress(r, "c5-gpt"), ctx=ctx)
    gpt_ppl = _perplexity(gpt.forward, Xv, Yv)

    # An LSTM language model with about as many parameters, the same steps and schedule.
    P = gpt.count_params()
    H = int((-(5 * V + 4) + math.sqrt((5 * V + 4) ** 2 + 16 * (P - V))) / 8)   # 4H(H+V+1)+V(H+1) = P
    lstm = char_language_model(V, units=H, cell="lstm", seed=ctx.seed)
    onehot = xp.eye(V, dtype=xp.float32)
    to_x = lambda ids: onehot[ids] * (xp.arange(ids.shape[1]) > 0)[None, :, None]   # x<1> = 0
    lstm.build((X.shape[1], V))
    lstm_costs, lstm_seconds = train_steps(
        lstm, [Xt], Yt, loss, steps, batch, d, ctx.hp("warmup", 100), ctx.seed,
        scale=ctx.hp("lr_scale", 2.0), call=lambda m, b, tr: m.forward(to_x(b[0]), training=tr),
        ctx=ctx)
    lstm_ppl = _perplexity(lambda ids: lstm.forward(to_x(ids)), Xv, Yv)

    counts = xp.bincount(Yt[Yt >= 0], minlength=V) + 1.0
    logp = xp.log(counts / counts.sum())
    unigram_ppl = math.exp(-logp[Yv[Yv >= 0]].mean())

    step = lambda tokens, index: log_softmax_last(gpt.forward(tokens)[:, -1])
    samples = {}
    for temp in (0.5, 1.0, 1.5):
        ids = sample_decode(step, 10, 0, 0, X.shape[1] + 4, temperature=temp, seed=ctx.seed)
        samples[temp] = [vocab.decode(row[:list(row).index(0)] if 0 in row else row) for row in ids]
    known = set(names)
    metrics = {"val_perplexity": gpt_ppl, "uniform_perplexity": float(V),
               "unigram_perplexity": unigram_ppl, "lstm_val_perplexity": lstm_ppl,
               "gpt_params": P, "lstm_params": lstm.count_params(), "lstm_units": H,
               "train_seconds": seconds, "lstm_train_seconds": lstm_seconds, "steps": steps,
               "sampled_new_fraction": sum(n not in known for n in samples[1.0]) / 10}
    _plot(ctx, costs, lstm_costs, samples, metrics)
    (ctx.out_dir / "samples.txt").write_text(
        "\n".join(f"T={t}: {', '.join(s)}" for t, s in samples.items()) + "\n")
    ctx.say("samples (T=1): " + ", ".join(samples[1.0]))
    return metrics


def _plot(ctx, costs, lstm_costs, samples, m):
    fig, (ax, text) = plots.new_figure(ncols=2, width=4.6, height=3.8)
    smooth = lambda c: xp.convolve(c, xp.ones(20) / 20, mode="valid")
    ax.plot(smooth(costs), label=f"GPT ({m['gpt_params']:,} params)")
    ax.plot(smooth(lstm_costs), label=f"LSTM ({m['lstm_params']:,} params)")
    ax.set_xlabel("step"); ax.set_ylabel("loss per name (nats), smoothed")
    ax.set_title(f"val perplexity: GPT {m['val_perplexity']:.2f}, LSTM {m['lstm_val_perplexity']:.2f}, "
                 f"uniform {m['uniform_perplexity']:.0f}", fontsize=8)
    ax.legend(fontsize=8)
    text.set_axis_off()
    lines = []
    for t, drawn in samples.items():
        lines += [f"temperature {t}:"] + [f"   {n or '(empty)'}" for n in drawn[:6]] + [""]
    text.text(0, 1, "\n".join(lines), va="top", family="monospace", fontsize=8)
    text.set_title("sampled names", fontsize=10)
    ctx.save_figure(fig, "gpt.png")
