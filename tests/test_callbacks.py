"""EarlyStopping: stops on a plateau, restores the best weights, rejects unknown metrics."""
import numpy as np
import pytest

from dlspec.callbacks import Callback, EarlyStopping
from dlspec.data import moons
from dlspec.models import deep_network
from dlspec.optim import GradientDescent


class _FakeCost(Callback):
    """Overwrites the logged val_cost with a scripted sequence (runs before EarlyStopping)."""

    def __init__(self, values):
        self.values = values

    def on_epoch_end(self, trainer, epoch, logs):
        logs["val_cost"] = self.values[epoch]
        trainer.model.params["dense.W"][...] = epoch   # mark the weights with the epoch


def _model():
    return deep_network([2, 3, 1], seed=0).compile("binary_crossentropy", GradientDescent(0.1))


def test_stops_after_patience_epochs_without_improvement_and_restores_the_best():
    X, Y = moons(40, seed=0)
    model = _model()
    stopper = EarlyStopping("val_cost", patience=2)
    values = [1.0, 0.5, 0.6, 0.4, 0.45, 0.41, 0.42, 0.1, 0.1]
    history = model.fit(X, Y, epochs=len(values), validation_data=(X, Y),
                        callbacks=[_FakeCost(values), stopper], verbose=0)
    assert stopper.best == 0.4 and stopper.best_epoch == 3 and stopper.stopped_epoch == 6
    assert len(history["cost"]) == 7
    assert (model.params["dense.W"] == 3).all()     # the best epoch's weights are back


def test_accuracy_is_maximized_in_auto_mode():
    stopper = EarlyStopping("val_accuracy", patience=0)
    assert stopper.maximize and not EarlyStopping("cost").maximize
    assert EarlyStopping("cost", mode="max").maximize


def test_real_training_stops_when_the_dev_cost_plateaus():
    X, Y = moons(100, noise=0.3, seed=0)
    model = _model()
    stopper = EarlyStopping("val_cost", patience=3, min_delta=1e-3)
    history = model.fit(X[:60], Y[:60], epochs=2000, batch_size=20, validation_data=(X[60:], Y[60:]),
                        callbacks=[stopper], verbose=0)
    assert stopper.stopped_epoch is not None and len(history["cost"]) < 2000
    assert np.isclose(model.evaluate(X[60:], Y[60:])["cost"], stopper.best)


def test_a_metric_that_is_never_logged_is_a_clear_error():
    X, Y = moons(40, seed=0)
    with pytest.raises(ValueError, match=r"monitors 'val_cost', which is not logged.*validation_data"):
        _model().fit(X, Y, epochs=2, callbacks=[EarlyStopping()], verbose=0)
    with pytest.raises(ValueError, match=r"'acc', which is not logged; the logged metrics are \['accuracy', 'cost', 'loss'\]"):
        _model().fit(X, Y, epochs=2, callbacks=[EarlyStopping("acc")], verbose=0)


@pytest.mark.parametrize("kwargs, match", [({"patience": -1}, "patience"), ({"min_delta": -0.1}, "min_delta"),
                                           ({"mode": "up"}, "mode")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        EarlyStopping(**kwargs)
