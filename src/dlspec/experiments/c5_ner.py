"""Course 5, week 4 lab: named-entity recognition on résumés with a transformer encoder."""
from ..backend import xp
from ..data.resumes import ENTITY_TYPES, load_resumes
from ..losses import SequenceCrossEntropy
from ..models.encoder_heads import encoder_with_head, padding_mask
from ..text.entities import entity_scores
from ..text.ner import IGNORE, split_windows, tokenize_and_align_labels, word_tags
from ..text.wordpiece import WordPiece
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas
from .transformer_train import train_steps

TAGS = ("O",) + tuple(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I"))
NOTE = ("the lab fine-tunes a pretrained DistilBERT (66 million parameters) for 3 epochs on 220 "
        "real résumés of 512 tokens, with the bare type as every word's tag ('Empty' for others) "
        "and every sub-token labelled (label_all_tokens=True); its accuracy counts padding tokens "
        "labelled 'Empty'. Ours: a 1-layer encoder (2 at full size) trained from scratch on "
        "generated résumés in windows of 64 tokens, IOB2 tags, first sub-tokens only, accuracy "
        "over labelled tokens. The numbers measure different things on different data. Windows: "
        "the lab cuts each résumé at 512 tokens and loses the rest; ours scores every word. "
        "Measured at quick size (seed 0, 2026-12-08): entity F1 0.832 (precision 0.804, recall "
        "0.863) on 100 held-out résumés, weakest on held-out companies (0.53) and colleges "
        "(0.52), about 15 s of CPU; full size not measured in this session")


@experiment(
    "c5-ner", course=5,
    title="Named entities in résumés: a transformer encoder tags names, companies, skills...",
    summary="""The course's named-entity lab: résumés tagged word by word with the lab's ten
    entity types (Name, Designation, Companies worked at, Location, Email Address, Years of
    Experience, Degree, College Name, Graduation Year, Skills). Offline there is neither
    the lab's 220 résumés nor a pretrained DistilBERT, so the résumés are generated
    (held-out documents use names, companies and colleges no training document has), a
    WordPiece tokenizer is trained on them, ``tokenize_and_align_labels`` puts each word's
    IOB2 tag on its first sub-token (-100 elsewhere), and the course's transformer
    ``Encoder`` with a Dense head on each token is trained from scratch, in windows of 64
    tokens. Scored as seqeval scores entities: a predicted entity counts only if its type
    and both ends are right.""",
    reference={"train_token_accuracy": 0.7537},
    sources={"*": "C5W4 Transformer_application_Named_Entity_Recognition.ipynb (epoch 3 of 3)"},
    targets={"test_entity_f1": (0.8, "issue 26: entity F1 >= 0.8 on held-out documents at quick size")},
    notes={"train_token_accuracy": NOTE},
    tolerance={"train_token_accuracy": 0.3},
    modules=("dlspec.data.resumes", "dlspec.text.wordpiece", "dlspec.text.ner",
             "dlspec.text.entities", "dlspec.models.encoder_heads", "dlspec.models.transformer"),
)
def run(ctx):
    with single_threaded_blas():            # windows of 64 tokens: products too small to share
        return _run(ctx)


def _encode(tokenizer, docs, window):
    tag_id = {t: i for i, t in enumerate(TAGS)}
    enc = tokenize_and_align_labels(tokenizer, [d.words for d in docs],
                                    [[tag_id[t] for t in d.tags] for d in docs], max_length=4096)
    X, Y, where = split_windows(enc.input_ids, enc.labels, window)
    return enc, X, Y, where


def _run(ctx):
    train, test = load_resumes(ctx.hp("n_train", ctx.pick(600, 2000)), ctx.hp("n_test", 100),
                               seed=ctx.seed)
    tokenizer = WordPiece.train([d.text for d in train], vocab_size=ctx.hp("vocab_size", 600))
    window = ctx.hp("window", ctx.pick(64, 128))
    _, X, Y, _ = _encode(tokenizer, train, window)
    test_enc, X_test, _, where = _encode(tokenizer, test, window)
    d = ctx.hp("d_model", 64)
    model = encoder_with_head(len(TAGS), len(tokenizer), window, ctx.hp("num_layers", ctx.pick(1, 2)),
                              d, ctx.hp("num_heads", 4), dropout_rate=0.1, seed=ctx.seed)
    steps = ctx.hp("steps", ctx.pick(900, 3000))
    costs, seconds = train_steps(model, [X, padding_mask(X)], Y, SequenceCrossEntropy(ignore_id=IGNORE),
                                 steps, ctx.hp("batch_size", 16), d, 100, ctx.seed,
                                 scale=ctx.hp("lr_scale", 0.3), ctx=ctx,
                                 call=lambda m, batch, training: m.forward(batch, training=training),
                                 progress=lambda r: ctx.progress(r, "c5-ner"))
    train_pred = model.predict([X, padding_mask(X)], keep_caches=False).argmax(-1)
    labelled = Y != IGNORE
    pred = model.predict([X_test, padding_mask(X_test)], keep_caches=False).argmax(-1)
    predicted = word_tags(test_enc, pred, where, [len(doc.words) for doc in test], TAGS)
    report = entity_scores([doc.tags for doc in test], predicted)
    metrics = {"test_entity_f1": report["micro avg"]["f1"],
               "test_entity_precision": report["micro avg"]["precision"],
               "test_entity_recall": report["micro avg"]["recall"],
               "test_entity_macro_f1": report["macro avg"]["f1"],
               "train_token_accuracy": float((train_pred == Y)[labelled].mean()),
               **{f"f1_{k.replace(' ', '_')}": report[k]["f1"] for k in ENTITY_TYPES if k in report},
               "train_documents": len(train), "test_documents": len(test), "vocab_size": len(tokenizer),
               "train_windows": len(X), "steps": steps, "train_seconds": seconds,
               "parameters": model.count_params()}
    _plot(ctx, costs, report, test[0], predicted[0])
    ctx.say("test document 1: " + " ".join(f"[{w}|{t}]" if t != "O" else w
                                           for w, t in zip(test[0].words, predicted[0])))
    return metrics


COLOURS = dict(zip(ENTITY_TYPES, ("#f4a582", "#92c5de", "#b2df8a", "#fdbf6f", "#cab2d6",
                                  "#ffff99", "#fb9a99", "#dfc27d", "#d9d9d9", "#80cdc1")))


def _plot(ctx, costs, report, doc, predicted):
    fig, axes = plots.new_figure(ncols=2, width=5, height=3.6)
    ax = axes[0]
    ax.plot(xp.convolve(xp.asarray(costs), xp.ones(20) / 20, mode="valid"))
    ax.set_yscale("log"); ax.set_xlabel("step"); ax.set_ylabel("loss per window (nats), smoothed")
    ax.set_title("training", fontsize=9)
    ax = axes[1]
    kinds = [k for k in ENTITY_TYPES if k in report]
    ax.barh(range(len(kinds)), [report[k]["f1"] for k in kinds], color=[COLOURS[k] for k in kinds])
    ax.set_yticks(range(len(kinds)), kinds, fontsize=8)
    ax.set_xlim(0, 1); ax.set_xlabel("entity F1, held-out résumés")
    ax.set_title(f"micro F1 {report['micro avg']['f1']:.3f}", fontsize=9)
    ctx.save_figure(fig, "ner_training.png")
    _render(ctx, doc, predicted)


def _render(ctx, doc, predicted, per_line=100):
    """The first held-out résumé, each word on the colour of its predicted entity type;
    words whose predicted tag is wrong are underlined in red."""
    lines, line, width = [], [], 0
    for w, true, tag in zip(doc.words, doc.tags, predicted):
        if width + len(w) + 1 > per_line:
            lines.append(line)
            line, width = [], 0
        line.append((w, tag, tag != true))
        width += len(w) + 1
    lines.append(line)
    fig, axes = plots.new_figure(width=10, height=0.3 * len(lines) + 1.0)
    ax = axes[0]
    ax.set_axis_off(); ax.set_xlim(0, 1.15 * per_line); ax.set_ylim(len(lines) + 1.5, -0.5)
    for y, words in enumerate(lines):
        x = 0
        for w, tag, wrong in words:
            kind = tag[2:] if tag != "O" else None
            box = dict(facecolor=COLOURS[kind], edgecolor="red" if wrong else "none", pad=1) if kind else \
                (dict(facecolor="none", edgecolor="red", pad=1) if wrong else None)
            ax.text(x, y, w, family="monospace", fontsize=10, va="center", bbox=box)
            x += len(w) + 1
    for i, kind in enumerate(ENTITY_TYPES):
        ax.text((i % 5) * per_line / 5, len(lines) + 0.4 + 0.5 * (i // 5), kind, fontsize=8,
                bbox=dict(facecolor=COLOURS[kind], edgecolor="none", pad=1))
    ax.set_title("a held-out résumé, coloured by predicted entity type (red frame: tag wrong)", fontsize=9)
    ctx.save_figure(fig, "ner_example.png")
