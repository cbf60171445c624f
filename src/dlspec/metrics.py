"""Evaluation metrics on class ids."""
from __future__ import annotations

from .backend import xp


def accuracy(y_true, y_pred) -> float:
    """Share of examples whose predicted class equals the true class.

    Both are class ids of shape (N,) or (N, 1); one-hot rows are reduced with argmax.
    """
    y_true, y_pred = class_ids(y_true), class_ids(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"accuracy: {y_true.shape[0]} labels but {y_pred.shape[0]} predictions; "
                         "pass one prediction per example.")
    return float((y_true == y_pred).mean())


def class_ids(y):
    """Class ids (N,) from ids (N,), (N, 1) or one-hot rows (N, C)."""
    y = xp.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        return y.argmax(axis=1)
    return y.reshape(-1).astype(xp.int64)
