"""Course 5, week 4 lab: extractive question answering on bAbI-style stories."""
from ..backend import xp
from ..data.babi import babi_stories, get_question_and_facts, get_start_end_idx, tokenize_align
from ..models.encoder_heads import encoder_with_head, padding_mask
from ..text.span import SpanCrossEntropy, best_spans
from ..text.squad import squad_scores
from ..text.wordpiece import SEP, WordPiece
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas
from .transformer_train import train_steps

TASKS = {1: "single supporting fact", 2: "two supporting facts"}
NOTE = ("the lab fine-tunes a pretrained DistilBERT on 1000 stories of bAbI's task 4 (two facts, "
        "'What is east of the hallway?') and prints no score; ours trains the course's encoder from "
        "scratch on generated stories of tasks 1 and 2 (2 to 4 facts), one model for both tasks. "
        "Differences: get_start_end_idx points at the supporting mention (first_mention=False), not "
        "the lab's first occurrence of the answer, so that the target is the place that answers; "
        "answers are at most 3 tokens; a WordPiece vocabulary of about 150 pieces trained on the "
        "stories (DistilBERT's has 30,522); a 2-layer encoder of width 64 (DistilBERT: 6 of 768). "
        "Measured at quick size (seed 0, 2026-12-08): exact match 0.943 (task 1) and 0.940 (task "
        "2) after 2000 steps, 36 s of CPU (37 s wall at load 3) (the loss stays flat for about "
        "1,300 steps before the model finds the supporting fact; a width of 32 stayed below 0.8); "
        "full size not measured in this session")


@experiment(
    "c5-question-answering", course=5,
    title="Question answering on bAbI stories: a transformer encoder points at the answer",
    summary="""The course's question answering lab: a story's facts and a question go into a
    transformer, which scores every token as the answer's start and as its end; the answer
    is the best span. Offline there is no pretrained DistilBERT and no bAbI download, so the
    stories are generated as bAbI generates them (task 1: "Mary went to the kitchen. ...
    Where is Mary?"; task 2: "John picked up the football. John went to the garden. ...
    Where is the football?", two supporting facts), prepared by the lab's three steps
    (get_question_and_facts, get_start_end_idx, tokenize_align) with a WordPiece tokenizer
    trained here, and the course's Encoder with a start/end head is trained from scratch on
    both tasks at once. Scored per task with SQuAD v1.1's exact match and F1 on held-out
    stories.""",
    targets={f"test_exact_match_task{t}": (0.8, "issue 26: exact match >= 0.8 on held-out stories "
                                                 "of each task at quick size") for t in (1, 2)},
    notes={"test_exact_match_task1": NOTE},
    modules=("dlspec.data.babi", "dlspec.text.wordpiece", "dlspec.text.span", "dlspec.text.squad",
             "dlspec.models.encoder_heads", "dlspec.models.transformer"),
)
def run(ctx):
    with single_threaded_blas():            # 40-token stories: products too small to share
        return _run(ctx)


def _examples(stories):
    out = []
    for story in stories:
        example = get_question_and_facts(story)
        # The supporting mention, not the lab's first one (see get_start_end_idx): the
        # model is taught the place that answers, not an earlier mention of the same word.
        example.update(get_start_end_idx(example, first_mention=False))
        example["task"] = story["task"]
        out.append(example)
    return out


def _arrays(examples, tokenizer, T):
    X = xp.zeros((len(examples), T), dtype=xp.int64)
    Y = xp.zeros((len(examples), 2), dtype=xp.int64)
    context = xp.zeros((len(examples), T), dtype=bool)
    for i, example in enumerate(examples):
        aligned = tokenize_align(example, tokenizer, max_length=T)
        ids = aligned["input_ids"]
        X[i, :len(ids)] = ids
        Y[i] = aligned["start_positions"], aligned["end_positions"]
        context[i, 1:list(ids).index(SEP)] = True            # the facts: where answers may be
    return X, Y, context


def _run(ctx):
    n, facts = ctx.hp("n_train", ctx.pick(3000, 10000)), ctx.hp("max_facts", 4)
    train = _examples(babi_stories(n, 1, facts, seed=ctx.seed) + babi_stories(n, 2, facts, seed=ctx.seed + 1))
    test = _examples(babi_stories(300, 1, facts, seed=ctx.seed + 2) +
                     babi_stories(300, 2, facts, seed=ctx.seed + 3))
    tokenizer = WordPiece.train([e["sentences"] + " " + e["question"] for e in train], vocab_size=200)
    T = max(len(tokenizer.tokenize(e["sentences"] + " " + e["question"])) for e in train + test) + 3
    X, Y, _ = _arrays(train, tokenizer, T)
    X_test, _, context = _arrays(test, tokenizer, T)
    d = ctx.hp("d_model", 64)
    model = encoder_with_head(2, len(tokenizer), T, ctx.hp("num_layers", 2), d, ctx.hp("num_heads", 4),
                              dropout_rate=0.0, seed=ctx.seed)
    steps = ctx.hp("steps", ctx.pick(2000, 6000))
    costs, seconds = train_steps(model, [X, padding_mask(X)], Y, SpanCrossEntropy(), steps,
                                 ctx.hp("batch_size", 32), d, 100, ctx.seed, scale=ctx.hp("lr_scale", 0.3),
                                 ctx=ctx, call=lambda m, batch, training: m.forward(batch, training=training),
                                 progress=lambda r: ctx.progress(r, "c5-question-answering"))
    Z = model.predict([X_test, padding_mask(X_test)], keep_caches=False)
    spans = best_spans(Z, context, max_answer_len=ctx.hp("max_answer_len", 3))
    predictions = [tokenizer.decode(X_test[i, s:e + 1]) for i, (s, e) in enumerate(spans)]
    metrics = {"steps": steps, "train_seconds": seconds, "parameters": model.count_params(),
               "train_stories": len(train), "test_stories": len(test), "sequence_length": T}
    for task in TASKS:
        rows = [i for i, e in enumerate(test) if e["task"] == task]
        scores = squad_scores([predictions[i] for i in rows], [test[i]["answer"] for i in rows])
        metrics[f"test_exact_match_task{task}"] = scores["exact_match"]
        metrics[f"test_f1_task{task}"] = scores["f1"]
    _plot(ctx, costs, test, predictions, spans, X_test, tokenizer)
    return metrics


def _plot(ctx, costs, test, predictions, spans, X_test, tokenizer):
    fig, axes = plots.new_figure(width=5, height=3.2)
    ax = axes[0]
    ax.plot(xp.convolve(xp.asarray(costs), xp.ones(25) / 25, mode="valid"))
    ax.set_yscale("log"); ax.set_xlabel("step"); ax.set_ylabel("start/end loss (nats), smoothed")
    ax.set_title("training on tasks 1 and 2", fontsize=9)
    ctx.save_figure(fig, "qa_training.png")
    picks = [i for task in TASKS for i in [k for k, e in enumerate(test) if e["task"] == task][:3]]
    fig, axes = plots.new_figure(width=10, height=0.55 * len(picks) * 1.6 + 0.6)
    ax = axes[0]
    ax.set_axis_off(); ax.set_xlim(0, 120); ax.set_ylim(2 * len(picks) + 0.5, -0.5)
    for row, i in enumerate(picks):
        s, e = (int(v) for v in spans[i])
        words = [tokenizer.vocab[int(t)] for t in X_test[i, 1:list(X_test[i]).index(SEP)]]
        x = 0
        for k, w in enumerate(words, start=1):
            box = dict(facecolor="#fdbf6f", edgecolor="none", pad=1) if s <= k <= e else None
            ax.text(x, 2 * row, w, family="monospace", fontsize=10, va="center", bbox=box)
            x += len(w) + 1
        right = predictions[i] == test[i]["answer"]
        ax.text(0, 2 * row + 0.8, f"task {test[i]['task']}: {test[i]['question']}  predicted: "
                f"{predictions[i]!r} ({'right' if right else 'wrong, answer ' + test[i]['answer']})",
                fontsize=9, va="center", color="black" if right else "red")
    ax.set_title("held-out stories: the predicted span highlighted", fontsize=9)
    ctx.save_figure(fig, "qa_examples.png")
