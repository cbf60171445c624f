"""Dropout: Keras's rate, course 2's keep_prob=, inverted scaling, seeded masks, old files."""
import numpy as np
import pytest

from dlspec.models import Sequential
from dlspec.nn import Dense, Dropout, ReLU


def test_kept_units_are_scaled_by_one_over_keep_prob_and_the_rate_is_right():
    layer = Dropout(keep_prob=0.8, seed=0)
    y = layer.forward(np.ones((200, 50), np.float32), training=True)
    assert set(np.unique(y).tolist()) == {0.0, np.float32(1 / 0.8)}
    assert abs((y > 0).mean() - 0.8) < 0.02
    assert abs(y.mean() - 1.0) < 0.03          # the expected value is kept


def test_identity_at_inference_and_gradient_through_the_mask():
    layer = Dropout(keep_prob=0.5, seed=0)
    x = np.arange(12.0).reshape(3, 4)
    assert layer.forward(x) is x
    y = layer.forward(x, training=True)
    np.testing.assert_array_equal(layer.backward(np.ones_like(y)), layer.mask)


def test_a_new_mask_every_training_forward_but_the_same_masks_for_the_same_seed():
    def masks(seed):
        layer = Dropout(keep_prob=0.5, seed=seed)
        return [layer.forward(np.ones((4, 6)), training=True) for _ in range(3)]
    a, b, c = masks(1), masks(1), masks(2)
    assert not np.array_equal(a[0], a[1])
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_fixed_mask_makes_the_layer_a_fixed_function():
    layer = Dropout(keep_prob=0.5, seed=4, fixed_mask=True)
    first = layer.forward(np.ones((4, 6)), training=True)
    assert np.array_equal(first, layer.forward(np.ones((4, 6)), training=True))


def _dense_dropout_model(seed):
    return Sequential([Dense(8), ReLU(), Dropout(keep_prob=0.7), Dense(1)], seed=seed)


def test_model_seed_gives_the_masks_and_does_not_change_the_initial_weights():
    a, b = _dense_dropout_model(3), _dense_dropout_model(3)
    x = np.ones((5, 2), np.float32)
    np.testing.assert_array_equal(a.forward(x, training=True), b.forward(x, training=True))
    without = Sequential([Dense(8), ReLU(), Dense(1)], seed=3)
    without.build((2,))
    np.testing.assert_array_equal(a.params["dense_1.W"], without.params["dense_1.W"])


@pytest.mark.parametrize("keep_prob", [0, -0.5, 1.2, True, "0.5"])
def test_keep_prob_outside_0_1_is_rejected(keep_prob):
    with pytest.raises(ValueError, match=r"keep_prob.*in \(0, 1\]"):
        Dropout(keep_prob=keep_prob)


def test_masks_resume_from_the_step_counter_in_state():
    """A layer whose state is restored (as from a checkpoint) continues the same mask sequence."""
    x = np.ones((4, 6))
    full = Dropout(keep_prob=0.5, seed=7)
    masks = [full.forward(x, training=True) for _ in range(4)]
    assert int(full.state["step"]) == 4
    first = Dropout(keep_prob=0.5, seed=7)
    first.forward(x, training=True), first.forward(x, training=True)
    resumed = Dropout(keep_prob=0.5, seed=7)
    resumed.build((6,))
    resumed.state["step"][...] = first.state["step"]
    np.testing.assert_array_equal(resumed.forward(x, training=True), masks[2])
    np.testing.assert_array_equal(resumed.forward(x, training=True), masks[3])


def test_the_positional_argument_is_keras_rate_dropout_03_keeps_70_percent():
    """The silent trap of issue 24: Dropout(0.3) used to keep 30% of the units."""
    y = Dropout(0.3, seed=0).forward(np.ones((400, 50), np.float32), training=True)
    assert abs((y > 0).mean() - 0.7) < 0.01
    assert set(np.unique(y).tolist()) == {0.0, np.float32(1 / 0.7)}


def test_rate_and_keep_prob_name_the_same_layer_and_draw_the_same_masks():
    x = np.ones((8, 9), np.float32)
    a, b = Dropout(rate=0.25, seed=5), Dropout(keep_prob=0.75, seed=5)
    assert a.keep_prob == b.keep_prob == 0.75 and a.rate == b.rate == 0.25
    np.testing.assert_array_equal(a.forward(x, training=True), b.forward(x, training=True))


@pytest.mark.parametrize("rate", [-0.1, 1, 1.5, True, "0.3"])
def test_rate_outside_0_1_is_rejected(rate):
    with pytest.raises(ValueError, match=r"rate.*in \[0, 1\)"):
        Dropout(rate)


@pytest.mark.parametrize("kwargs", [{}, {"rate": 0.3, "keep_prob": 0.7}])
def test_exactly_one_of_rate_and_keep_prob(kwargs):
    with pytest.raises(ValueError, match="exactly one of rate"):
        Dropout(**kwargs)


def test_noise_shape_is_refused_not_ignored():
    with pytest.raises(ValueError, match="noise_shape"):
        Dropout(0.3, noise_shape=(None, 1, 1, 8))


def test_config_repeats_the_keyword_given_so_old_files_keep_their_meaning():
    """A file saved before the change holds {"keep_prob": 0.8}: it still keeps 80%."""
    from dlspec.io.registry import deserialize
    old = deserialize({"class": "Dropout", "config": {"keep_prob": 0.8, "seed": 1,
                                                      "fixed_mask": False, "name": "dropout"}})
    assert old.keep_prob == 0.8
    assert Dropout(0.3).get_config()["rate"] == 0.3 and "keep_prob" not in Dropout(0.3).get_config()
    again = deserialize({"class": "Dropout", "config": Dropout(keep_prob=0.6).get_config()})
    assert again.keep_prob == 0.6 and again.get_config() == Dropout(keep_prob=0.6).get_config()
