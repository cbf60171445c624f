"""Course 5, week 3: neural machine translation of human-readable dates with attention."""
from ..backend import xp
from ..data.dates import START, course_text, load_dates
from ..models.attention import attention_nmt, modelf
from ..models.seq2seq import plain_nmt
from .. import plots
from .nmt_common import bleu, exact_match, plot_attention, plot_costs, shift_right, train_nmt, translate
from .registry import experiment
from .threads import single_threaded_blas

# The course's examples (its last cell), cleaned as its load_date cleans the data.
EXAMPLES = ["3 May 1979", "5 April 09", "21th of August 2016", "Tue 10 Jul 2007", "Saturday May 9 2018",
            "March 3 2001", "March 3rd 2001", "1 March 2001"]


@experiment(
    "c5-translation", course=5,
    title="Attention translates human-readable dates (Saturday May 9 2018) to ISO dates (2018-05-09)",
    summary="""The course's neural machine translation assignment: a Bidirectional LSTM encoder
    (n_a = 32), one_step_attention (RepeatVector, Concatenate, Dense(10, tanh), Dense(1, relu),
    softmax over the Tx = 30 input characters, Dot) and a post-attention LSTM (n_s = 64) stepped
    once per output character. The course's modelf has 52,960 parameters; trained here with
    teacher forcing (the decoder also reads the previous character; with the start, end and
    padding symbols, 56,739 weights), so that it can be decoded greedily or with beam search.
    A plain encoder-decoder of about the same size (47,246), whose decoder sees only the
    encoder's last state, is the comparison. At full size the course's modelf itself (52,960
    parameters, no teacher forcing, outputs read with argmax) trains too: *_modelf metrics. Exact match is the
    share of held-out dates (never seen in training, in any format) translated without one
    wrong character; BLEU is corpus BLEU over characters. The maps show where the attention
    looks while writing each output character.""",
    reference={"modelf_parameters": 52960},
    sources={"modelf_parameters": "C5W3 Neural_machine_translation_with_attention_v4a.ipynb, "
                                  "model.summary(): Total params: 52,960"},
    targets={"test_exact_match": (0.95, "issue 18's target; the course prints no exact match")},
    modules=("dlspec.models.attention", "dlspec.models.seq2seq", "dlspec.data.dates",
             "dlspec.decoding", "dlspec.text.bleu"),
)
def run(ctx):
    with single_threaded_blas():
        return _run(ctx)


def _run(ctx):
    data = load_dates(ctx.hp("n_train", ctx.pick(5000, 10000)), 500, ctx.pick(500, 2000), seed=ctx.seed,
                      course=True)
    hv, mv, tr, te = data.human_vocab, data.machine_vocab, data.splits["train"], data.splits["test"]
    epochs = ctx.hp("epochs", ctx.pick(7, 15))
    nets = {"attention": attention_nmt(data.Tx, data.Ty, 32, 64, len(hv), len(mv), seed=ctx.seed),
            "plain": plain_nmt(data.Tx, data.Ty, 64, len(hv), len(mv), seed=ctx.seed)}
    metrics = {"modelf_parameters": modelf(30, 10, 32, 64, 37, 11).count_params(),
               "human_vocab_size": len(hv), "epochs": epochs}
    costs, outputs = {}, {}
    for name, net in nets.items():
        costs[name], seconds = train_nmt(ctx, net, tr, epochs, name, ctx.hp("learning_rate", 0.01),
                                         ctx.hp("batch_size", 100))
        tokens = translate(net, te["X"], mv)
        outputs[name] = tokens
        sfx = "" if name == "attention" else "_plain"
        metrics.update({f"test_exact_match{sfx}": exact_match(tokens, te["Y"], mv),
                        f"test_char_accuracy{sfx}": float((tokens[:, :10] == te["Y"][:, :10]).mean()),
                        f"test_bleu{sfx}": bleu(tokens, te["iso"], mv),
                        f"parameters{sfx}": net.count_params(),
                        f"train_seconds{sfx}": seconds})
    if ctx.hp("train_modelf", not ctx.quick):
        metrics.update(_course_modelf(ctx, data, epochs))
    att = nets["attention"]
    n_beam = min(200, len(te["X"]))
    beam = translate(att, te["X"][:n_beam], mv, beam_width=3, alpha=0.7)
    metrics["test_exact_match_beam3_first200"] = exact_match(beam, te["Y"][:n_beam], mv)
    metrics["test_exact_match_greedy_first200"] = exact_match(outputs["attention"][:n_beam],
                                                              te["Y"][:n_beam], mv)
    cleaned = [course_text(e) for e in EXAMPLES]
    X_ex = hv.encode(cleaned, data.Tx, strict=True)
    translations = mv.decode(translate(att, X_ex, mv))
    _plot(ctx, att, costs, cleaned, X_ex, translations, mv)
    ctx.say("translations: " + "; ".join(f"{h} -> {y}" for h, y in zip(EXAMPLES, translations)))
    (ctx.out_dir / "translations.txt").write_text(
        "\n".join(f"{h} -> {y}" for h, y in zip(EXAMPLES, translations)) + "\n")
    return metrics


def _course_modelf(ctx, data, epochs):
    """The course's modelf itself (52,960 parameters, no teacher forcing): every y<t> from x and
    s<t-1>, 10 ISO characters of an 11-symbol vocabulary, trained as the course trains it."""
    import time
    from ..optim import Adam
    hv, tr, te = data.human_vocab, data.splits["train"], data.splits["test"]
    net = attention_nmt(data.Tx, 10, 32, 64, len(hv), 11, seed=ctx.seed, teacher_forcing=False)
    first = len(data.machine_vocab) - 11               # the 11 characters follow <pad>, <start>, <end>
    net.model.compile(["softmax_crossentropy"] * 10, Adam(ctx.hp("learning_rate", 0.01)))
    t0 = time.perf_counter()
    net.model.fit(net.inputs(tr["X"]), list((tr["Y"][:, :10] - first).T), epochs=epochs,
                  batch_size=ctx.hp("batch_size", 100), verbose=ctx.verbose,
                  callbacks=ctx.checkpoints("modelf"), resume_from=ctx.resume_from("modelf"))
    seconds = time.perf_counter() - t0
    pred = xp.stack(net.model.forward(net.inputs(te["X"])), axis=1).argmax(-1) + first   # (N, 10)
    return {"test_exact_match_modelf": float((pred == te["Y"][:, :10]).all(axis=1).mean()),
            "parameters_modelf": net.count_params(), "train_seconds_modelf": seconds}


def _plot(ctx, net, costs, sources, X, translations, mv):
    fig, axes = plots.new_figure(ncols=2, nrows=2, width=4.8, height=3.6)
    plot_costs(axes[0], costs)
    axes[0].set_title("training (teacher forcing)", fontsize=9)
    text = axes[1]
    text.set_axis_off()
    text.text(0, 1, "\n".join(f"{h:<22} {y}" for h, y in zip(EXAMPLES, translations)), va="top",
              family="monospace", fontsize=8)
    text.set_title("the course's examples, greedy decoding", fontsize=9)
    tokens = mv.encode(translations, net.Ty, suffix=["<end>"])
    maps = net.attention_maps(X, shift_right(tokens, mv.index[START]))      # (n, Ty, Tx)
    for ax, k in zip(axes[2:], (4, 3)):
        plot_attention(ax, maps[k], sources[k], translations[k])
        ax.set_title(f"attention map: {sources[k]!r}", fontsize=9)
    ctx.save_figure(fig, "translation.png")
