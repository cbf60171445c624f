"""Course 4, week 2: LeNet-5 on handwritten digits."""
from ..backend import xp
from ..data import load_digits
from ..models import zoo
from ..optim import Adam
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas


def digits_32x32(seed, n_train):
    """scikit-learn's 8x8 digits, each pixel repeated 4x4 to LeNet's 32x32x1; a seeded split."""
    X, Y = load_digits(flatten=False)                        # (1797, 8, 8, 1)
    X = X.repeat(4, axis=1).repeat(4, axis=2).astype(xp.float32)   # (1797, 32, 32, 1)
    order = xp.random.default_rng(seed).permutation(len(X))
    train, test = order[:n_train], order[n_train:]
    return X[train], Y[train], X[test], Y[test]


@experiment(
    "c4-lenet", course=4,
    title="LeNet-5 on handwritten digits (8x8 digits upsampled to 32x32)",
    summary="""LeNet-5 as the course draws it (CONV 5x5 -> POOL -> CONV 5x5 -> POOL -> FC 120
    -> FC 84 -> softmax, about 60k parameters), trained with Adam on scikit-learn's bundled
    digits, each upsampled to LeNet's 32x32 input. LeCun et al. report about 99% test accuracy
    on MNIST; the digits set is smaller and coarser.""",
    targets={"test_accuracy": (0.99, "LeCun et al. (1998) on MNIST, not the course"),
             "parameters": (61706, "LeNet-5's layer sizes with 10 classes; the course's lecture "
                                   "says 'about 60k parameters'")},
    modules=("dlspec.models.zoo.lenet5", "dlspec.nn.conv", "dlspec.nn.pooling", "dlspec.data.digits"),
)
def run(ctx):
    X_train, Y_train, X_test, Y_test = digits_32x32(ctx.seed, n_train=ctx.hp("n_train", ctx.pick(1000, 1400)))
    model = zoo.lenet5(activation=ctx.hp("activation", "tanh"), pooling=ctx.hp("pooling", "avg"),
                       seed=ctx.seed)
    model.compile("softmax_crossentropy", Adam(ctx.hp("learning_rate", 0.002)))
    with single_threaded_blas():     # batches of 32: products too small to share
        history = model.fit(X_train, Y_train, epochs=ctx.hp("epochs", ctx.pick(8, 25)),
                            batch_size=ctx.hp("batch_size", 32), validation_data=(X_test, Y_test),
                            verbose=ctx.verbose)
    fig, axes = plots.new_figure(ncols=2, width=4, height=3.4)
    plots.cost_curves(axes[0], {"train": history["cost"], "test": history["val_cost"]}, "cost")
    plots.cost_curves(axes[1], {"train": history["accuracy"], "test": history["val_accuracy"]},
                      "accuracy", ylabel="accuracy")
    ctx.save_figure(fig, "learning_curves.png")
    return {"train_accuracy": model.evaluate(X_train, Y_train)["accuracy"],
            "test_accuracy": model.evaluate(X_test, Y_test)["accuracy"],
            "parameters": model.count_params()}
