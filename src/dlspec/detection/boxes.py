"""Boxes: corners and centres, intersection over union, and the checks at the boundary.

Boxes are corners (x1, y1, x2, y2) with x2 >= x1 and y2 >= y1, as in the course's ``iou``.
(The course's ``yolo_boxes_to_corners`` returns TensorFlow's (y1, x1, y2, x2) order; dlspec
keeps (x1, y1, x2, y2) everywhere, as torchvision and pycocotools' corners do.)
"""
from __future__ import annotations

from ..backend import xp


def check_boxes(boxes, image_shape=None, who="boxes", tolerance=1e-6):
    """Return ``boxes`` as a float array (..., 4) or raise a clear error.

    Raises when a box has x2 < x1 or y2 < y1 (the corners swapped, or (x, y, w, h) given
    for corners) and, when ``image_shape`` (H, W) is given, when a box leaves the image.
    """
    try:
        boxes = xp.asarray(boxes, dtype=xp.float64)
    except (TypeError, ValueError):
        raw = xp.asarray(boxes, dtype=object) if isinstance(boxes, (list, tuple)) else xp.asarray(boxes)
        raise ValueError(f"{who}: expected boxes as numbers of shape (..., 4), (x1, y1, x2, y2); "
                         f"got {'dtype ' + str(raw.dtype) if raw.dtype != object else 'rows of unequal length or non-numbers'}"
                         f" (shape {raw.shape}).") from None
    if boxes.shape[-1:] != (4,):
        raise ValueError(f"{who}: expected boxes of shape (..., 4) as (x1, y1, x2, y2); got "
                         f"shape {boxes.shape}.")
    if not xp.isfinite(boxes).all():
        raise ValueError(f"{who}: the boxes hold NaN or infinite coordinates.")
    flat = boxes.reshape(-1, 4)
    bad = (flat[:, 2] < flat[:, 0]) | (flat[:, 3] < flat[:, 1])
    if bad.any():
        i = int(xp.flatnonzero(bad)[0])
        raise ValueError(f"{who}: box {i} = {flat[i].tolist()} has x2 < x1 or y2 < y1. Boxes are "
                         "corners (x1, y1, x2, y2); for (x, y, w, h) or centres use "
                         "xywh_to_corners or center_to_corners first.")
    if image_shape is not None:
        if not isinstance(image_shape, (tuple, list)) or len(image_shape) < 2:
            raise ValueError(f"{who}: image_shape must be (H, W) (or (H, W, C)); got {image_shape!r}.")
        H, W = image_shape[:2]
        out = ((flat[:, :2] < -tolerance).any(axis=1) | (flat[:, 2] > W + tolerance) |
               (flat[:, 3] > H + tolerance))
        if out.any():
            i = int(xp.flatnonzero(out)[0])
            raise ValueError(f"{who}: box {i} = {flat[i].tolist()} lies outside the {H}x{W} image "
                             "(x in [0, W], y in [0, H]). Clip the boxes (clip_boxes) or check "
                             "that they are in pixels of this image, not normalised to [0, 1].")
    return boxes


def check_scores(scores, n, who, name="scores"):
    """One finite score per box (n,), said with ``who`` when not."""
    from ..validation import check_vector
    return check_vector(scores, f"{who}: {name}", length=n, of="box")


def check_max(value, who, name):
    """A count such as max_boxes: an int >= 1 (None: no limit)."""
    from ..validation import check_int
    return check_int(value, f"{who}: {name}", allow_none=True)


def check_iou_threshold(iou_threshold, who):
    """An IoU threshold must lie in [0, 1]."""
    if isinstance(iou_threshold, bool) or not isinstance(iou_threshold, (int, float)) \
            or not 0 <= iou_threshold <= 1:
        raise ValueError(f"{who}: iou_threshold must lie in [0, 1] (an IoU is a ratio of areas); "
                         f"got {iou_threshold!r}.")
    return float(iou_threshold)


def center_to_corners(boxes):
    """(x_c, y_c, w, h) (..., 4) -> (x1, y1, x2, y2): x1 = x_c - w / 2, x2 = x_c + w / 2."""
    boxes = xp.asarray(boxes)
    half = boxes[..., 2:] / 2
    return xp.concatenate([boxes[..., :2] - half, boxes[..., :2] + half], axis=-1)


def corners_to_center(boxes):
    """(x1, y1, x2, y2) (..., 4) -> (x_c, y_c, w, h)."""
    boxes = xp.asarray(boxes)
    return xp.concatenate([(boxes[..., :2] + boxes[..., 2:]) / 2, boxes[..., 2:] - boxes[..., :2]], axis=-1)


def xywh_to_corners(boxes):
    """COCO's (x, y, w, h) (top-left corner and size) -> (x1, y1, x2, y2)."""
    boxes = xp.asarray(boxes)
    return xp.concatenate([boxes[..., :2], boxes[..., :2] + boxes[..., 2:]], axis=-1)


def corners_to_xywh(boxes):
    """(x1, y1, x2, y2) -> COCO's (x, y, w, h)."""
    boxes = xp.asarray(boxes)
    return xp.concatenate([boxes[..., :2], boxes[..., 2:] - boxes[..., :2]], axis=-1)


def yolo_boxes_to_corners(box_xy, box_wh):
    """The course's name: centres (..., 2) and sizes (..., 2) -> corners (..., 4) (x1, y1, x2, y2)."""
    return xp.concatenate([box_xy - box_wh / 2, box_xy + box_wh / 2], axis=-1)


def scale_boxes(boxes, image_shape):
    """Boxes normalised to [0, 1] -> pixels of an (H, W) image (the course's ``scale_boxes``)."""
    H, W = image_shape[:2]
    return xp.asarray(boxes) * xp.array([W, H, W, H], dtype=xp.float64)


def clip_boxes(boxes, image_shape):
    """Clip corners to the (H, W) image."""
    H, W = image_shape[:2]
    return xp.clip(xp.asarray(boxes), 0, xp.array([W, H, W, H], dtype=xp.float64))


def iou(box1, box2):
    """Intersection over union of two boxes (x1, y1, x2, y2), the course's function.

    IoU = area(box1 & box2) / (area(box1) + area(box2) - area(box1 & box2)).

    Examples
    --------
    >>> iou((2, 1, 4, 3), (1, 2, 3, 4))      # the course's check
    0.14285714285714285
    """
    (b1_x1, b1_y1, b1_x2, b1_y2), (b2_x1, b2_y1, b2_x2, b2_y2) = check_boxes([box1, box2], who="iou")
    inter_width = max(min(b1_x2, b2_x2) - max(b1_x1, b2_x1), 0.0)
    inter_height = max(min(b1_y2, b2_y2) - max(b1_y1, b2_y1), 0.0)
    inter_area = inter_width * inter_height
    union_area = (b1_x2 - b1_x1) * (b1_y2 - b1_y1) + (b2_x2 - b2_x1) * (b2_y2 - b2_y1) - inter_area
    return float(inter_area / union_area) if union_area > 0 else 0.0


def box_iou(boxes1, boxes2):
    """Pairwise IoU (A, B) of boxes1 (A, 4) and boxes2 (B, 4), by broadcasting (no loops).

    Two empty boxes (zero union) have IoU 0.
    """
    a, b = xp.asarray(boxes1, xp.float64), xp.asarray(boxes2, xp.float64)
    for name, x in (("boxes1", a), ("boxes2", b)):
        if x.ndim != 2 or x.shape[1] != 4:
            raise ValueError(f"box_iou: {name} must have shape (..., 4) as rows (x1, y1, x2, y2); "
                             f"got shape {x.shape}.")
    a, b = a[:, None, :], b[None, :, :]                                       # (A, 1, 4), (1, B, 4)
    wh = xp.clip(xp.minimum(a[..., 2:], b[..., 2:]) - xp.maximum(a[..., :2], b[..., :2]), 0, None)
    inter = wh[..., 0] * wh[..., 1]                                            # (A, B)
    area = lambda x: (x[..., 2] - x[..., 0]) * (x[..., 3] - x[..., 1])          # noqa: E731
    union = area(a) + area(b) - inter
    return xp.where(union > 0, inter / xp.where(union > 0, union, 1), 0.0)
