"""Course 4, week 3: the course's U-Net segments generated scenes, pixel by pixel."""
from ..data.scenes import draw_scenes
from ..models.unet import unet_model
from ..optim import Adam
from ..segmentation import iou_per_class, mean_iou, pixel_accuracy, predict_masks
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas


@experiment(
    "c4-unet", course=4,
    title="U-Net segmentation of generated scenes (conv_block, upsampling_block, unet_model)",
    summary="""The course's U-Net (two 3x3 convolutions per block, max pooling down,
    stride-2 transposed convolutions up, skip connections concatenated), trained with the
    pixel-wise sparse softmax cross-entropy on scenes of shapes with per-pixel masks (the
    course's CARLA street scenes cannot be fetched here). At quick size the images are 32x32,
    the network has 8 filters at the top (32 in the course) and each class has its own colour
    family, which makes the task easier than shape alone (with random colours a trial run
    reached mean IoU 0.45 after 9 epochs; palette="random" reproduces it); the course's 96x128 network with 32 filters and 23 classes has 8,640,471
    parameters (checked). The course reports no IoU; its notebook shows masks after 40 epochs.""",
    reference={"course_parameters": 8640471},
    sources={'*': "C4W3 Image_segmentation_Unet_v2.ipynb: unet_model's summary, Total params: 8,640,471"},
    modules=("dlspec.models.unet", "dlspec.nn.conv_transpose", "dlspec.losses.SparseSoftmaxCrossEntropy",
             "dlspec.segmentation.metrics", "dlspec.data.scenes"),
    hyperparameters=("image_size", "n_filters", "n_train", "epochs", "learning_rate", "palette"),
    objective="mean_iou",
)
def run(ctx):
    size = ctx.hp("image_size", ctx.pick(32, 64))
    n_train, n_test = ctx.hp("n_train", ctx.pick(600, 2000)), ctx.pick(100, 300)
    scenes = draw_scenes(n_train + n_test, size=(size, size), num_classes=3, max_objects=3, grid=(2, 2),
                         palette=ctx.hp("palette", "class"), rng=ctx.seed)
    X, M = scenes.images, scenes.masks
    X_train, M_train, X_test, M_test = X[:n_train], M[:n_train], X[n_train:], M[n_train:]
    n_classes = len(scenes.names) + 1
    model = unet_model((size, size, 3), n_filters=ctx.hp("n_filters", ctx.pick(8, 16)),
                       n_classes=n_classes, seed=ctx.seed)
    model.compile("sparse_softmax_crossentropy", Adam(ctx.hp("learning_rate", 0.003)))
    with single_threaded_blas():
        history = model.fit(X_train, M_train, epochs=ctx.hp("epochs", ctx.pick(6, 20)), batch_size=16,
                            validation_data=(X_test, M_test), verbose=ctx.verbose)
        P_test, P_train = predict_masks(model, X_test), predict_masks(model, X_train[:n_test])
    ious = iou_per_class(M_test, P_test, n_classes)
    names = ("background",) + scenes.names
    _plot(ctx, history, X_test, M_test, P_test, ious, names)
    metrics = {"mean_iou": mean_iou(M_test, P_test, n_classes),
               "train_mean_iou": mean_iou(M_train[:n_test], P_train, n_classes),
               "pixel_accuracy": pixel_accuracy(M_test, P_test),
               "parameters": model.count_params(),
               "course_parameters": unet_model((96, 128, 3), 32, 23).count_params()}
    metrics.update({f"iou_{name}": float(v) for name, v in zip(names, ious)})
    return metrics


def _plot(ctx, history, X, M, P, ious, names, shown=6):
    from matplotlib.colors import ListedColormap
    cmap = ListedColormap(["#202020", "#e41a1c", "#4daf4a", "#377eb8", "#ffcc00"][:len(names)])
    fig, axes = plots.new_figure(ncols=shown, nrows=3, width=1.6, height=1.6)
    for i in range(shown):
        for row, (image, title) in enumerate(((X[i], "image"), (M[i], "true mask"), (P[i], "U-Net"))):
            ax = axes[row * shown + i]
            ax.imshow(image, cmap=None if image.ndim == 3 else cmap, vmin=0, vmax=len(names) - 1,
                      interpolation="nearest")
            ax.set_xticks([]), ax.set_yticks([])
            if i == 0:
                ax.set_ylabel(title, fontsize=9)
    fig.suptitle("test scenes: " + ", ".join(f"{n} IoU {v:.2f}" for n, v in zip(names, ious)), fontsize=9)
    ctx.save_figure(fig, "masks.png")
    fig, axes = plots.new_figure(ncols=1, width=4.5, height=3.2)
    plots.cost_curves(axes[0], {"train": history["cost"], "test": history["val_cost"]}, "pixel-wise cross-entropy")
    ctx.save_figure(fig, "learning_curves.png")
