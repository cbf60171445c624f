"""Course 2, week 1: no regularization vs L2 vs dropout on a noisy 2-D task that overfits."""
from ..backend import rng as make_rng, xp
from ..models import Sequential
from ..nn import Dense, Dropout, ReLU, Sigmoid
from ..optim import GradientDescent
from .. import plots
from . import course_replays as replays
from .registry import experiment
from . import course_inventory as inventory


def noisy_boundary(n_samples, label_noise, seed):
    """Points uniform in [-1, 1]^2, class 1 above the curve x2 = 0.4 sin(3 x1).

    A share ``label_noise`` of the labels is flipped, like the course's "football"
    data, where a few points sit on the wrong side: a network that follows them overfits.
    """
    g = make_rng(seed)
    X = g.uniform(-1, 1, (n_samples, 2))
    Y = (X[:, 1] > 0.4 * xp.sin(3 * X[:, 0])).astype(xp.int64)
    flip = g.random(n_samples) < label_noise
    Y[flip] = 1 - Y[flip]
    return X, Y


def network(hidden, keep_prob=1.0, seed=0):
    """[2, hidden..., 1] with ReLU hidden layers, each followed by dropout if keep_prob < 1."""
    layers = []
    for units in hidden:
        layers += [Dense(units), ReLU()]
        if keep_prob < 1:
            layers.append(Dropout(keep_prob=keep_prob))
    return Sequential([*layers, Dense(1), Sigmoid()], seed=seed)


COURSE = {"c2w1a2"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c2-regularization", course=2,
    title="Regularization: none vs L2 vs dropout on noisy 2-D data",
    summary="""A [2, 64, 32, 1] ReLU network is trained with batch gradient descent on 200
    points whose labels are 15% wrong, and tested on clean points. Without
    regularization it bends its boundary around the wrong labels; L2 (lambda = 0.7,
    the course's value) keeps the weights small and the boundary smooth; inverted
    dropout (keep_prob = 0.7) does the same by training a different thinned network
    at every step. The course's data differ (a football field), so compare the
    ordering rather than the numbers: on ours, both regularizers usually beat none on
    the test set, and which of the two wins depends on the seed.""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], **{k: v for k, v in replays.references("c2w1").items() if "l2" in k},
               "none_test_accuracy": 0.915, "l2_test_accuracy": 0.93, "dropout_test_accuracy": 0.95,
               "none_train_accuracy": 0.948, "l2_train_accuracy": 0.938,
               "dropout_train_accuracy": 0.929},
    sources={'*': 'C2W1 Regularization_v2a.ipynb: the accuracies printed without '
                  'regularization, with L2 and with dropout (the course_c2w1 rows '
                  'replayed)'},
    modules=("dlspec.regularization", "dlspec.nn.dropout", "dlspec.functional.dropout",
             "dlspec.train"),
)
def run(ctx):
    label_noise = ctx.hp("label_noise", 0.15)
    X, Y = noisy_boundary(ctx.hp("n_train", 200), label_noise, seed=10 + ctx.seed)
    X_test, Y_test = noisy_boundary(1000, 0.0, seed=100 + ctx.seed)
    hidden = (ctx.hp("hidden1", 64), ctx.hp("hidden2", 32))
    iterations = ctx.hp("iterations", ctx.pick(4000, 12000))
    learning_rate = ctx.hp("learning_rate", 0.3)
    variants = {"none": (0.0, 1.0), "l2": (ctx.hp("lambd", 0.7), 1.0),
                "dropout": (0.0, ctx.hp("keep_prob", 0.7))}
    fig, axes = plots.new_figure(ncols=4, width=3.4, height=3.2)
    curves, metrics = {}, {}
    for ax, (name, (lambd, keep_prob)) in zip(axes[1:], ctx.progress(variants.items(), "regularization")):
        model = network(hidden, keep_prob, seed=ctx.seed)
        model.compile("binary_crossentropy", GradientDescent(learning_rate), l2=lambd)
        history = model.fit(X, Y, epochs=iterations, verbose=0)
        curves[name] = history["cost"]
        test = model.evaluate(X_test, Y_test)["accuracy"]
        metrics[f"{name}_train_accuracy"] = model.evaluate(X, Y)["accuracy"]
        metrics[f"{name}_test_accuracy"] = test
        plots.decision_boundary(ax, model.predict_classes, X, Y, f"{name}: test {test:.1%}",
                                resolution=120)
    plots.cost_curves(axes[0], curves, "training cost (with the L2 term)", xlabel="iteration")
    ctx.save_figure(fig, "regularization.png")
    metrics.update(replays.c2w1_l2_cost())   # the course's own numbers, replayed exactly
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
