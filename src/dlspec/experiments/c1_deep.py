"""Course 1, week 4: a 2-layer network vs an L-layer network on a binary image task."""
from ..backend import xp
from ..data import load_digits
from ..models import deep_network
from ..optim import GradientDescent
from .. import plots
from . import course_replays as replays
from .registry import experiment
from . import course_inventory as inventory


def binary_digits(seed, n_train=209, n_test=50):
    """Odd vs even 8x8 digits, sized like the course's cat set (209 train, 50 test images)."""
    X, digit = load_digits()
    Y = (digit % 2).astype(xp.int64)
    order = xp.random.default_rng(seed).permutation(len(X))
    train, test = order[:n_train], order[n_train:n_train + n_test]
    return X[train], Y[train], X[test], Y[test]


COURSE = {"c1w4a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c1-deep", course=1,
    title="Deep vs shallow: a 2-layer and a [n_x, 20, 7, 5, 1] network on digit images",
    summary="""The course's cat/non-cat assignment with an offline stand-in: odd vs even
    8x8 digits, with as few training images as the course had (209). Both networks use
    ReLU hidden layers, a sigmoid output and batch gradient descent; the cost curves show
    how each learns, and test accuracy shows how each generalizes.""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], **replays.references("c1w4"),
               "two_layer_test_accuracy": 0.72, "l_layer_test_accuracy": 0.80,
               "two_layer_train_accuracy": 1.0, "l_layer_train_accuracy": 0.985},
    sources={'*': 'C1W4 Deep Neural Network - Application v8.ipynb (two-layer and L-layer'
                  ' accuracies) and '
                  'Building_your_Deep_Neural_Network_Step_by_Step_v8a.ipynb (the '
                  'course_c1w4 rows)'},
    modules=("dlspec.models.course1", "dlspec.data.digits", "dlspec.nn.dense"),
)
def run(ctx):
    X_train, Y_train, X_test, Y_test = binary_digits(ctx.seed, n_train=ctx.pick(209, 1000))
    n_x = X_train.shape[1]
    iterations = ctx.pick(1500, 3000)
    nets = {"two_layer": [n_x, 7, 1], "l_layer": [n_x, 20, 7, 5, 1]}
    curves, metrics = {}, {}
    for name, dims in nets.items():
        model = deep_network(dims, activation="relu", init="xavier", seed=ctx.seed)
        model.compile("binary_crossentropy", GradientDescent(0.1))
        history = model.fit(X_train, Y_train, epochs=iterations, verbose=ctx.verbose,
                            callbacks=ctx.checkpoints(name, every=250),
                            resume_from=ctx.resume_from(name))
        curves[f"{name} {dims}"] = history["cost"]
        metrics[f"{name}_train_accuracy"] = model.evaluate(X_train, Y_train)["accuracy"]
        metrics[f"{name}_test_accuracy"] = model.evaluate(X_test, Y_test)["accuracy"]
    fig, axes = plots.new_figure(width=6, height=4)
    plots.cost_curves(axes[0], curves, "training cost", xlabel="iteration")
    ctx.save_figure(fig, "cost_curves.png")
    metrics.update(replays.c1w4_compute_cost())   # the course's own numbers, replayed exactly
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
