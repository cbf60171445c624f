"""Learning curves: training and dev error against the number of training examples.

Course 3 (and course 2's bias/variance): when both curves flatten far above human-level
error, the model has high avoidable bias and more data will not help; when the dev curve
stays well above a low training curve and is still falling, more data will.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..backend import rng as make_rng, xp
from ..metrics import accuracy


@dataclass
class LearningCurve:
    """Training-set sizes and the errors measured at each (fractions)."""

    sizes: list
    train_error: list
    dev_error: list

    def as_dict(self) -> dict:
        return {"sizes": list(self.sizes), "train_error": list(self.train_error),
                "dev_error": list(self.dev_error)}

    def plot(self, ax, human=None, title="learning curve"):
        """Draw both curves (in percent) on ``ax``, with human-level error as a dashed line."""
        ax.plot(self.sizes, [100 * e for e in self.train_error], "o-", label="training error")
        ax.plot(self.sizes, [100 * e for e in self.dev_error], "o-", label="dev error")
        if human is not None:
            ax.axhline(100 * human, color="gray", ls="--", lw=1, label="human level")
        ax.set_xlabel("training examples")
        ax.set_ylabel("error (%)")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)


def learning_curve(make_model, X_train, Y_train, X_dev, Y_dev, sizes=(0.1, 0.25, 0.5, 1.0),
                   fit=None, error=None, seed=0, progress=None) -> LearningCurve:
    """Train a fresh model on growing subsets of the training set; record both errors.

    Parameters
    ----------
    make_model : callable () -> a new, untrained model: a compiled dlspec model, or any
        object with ``fit(X, Y)`` and ``predict(X)`` returning class ids (scikit-learn).
    X_train, Y_train : the full training set (N, ...), (N,).
    X_dev, Y_dev : the dev set.
    sizes : numbers of examples (ints) or fractions of N (floats in (0, 1]).
    fit : callable (model, X, Y) that trains; default ``model.fit(X, Y)`` (for dlspec models
        ``model.fit(X, Y, verbose=0)``). Use it to pass epochs and batch sizes.
    error : callable (model, X, Y) -> error rate; default 1 - accuracy.
    seed : the subsets are nested prefixes of one seeded permutation, so a larger set
        contains every smaller one.
    progress : optional wrapper for the loop over sizes, such as ``ctx.progress``.

    Returns
    -------
    LearningCurve with ``sizes``, ``train_error``, ``dev_error`` and ``plot(ax)``.
    """
    if not callable(make_model):
        raise TypeError(f"make_model must be a function that returns a new model; got "
                        f"{type(make_model).__name__}. Write for example lambda: my_model().compile(...).")
    N = len(X_train)
    if len(Y_train) != N or len(X_dev) != len(Y_dev):
        raise ValueError(f"X and Y must have one row per example; got {N} and {len(Y_train)} in "
                         f"train, {len(X_dev)} and {len(Y_dev)} in dev.")
    counts = sorted({_count(s, N) for s in sizes})
    order = make_rng(seed).permutation(N)
    fit = fit or _default_fit
    error = error or _default_error
    result = LearningCurve([], [], [])
    loop = progress(counts, "learning curve") if progress else counts
    for m in loop:
        idx = order[:m]
        model = make_model()
        fit(model, X_train[idx], Y_train[idx])
        result.sizes.append(m)
        result.train_error.append(float(error(model, X_train[idx], Y_train[idx])))
        result.dev_error.append(float(error(model, X_dev, Y_dev)))
    return result


def _count(size, N):
    if isinstance(size, (int, xp.integer)) and not isinstance(size, bool):
        if not 1 <= size <= N:
            raise ValueError(f"training-set sizes must lie in [1, {N}]; got {size}.")
        return int(size)
    if isinstance(size, float) and 0 < size <= 1:
        return max(1, int(round(size * N)))
    raise ValueError(f"each size must be an integer in [1, {N}] or a fraction in (0, 1]; got {size!r}.")


def _default_fit(model, X, Y):
    from ..models.model import Model
    if isinstance(model, Model):
        model.fit(X, Y, verbose=0)
    else:
        model.fit(X, Y)


def _default_error(model, X, Y):
    predict = getattr(model, "predict_classes", None) or model.predict
    return 1.0 - accuracy(Y, predict(X))
