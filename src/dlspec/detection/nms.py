"""Score filtering and non-max suppression (course 4, week 3: ``yolo_filter_boxes``,
``yolo_non_max_suppression``)."""
from __future__ import annotations

from ..backend import xp
from ..validation import check_number, check_vector
from .boxes import box_iou, check_boxes, check_iou_threshold, check_max, check_scores


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    """Keep the boxes whose best class score reaches ``threshold``.

    Parameters
    ----------
    boxes : (..., 4) corners
    box_confidence : (..., 1), p_c, the probability that the box holds an object
    box_class_probs : (..., C), the class probabilities c_1 ... c_C
    threshold : keep a box when max_c p_c c_c >= threshold

    Returns
    -------
    scores (K,), boxes (K, 4), classes (K,) int64

    Notes
    -----
    box_scores = box_confidence * box_class_probs; class = argmax, score = max over classes.
    """
    threshold = check_number(threshold, "yolo_filter_boxes(threshold)", 0, 1, hint="A score is a probability.")
    box_confidence, box_class_probs = xp.asarray(box_confidence), xp.asarray(box_class_probs)
    boxes = check_boxes(boxes, who="yolo_filter_boxes")
    lead = boxes.shape[:-1]
    for name, x, last in (("box_confidence", box_confidence, "1"), ("box_class_probs", box_class_probs, "C")):
        if x.dtype.kind not in "iuf" or x.shape[:-1] != lead:
            raise ValueError(f"yolo_filter_boxes: {name} must have shape {(*lead, last)} (one row per "
                             f"box of boxes {boxes.shape}) of numbers; got shape {x.shape}, dtype {x.dtype}.")
        if not xp.isfinite(x).all():
            raise ValueError(f"yolo_filter_boxes: {name} holds NaN or infinite values; the network's "
                             "output is broken (check the model for divergence).")
    if box_confidence.shape[-1] != 1:
        raise ValueError(f"yolo_filter_boxes: box_confidence must have shape {(*lead, 1)}; got {box_confidence.shape}.")
    box_scores = box_confidence * box_class_probs                            # (..., C)
    box_classes = box_scores.argmax(axis=-1)
    box_class_scores = box_scores.max(axis=-1)
    filtering_mask = box_class_scores >= threshold
    return (box_class_scores[filtering_mask], boxes[filtering_mask],
            box_classes[filtering_mask].astype(xp.int64))


def non_max_suppression(boxes, scores, iou_threshold=0.5, max_boxes=None):
    """Greedy NMS over all boxes: indices kept, best score first.

    Take the best remaining box, drop every remaining box whose IoU with it exceeds
    ``iou_threshold``, repeat (as ``tf.image.non_max_suppression`` and
    ``torchvision.ops.nms``). The loop runs once per kept box.
    """
    iou_threshold = check_iou_threshold(iou_threshold, "non_max_suppression")
    boxes = check_boxes(boxes, who="non_max_suppression").reshape(-1, 4)
    scores = check_scores(scores, len(boxes), "non_max_suppression")
    max_boxes = check_max(max_boxes, "non_max_suppression", "max_boxes")
    order = xp.argsort(-scores, kind="stable")
    keep = []
    while order.size and (max_boxes is None or len(keep) < max_boxes):
        best, order = order[0], order[1:]
        keep.append(best)
        order = order[box_iou(boxes[best][None], boxes[order])[0] <= iou_threshold]
    return xp.asarray(keep, dtype=xp.int64)


def batched_non_max_suppression(boxes, scores, groups, iou_threshold=0.5):
    """NMS within each group (class, or image and class) at once: boxes of different groups
    never suppress each other. Returns the kept indices, best score first.

    Each group's boxes are shifted by group id times a stride larger than every box, so
    that boxes of different groups never overlap; then one ``non_max_suppression``.
    """
    boxes = check_boxes(boxes, who="batched_non_max_suppression").reshape(-1, 4)
    scores = check_scores(scores, len(boxes), "batched_non_max_suppression")
    groups = check_vector(groups, "batched_non_max_suppression: groups", len(boxes), "box", integer=True)
    if boxes.size == 0:
        return xp.zeros(0, xp.int64)
    stride = boxes.max() - min(boxes.min(), 0) + 1
    return non_max_suppression(boxes + (xp.asarray(groups) * stride)[:, None], scores, iou_threshold)


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5, per_class=True):
    """The course's last step: NMS, then at most ``max_boxes`` boxes, best first.

    ``per_class=True`` (default) suppresses only boxes of the same class (a car behind a
    person stays); ``per_class=False`` is the course's class-agnostic version.

    Returns scores (K,), boxes (K, 4), classes (K,), K <= max_boxes.
    """
    iou_threshold = check_iou_threshold(iou_threshold, "yolo_non_max_suppression")
    boxes = check_boxes(boxes, who="yolo_non_max_suppression").reshape(-1, 4)
    scores = check_scores(scores, len(boxes), "yolo_non_max_suppression")
    classes = check_vector(classes, "yolo_non_max_suppression: classes", len(boxes), "box", integer=True)
    max_boxes = check_max(max_boxes, "yolo_non_max_suppression", "max_boxes")
    if per_class:
        keep = batched_non_max_suppression(boxes, scores, classes, iou_threshold)[:max_boxes]
    else:
        keep = non_max_suppression(boxes, scores, iou_threshold, max_boxes)
    return scores[keep], boxes[keep], classes[keep]
