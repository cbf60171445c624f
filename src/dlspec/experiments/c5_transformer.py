"""Course 5, week 4: the transformer translates human-readable dates to ISO dates."""
from ..backend import xp
from ..data.dates import END, START, load_dates
from ..decoding import beam_search, greedy_decode
from ..losses import SequenceCrossEntropy
from ..models.transformer import Transformer
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas
from .transformer_train import train_steps


@experiment(
    "c5-transformer", course=5,
    title="The transformer translates human-readable dates (3 May 1979) to ISO dates (1979-05-03)",
    summary="""The course's Transformer (encoder and decoder layers of multi-head attention,
    positional encodings, padding and look-ahead masks, post-norm residual blocks) learns the
    date translation of week 3's attention assignment from the characters alone: many
    human formats in, the ISO date out. Trained with teacher forcing, label smoothing and the
    warm-up schedule on seeded dates with disjoint train/dev/test strings; decoded greedily
    and with beam search. Exact-match accuracy is the share of test dates translated
    without a single wrong character. The heatmaps show where the heads of the last
    encoder-decoder attention look while writing each output character. At full size, week 3's
    attention LSTM (c5-translation's model) trains on the same dates for comparison:
    attention_lstm_* metrics.""",
    targets={"test_exact_match": (0.95, "issue 18's target; the course's transformer notebook "
                                        "translates no dates")},
    modules=("dlspec.models.transformer", "dlspec.nn.transformer", "dlspec.nn.attention",
             "dlspec.nn.layernorm", "dlspec.functional.attention", "dlspec.functional.masks",
             "dlspec.functional.positional", "dlspec.data.dates", "dlspec.decoding",
             "dlspec.schedules"),
)
def run(ctx):
    with single_threaded_blas():
        return _run(ctx)


def _exact(tokens, Y):
    """Share of rows whose tokens equal Y up to and including the end id."""
    return float((tokens[:, :Y.shape[1]] == Y).all(axis=1).mean())


def _run(ctx):
    data = load_dates(ctx.hp("n_train", ctx.pick(8000, 20000)), 500, ctx.pick(500, 2000), seed=ctx.seed)
    hv, mv, tr = data.human_vocab, data.machine_vocab, data.splits["train"]
    d, heads = ctx.hp("d_model", 64), ctx.hp("num_heads", 4)
    model = Transformer(ctx.hp("num_layers", ctx.pick(1, 2)), d, heads, 2 * d, len(hv), len(mv),
                        data.Tx, data.Ty, dropout_rate=ctx.hp("dropout_rate", 0.0))
    model.build([(data.Tx,), (data.Ty,)], xp.random.default_rng(ctx.seed), "float32")
    loss = SequenceCrossEntropy(label_smoothing=ctx.hp("label_smoothing", 0.1))
    steps = ctx.hp("steps", ctx.pick(900, 4000))
    costs, seconds = train_steps(model, [tr["X"], tr["Y_in"]], tr["Y"], loss, steps,
                                 ctx.hp("batch_size", 64), d, ctx.hp("warmup", 200), ctx.seed,
                                 scale=ctx.hp("lr_scale", 2.0),
                                 progress=lambda r: ctx.progress(r, "c5-transformer"), ctx=ctx)
    start, end = mv.index[START], mv.index[END]
    metrics = {"train_seconds": seconds, "steps": steps, "parameters": model.count_params()}
    for split in ("dev", "test"):
        s = data.splits[split]
        step = model.step_function(s["X"])
        greedy, _ = greedy_decode(step, len(s["X"]), start, end, data.Ty)
        metrics[f"{split}_exact_match"] = _exact(greedy, s["Y"])
        metrics[f"{split}_char_accuracy"] = float((greedy[:, :10] == s["Y"][:, :10]).mean())
    s = data.splits["test"]
    n_beam = min(200, len(s["X"]))
    beam, *_ = beam_search(model.step_function(s["X"][:n_beam]), n_beam, start, end, data.Ty,
                           beam_width=3, alpha=0.7)
    metrics["test_exact_match_beam3_first200"] = _exact(beam, s["Y"][:n_beam])
    if ctx.hp("compare_attention_lstm", not ctx.quick):
        metrics.update(_attention_lstm(ctx, data))
    examples = list(zip(s["human"][:8], mv.decode(greedy[:8])))
    _plot(ctx, model, costs, s, examples, hv, mv)
    ctx.say("translations: " + "; ".join(f"{h} -> {y}" for h, y in examples))
    return metrics


def _attention_lstm(ctx, data):
    """Week 3's attention LSTM (``attention_nmt``) on the same dates: accuracy, size, time."""
    from ..models.attention import attention_nmt
    from .nmt_common import exact_match, train_nmt, translate
    mv, te = data.machine_vocab, data.splits["test"]
    net = attention_nmt(data.Tx, data.Ty, 32, 64, len(data.human_vocab), len(mv), seed=ctx.seed)
    _, seconds = train_nmt(ctx, net, data.splits["train"], ctx.hp("lstm_epochs", 15), "attention_lstm")
    return {"attention_lstm_test_exact_match": exact_match(translate(net, te["X"], mv), te["Y"], mv),
            "attention_lstm_parameters": net.count_params(), "attention_lstm_train_seconds": seconds}


def _plot(ctx, model, costs, s, examples, hv, mv):
    fig, axes = plots.new_figure(ncols=2, nrows=2, width=4.6, height=3.6)
    ax = axes[0]
    ax.plot(xp.convolve(costs, xp.ones(20) / 20, mode="valid"))
    ax.set_yscale("log"); ax.set_xlabel("step"); ax.set_ylabel("loss per date (nats), smoothed")
    ax.set_title("training (label smoothing keeps it above 0)", fontsize=9)
    text = axes[1]
    text.set_axis_off()
    text.text(0, 1, "\n".join(f"{h:<28} {y}" for h, y in examples), va="top",
              family="monospace", fontsize=7.5)
    text.set_title("test dates, greedy decoding", fontsize=9)
    model.forward(s["X"][:1], s["Y_in"][:1])
    key = sorted(model.decoder.attention_weights)[-1]            # the last layer's decenc block
    A = model.decoder.attention_weights[key][0]                  # (h, Ty, Tx)
    n_src = len(s["human"][0])
    src = list(s["human"][0][:n_src])
    out = [mv.tokens[i] for i in s["Y"][0]]
    out = [o if len(o) == 1 else "$" for o in out]
    for head, ax in zip(range(2), axes[2:]):
        ax.imshow(A[head][:, :n_src], cmap="viridis", aspect="auto")
        ax.set_xticks(range(n_src), src, fontsize=6)
        ax.set_yticks(range(len(out)), out, fontsize=6)
        ax.set_title(f"head {head + 1}: output char -> source char", fontsize=9)
    ctx.save_figure(fig, "transformer.png")
