"""Data augmentation: each transform does what it says, is seeded, keeps dtype, checks its input."""
import numpy as np
import pytest

from dlspec.data.augment import Compose, GaussianNoise, RandomFlip, RandomRotation, RandomShift
from dlspec.models import Sequential
from dlspec.nn import Dense
from dlspec.optim import GradientDescent


def _images(n=6, h=5, w=7, c=2):
    return np.random.default_rng(0).standard_normal((n, h, w, c)).astype(np.float32)


def test_flip_mirrors_the_width_axis_of_the_chosen_images():
    X = _images()
    out = RandomFlip(p=1.0)(X, np.random.default_rng(0))
    np.testing.assert_array_equal(out, X[:, :, ::-1])
    out = RandomFlip(horizontal=False, vertical=True, p=1.0)(X, np.random.default_rng(0))
    np.testing.assert_array_equal(out, X[:, ::-1])
    assert np.array_equal(RandomFlip(p=0.0)(X, np.random.default_rng(0)), X)


def test_shift_moves_content_and_fills_with_zeros():
    X = _images(n=50)
    out = RandomShift(2)(X, np.random.default_rng(1))
    assert out.shape == X.shape and out.dtype == np.float32
    for x, y in zip(X, out):                          # each image is some shift of the original
        found = any(np.array_equal(np.pad(x, ((2, 2), (2, 2), (0, 0)))[dy:dy + 5, dx:dx + 7], y)
                    for dy in range(5) for dx in range(5))
        assert found
    assert not np.array_equal(out, X)


class _FixedAngle:
    """A stand-in Generator whose uniform draws are all 1: rotate by exactly max_degrees."""

    def uniform(self, low, high, size):
        return np.ones(size)


def test_rotation_by_90_degrees_is_rot90_and_0_degrees_is_identity():
    X = _images(h=5, w=5)
    out = RandomRotation(90)(X, _FixedAngle())
    expected = np.rot90(X, k=1, axes=(1, 2))
    assert np.allclose(out, expected, atol=1e-5) or np.allclose(out, np.rot90(X, k=-1, axes=(1, 2)), atol=1e-5)
    np.testing.assert_allclose(RandomRotation(0)(X, np.random.default_rng(0)), X, atol=1e-6)


def test_noise_and_compose_are_seeded():
    X = _images()
    augment = Compose([RandomFlip(), RandomShift(1), RandomRotation(15), GaussianNoise(0.1)])
    a = augment(X, np.random.default_rng(3))
    b = augment(X, np.random.default_rng(3))
    c = augment(X, np.random.default_rng(4))
    assert np.array_equal(a, b) and not np.array_equal(a, c) and a.dtype == np.float32
    assert abs((GaussianNoise(0.1)(X, np.random.default_rng(0)) - X).std() - 0.1) < 0.01


def test_fit_applies_augmentation_to_every_training_batch():
    seen = []

    def record(X_batch, rng):
        seen.append(len(X_batch))
        return X_batch[:, ::-1]

    X = np.random.default_rng(0).standard_normal((10, 3))
    Y = np.zeros(10)
    model = Sequential([Dense(1)]).compile("mse", GradientDescent(0.1))
    model.fit(X, Y, epochs=2, batch_size=4, augment=record, verbose=0)
    assert seen == [4, 4, 2, 4, 4, 2]
    with pytest.raises(TypeError, match="augment must be a function"):
        model.fit(X, Y, augment="flip", verbose=0)


@pytest.mark.parametrize("make, match", [(lambda: RandomShift(-1), "max_shift"), (lambda: RandomShift(1, "wrap"), "mode"),
                                         (lambda: RandomRotation(200), "max_degrees"),
                                         (lambda: GaussianNoise(-1), "std"), (lambda: RandomFlip(p=2), "probability"),
                                         (lambda: Compose([1]), "Compose takes transforms")])
def test_bad_arguments(make, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make()


def test_non_image_input_is_a_clear_error():
    with pytest.raises(ValueError, match=r"expects a batch of images \(N, H, W, C\)"):
        RandomFlip()(np.zeros((4, 64)), np.random.default_rng(0))
