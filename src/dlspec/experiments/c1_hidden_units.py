"""Course 1, week 3: how the hidden layer's size changes what the network can draw."""
from ..data import planar_flower
from ..models import shallow_network
from ..optim import GradientDescent
from .. import plots
from .registry import experiment

SIZES = (1, 2, 3, 4, 5, 20, 50)


@experiment(
    "c1-hidden-units", course=1,
    title="Hidden layer size on the flower data: 1 to 50 tanh units",
    summary="""With one or two hidden units the network is close to linear and misses petals;
    from three or four units it captures the flower. Larger layers fit the training points
    a little better but draw more convoluted boundaries, a first look at overfitting.""",
    reference={"accuracy_1": 0.675, "accuracy_2": 0.6725, "accuracy_3": 0.9075, "accuracy_4": 0.905,
               "accuracy_5": 0.9125, "accuracy_20": 0.90, "accuracy_50": 0.9075},
    sources={'*': 'C1W3 Planar_data_classification_with_onehidden_layer_v6c.ipynb, '
                  "'Tuning hidden layer size': the accuracy printed for each size"},
    modules=("dlspec.models.course1", "dlspec.nn.dense", "dlspec.functional.activations"),
)
def run(ctx):
    X, Y = planar_flower(400, seed=1 + ctx.seed)
    iterations = ctx.pick(2500, 5000)
    fig, axes = plots.new_figure(ncols=4, nrows=2, width=3.2, height=3.0)
    metrics = {}
    for ax, n_h in zip(axes, ctx.progress(SIZES, "hidden sizes")):
        model = shallow_network(n_h, seed=ctx.seed).compile("binary_crossentropy", GradientDescent(1.2))
        model.fit(X, Y, epochs=iterations, verbose=0)
        acc = model.evaluate(X, Y)["accuracy"]
        metrics[f"accuracy_{n_h}"] = acc
        plots.decision_boundary(ax, model.predict_classes, X, Y, f"{n_h} hidden units: {acc:.1%}",
                                resolution=120)
    axes[-1].set_axis_off()
    ctx.save_figure(fig, "hidden_units.png")
    return metrics
