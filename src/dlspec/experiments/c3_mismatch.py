"""Course 3, week 2: training and dev/test data from different distributions.

Source: clean 8x8 digits. Target (what the system must do well on): other digits, each
corrupted by noise, blur or a one-pixel shift, generated here with a seed. The baseline
trains on source data only; the diagnosis (human -> train -> train-dev -> dev -> test)
finds data mismatch; error analysis of the dev errors shows which corruptions cost most;
artificial data synthesis (corrupting part of the training data the same way) then
shrinks the mismatch.
"""
from ..backend import xp
from ..data import load_digits
from ..data.corruptions import KINDS, corrupt
from ..losses import SoftmaxCrossEntropy
from ..metrics import accuracy
from ..models import Sequential
from ..nn import Dense, ReLU
from ..optim import GradientDescent
from ..project import (diagnose, error_analysis, learning_curve, mismatched_split,
                       write_predictions_csv, write_tags_csv)
from ..project.diagnosis import GAPS
from .. import plots
from .registry import experiment

LEVELS = ("train", "train_dev", "dev", "test")


@experiment(
    "c3-mismatch", course=3,
    title="Data mismatch: diagnose it, find it with error analysis, reduce it by synthesis",
    summary="""A network trained on clean digits is evaluated on digits with noise, blur or
    shifts. The train-dev set separates variance from data mismatch, and the diagnosis names
    data mismatch as the largest gap; tagging the dev errors by corruption shows which kinds
    cost most. Corrupting half of the training data the same way (artificial data synthesis)
    lowers the dev error and shrinks the mismatch gap; the next gap to work on is then variance.
    The reports go to diagnosis.txt, and dev_predictions.csv with dev_tags.csv are ready for
    'dlspec errors'.""",
    reference={},
    modules=("dlspec.project.diagnosis", "dlspec.project.splits", "dlspec.project.error_analysis",
             "dlspec.project.learning_curves", "dlspec.data.corruptions", "dlspec.metrics"),
)
def run(ctx):
    strength = dict(sigma=ctx.hp("sigma", 0.35), blur_passes=ctx.hp("blur_passes", 1),
                    max_shift=ctx.hp("max_shift", 1))
    human = ctx.hp("human_error", 0.0)      # clean 8x8 digits: a person reads nearly all of them
    share = ctx.hp("synthesis_share", 0.5)
    epochs = ctx.hp("epochs", ctx.pick(200, 400))
    hidden = ctx.hp("hidden_units", ctx.pick(64, 128))

    X, Y = load_digits()                                        # (1797, 64), (1797,)
    order = xp.random.default_rng(ctx.seed).permutation(len(X))
    n_source = ctx.hp("n_source", 1200)
    src, tgt = order[:n_source], order[n_source:]
    X_target, kind = corrupt(X[tgt], seed=ctx.seed + 1, **strength)
    split = mismatched_split((X[src], Y[src]), (X_target, Y[tgt]), target_in_train=0.0,
                             train_dev=0.15, seed=ctx.seed)
    dev_kind = kind[split.indices["dev"]]

    def make_model():
        return Sequential([Dense(hidden), ReLU(), Dense(10)], seed=ctx.seed).compile(
            SoftmaxCrossEntropy(), GradientDescent(ctx.hp("learning_rate", 0.1)))

    def fit(model, X_fit, Y_fit):
        model.fit(X_fit, Y_fit, epochs=epochs, batch_size=64, seed=ctx.seed, verbose=0)

    def train_and_measure(train, train_dev):
        model = make_model()
        fit(model, *train)
        sets = {"train": train, "train_dev": train_dev, "dev": split["dev"], "test": split["test"]}
        errors = {k: 1 - accuracy(Ys, model.predict_classes(Xs)) for k, (Xs, Ys) in sets.items()}
        return model, errors

    runs = {}
    steps = ctx.progress(["baseline", "synthesis"], "c3-mismatch")
    for name in steps:
        if name == "baseline":
            train, train_dev = split["train"], split["train_dev"]
        else:   # synthesize target-like data: corrupt a share of the training-distribution sets
            train = (_synthesize(split["train"][0], share, ctx.seed + 10, strength), split["train"][1])
            train_dev = (_synthesize(split["train_dev"][0], share, ctx.seed + 20, strength),
                         split["train_dev"][1])
        model, errors = train_and_measure(train, train_dev)
        runs[name] = (model, errors, diagnose(human=human, unit="fraction", **errors))

    metrics = {}
    for name, (_, errors, diag) in runs.items():
        metrics[f"{name}_human_error"] = human
        metrics.update({f"{name}_{k}_error": v for k, v in errors.items()})
        metrics.update({f"{name}_{k}": v for k, v in diag.gaps.items()})

    # Error analysis of the baseline's dev errors, tagged by the corruption each image got.
    base_model = runs["baseline"][0]
    X_dev, Y_dev = split["dev"]
    pred = base_model.predict_classes(X_dev)
    ids = [f"dev_{i:04d}" for i in range(len(Y_dev))]
    tags = {i: {KINDS[k]} for i, k, p, y in zip(ids, dev_kind, pred, Y_dev) if p != y}
    analysis = error_analysis(ids, Y_dev, pred, tags)
    for k in KINDS:
        metrics[f"dev_error_share_{k}"] = analysis.share(k) if k in analysis.counts else 0.0
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    write_predictions_csv(ctx.out_dir / "dev_predictions.csv", ids, Y_dev, pred)
    write_tags_csv(ctx.out_dir / "dev_tags.csv", tags, KINDS)

    curve = learning_curve(make_model, *split["train"], X_dev, Y_dev,
                           sizes=ctx.pick((0.1, 0.3, 1.0), (0.05, 0.1, 0.2, 0.4, 0.7, 1.0)),
                           fit=fit, seed=ctx.seed)
    metrics["learning_curve_dev_error_smallest"] = curve.dev_error[0]
    metrics["learning_curve_dev_error_largest"] = curve.dev_error[-1]

    text = [f"== {name} ==\n{diag.report()}" for name, (_, _, diag) in runs.items()]
    text.append(f"== error analysis of the baseline's dev errors ==\n{analysis.report()}")
    # Written, not printed, so that the tour's output stays one line per experiment.
    (ctx.out_dir / "diagnosis.txt").write_text("\n\n".join(text) + "\n")
    _plot(ctx, runs, analysis, curve, human, X, tgt, X_target, kind)
    return metrics


def _synthesize(X, share, seed, strength):
    """Corrupt a random ``share`` of the rows of X with the target's corruptions."""
    g = xp.random.default_rng(seed)
    rows = xp.flatnonzero(g.random(len(X)) < share)
    out = X.copy()
    out[rows] = corrupt(X[rows], seed=seed + 1, **strength)[0]
    return out


def error_bars(ax, runs, human):
    """The errors per level (human, train, train-dev, dev, test) of each run, side by side."""
    levels = ("human",) + LEVELS
    width = 0.38
    for j, (name, (_, errors, diag)) in enumerate(runs.items()):
        values = [100 * (human if lv == "human" else errors[lv]) for lv in levels]
        ax.bar([i + (j - 0.5) * width for i in range(len(levels))], values, width,
               label=f"{name} (largest gap: {GAPS[diag.largest][2] if diag.largest else 'none'})")
    ax.set_xticks(range(len(levels)), [lv.replace("_", "-") for lv in levels])
    ax.set_ylabel("error (%)")
    ax.set_title("errors before and after data synthesis", fontsize=10)
    # Below the axes, never over the bars (its labels are long).
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), frameon=False)


def _plot(ctx, runs, analysis, curve, human, X, tgt, X_target, kind):
    fig, axes = plots.new_figure(ncols=3, width=4.4, height=3.6)
    error_bars(axes[0], runs, human)
    analysis.plot(axes[1])
    curve.plot(axes[2], human=human, title="baseline: more clean data vs corrupted dev")
    ctx.save_figure(fig, "diagnosis.png")

    fig, axes = plots.new_figure(ncols=8, nrows=2, width=1.1, height=1.25)
    for i in range(8):
        axes[i].imshow(X[tgt[i]].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        axes[i].set_title("clean", fontsize=7)
        axes[8 + i].imshow(X_target[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        axes[8 + i].set_title(KINDS[kind[i]], fontsize=7)
    for ax in axes:
        ax.set_axis_off()
    ctx.save_figure(fig, "samples.png")
