"""Course 5, week 3: BLEU against sentence length, with and without attention."""
from ..backend import xp
from ..data.numbers import load_spelled_digits
from ..models.attention import attention_nmt
from ..models.seq2seq import plain_nmt
from .. import plots
from .nmt_common import bleu, exact_match, plot_costs, train_nmt, translate
from .registry import experiment
from .threads import single_threaded_blas



@experiment(
    "c5-attention-length", course=5,
    title="Attention keeps long sentences translatable: BLEU against source length",
    summary="""The course's curve: an encoder-decoder must squeeze the whole source into its last
    state, so its BLEU falls as sentences grow; attention lets each output step look back at
    the source words it needs, so BLEU stays up. The task, a toy language: digits read aloud
    ("three one four one five", 1 to 12 words at quick size, 20 at full, every length equally
    often) translated to digits ("31415"); a sentence of 4 or more words is in one split only.
    Both models (attention: Bidirectional LSTM n_a = 32, post-attention LSTM n_s = 64; plain:
    LSTM encoder and decoder, n_s = 64) are trained with teacher forcing for the same epochs
    and decoded greedily; BLEU over digits per source-length bin on held-out sentences.""",
    reference={},
    modules=("dlspec.data.numbers", "dlspec.models.attention", "dlspec.models.seq2seq",
             "dlspec.text.bleu"),
)
def run(ctx):
    with single_threaded_blas():
        return _run(ctx)


def _run(ctx):
    data = load_spelled_digits(ctx.hp("n_train", ctx.pick(4000, 12000)), 10, ctx.pick(600, 2000),
                               seed=ctx.seed, max_length=ctx.hp("max_length", ctx.pick(12, 20)))
    L, width = data.Tx, -(-data.Tx // 4)
    bins = [(lo, min(lo + width - 1, L)) for lo in range(1, L + 1, width)]     # 4 length bins
    hv, mv, tr, te = data.human_vocab, data.machine_vocab, data.splits["train"], data.splits["test"]
    epochs = ctx.hp("epochs", ctx.pick(8, 15))
    nets = {"attention": attention_nmt(data.Tx, data.Ty, 32, 64, len(hv), len(mv), seed=ctx.seed),
            "plain": plain_nmt(data.Tx, data.Ty, 64, len(hv), len(mv), seed=ctx.seed)}
    lengths = xp.array([len(h.split()) for h in te["human"]])
    metrics, costs, curves = {"epochs": epochs, "Tx": data.Tx}, {}, {}
    for name, net in nets.items():
        costs[name], seconds = train_nmt(ctx, net, tr, epochs, name)
        tokens = translate(net, te["X"], mv)
        sfx = "" if name == "attention" else "_plain"
        metrics[f"test_bleu{sfx}"] = bleu(tokens, te["iso"], mv)
        metrics[f"test_exact_match{sfx}"] = exact_match(tokens, te["Y"], mv)
        metrics[f"train_seconds{sfx}"] = seconds
        curves[name] = []
        for lo, hi in bins:
            rows = xp.flatnonzero((lengths >= lo) & (lengths <= hi))
            refs = [te["iso"][i] for i in rows]
            score = bleu(tokens[rows], refs, mv, effective_order=True) if len(rows) else float("nan")
            curves[name].append(score)
            metrics[f"test_bleu{sfx}_words_{lo}_{hi}"] = score
    _plot(ctx, costs, curves, bins)
    return metrics


def _plot(ctx, costs, curves, bins):
    fig, axes = plots.new_figure(ncols=2, width=4.6, height=3.5)
    centers = [(lo + hi) / 2 for lo, hi in bins]
    for name, c in curves.items():
        axes[0].plot(centers, c, marker="o", label=f"{name}")
    axes[0].set_xlabel("source length (words)"); axes[0].set_ylabel("test BLEU (digits)")
    axes[0].set_ylim(0, 1.02); axes[0].legend(fontsize=8)
    axes[0].set_title("BLEU against sentence length", fontsize=9)
    plot_costs(axes[1], costs)
    axes[1].set_title("training (teacher forcing)", fontsize=9)
    ctx.save_figure(fig, "attention_length.png")
