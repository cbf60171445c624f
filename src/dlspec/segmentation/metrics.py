"""Pixel accuracy and intersection over union per class, from one confusion count.

    IoU_c = TP_c / (TP_c + FP_c + FN_c),  mean IoU = mean of IoU_c over the classes present

A class that appears neither in the truth nor in the prediction has no IoU (NaN) and is left
out of the mean (as Keras's ``MeanIoU`` and scikit-learn's ``jaccard_score`` leave it out).
"""
from __future__ import annotations

from ..backend import xp


def _check(true, pred, num_classes, who):
    true, pred = xp.asarray(true), xp.asarray(pred)
    for name, m in (("true", true), ("predicted", pred)):
        if m.dtype.kind not in "biuf" or (m.dtype.kind == "f" and not (xp.isfinite(m).all() and (m == xp.round(m)).all())):
            raise ValueError(f"{who}: the {name} masks must hold integer class ids; got dtype {m.dtype}"
                             f"{' with NaN or fractions' if m.dtype.kind == 'f' else ''}. Turn logits "
                             "(N, H, W, C) into masks first: logits.argmax(-1).")
    if true.shape != pred.shape:
        raise ValueError(f"{who}: true masks {true.shape} and predicted masks {pred.shape} differ "
                         "in shape. Turn logits (N, H, W, C) into masks first: logits.argmax(-1).")
    for name, m in (("true", true), ("predicted", pred)):
        if m.size and (m.min() < 0 or m.max() >= num_classes):
            raise ValueError(f"{who}: the {name} masks hold class ids from {m.min()} to {m.max()}, "
                             f"outside [0, {num_classes - 1}] for num_classes={num_classes}.")
    return true.astype(xp.int64).ravel(), pred.astype(xp.int64).ravel()


def confusion_counts(true, pred, num_classes):
    """cm (num_classes, num_classes) int64: cm[i, j] counts pixels of class i predicted as j.

    One ``bincount`` over i * num_classes + j, no loop over pixels.
    """
    t, p = _check(true, pred, num_classes, "confusion_counts")
    return xp.bincount(t * num_classes + p, minlength=num_classes ** 2).reshape(num_classes, num_classes)


def pixel_accuracy(true, pred):
    """Share of pixels whose predicted class is the true class."""
    true, pred = xp.asarray(true), xp.asarray(pred)
    if true.shape != pred.shape:
        raise ValueError(f"pixel_accuracy: true masks {true.shape} and predicted masks {pred.shape} "
                         "differ in shape.")
    return float((true == pred).mean())


def iou_per_class(true, pred, num_classes):
    """IoU_c = TP / (TP + FP + FN) for each class c, shape (num_classes,); NaN where undefined."""
    cm = confusion_counts(true, pred, num_classes)
    tp = xp.diag(cm).astype(xp.float64)
    union = cm.sum(axis=0) + cm.sum(axis=1) - tp
    out = xp.full(num_classes, xp.nan)
    out[union > 0] = tp[union > 0] / union[union > 0]
    return out


def mean_iou(true, pred, num_classes):
    """Mean of ``iou_per_class`` over the classes present in the truth or the prediction."""
    ious = iou_per_class(true, pred, num_classes)
    return float(xp.nanmean(ious)) if (~xp.isnan(ious)).any() else float("nan")


def predict_masks(model, X, batch_size=32):
    """Class id per pixel (N, H, W) from a segmentation model's logits (N, H, W, C), in batches."""
    return xp.concatenate([model.predict(X[i:i + batch_size]).argmax(axis=-1)
                           for i in range(0, len(X), batch_size)])
