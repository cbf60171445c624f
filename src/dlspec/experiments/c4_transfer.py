"""Course 4: transfer learning as the "alpaca" assignment, pretrained on letters, tuned on digits."""
from .. import plots
from ..applications.transfer import alpaca_model, data_augmenter, fine_tune, headless
from ..data.glyphs import DIGITS, LETTERS, load_glyphs
from ..models import zoo
from ..optim import Adam
from .registry import experiment
from .threads import single_threaded_blas


@experiment(
    "c4-transfer", course=4,
    title="Transfer learning: frozen base, fine-tuning, and training from scratch with few labels",
    summary="""The course fine-tunes an ImageNet MobileNetV2 to tell alpacas apart; no ImageNet
    weights can be fetched here, so a small ResNet is first trained on a source task made here
    with many classes (52 letters rendered in matplotlib's fonts), then reused on a different
    target task with few labels (the 10 digits, a handful of images each) as the course's
    alpaca_model: frozen base called with training=False, global average pooling, dropout 0.2,
    a new head; then fine-tuned from its middle layer with a tenth of the learning rate. The same
    network trained from scratch on the few labels is the baseline.""",
    modules=("dlspec.applications.transfer", "dlspec.applications.graph", "dlspec.data.glyphs",
             "dlspec.data.augment", "dlspec.models.zoo.resnet50"),
    hyperparameters=("image_size", "source_per_class", "target_per_class", "source_epochs",
                     "epochs", "learning_rate"),
    objective="fine_tuned_test_accuracy",
    reference={"course_mobilenet_v2_parameters": 3538984, "course_alpaca_frozen_base_parameters": 2257984,
               "course_alpaca_head_parameters": 1281,
               "frozen_test_accuracy": 0.9846, "fine_tuned_test_accuracy": 0.9692},
    sources={"*": "C4W2 Transfer_learning_with_MobileNet_v1.ipynb: base_model.summary() Total params: "
                  "3,538,984; alpaca_model's summary: Functional 2,257,984, Dense 1,281",
             "frozen_test_accuracy": "C4W2 Transfer_learning_with_MobileNet_v1.ipynb: val_accuracy 0.9846 "
                                     "after 5 epochs with the "
                                     "base frozen",
             "fine_tuned_test_accuracy": "C4W2 Transfer_learning_with_MobileNet_v1.ipynb: val_accuracy 0.9692 "
                                         "after fine-tuning "
                                         "from layer 126 (epoch 10)"},
    exact=("course_mobilenet_v2_parameters", "course_alpaca_frozen_base_parameters",
           "course_alpaca_head_parameters"),
    notes={"frozen_test_accuracy": "the course's is 65 alpaca photos under an ImageNet MobileNetV2; "
                                   "ours 400 rendered digits under a small ResNet trained on letters",
           "fine_tuned_test_accuracy": "the same difference: other data, another base network"},
)
def run(ctx):
    S = ctx.hp("image_size", 24)
    lr = ctx.hp("learning_rate", 0.01)
    Xs, Ys = load_glyphs(LETTERS, ctx.hp("source_per_class", ctx.pick(60, 200)), S, seed=ctx.seed)
    Xt, Yt = load_glyphs(DIGITS, ctx.hp("target_per_class", 8), S, seed=ctx.seed + 1)
    Xv, Yv = load_glyphs(DIGITS, 40, S, seed=ctx.seed + 2)
    epochs = ctx.hp("epochs", ctx.pick(30, 60))
    augment = data_augmenter(flip=False, rotation=0.03)      # a mirrored "7" is no digit
    metrics, curves = {}, {}
    with single_threaded_blas():        # batches of 16-64 small images: one thread is faster
        source = zoo.small_resnet((S, S, 1), len(LETTERS), width=8, seed=ctx.seed)
        source.compile("softmax_crossentropy", Adam(lr))
        source.fit(Xs, Ys, epochs=ctx.hp("source_epochs", ctx.pick(12, 30)), batch_size=64,
                   verbose=ctx.verbose)
        metrics["source_train_accuracy"] = source.evaluate(Xs, Ys)["accuracy"]

        base = headless(source)
        model = alpaca_model(base, (S, S, 1), num_classes=len(DIGITS), seed=ctx.seed)
        model.compile("softmax_crossentropy", Adam(lr))
        h1 = model.fit(Xt, Yt, epochs=epochs, batch_size=16, augment=augment,
                       validation_data=(Xv, Yv), verbose=ctx.verbose)
        metrics["frozen_test_accuracy"] = model.evaluate(Xv, Yv)["accuracy"]
        metrics["frozen_trainable_parameters"] = model.layers[-1].count_params()
        metrics["fine_tuned_trainable_parameters"] = fine_tune(model, base, len(base.layers) // 2, lr / 10)
        h2 = model.fit(Xt, Yt, epochs=epochs, batch_size=16, augment=augment,
                       validation_data=(Xv, Yv), verbose=ctx.verbose)
        metrics["fine_tuned_test_accuracy"] = model.evaluate(Xv, Yv)["accuracy"]
        curves["frozen, then fine-tuned"] = h1["val_accuracy"] + h2["val_accuracy"]

        scratch = zoo.small_resnet((S, S, 1), len(DIGITS), width=8, seed=ctx.seed + 1)
        scratch.compile("softmax_crossentropy", Adam(lr))
        h3 = scratch.fit(Xt, Yt, epochs=2 * epochs, batch_size=16, augment=augment,
                         validation_data=(Xv, Yv), verbose=ctx.verbose)
        metrics["scratch_test_accuracy"] = scratch.evaluate(Xv, Yv)["accuracy"]
        curves["from scratch"] = h3["val_accuracy"]
    metrics["target_labels"] = len(Yt)
    metrics.update(_course_parameters())
    _plot(ctx, curves, metrics, Xs, Xt, S, epochs)
    return metrics


def _plot(ctx, curves, metrics, Xs, Xt, S, epochs):
    fig, axes = plots.new_figure(ncols=2, width=4.4, height=3.4)
    plots.cost_curves(axes[0], curves, "test accuracy on the digits", ylabel="accuracy")
    axes[0].axvline(epochs + 0.5, color="grey", lw=0.8, ls="--")
    axes[0].text(epochs + 1, 0.05, "fine-tuning starts", fontsize=7, color="grey")
    names = ["frozen", "fine_tuned", "scratch"]
    axes[1].bar(["frozen base", "fine-tuned", "from scratch"], [metrics[f"{n}_test_accuracy"] for n in names],
                color=["tab:blue", "tab:green", "tab:grey"])
    axes[1].set_ylim(0, 1)
    axes[1].set_title(f"digits test accuracy, {metrics['target_labels']} labels", fontsize=10)
    ctx.save_figure(fig, "transfer.png")
    fig, axes = plots.new_figure(nrows=2, width=8, height=1.2)
    for ax, X, title in ((axes[0], Xs[::len(Xs) // 16][:16], "source task: 52 letters"),
                         (axes[1], Xt[::len(Xt) // 16][:16], "target task: 10 digits, few labels")):
        ax.imshow(X[..., 0].transpose(1, 0, 2).reshape(S, -1), cmap="gray")   # (S, 16 S)
        ax.set_title(title, fontsize=9)
        ax.axis("off")
    ctx.save_figure(fig, "tasks.png")


def _course_parameters():
    """The course's networks built here (no weights needed to count): Keras's MobileNetV2 at
    160x160x3 (its count includes batch norm's moving statistics) and alpaca_model on it."""
    mobilenet = zoo.mobilenet_v2((160, 160, 3))
    base = headless(mobilenet)
    return {"course_mobilenet_v2_parameters": mobilenet.count_params(include_state=True),
            "course_alpaca_frozen_base_parameters": base.count_params(include_state=True),
            "course_alpaca_head_parameters": alpaca_model(base, (160, 160, 3)).layers[-1].count_params()}
