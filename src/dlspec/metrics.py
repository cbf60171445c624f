"""Evaluation metrics on class ids: accuracy, confusion matrix, precision, recall, F-beta.

Labels are integer class ids (N,) or (N, 1), or one-hot rows (N, C) (reduced with argmax),
for binary and multi-class problems. Every score matches scikit-learn's function of the
same name with ``zero_division=0``.

Course 3, week 1: "a single number evaluation metric". Precision is the share of the
examples predicted as a class that really are of that class; recall is the share of a
class's examples that the model finds; F1 is their harmonic mean.
"""
from __future__ import annotations

from .backend import xp

AVERAGES = ("binary", "macro", "micro", "weighted", None)


def accuracy(y_true, y_pred) -> float:
    """Share of examples whose predicted class equals the true class.

    Both are class ids of shape (N,) or (N, 1); one-hot rows are reduced with argmax.
    """
    y_true, y_pred = _pair(y_true, y_pred, "accuracy")
    return float((y_true == y_pred).mean())


def class_ids(y):
    """Class ids (N,) from ids (N,), (N, 1) or one-hot rows (N, C)."""
    y = xp.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        return y.argmax(axis=1)
    return y.reshape(-1).astype(xp.int64)


def confusion_matrix(y_true, y_pred, labels=None):
    """Counts of (true class, predicted class) pairs.

    Parameters
    ----------
    y_true, y_pred : class ids (N,) or one-hot (N, C)
    labels : optional list of the class ids to index the matrix by (default: every id that
        occurs in either array, sorted). Pairs with an id outside ``labels`` are not counted.

    Returns
    -------
    C : int64 array (K, K); ``C[i, j]`` counts examples of class ``labels[i]`` predicted as
        ``labels[j]``. Rows are true classes, columns predictions (as in scikit-learn).

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2]).tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    y_true, y_pred = _pair(y_true, y_pred, "confusion_matrix")
    labels = _labels(y_true, y_pred, labels)
    K = len(labels)
    t, p = _index(y_true, labels), _index(y_pred, labels)
    keep = (t >= 0) & (p >= 0)
    # One bincount over the flattened (true, predicted) pair index: no loop over examples.
    counts = xp.bincount(t[keep] * K + p[keep], minlength=K * K)
    return counts.reshape(K, K).astype(xp.int64)


def precision_recall_fscore(y_true, y_pred, beta=1.0, average="binary", labels=None,
                            pos_label=1, zero_division=0.0):
    """Precision, recall, F-beta and support, per class or averaged.

    Parameters
    ----------
    y_true, y_pred : class ids (N,) or one-hot (N, C)
    beta : float > 0. F-beta weighs recall ``beta`` times as much as precision (F1: beta = 1).
    average : "binary" (the scores of class ``pos_label``; the default, for two classes),
        "macro" (unweighted mean over classes), "micro" (from the pooled counts),
        "weighted" (mean weighted by each class's support) or None (one score per class).
    labels : optional class ids to score (default: every id in either array, sorted).
    pos_label : the positive class for ``average="binary"``.
    zero_division : the value of a score whose denominator is 0 (no predictions of a class
        for precision, no examples of it for recall).

    Returns
    -------
    (precision, recall, fbeta, support): floats, or arrays (K,) when ``average`` is None.
    ``support`` is the number of true examples (None when averaged, as in scikit-learn).

    Notes
    -----
    With TP, FP, FN counted per class from the confusion matrix C:
    TP = diag(C), FP = column sums - TP, FN = row sums - TP;
    P = TP / (TP + FP), R = TP / (TP + FN), F_beta = (1 + beta^2) P R / (beta^2 P + R).
    Macro F averages the per-class F scores (not the F of the averaged P and R). Micro
    averaging pools TP, FP and FN over the classes first; over all classes it equals accuracy.
    """
    if average not in AVERAGES:
        raise ValueError(f"average must be one of {AVERAGES}; got {average!r}.")
    if not isinstance(beta, (int, float)) or isinstance(beta, bool) or not beta > 0:
        raise ValueError(f"beta must be a number > 0 (1 for F1, 2 to favour recall); got {beta!r}.")
    y_true, y_pred = _pair(y_true, y_pred, "precision_recall_fscore")
    present = _labels(y_true, y_pred, None)
    if average == "binary":
        if len(present) > 2:
            raise ValueError(f"average='binary' needs two classes, but the labels hold {len(present)} "
                             f"({present[:10].tolist()}). For multi-class labels pass average='macro', "
                             "'micro', 'weighted' or None (per class).")
        if len(present) == 2 and pos_label not in present:
            raise ValueError(f"pos_label={pos_label!r} is not one of the classes "
                             f"{present.tolist()}; pass pos_label= one of them.")
        labels = [pos_label]
    scored = _labels(y_true, y_pred, labels)
    all_labels = xp.union1d(present, scored)
    C = confusion_matrix(y_true, y_pred, labels=all_labels)
    rows = _index(scored, all_labels)
    tp = C.diagonal()[rows].astype(xp.float64)
    fp = C.sum(axis=0)[rows] - tp
    fn = C.sum(axis=1)[rows] - tp
    support = C.sum(axis=1)[rows]
    if average == "micro":
        tp, fp, fn = tp.sum(keepdims=True), fp.sum(keepdims=True), fn.sum(keepdims=True)
    P = _ratio(tp, tp + fp, zero_division)
    R = _ratio(tp, tp + fn, zero_division)
    b2 = float(beta) ** 2
    # A class with no examples and no predictions gets P = R = zero_division, hence F = zero_division
    # (scikit-learn's rule); any other undefined F is 0.
    F = _ratio((1 + b2) * P * R, b2 * P + R, 0.0)
    if average is None:
        return P, R, F, support
    if average == "weighted":
        w = support / support.sum() if support.sum() > 0 else xp.zeros_like(P)
        return float((P * w).sum()), float((R * w).sum()), float((F * w).sum()), None
    return float(P.mean()), float(R.mean()), float(F.mean()), None


def precision(y_true, y_pred, average="binary", **kwargs):
    """Precision TP / (TP + FP); see ``precision_recall_fscore`` for the arguments."""
    return precision_recall_fscore(y_true, y_pred, average=average, **kwargs)[0]


def recall(y_true, y_pred, average="binary", **kwargs):
    """Recall TP / (TP + FN); see ``precision_recall_fscore`` for the arguments."""
    return precision_recall_fscore(y_true, y_pred, average=average, **kwargs)[1]


def fbeta_score(y_true, y_pred, beta, average="binary", **kwargs):
    """F-beta = (1 + beta^2) P R / (beta^2 P + R); see ``precision_recall_fscore``."""
    return precision_recall_fscore(y_true, y_pred, beta=beta, average=average, **kwargs)[2]


def f1_score(y_true, y_pred, average="binary", **kwargs):
    """F1 = 2 P R / (P + R), the harmonic mean of precision and recall (course 3, week 1)."""
    return fbeta_score(y_true, y_pred, 1.0, average=average, **kwargs)


def classification_report(y_true, y_pred, labels=None, names=None, digits=3) -> str:
    """A table of precision, recall, F1 and support per class, with the three averages.

    ``names`` optionally maps each class id to a name shown in the first column.
    """
    y_true, y_pred = _pair(y_true, y_pred, "classification_report")
    labels = _labels(y_true, y_pred, labels)
    P, R, F, S = precision_recall_fscore(y_true, y_pred, average=None, labels=labels)
    names = names or {}
    rows = [(str(names.get(int(k), k)), P[i], R[i], F[i], int(S[i])) for i, k in enumerate(labels)]
    total = int(S.sum())
    for avg in ("micro", "macro", "weighted"):
        p, r, f, _ = precision_recall_fscore(y_true, y_pred, average=avg, labels=labels)
        rows.append((f"{avg} avg", p, r, f, total))
    width = max(12, *(len(r[0]) for r in rows))
    out = [f"{'class':<{width}} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}"]
    for i, (name, p, r, f, s) in enumerate(rows):
        if i == len(labels):
            out.append("")
        out.append(f"{name:<{width}} {p:>9.{digits}f} {r:>9.{digits}f} {f:>9.{digits}f} {s:>8}")
    out.append(f"{'accuracy':<{width}} {accuracy(y_true, y_pred):>29.{digits}f} {len(y_true):>8}")
    return "\n".join(out)


# -- helpers ----------------------------------------------------------------
def _pair(y_true, y_pred, what):
    """Class ids for both arrays, after checking they are integer-valued and equally long."""
    y_true, y_pred = xp.asarray(y_true), xp.asarray(y_pred)
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.dtype.kind not in "biuf":
            raise TypeError(f"{what}: {name} must hold integer class ids or one-hot rows; got "
                            f"dtype {y.dtype}. Map names to ids first (for example with numpy.unique("
                            "..., return_inverse=True)).")
        if y.ndim > 2:
            raise ValueError(f"{what}: {name} must be class ids (N,) or one-hot rows (N, C); "
                             f"got shape {y.shape}.")
        if y.dtype.kind == "f" and not xp.isfinite(y).all():
            raise ValueError(f"{what}: {name} holds NaN or infinite values; class ids and one-hot "
                             "rows are finite. Drop those examples or fix the predictions.")
        if y.dtype.kind == "f" and not (y.ndim == 2 and y.shape[1] > 1) and not (y == xp.round(y)).all():
            raise ValueError(f"{what}: {name} holds non-integer values; these look like "
                             "probabilities. Turn them into class ids first: (A > 0.5) for a "
                             "sigmoid output, A.argmax(axis=1) for a softmax output.")
    y_true, y_pred = class_ids(y_true), class_ids(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{what}: {y_true.shape[0]} labels but {y_pred.shape[0]} predictions; "
                         "pass one prediction per example.")
    if y_true.shape[0] == 0:
        raise ValueError(f"{what}: no examples; pass at least one label and one prediction.")
    return y_true, y_pred


def _labels(y_true, y_pred, labels):
    if labels is None:
        return xp.union1d(y_true, y_pred)
    labels = xp.asarray(labels).reshape(-1).astype(xp.int64)
    if labels.size == 0 or len(xp.unique(labels)) != labels.size:
        raise ValueError(f"labels must list distinct class ids; got {labels.tolist()}.")
    return labels


def _index(y, labels):
    """Position of each id of y in ``labels`` (-1 where absent), without a Python loop."""
    order = xp.argsort(labels)
    pos = xp.searchsorted(labels[order], y).clip(0, len(labels) - 1)
    idx = order[pos]
    return xp.where(labels[idx] == y, idx, -1)


def _ratio(num, den, zero_division):
    safe = xp.where(den > 0, den, 1)
    return xp.where(den > 0, num / safe, zero_division).astype(xp.float64)
