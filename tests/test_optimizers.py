"""dlspec.optimizers: Keras's Adam beside the course's (dlspec.optim.Adam), both spellings."""
import numpy as np
import pytest

import dlspec
from dlspec import optim, optimizers


def _keras_adam_steps(w, grads, lr=0.01, b1=0.9, b2=0.999, eps=1e-7):
    """Keras's update as its documentation writes it (m, v; lr_t; epsilon hat)."""
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        lr_t = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        w = w - lr_t * m / (np.sqrt(v) + eps)
    return w


def test_keras_adam_follows_keras_update_and_course_adam_does_not():
    rng = np.random.default_rng(0)
    grads = [rng.standard_normal(5) * 1e-6 for _ in range(6)]     # small: epsilon matters
    expected = _keras_adam_steps(np.ones(5), grads)
    for name, opt in (("keras", optimizers.Adam(learning_rate=0.01)), ("course", optim.Adam(0.01))):
        w = np.ones(5)
        for g in grads:
            opt.step([("w", w, g)])
        close = np.allclose(w, expected, rtol=0, atol=1e-12)
        assert close == (name == "keras"), name


def test_defaults_and_both_spellings():
    keras = optimizers.Adam()
    assert (keras.learning_rate, keras.beta1, keras.beta2, keras.epsilon) == (0.001, 0.9, 0.999, 1e-7)
    assert optim.Adam().epsilon == 1e-8
    for cls in (optimizers.Adam, optim.Adam):
        a, b = cls(0.01, beta_1=0.8, beta_2=0.99), cls(0.01, beta1=0.8, beta2=0.99)
        assert (a.beta1, a.beta2) == (b.beta1, b.beta2) == (0.8, 0.99)
        with pytest.raises(ValueError, match="not both"):
            cls(0.01, beta1=0.8, beta_1=0.8)


def test_amsgrad_is_refused_not_ignored():
    with pytest.raises(ValueError, match="amsgrad"):
        optimizers.Adam(amsgrad=True)


def test_a_saved_model_keeps_keras_adam(tmp_path):
    model = dlspec.Sequential([dlspec.nn.Dense(1)], seed=0).compile("mse", optimizers.Adam(learning_rate=0.01))
    X, Y = np.ones((4, 2), np.float32), np.zeros((4, 1), np.float32)
    model.fit(X, Y, epochs=2, verbose=0)
    again = dlspec.load_model(dlspec.save_model(model, tmp_path / "m.npz"))
    assert type(again.optimizer) is optimizers.Adam and again.optimizer.epsilon == 1e-7
    assert again.optimizer.iterations == 2


@pytest.mark.parametrize("nesterov", [False, True])
def test_keras_sgd_with_momentum(nesterov):
    rng = np.random.default_rng(1)
    grads = [rng.standard_normal(3) for _ in range(4)]
    w, v = np.ones(3), np.zeros(3)
    for g in grads:                     # Keras's update, written out
        v = 0.9 * v - 0.1 * g
        w = w + (0.9 * v - 0.1 * g if nesterov else v)
    opt, ours = optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=nesterov), np.ones(3)
    for g in grads:
        opt.step([("w", ours, g)])
    np.testing.assert_allclose(ours, w, rtol=1e-12)
