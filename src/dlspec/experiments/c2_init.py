"""Course 2, week 1: zeros vs large random vs He initialization on the circles."""
from ..data import circles
from ..models import Sequential
from ..nn import Dense, ReLU
from ..optim import GradientDescent
from .. import plots
from .registry import experiment
from . import course_inventory as inventory

INITS = ("zeros", "large_random", "he")


def three_layer_network(init, hidden=(10, 5), seed=0):
    """The course's LINEAR->RELU->LINEAR->RELU->LINEAR (->SIGMOID, fused into the loss)."""
    layers = []
    for units in hidden:
        layers += [Dense(units, init=init), ReLU()]
    return Sequential([*layers, Dense(1, init=init)], seed=seed, name=f"init_{init}")


COURSE = {"c2w1a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c2-init", course=2,
    title="Initialization: zeros vs large random (x10) vs He on the circles",
    summary="""A 3-layer ReLU network [2, 10, 5, 1] trained with batch gradient descent
    from three initializations. Zeros never break the symmetry: every unit of a layer
    stays identical and the network predicts one class (50%). Weights x10 start with
    huge, confident mistakes (a cost in the thousands) and learn slowly. He
    initialization (variance 2 / n[l-1]) learns the circles. The sigmoid is fused into
    the cost (binary cross-entropy from logits) so that the saturated outputs of the
    large initialization still get exact gradients.""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], "zeros_train_accuracy": 0.5, "large_random_train_accuracy": 0.83,
               "he_train_accuracy": 0.9933, "zeros_test_accuracy": 0.5,
               "large_random_test_accuracy": 0.86, "he_test_accuracy": 0.96},
    sources={'*': 'C2W1 Initialization.ipynb: the train and test accuracies printed for '
                  'zeros, large random and He initialization'},
    modules=("dlspec.init", "dlspec.nn.dense", "dlspec.losses", "dlspec.data.synthetic"),
)
def run(ctx):
    # make_circles(300, noise=0.05) as in the course: factor 0.8 between the radii.
    X, Y = circles(300, noise=0.05, factor=0.8, seed=1 + ctx.seed)
    X_test, Y_test = circles(100, noise=0.05, factor=0.8, seed=101 + ctx.seed)
    iterations = ctx.hp("iterations", ctx.pick(4000, 15000))
    learning_rate = ctx.hp("learning_rate", ctx.pick(0.03, 0.01))
    hidden = (ctx.hp("hidden1", 10), ctx.hp("hidden2", 5))
    fig, axes = plots.new_figure(ncols=4, width=3.4, height=3.2)
    curves, metrics = {}, {}
    for ax, init in zip(axes[1:], ctx.progress(INITS, "initializations")):
        model = three_layer_network(init, hidden, seed=ctx.seed)
        model.compile("binary_crossentropy_with_logits", GradientDescent(learning_rate))
        history = model.fit(X, Y, epochs=iterations, verbose=0)
        curves[init] = history["cost"]
        train = model.evaluate(X, Y)["accuracy"]
        metrics[f"{init}_train_accuracy"] = train
        metrics[f"{init}_test_accuracy"] = model.evaluate(X_test, Y_test)["accuracy"]
        metrics[f"{init}_initial_cost"] = history["cost"][0]
        metrics[f"{init}_final_cost"] = history["cost"][-1]
        plots.decision_boundary(ax, model.predict_classes, X, Y,
                                f"{init.replace('_', ' ')}: train {train:.1%}", resolution=120)
    plots.cost_curves(axes[0], curves, "training cost (log scale)", log=True, xlabel="iteration")
    ctx.save_figure(fig, "initialization.png")
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
