"""Course 1, week 4: a 2-layer and an L-layer network on the cat / non-cat pictures."""
from ..backend import xp
from ..data.cats import load_cats
from ..models import deep_network
from ..optim import GradientDescent
from .. import plots
from . import course_replays as replays
from .registry import experiment
from . import course_inventory as inventory
from .threads import single_threaded_blas

DATA = ("the course's cat photos cannot be downloaded here: ours are the drawn stand-in of "
        "dlspec.data.cats with the same shapes and counts (209 + 50 pictures of 64x64x3); "
        "gradient descent at 0.02 for 800 iterations at quick size, 2500 at full (the course: "
        "0.0075 for 2500), Xavier initialization, float32. Measured at quick size (seed 0, "
        "2026-12-08): 2-layer 0.94 test, L-layer 0.86 (at 0.03 the L-layer diverged after main's "
        "Keras changes; at 0.01 for 1200 iterations: 0.96 and 0.86)")


def cat_columns(seed):
    """The cat stand-in flattened as the course does: (m, 12288) float32 in [0, 1], labels (m,)."""
    X_train, Y_train, X_test, Y_test, _ = load_cats(seed=seed)
    flat = lambda X: (X.reshape(len(X), -1) / 255.0).astype(xp.float32)   # noqa: E731  (m, 64, 64, 3) -> (m, 12288)
    return flat(X_train), Y_train, flat(X_test), Y_test


COURSE = {"c1w4a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c1-deep", course=1,
    title="Deep vs shallow: a 2-layer and a [12288, 20, 7, 5, 1] network on cat pictures",
    summary="""The course's week-4 application on the drawn cat / non-cat stand-in of
    c1-logistic-regression (209 training and 50 test pictures of 64x64x3, flattened to
    12,288 values): the course's 2-layer [12288, 7, 1] and L-layer [12288, 20, 7, 5, 1]
    networks, ReLU hidden layers, a sigmoid output, batch gradient descent. With
    c1-logistic-regression's test accuracy this is the course's comparison (logistic
    regression 70 %, 2-layer 72 %, L-layer 80 % on its photos).""",
    tolerance=CARD[1],
    notes={**CARD[2], **{k: DATA for k in ("two_layer_test_accuracy", "l_layer_test_accuracy",
                                            "two_layer_train_accuracy", "l_layer_train_accuracy")}},
    reference={**CARD[0], **replays.references("c1w4"),
               "two_layer_test_accuracy": 0.72, "l_layer_test_accuracy": 0.80,
               "two_layer_train_accuracy": 1.0, "l_layer_train_accuracy": 0.985},
    sources={'*': 'C1W4 Deep Neural Network - Application v8.ipynb (two-layer and L-layer'
                  ' accuracies) and '
                  'Building_your_Deep_Neural_Network_Step_by_Step_v8a.ipynb (the '
                  'course_c1w4 rows)'},
    modules=("dlspec.models.course1", "dlspec.data.cats", "dlspec.nn.dense"),
)
def run(ctx):
    with single_threaded_blas():          # 209 pictures: products too small to share
        return _run(ctx)


def _run(ctx):
    X_train, Y_train, X_test, Y_test = cat_columns(ctx.seed)
    n_x = X_train.shape[1]
    iterations = ctx.hp("iterations", ctx.pick(800, 2500))
    nets = {"two_layer": [n_x, 7, 1], "l_layer": [n_x, 20, 7, 5, 1]}
    curves, metrics = {}, {}
    for name, dims in nets.items():
        model = deep_network(dims, activation="relu", init="xavier", seed=ctx.seed)
        model.compile("binary_crossentropy", GradientDescent(ctx.hp("learning_rate", 0.02)))
        history = model.fit(X_train, Y_train, epochs=iterations, verbose=ctx.verbose,
                            callbacks=ctx.checkpoints(name, every=200),
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
