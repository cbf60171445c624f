"""Course 1, week 3: the same network with sigmoid, tanh, ReLU and leaky ReLU hidden units."""
from ..data import planar_flower
from ..nn import Dense, Sigmoid, activations
from ..models import Sequential
from ..optim import GradientDescent
from .. import plots
from .registry import experiment
from . import course_inventory as inventory

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")


COURSE = {"c1w2a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c1-activations", course=1,
    title="Hidden activations compared: sigmoid, tanh, ReLU, leaky ReLU",
    summary="""One architecture (2-8-1 on the flower data, He initialization, the same learning
    rate 0.2 and number of iterations) with four hidden activations. The cost curves show how
    fast each lowers the cost and the boundaries show the shapes each draws: smooth curves
    for sigmoid and tanh, piecewise-linear ones for ReLU and leaky ReLU, which with only
    eight units capture fewer petals. (At a learning rate of 0.3 or more the ReLU networks'
    cost starts to jump: try `dlspec tune c1-activations`.)""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], },
    modules=("dlspec.functional.activations", "dlspec.nn.activations"),
    hyperparameters=("learning_rate",), objective="accuracy_tanh",
)
def run(ctx):
    X, Y = planar_flower(400, seed=1 + ctx.seed)
    iterations = ctx.pick(2000, 6000)
    curves, metrics = {}, {}
    fig, axes = plots.new_figure(ncols=5, width=3.2, height=3.0)
    for ax, name in zip(axes[1:], ctx.progress(ACTIVATIONS, "activations")):
        model = Sequential([Dense(8, init="he"), activations.get(name), Dense(1, init="he"), Sigmoid()],
                           seed=ctx.seed).compile("binary_crossentropy", GradientDescent(ctx.hp("learning_rate", 0.2)))
        history = model.fit(X, Y, epochs=iterations, verbose=0)
        curves[name] = history["cost"]
        acc = model.evaluate(X, Y)["accuracy"]
        metrics[f"accuracy_{name}"] = acc
        metrics[f"final_cost_{name}"] = history["cost"][-1]
        plots.decision_boundary(ax, model.predict_classes, X, Y, f"{name}: {acc:.1%}", resolution=120)
    plots.cost_curves(axes[0], curves, "cost per iteration", xlabel="iteration")
    ctx.save_figure(fig, "activations.png")
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
