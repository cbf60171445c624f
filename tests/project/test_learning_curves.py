import numpy as np
import pytest

from dlspec import GradientDescent, Sequential, SoftmaxCrossEntropy
from dlspec.data import blobs
from dlspec.nn import Dense, ReLU
from dlspec.project import learning_curve


def _data():
    X, Y = blobs(600, centers=4, std=1.5, seed=0)
    return X[:400], Y[:400], X[400:], Y[400:]


def test_dlspec_model_curve_dev_error_falls_with_more_data():
    X, Y, Xd, Yd = _data()
    make = lambda: Sequential([Dense(16), ReLU(), Dense(4)], seed=0).compile(SoftmaxCrossEntropy(),
                                                                              GradientDescent(0.3))
    curve = learning_curve(make, X, Y, Xd, Yd, sizes=(8, 0.5, 1.0),
                           fit=lambda m, x, y: m.fit(x, y, epochs=200, verbose=0))
    assert curve.sizes == [8, 200, 400]
    assert curve.dev_error[-1] < curve.dev_error[0]
    assert curve.train_error[0] <= curve.dev_error[0]
    from dlspec import plots
    fig, axes = plots.new_figure()
    curve.plot(axes[0], human=0.05)
    assert len(axes[0].lines) == 3


def test_works_with_a_scikit_learn_estimator():
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression
    X, Y, Xd, Yd = _data()
    curve = learning_curve(lambda: LogisticRegression(max_iter=500), X, Y, Xd, Yd, sizes=(0.1, 1.0))
    assert curve.sizes == [40, 400] and all(0 <= e < 0.5 for e in curve.dev_error)


@pytest.mark.parametrize("kwargs,message", [
    (dict(sizes=(0,)), r"must lie in \[1, 400\]"),
    (dict(sizes=(1.5,)), "fraction in"),
    (dict(make_model="model"), "must be a function"),
])
def test_bad_input(kwargs, message):
    X, Y, Xd, Yd = _data()
    args = dict(make_model=lambda: None, X_train=X, Y_train=Y, X_dev=Xd, Y_dev=Yd)
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=message):
        learning_curve(**args)


def test_mismatched_lengths():
    X, Y, Xd, Yd = _data()
    with pytest.raises(ValueError, match="one row per example"):
        learning_curve(lambda: None, X, Y[:-1], Xd, Yd)
