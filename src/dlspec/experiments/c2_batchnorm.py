"""Course 2, week 3: a deep network with and without batch normalization."""
import math

from ..data import spirals
from ..models import Sequential
from ..nn import BatchNormalization, Dense, ReLU
from ..optim import GradientDescent
from ..train import TrainingDivergedError
from .. import plots
from .registry import experiment


def deep_classifier(depth, width, n_classes, batchnorm, seed=0):
    """``depth`` blocks of Dense -> [BatchNormalization ->] ReLU, then Dense logits.

    With batch norm the Dense layers drop their bias: beta takes its place.
    """
    layers = []
    for _ in range(depth):
        layers.append(Dense(width, use_bias=not batchnorm))
        if batchnorm:
            # Course 2's running averages (beta 0.9), not Keras's 0.99, which lags behind the
            # few hundred steps of the quick size; epsilon and the update as this experiment
            # was measured with (dlspec's defaults before they became Keras's).
            layers.append(BatchNormalization(momentum=0.9, epsilon=1e-5, moving_variance="unbiased"))
        layers.append(ReLU())
    return Sequential([*layers, Dense(n_classes)], seed=seed,
                      name="batchnorm_network" if batchnorm else "plain_network")


def _train(ctx, X, Y, batchnorm, learning_rate, epochs, depth, width, n_classes):
    """(history or None if the cost became NaN/inf, accuracy)."""
    model = deep_classifier(depth, width, n_classes, batchnorm, seed=ctx.seed)
    model.compile("softmax_crossentropy", GradientDescent(learning_rate))
    try:
        history = model.fit(X, Y, epochs=epochs, batch_size=ctx.hp("batch_size", 64), seed=ctx.seed,
                            verbose=0)
    except TrainingDivergedError:
        return None, 1.0 / n_classes
    return history, model.evaluate(X, Y)["accuracy"]


@experiment(
    "c2-batchnorm", course=2,
    title="Batch normalization: a deep network with and without it, and the learning rates each tolerates",
    summary="""Six hidden ReLU layers of 32 units classify three spirals (softmax output,
    integer labels), trained with mini-batch gradient descent. With batch norm after
    each linear layer, the cost falls much sooner at the same learning rate (epochs to
    learn: the first epoch whose cost is below 75% of the chance-level cost ln 3), and
    training succeeds over a wider range of learning rates: the sweep trains both
    networks at rates from 0.01 to 3 and records which ones learn (final cost below that
    line) and which stall or diverge. Accuracy is measured in
    inference mode, with batch norm's running averages.""",
    reference={},
    modules=("dlspec.nn.batchnorm", "dlspec.functional.batchnorm", "dlspec.losses"),
)
def run(ctx):
    n_classes = 3
    X, Y = spirals(ctx.pick(600, 1500), n_classes=n_classes, noise=0.2, seed=ctx.seed)
    depth, width = ctx.hp("depth", 6), ctx.hp("width", 32)
    epochs = ctx.hp("epochs", ctx.pick(30, 100))
    learning_rate = ctx.hp("learning_rate", 0.1)
    rates = ctx.hp("learning_rates", (0.01, 0.03, 0.1, 0.3, 1.0, 3.0))
    learned = 0.75 * math.log(n_classes)
    metrics, curves = {}, {}
    fig, axes = plots.new_figure(ncols=2, width=4.6, height=3.6)
    for batchnorm in (False, True):
        label = "batchnorm" if batchnorm else "plain"
        history, acc = _train(ctx, X, Y, batchnorm, learning_rate, epochs, depth, width, n_classes)
        curves[label] = history["cost"] if history else [math.nan]
        metrics[f"{label}_accuracy"] = acc
        metrics[f"{label}_final_cost"] = history["cost"][-1] if history else math.nan
        below = [e for e, c in enumerate(curves[label], start=1) if c < learned]
        metrics[f"{label}_epochs_to_learn"] = below[0] if below else math.nan
        sweep, ok = [], []
        for rate in ctx.progress(rates, f"learning rates ({label})"):
            h, a = _train(ctx, X, Y, batchnorm, rate, epochs, depth, width, n_classes)
            sweep.append(a)
            if h is not None and h["cost"][-1] < learned:
                ok.append(rate)
        metrics[f"{label}_min_learning_rate"] = min(ok) if ok else math.nan
        metrics[f"{label}_max_learning_rate"] = max(ok) if ok else math.nan
        metrics.update({f"{label}_accuracy_lr_{rate:g}": a for rate, a in zip(rates, sweep)})
        axes[1].plot(rates, sweep, marker="o", label=label)
    plots.cost_curves(axes[0], curves, f"training cost, alpha = {learning_rate:g}")
    axes[1].set_xscale("log")
    axes[1].set_xlabel("learning rate")
    axes[1].set_ylabel(f"training accuracy after {epochs} epochs")
    axes[1].set_title("learning-rate sweep", fontsize=10)
    axes[1].legend(fontsize=8)
    ctx.save_figure(fig, "batchnorm.png")
    return metrics
