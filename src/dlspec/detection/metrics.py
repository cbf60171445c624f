"""Mean average precision of a detector, the COCO way (mAP@0.5 and mAP@[.5:.95]).

For each class and IoU threshold t: detections of all images, best score first, are matched
greedily within their image to the unmatched true box of highest IoU >= t (a true positive)
or to none (a false positive). Precision p(r) at recall r is made non-increasing from the
right; AP is its mean at the 101 recalls 0, 0.01, ..., 1 (COCO's interpolation). mAP averages
AP over the classes that have true boxes (and over t = 0.5, 0.55, ..., 0.95 for COCO's AP).
Checked against pycocotools' COCOeval in the tests (to 1e-6).
"""
from __future__ import annotations

from ..backend import xp
from ..validation import check_int, check_vector
from .boxes import box_iou, check_boxes, check_iou_threshold

COCO_THRESHOLDS = tuple(0.5 + 0.05 * i for i in range(10))
RECALLS = xp.linspace(0.0, 1.0, 101)


def _match(det_boxes, gt_boxes, thresholds):
    """(T, D) bool: whether each detection (sorted, best first) is a true positive at each t."""
    T, D = len(thresholds), len(det_boxes)
    tp = xp.zeros((T, D), bool)
    if D == 0 or len(gt_boxes) == 0:
        return tp
    ious = box_iou(det_boxes, gt_boxes)                                  # (D, G)
    taken = xp.zeros((T, len(gt_boxes)), bool)
    thr = xp.minimum(xp.asarray(thresholds), 1 - 1e-10)[:, None]         # (T, 1), as COCO
    for d in range(D):                       # greedy: each detection depends on the earlier ones
        ok = ~taken & (ious[d][None, :] >= thr)                           # (T, G)
        best = xp.where(ok, ious[d][None, :], -1.0).argmax(axis=1)        # (T,)
        hit = ok[xp.arange(T), best]
        tp[hit, d] = True
        taken[xp.flatnonzero(hit), best[hit]] = True
    return tp


def _check(detections, ground_truth):
    """The detections' and ground truth's arrays, checked: one id, score and class per box."""
    fields = {"detections": ("image_ids", "boxes", "scores", "classes"),
              "ground_truth": ("image_ids", "boxes", "classes")}
    out = []
    for what, value in (("detections", detections), ("ground_truth", ground_truth)):
        names = fields[what]
        if not isinstance(value, (tuple, list)) or len(value) != len(names):
            raise ValueError(f"{what} must be a tuple ({', '.join(names)}); got "
                             f"{type(value).__name__} of {len(value) if hasattr(value, '__len__') else '?'}.")
        parts = dict(zip(names, value))
        boxes = check_boxes(parts["boxes"], who=f"{what} boxes").reshape(-1, 4)
        for name in names:
            if name != "boxes":
                parts[name] = check_vector(parts[name], f"{what} {name}", len(boxes), "box",
                                           integer=name != "scores", minimum=0 if name == "classes" else None)
        parts["boxes"] = boxes
        out.append(tuple(parts[n] for n in names))
    if len(out[1][1]) == 0:
        raise ValueError("ground_truth holds no true box: precision and recall are undefined without "
                         "one. Evaluate on images with at least one labelled object.")
    return out


def average_precisions(detections, ground_truth, iou_thresholds=COCO_THRESHOLDS, max_dets=100):
    """AP per IoU threshold and class: (T, K) array, NaN for classes without true boxes.

    Parameters
    ----------
    detections : (image_ids (D,), boxes (D, 4) corners, scores (D,), classes (D,))
    ground_truth : (image_ids (G,), boxes (G, 4) corners, classes (G,))
    iou_thresholds : the t's
    max_dets : at most this many detections per image and class (COCO's 100)

    Returns
    -------
    ap : (T, K) with K = 1 + the largest class id seen
    """
    (d_img, d_box, d_score, d_cls), (g_img, g_box, g_cls) = _check(detections, ground_truth)
    if isinstance(iou_thresholds, (int, float)) or not hasattr(iou_thresholds, "__len__") or not len(iou_thresholds):
        raise ValueError(f"average_precisions: iou_thresholds must be a non-empty sequence of IoUs in "
                         f"[0, 1], such as (0.5,) or COCO_THRESHOLDS; got {iou_thresholds!r}.")
    for t in iou_thresholds:
        check_iou_threshold(t, "average_precisions: iou_thresholds")
    check_int(max_dets, "average_precisions: max_dets", hint="COCO keeps 100 detections per image.")
    K = int(max(d_cls.max(initial=-1), g_cls.max(initial=-1))) + 1
    T = len(iou_thresholds)
    ap = xp.full((T, K), xp.nan)
    for k in range(K):                                   # loops over classes and images
        gk = g_cls == k
        n_true = int(gk.sum())
        if n_true == 0:
            continue
        scores, hits = [], []
        for image in xp.unique(xp.concatenate([d_img[d_cls == k], g_img[gk]])):
            dk = xp.flatnonzero((d_cls == k) & (d_img == image))
            dk = dk[xp.argsort(-d_score[dk], kind="mergesort")][:max_dets]
            scores.append(d_score[dk])
            hits.append(_match(d_box[dk], g_box[gk & (g_img == image)], iou_thresholds))
        scores = xp.concatenate(scores)
        order = xp.argsort(-scores, kind="mergesort")
        tp = xp.concatenate(hits, axis=1)[:, order]                      # (T, D_k)
        tp_sum = xp.cumsum(tp, axis=1, dtype=xp.float64)
        fp_sum = xp.cumsum(~tp, axis=1, dtype=xp.float64)
        for i in range(T):
            recall = tp_sum[i] / n_true
            precision = tp_sum[i] / (tp_sum[i] + fp_sum[i] + xp.spacing(1))
            precision = xp.maximum.accumulate(precision[::-1])[::-1]     # non-increasing envelope
            idx = xp.searchsorted(recall, RECALLS, side="left")
            q = xp.where(idx < len(precision), precision[xp.minimum(idx, len(precision) - 1)]
                         if len(precision) else 0.0, 0.0)
            ap[i, k] = q.mean()
    return ap


def mean_average_precision(detections, ground_truth, iou_thresholds=(0.5,), max_dets=100):
    """mAP: AP averaged over classes with true boxes and over ``iou_thresholds``.

    ``iou_thresholds=(0.5,)`` is mAP@0.5 (PASCAL VOC's threshold, COCO's AP50);
    ``COCO_THRESHOLDS`` gives COCO's AP, mAP@[.5:.95].
    """
    ap = average_precisions(detections, ground_truth, iou_thresholds, max_dets)
    return float(xp.nanmean(ap)) if (~xp.isnan(ap)).any() else float("nan")
