"""Course 5, week 3: beam width against BLEU and time, and the search-vs-model error analysis."""
import time

from ..backend import xp
from ..beam_errors import attribute_errors
from ..data.dates import END, START, load_dates
from ..models.attention import attention_nmt
from ..models.seq2seq import plain_nmt
from .. import plots
from .nmt_common import bleu, exact_match, train_nmt, translate
from .registry import experiment
from .threads import single_threaded_blas

WIDTHS = (1, 2, 3, 5, 10)


@experiment(
    "c5-beam-analysis", course=5,
    title="Beam search: wider beams against BLEU and time, and whose fault each error is",
    summary="""Beam search keeps the B most probable prefixes instead of the single most probable
    character (greedy search, B = 1), maximising 1/Ty^alpha sum_t log P(y<t> | x, y<1..t-1>).
    Two briefly trained date translators (with attention, and a plain encoder-decoder) decode
    the dev set with B = 1, 2, 3, 5, 10: BLEU over characters and decoding time per width.
    Then the course's error analysis: for every wrong dev translation y_hat, compare the
    model's P(y* | x) of the human translation with P(y_hat | x). If P(y* | x) is larger,
    beam search missed a sentence the model preferred (search error: widen the beam);
    otherwise the model ranks the wrong answer higher (model error: a better model, more
    data). The fractions say which to work on.""",
    reference={},
    modules=("dlspec.decoding", "dlspec.beam_errors", "dlspec.text.bleu", "dlspec.models.seq2seq"),
)
def run(ctx):
    with single_threaded_blas():
        return _run(ctx)


def _run(ctx):
    data = load_dates(ctx.hp("n_train", ctx.pick(4000, 10000)), ctx.pick(200, 1000), 10,
                      seed=ctx.seed + 1, course=True)
    hv, mv, tr, dev = data.human_vocab, data.machine_vocab, data.splits["train"], data.splits["dev"]
    epochs = ctx.hp("epochs", ctx.pick(6, 8))
    nets = {"attention": attention_nmt(data.Tx, data.Ty, 32, 64, len(hv), len(mv), seed=ctx.seed),
            "plain": plain_nmt(data.Tx, data.Ty, 64, len(hv), len(mv), seed=ctx.seed)}
    alpha = ctx.hp("alpha", 0.7)
    metrics, curves, rows = {"epochs": epochs, "alpha": alpha}, {}, []
    start, end = mv.index[START], mv.index[END]
    for name, net in nets.items():
        train_nmt(ctx, net, tr, epochs, name)
        curves[name] = {"bleu": [], "seconds": []}
        for B in WIDTHS:
            t0 = time.perf_counter()
            tokens = translate(net, dev["X"], mv, beam_width=B, alpha=alpha)
            curves[name]["seconds"].append(time.perf_counter() - t0)
            curves[name]["bleu"].append(bleu(tokens, dev["iso"], mv))
            sfx = f"{'' if name == 'attention' else '_plain'}_B{B}"
            metrics[f"dev_bleu{sfx}"] = curves[name]["bleu"][-1]
            metrics[f"dev_exact_match{sfx}"] = exact_match(tokens, dev["Y"], mv)
            if B in (1, 3):
                r = attribute_errors(net.step_function(dev["X"]), tokens, dev["Y"], start, end,
                                     alpha=0.0 if B == 1 else alpha)
                metrics[f"dev_errors{sfx}"] = len(r["errors"])
                metrics[f"search_error_fraction{sfx}"] = r["search_fraction"]
                metrics[f"model_error_fraction{sfx}"] = r["model_fraction"]
                if B == 3:
                    rows += _table(name, r, dev, tokens, mv)
    _plot(ctx, curves, metrics)
    (ctx.out_dir / "errors.txt").write_text(
        f"B = 3, scores log P(y|x) / Ty^{alpha}\n"
        "model      | human date                     | y*         | y_hat      | score(y*)   | "
        "score(y_hat)   | at fault\n" + "\n".join(rows) + "\n")
    return metrics


def _table(name, r, dev, tokens, mv, k=8):
    """The course's table: the first k errors with both log-probabilities and the blame."""
    hats = mv.decode(tokens[r["errors"][:k]])
    return [f"{name:<10} | {dev['human'][i]:<30} | {dev['iso'][i]} | {h:<10} | {s:11.3f} | "
            f"{p:14.3f} | {'search' if b else 'model'}"
            for i, h, s, p, b in zip(r["errors"][:k].tolist(), hats, r["score_star"], r["score_hat"],
                                     r["search"])]


def _plot(ctx, curves, metrics):
    fig, axes = plots.new_figure(ncols=3, width=4.2, height=3.4)
    for name, c in curves.items():
        axes[0].plot(WIDTHS, c["bleu"], marker="o", label=name)
        axes[1].plot(WIDTHS, c["seconds"], marker="o", label=name)
    axes[0].set_xlabel("beam width B"); axes[0].set_ylabel("dev BLEU (characters)")
    axes[1].set_xlabel("beam width B"); axes[1].set_ylabel("decoding seconds (dev set)")
    for ax in axes[:2]:
        ax.set_xscale("log"); ax.set_xticks(WIDTHS, [str(b) for b in WIDTHS]); ax.legend(fontsize=8)
    labels, search, model = [], [], []
    for name, sfx in (("attention", ""), ("plain", "_plain")):
        for B in (1, 3):
            labels.append(f"{name}\nB = {B}\n{metrics[f'dev_errors{sfx}_B{B}']} errors")
            search.append(metrics[f"search_error_fraction{sfx}_B{B}"])
            model.append(metrics[f"model_error_fraction{sfx}_B{B}"])
    x = xp.arange(len(labels))
    axes[2].bar(x, search, label="search: P(y*|x) > P(y_hat|x)")
    axes[2].bar(x, model, bottom=search, label="model: P(y*|x) <= P(y_hat|x)")
    axes[2].set_xticks(x, labels, fontsize=7); axes[2].set_ylabel("fraction of dev errors")
    axes[2].set_ylim(0, 1.35); axes[2].legend(fontsize=7, loc="upper center")
    axes[0].set_title("BLEU against beam width", fontsize=9)
    axes[1].set_title("cost of a wider beam", fontsize=9)
    axes[2].set_title("error analysis: search or model?", fontsize=9)
    ctx.save_figure(fig, "beam_analysis.png")
