"""Course 4, week 3: a YOLO-style detector finds shapes in generated scenes."""
from ..backend import xp
from ..data.scenes import draw_scenes
from ..detection import (COCO_THRESHOLDS, YoloLoss, kmeans_anchors, mean_average_precision,
                         yolo_eval, yolo_head, yolo_targets)
from ..models import Sequential
from ..nn import Conv2D, MaxPool2D, ReLU
from ..optim import Adam
from .. import plots
from .registry import experiment
from .threads import single_threaded_blas


def yolo_network(grid_reduction_blocks=3, channels=(8, 16, 32, 32), num_anchors=2, num_classes=3, seed=0):
    """Conv-ReLU-MaxPool blocks down to the grid, a 3x3 conv, then the 1x1 YOLO head A (5 + C)."""
    layers = []
    for c in channels[:grid_reduction_blocks]:
        layers += [Conv2D(c, 3, padding="same"), ReLU(), MaxPool2D(2)]
    layers += [Conv2D(channels[-1], 3, padding="same"), ReLU(), Conv2D(num_anchors * (5 + num_classes), 1)]
    return Sequential(layers, seed=seed)


def detect(model, X, anchors, num_classes, score_threshold=0.05, max_boxes=10, batch_size=64):
    """(image_ids, boxes, scores, classes) of every image, through ``yolo_head`` and ``yolo_eval``."""
    out = xp.concatenate([model.predict(X[i:i + batch_size]) for i in range(0, len(X), batch_size)])
    xy, wh, conf, probs = yolo_head(out, anchors, num_classes)
    found = [yolo_eval((xy[n], wh[n], conf[n], probs[n]), X.shape[1:3], max_boxes, score_threshold)
             for n in range(len(X))]                     # NMS is per image: a loop over test images
    ids = xp.concatenate([xp.full(len(s), n) for n, (s, _, _) in enumerate(found)])
    boxes = xp.concatenate([xp.clip(b, 0, X.shape[1]).reshape(-1, 4) for _, b, _ in found])
    return ids, boxes, xp.concatenate([s for s, _, _ in found]), xp.concatenate([c for _, _, c in found])


@experiment(
    "c4-detection", course=4,
    title="YOLO-style detection of shapes in generated scenes, scored by mAP",
    summary="""A small convolutional network ends in the YOLO head: on an 8x8 grid, for each
    cell and each of 2 anchor boxes (k-means on the training boxes), an objectness, a box and
    class scores. Trained with the YOLO loss on scenes holding 1 to 4 shapes of 3 classes, each
    class in its own colour family (easier than shape alone; palette="random" removes the cue);
    decoded with yolo_head, yolo_filter_boxes and per-class non-max suppression (yolo_eval);
    scored with COCO's mAP@0.5 and mAP@[.5:.95] (pycocotools' numbers, checked in the tests).
    The course runs a pretrained YOLOv2 on road photos and reports no mAP; its check is the IoU
    of two boxes, 0.14285714285714285.""",
    reference={"course_iou_check": 0.14285714285714285},
    sources={'*': 'C4W3 Autonomous_driving_application_Car_detection_v3a.ipynb: iou((2, '
                  '1, 4, 3), (1, 2, 3, 4)) = 0.14285714285714285'},
    modules=("dlspec.detection.boxes", "dlspec.detection.nms", "dlspec.detection.yolo",
             "dlspec.detection.metrics", "dlspec.data.scenes"),
    hyperparameters=("n_train", "epochs", "learning_rate", "palette"),
    objective="map50",
)
def run(ctx):
    from ..detection import iou
    size, grid, A, C = 64, (8, 8), 2, 3
    n_train, n_test = ctx.hp("n_train", ctx.pick(600, 3000)), ctx.pick(150, 500)
    scenes = draw_scenes(n_train + n_test, size=(size, size), num_classes=C, max_objects=4,
                         palette=ctx.hp("palette", "class"), rng=ctx.seed)
    train = scenes.image_ids < n_train
    wh = (scenes.boxes[train, 2:] - scenes.boxes[train, :2]) / size * xp.array(grid)
    anchors = kmeans_anchors(wh, A, rng=ctx.seed)
    T = yolo_targets(scenes.boxes[train], scenes.classes[train], scenes.image_ids[train], n_train,
                     (size, size), grid, anchors)
    model = yolo_network(num_anchors=A, num_classes=C, seed=ctx.seed)
    model.compile(YoloLoss(A), Adam(ctx.hp("learning_rate", 0.003)))
    X_test = scenes.images[n_train:]
    test = ~train
    truth = (scenes.image_ids[test] - n_train, scenes.boxes[test], scenes.classes[test])
    with single_threaded_blas():
        history = model.fit(scenes.images[:n_train], T,
                            epochs=ctx.hp("epochs", ctx.pick(12, 40)), batch_size=16, verbose=ctx.verbose)
        dets = detect(model, X_test, anchors, C)
    _plot(ctx, history, X_test, dets, truth, scenes.names)
    return {"map50": mean_average_precision(dets, truth, (0.5,)),
            "map50_95": mean_average_precision(dets, truth, COCO_THRESHOLDS),
            "course_iou_check": iou((2, 1, 4, 3), (1, 2, 3, 4)),
            "final_cost": history["cost"][-1], "parameters": model.count_params()}


def _plot(ctx, history, X, dets, truth, names, shown=8, min_score=0.3):
    from matplotlib.patches import Rectangle
    colours = ["#e41a1c", "#4daf4a", "#377eb8", "#ff7f00"]
    fig, axes = plots.new_figure(ncols=4, nrows=2, width=2.2, height=2.2)
    ids, boxes, scores, classes = dets
    for n, ax in enumerate(axes[:shown]):
        ax.imshow(X[n], interpolation="nearest")
        for b in truth[1][truth[0] == n]:
            ax.add_patch(Rectangle(b[:2], *(b[2:] - b[:2]), fill=False, ec="white", lw=1, ls="--"))
        labels = []
        for b, s, c in zip(boxes[ids == n], scores[ids == n], classes[ids == n]):
            if s >= min_score:
                ax.add_patch(Rectangle(b[:2], *(b[2:] - b[:2]), fill=False, ec=colours[c], lw=1.8))
                labels.append((b[0], b[1] - 1, f"{names[c]} {s:.2f}", colours[c]))
        ax.set_xticks([]), ax.set_yticks([])
        # Boxes side by side would print their labels over each other: placed apart instead.
        for t, (*_, colour) in zip(plots.place_labels(ax, [lab[:3] for lab in labels], color="white",
                                                     fontsize=7, bbox={"ec": "none", "pad": 0.5}), labels):
            t.get_bbox_patch().set_facecolor(colour)
    fig.suptitle(f"test scenes: predicted boxes (score >= {min_score}), truth dashed", fontsize=9)
    ctx.save_figure(fig, "boxes.png")
    fig, axes = plots.new_figure(ncols=1, width=4.5, height=3.2)
    plots.cost_curves(axes[0], {"train": history["cost"]}, "YOLO loss")
    ctx.save_figure(fig, "learning_curves.png")
