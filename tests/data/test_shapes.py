"""The SIGNS-like hands: shapes, classes, seeding, and that the label is visible in the picture."""
import numpy as np
import pytest

from dlspec.data import draw_hands, load_signs


def test_shapes_dtype_range_and_balanced_classes():
    X_train, Y_train, X_test, Y_test = load_signs(60, 12, size=32, seed=1)
    assert X_train.shape == (60, 32, 32, 3) and X_test.shape == (12, 32, 32, 3)
    assert X_train.dtype == np.float32 and 0 <= X_train.min() and X_train.max() <= 1
    counts = np.bincount(np.concatenate([Y_train, Y_test]), minlength=6)
    assert counts.tolist() == [12] * 6


def test_same_seed_same_images_other_seed_other_images():
    a, b = load_signs(6, 6, size=16, seed=3), load_signs(6, 6, size=16, seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], load_signs(6, 6, size=16, seed=4)[0])


def test_more_fingers_more_hand_pixels():
    """With the same pose (same generator state), each extra finger adds skin pixels."""
    areas = []
    for k in range(6):
        X = draw_hands(np.array([k]), size=64, rng=7)
        background = X[0, 0, 0]                      # the top-left corner is background
        areas.append(int((np.abs(X[0] - background).sum(axis=-1) > 0.3).sum()))
    assert areas == sorted(areas) and areas[5] > areas[0] + 50, areas


@pytest.mark.parametrize("kwargs", [{"n_train": 0}, {"size": 8}, {"n_test": 2.5}])
def test_bad_sizes(kwargs):
    with pytest.raises(ValueError, match="expects an integer"):
        load_signs(**kwargs)
