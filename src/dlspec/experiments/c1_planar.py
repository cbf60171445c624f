"""Course 1, week 3: logistic regression fails on the flower, one hidden layer succeeds."""
from ..data import planar_flower
from ..models import logistic_regression, shallow_network
from ..optim import GradientDescent
from .. import plots
from . import course_replays_c5 as replays
from .registry import experiment
from . import course_inventory as inventory


COURSE = {"c1w2a2", "c1w3"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c1-planar", course=1,
    title="Planar data: logistic regression vs a 4-unit tanh network",
    summary="""The flower data is not linearly separable, so logistic regression can only draw
    a straight line and stays near chance. A network with one hidden layer of four tanh units
    learns the petals. Both are trained with batch gradient descent on the same 400 points.""",
    reference={**CARD[0], "logistic_regression_accuracy": 0.47, "shallow_network_accuracy": 0.905,
               **replays.references("c1w3")},
    tolerance={**CARD[1], **{k: v for k, v in replays.PRINTED_PRECISION.items() if k.startswith("course_c1w3")}},
    notes={**CARD[2], **{k: v for k, v in replays.NOTES.items() if k.startswith("course_c1w3")},
           "logistic_regression_accuracy": "our flower is drawn from NumPy's Generator, not the "
           "course's np.random.seed(1) stream; the course_c1w3 rows replay the course's own points"},
    sources={'*': 'C1W3 Planar_data_classification_with_onehidden_layer_v6c.ipynb (its '
                  'printed costs and accuracies; the course_* rows replayed on its own '
                  'data)'},
    modules=("dlspec.models.course1", "dlspec.nn.dense", "dlspec.functional.activations",
             "dlspec.losses", "dlspec.data.synthetic"),
    hyperparameters=("learning_rate", "hidden_units", "iterations"),
    objective="shallow_network_accuracy",
)
def run(ctx):
    X, Y = planar_flower(400, seed=1 + ctx.seed)
    iterations = int(ctx.hp("iterations", ctx.pick(4000, 10000)))
    models = {
        "logistic_regression": (logistic_regression(seed=ctx.seed), GradientDescent(0.5)),
        "shallow_network": (shallow_network(int(ctx.hp("hidden_units", 4)), seed=ctx.seed),
                            GradientDescent(ctx.hp("learning_rate", 1.2))),
    }
    fig, axes = plots.new_figure(ncols=2)
    metrics = {}
    for ax, (name, (model, optimizer)) in zip(axes, models.items()):
        model.compile("binary_crossentropy", optimizer)
        history = model.fit(X, Y, epochs=iterations, verbose=ctx.verbose)
        acc = model.evaluate(X, Y)["accuracy"]
        metrics[f"{name}_accuracy"] = acc
        metrics[f"{name}_cost"] = history["cost"][-1]
        plots.decision_boundary(ax, model.predict_classes, X, Y,
                                f"{name.replace('_', ' ')}: {acc:.1%}")
    ctx.save_figure(fig, "decision_boundaries.png")
    metrics.update(replays.c1w3_planar())   # the course's own numbers, replayed on its own points
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
