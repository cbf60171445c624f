"""A YOLO-style grid detector: anchors, the head's decoding, the targets, the loss, ``yolo_eval``.

The network ends in a convolution with A (5 + C) channels on an S_h x S_w grid. For each cell
(i, j) and anchor a (p_w, p_h in grid cells) it predicts t = (t_x, t_y, t_w, t_h, t_o, t_1..t_C):

    b_x = (j + sigmoid(t_x)) / S_w,   b_w = p_w exp(t_w) / S_w     (and y, h alike)
    p_c = sigmoid(t_o),               class probabilities softmax(t_1..t_C)

(``yolo_head``, the course's decoding). Each true box is assigned to the cell holding its
centre and to the anchor whose shape overlaps it most (``yolo_targets``).
"""
from __future__ import annotations

from ..backend import xp
from ..functional.activations import log_softmax
from .boxes import check_boxes, check_iou_threshold, scale_boxes, yolo_boxes_to_corners
from .nms import yolo_filter_boxes, yolo_non_max_suppression


def _sigmoid(z):
    return 0.5 * (1 + xp.tanh(0.5 * z))              # exact for any |z|, no overflow warning


def _split(feats, num_anchors):
    """(N, S_h, S_w, A (5 + C)) -> (N, S_h, S_w, A, 5 + C), a view."""
    N, S_h, S_w, D = feats.shape
    if D % num_anchors or D // num_anchors < 6:
        raise ValueError(f"A YOLO head with {num_anchors} anchors needs A (5 + C) channels, C >= 1; "
                         f"got {D}. End the network with Conv2D(num_anchors * (5 + num_classes), 1).")
    return feats.reshape(N, S_h, S_w, num_anchors, D // num_anchors)


def shape_iou(wh1, wh2):
    """IoU of boxes (..., 2) and anchors (A, 2) given by (w, h) only, centred together: (..., A)."""
    wh1, wh2 = xp.asarray(wh1)[..., None, :], xp.asarray(wh2)
    inter = xp.minimum(wh1, wh2).prod(axis=-1)
    return inter / (wh1.prod(axis=-1) + wh2.prod(axis=-1) - inter)


def kmeans_anchors(wh, k, iters=30, rng=0):
    """k anchor shapes (k, 2) from box sizes wh (B, 2) by k-means with distance 1 - IoU (YOLOv2)."""
    wh = xp.asarray(wh, xp.float64)
    rng = xp.random.default_rng(rng)
    anchors = wh[rng.choice(len(wh), k, replace=False)]
    for _ in range(iters):
        nearest = shape_iou(wh, anchors).argmax(axis=1)
        for a in range(k):                         # a loop over the k anchors, not the boxes
            if (nearest == a).any():
                anchors[a] = xp.median(wh[nearest == a], axis=0)
    return anchors[xp.argsort(anchors.prod(axis=1))]


def yolo_head(feats, anchors, num_classes):
    """Decode the network's output (the course's ``yolo_head``).

    Parameters
    ----------
    feats : (N, S_h, S_w, A (5 + C)) raw outputs
    anchors : (A, 2) anchor (w, h) in grid cells
    num_classes : C

    Returns
    -------
    box_xy (N, S_h, S_w, A, 2), box_wh (same), normalised to the image; box_confidence
    (N, S_h, S_w, A, 1); box_class_probs (N, S_h, S_w, A, C)
    """
    anchors = xp.asarray(anchors, dtype=xp.float64)
    t = _split(xp.asarray(feats, dtype=xp.float64), len(anchors))
    if t.shape[-1] != 5 + num_classes:
        raise ValueError(f"yolo_head: {t.shape[-1]} numbers per anchor, expected 5 + {num_classes}.")
    N, S_h, S_w = t.shape[:3]
    dims = xp.array([S_w, S_h], dtype=xp.float64)
    cols, rows = xp.meshgrid(xp.arange(S_w), xp.arange(S_h))                  # (S_h, S_w) each
    index = xp.stack([cols, rows], axis=-1)[None, :, :, None, :]              # (1, S_h, S_w, 1, 2)
    box_xy = (_sigmoid(t[..., 0:2]) + index) / dims
    box_wh = anchors * xp.exp(xp.clip(t[..., 2:4], -20, 20)) / dims
    box_confidence = _sigmoid(t[..., 4:5])
    box_class_probs = xp.exp(log_softmax(t[..., 5:], axis=-1))
    return box_xy, box_wh, box_confidence, box_class_probs


def yolo_targets(boxes, classes, image_ids, n_images, image_shape, grid, anchors):
    """The training targets T (N, S_h, S_w, A, 6): (object, t_x, t_y, t_w, t_h, class).

    boxes (B, 4) corners in pixels, classes (B,), image_ids (B,): all the images' boxes at
    once. Each box goes to the cell (i, j) holding its centre and to the anchor of the most
    similar shape: t_x = x S_w - j (the offset sigmoid(t_x) must reach), t_w = log(w S_w / p_w).
    When two boxes claim the same cell and anchor, the last one wins.
    """
    anchors = xp.asarray(anchors, xp.float64)
    H, W = image_shape[:2]
    S_h, S_w = grid
    boxes = check_boxes(boxes, image_shape, who="yolo_targets").reshape(-1, 4)
    xy = (boxes[:, :2] + boxes[:, 2:]) / 2 / xp.array([W, H]) * xp.array([S_w, S_h])   # grid units
    wh = (boxes[:, 2:] - boxes[:, :2]) / xp.array([W, H]) * xp.array([S_w, S_h])
    cell = xp.minimum(xp.floor(xy).astype(xp.int64), xp.array([S_w - 1, S_h - 1]))
    best = shape_iou(wh, anchors).argmax(axis=-1)
    T = xp.zeros((n_images, S_h, S_w, len(anchors), 6))
    T[xp.asarray(image_ids), cell[:, 1], cell[:, 0], best] = xp.concatenate(
        [xp.ones((len(boxes), 1)), xy - cell, xp.log(xp.maximum(wh, 1e-9) / anchors[best]),
         xp.asarray(classes, xp.float64)[:, None]], axis=1)
    return T


class YoloLoss:
    """Objectness, box and class terms over the grid, averaged over the images.

    J = 1/N sum_{cells, anchors} [ w_o BCE(t_o, o) + o (lambda_coord ((sigmoid(t_x) - x)^2
        + (sigmoid(t_y) - y)^2 + (t_w - w)^2 + (t_h - h)^2) - log softmax(t_cls)[c]) ) ]

    with o = 1 for the anchor responsible for a true box, w_o = 1 there and ``lambda_noobj``
    elsewhere. Backward, with s = sigmoid: dt_o = w_o (s(t_o) - o) / N,
    dt_x = o lambda_coord 2 (s(t_x) - x) s(t_x)(1 - s(t_x)) / N, dt_w = o lambda_coord 2 (t_w - w) / N,
    dt_cls = o (softmax(t_cls) - onehot(c)) / N. ``forward(feats, T)`` takes ``yolo_targets``.
    """

    def __init__(self, num_anchors, lambda_coord=5.0, lambda_noobj=0.5):
        self.num_anchors, self.lambda_coord, self.lambda_noobj = num_anchors, lambda_coord, lambda_noobj
        self._cache = None

    def forward(self, feats, T):
        t = _split(feats, self.num_anchors)                       # (N, S_h, S_w, A, 5 + C)
        T = xp.asarray(T)
        if T.size == t[..., 0].size * 6:
            T = T.reshape(t.shape[:4] + (6,))           # targets flattened per image
        if T.shape != t.shape[:4] + (6,):
            raise ValueError(f"YoloLoss: targets of shape {T.shape} do not match the head's "
                             f"{t.shape[:4]} grid and anchors; build them with yolo_targets.")
        N, C = t.shape[0], t.shape[-1] - 5
        o = T[..., 0:1]
        cls = T[..., 5].astype(xp.int64)
        if cls.size and (cls.min() < 0 or cls.max() >= C):
            raise ValueError(f"YoloLoss: class ids up to {cls.max()} for a head with {C} classes.")
        w_o = xp.where(o > 0, 1.0, self.lambda_noobj)
        z = t[..., 4:5]
        bce = xp.maximum(z, 0) - z * o + xp.log1p(xp.exp(-xp.abs(z)))
        s_xy = _sigmoid(t[..., 0:2])
        e_xy, e_wh = s_xy - T[..., 1:3], t[..., 2:4] - T[..., 3:5]
        log_p = log_softmax(t[..., 5:], axis=-1)
        picked = xp.take_along_axis(log_p, cls[..., None], axis=-1)
        J = ((w_o * bce).sum() + self.lambda_coord * (o * (e_xy ** 2 + e_wh ** 2)).sum()
             - (o * picked).sum()) / N
        self._cache = (feats.shape, t, o, w_o, s_xy, e_xy, e_wh, log_p, cls, N)
        return float(J)

    __call__ = forward

    def backward(self):
        if self._cache is None:
            raise RuntimeError("YoloLoss.backward() called before forward().")
        shape, t, o, w_o, s_xy, e_xy, e_wh, log_p, cls, N = self._cache
        d = xp.empty_like(t)
        d[..., 0:2] = o * self.lambda_coord * 2 * e_xy * s_xy * (1 - s_xy)
        d[..., 2:4] = o * self.lambda_coord * 2 * e_wh
        d[..., 4:5] = w_o * (_sigmoid(t[..., 4:5]) - o)
        p = xp.exp(log_p)
        xp.put_along_axis(p, cls[..., None], xp.take_along_axis(p, cls[..., None], axis=-1) - 1, axis=-1)
        d[..., 5:] = o * p
        return (d / N).reshape(shape)

    def get_config(self):
        return {"num_anchors": self.num_anchors, "lambda_coord": self.lambda_coord,
                "lambda_noobj": self.lambda_noobj}


def yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6,
              iou_threshold=0.5, per_class=True):
    """The course's ``yolo_eval``: one image's decoded outputs -> its final boxes.

    yolo_outputs = (box_xy, box_wh, box_confidence, box_class_probs) of one image (any
    leading shape, such as (S_h, S_w, A, .) or (1, S_h, S_w, A, .)). Corners, score filter,
    scaling to the image's pixels, NMS. Returns scores (K,), boxes (K, 4) (x1, y1, x2, y2)
    in pixels, classes (K,).
    """
    iou_threshold = check_iou_threshold(iou_threshold, "yolo_eval")
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(xp.asarray(box_xy), xp.asarray(box_wh))
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
    boxes = scale_boxes(boxes, image_shape)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold, per_class)
