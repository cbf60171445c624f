"""``compile(metrics=[...])``: the metrics ``fit`` reports per epoch, by Keras's names.

"accuracy" (or Keras's "acc", "binary_accuracy", "categorical_accuracy",
"sparse_categorical_accuracy") is read the way the loss reads its output (a threshold of
0.5 after a sigmoid, the argmax of a softmax), as Keras maps "accuracy" by its loss; course
3's "precision", "recall" and "f1" come from ``dlspec.metrics`` (binary for two classes,
macro-averaged over more). Training values count every example of the epoch once (Keras's
running mean over the batches, weighted by their sizes); ``val_`` twins are computed after
the epoch on the validation data.
"""
from __future__ import annotations

from . import metrics as M
from .backend import xp

ACCURACY_NAMES = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
                  "sparse_categorical_accuracy")
COURSE3 = {"precision": M.precision, "recall": M.recall, "f1": M.f1_score, "f1_score": M.f1_score}


def check_metrics(metrics) -> list:
    """The canonical names of ``metrics`` (a list of names or None), or a clear error."""
    if metrics is None:
        return []
    if isinstance(metrics, str) or not isinstance(metrics, (list, tuple)):
        raise TypeError(f"compile(metrics) expects a list of names, such as ['accuracy']; got {metrics!r}.")
    names = []
    for name in metrics:
        if name in ACCURACY_NAMES:
            names.append("accuracy")
        elif name in COURSE3:
            names.append("f1" if name == "f1_score" else name)
        else:
            raise ValueError(f"compile(metrics) knows {list(ACCURACY_NAMES) + sorted(COURSE3)}; got "
                             f"{name!r}. Other metrics: compute them from model.predict().")
    return list(dict.fromkeys(names))


def require_classes(names, loss):
    """A metric needs class predictions: refuse a loss that has none (mean squared error)."""
    from .loss_base import Loss
    predict_classes = getattr(type(loss), "predict_classes", None)
    if names and predict_classes in (None, Loss.predict_classes):
        raise ValueError(f"compile(metrics={names}) needs a classification loss; "
                         f"{type(loss).__name__} gives no classes. Drop the metrics or compute "
                         "them from model.predict().")


def extra_metrics(names, y_true, y_pred) -> dict:
    """precision/recall/f1 (not accuracy, which fit counts itself) for class ids of the epoch."""
    wanted = [n for n in names if n in COURSE3]
    if not wanted:
        return {}
    y_true, y_pred = M.class_ids(y_true), xp.asarray(y_pred).reshape(-1)
    two = int(max(y_true.max(initial=0), y_pred.max(initial=0))) <= 1
    average = "binary" if two else "macro"
    return {n: float(COURSE3[n](y_true, y_pred, average=average)) for n in wanted}
