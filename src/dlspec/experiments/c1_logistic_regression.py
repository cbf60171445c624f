"""Course 1, week 2: logistic regression with a neural-network mindset, on cat pictures."""
from ..backend import xp
from ..course.c1w2_logistic_regression import model
from ..data.cats import CLASSES, load_cats
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas

RATES = (0.01, 0.001, 0.0001)
DATA = ("the course's 209 + 50 cat photos cannot be downloaded here: ours are the drawn stand-in "
        "of dlspec.data.cats (same shapes and counts), on which logistic regression generalizes "
        "better than on the photos: the stand-in was tuned so that a linear model is clearly above "
        "the majority class and below the deep network (c1-deep). Measured (seed 0, 2026-12-08): "
        "train 1.0, test 0.82 at both sizes; at full size (the course's 1500 iterations per rate) "
        "lr 0.01: train 1.0 / test 0.82, 0.001: 0.928 / 0.64, 0.0001: 0.699 / 0.36")
QUICK = "; at quick size the comparison trains 500 iterations per rate (the course: 1500)"


@experiment(
    "c1-logistic-regression", course=1,
    title="Logistic regression as a one-neuron network: cat or not, from 12,288 pixels",
    summary="""The course's week-2 assignment on its shapes: 209 training and 50 test
    pictures of 64x64x3 (a drawn stand-in for its cat photos), flattened to columns of
    12,288 values and divided by 255; the course's own functions (initialize_with_zeros,
    propagate, optimize, predict, model from dlspec.course.c1w2_logistic_regression) train
    w and b by gradient descent from zeros, 2000 iterations at 0.005, the cost printed every
    100. Then the learning-rate comparison (0.01, 0.001, 0.0001) and the test pictures the
    model gets wrong.""",
    reference={"train_accuracy": 0.9904306220095694, "test_accuracy": 0.70, "course_cost_0": 0.693147,
               "train_accuracy_lr0.01": 0.9952153110047847, "test_accuracy_lr0.01": 0.68,
               "train_accuracy_lr0.001": 0.8899521531100478, "test_accuracy_lr0.001": 0.64,
               "train_accuracy_lr0.0001": 0.6842105263157895, "test_accuracy_lr0.0001": 0.36},
    sources={"*": "C1W2 Logistic_Regression_with_a_Neural_Network_mindset_v6a.ipynb"},
    targets={"test_accuracy_above_majority": (0.10, "issue 26: test accuracy at least 0.10 above the "
                                              "majority class, and below c1-deep's L-layer network")},
    exact=("course_cost_0",),
    notes={"test_accuracy": DATA, "train_accuracy": DATA,
           **{f"{s}_accuracy_lr{r}": DATA + QUICK for r in RATES for s in ("train", "test")},
           "course_cost_0": "w = 0 and b = 0 give A = 0.5 for every picture: J = log 2 on any data"},
    modules=("dlspec.course.c1w2_logistic_regression", "dlspec.data.cats"),
    checkpoints=False,           # the course's own optimize loop, not fit: nothing to checkpoint
)
def run(ctx):
    with single_threaded_blas():          # one 12288 x 209 product per step: one core is faster
        return _run(ctx)


def _columns(X):
    """(m, 64, 64, 3) uint8 -> (12288, m) in [0, 1]: the course's flatten and standardize."""
    return X.reshape(len(X), -1).T / 255.0                 # (m, h*w*3) -> (h*w*3, m)


def _accuracy(prediction, Y):
    return float(1 - xp.mean(xp.abs(prediction - Y)))    # the course's 100 - mean|Y_hat - Y|


def _run(ctx):
    X_train, Y_train, X_test, Y_test, classes = load_cats(seed=ctx.seed)
    train_x, test_x = _columns(X_train), _columns(X_test)
    train_y, test_y = Y_train[None].astype(xp.float64), Y_test[None].astype(xp.float64)   # (1, m)
    d = model(train_x, train_y, test_x, test_y, num_iterations=ctx.hp("num_iterations", 2000),
              learning_rate=ctx.hp("learning_rate", 0.005))
    metrics = {"train_accuracy": _accuracy(d["Y_prediction_train"], train_y),
               "test_accuracy": _accuracy(d["Y_prediction_test"], test_y),
               "majority_test_accuracy": float(max(Y_test.mean(), 1 - Y_test.mean())),
               "test_accuracy_above_majority": 0.0,
               "course_cost_0": round(float(d["costs"][0]), 6), "final_cost": float(d["costs"][-1])}
    metrics["test_accuracy_above_majority"] = metrics["test_accuracy"] - metrics["majority_test_accuracy"]
    ctx.say("\n".join(f"Cost after iteration {100 * i}: {c:f}" for i, c in enumerate(d["costs"])))
    others = {}
    for rate in RATES:
        others[rate] = model(train_x, train_y, test_x, test_y, learning_rate=rate,
                             num_iterations=ctx.hp("comparison_iterations", ctx.pick(500, 1500)))
        metrics[f"train_accuracy_lr{rate}"] = _accuracy(others[rate]["Y_prediction_train"], train_y)
        metrics[f"test_accuracy_lr{rate}"] = _accuracy(others[rate]["Y_prediction_test"], test_y)
    _plot(ctx, d, others, X_test, Y_test, classes)
    return metrics


def _plot(ctx, d, others, X_test, Y_test, classes):
    fig, axes = plots.new_figure(ncols=2, width=4.2, height=3.4)
    ax = axes[0]
    ax.plot(100 * xp.arange(len(d["costs"])), d["costs"], marker="o", markersize=3)
    ax.set_xlabel("iteration"); ax.set_ylabel("cost")
    ax.set_title(f"learning rate {d['learning_rate']}", fontsize=9)
    ax = axes[1]
    for (rate, run), style in zip(others.items(), ("-", "--", ":")):
        ax.plot(100 * xp.arange(len(run["costs"])), run["costs"], style, label=f"{rate}")
    ax.set_xlabel("iteration"); ax.set_ylabel("cost"); ax.legend(title="learning rate", fontsize=8)
    ax.set_title("the learning-rate comparison", fontsize=9)
    ctx.save_figure(fig, "costs.png")
    wrong = xp.flatnonzero(d["Y_prediction_test"][0] != Y_test)[:10]
    fig, axes = plots.new_figure(ncols=5, nrows=2, width=1.6, height=1.8)
    for ax in axes:
        ax.set_axis_off()
    for ax, i in zip(axes, wrong):
        ax.imshow(X_test[i])
        ax.set_title(f"said {classes[int(d['Y_prediction_test'][0, i])]}", fontsize=8)
    fig.suptitle(f"the {len(xp.flatnonzero(d['Y_prediction_test'][0] != Y_test))} misclassified "
                 "test pictures (first 10)", fontsize=9)
    ctx.save_figure(fig, "misclassified.png")
