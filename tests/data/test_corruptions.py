import numpy as np
import pytest

from dlspec.data.corruptions import KINDS, blur, corrupt, gaussian_noise, shift


def _images(n=6, dtype=np.float32):
    return np.random.default_rng(0).random((n, 8, 8)).astype(dtype)


def test_noise_stays_in_range_and_keeps_dtype():
    X = _images()
    out = gaussian_noise(X, 0.5, np.random.default_rng(1))
    assert out.dtype == np.float32 and out.min() >= 0 and out.max() <= 1
    assert not np.allclose(out, X)


def test_blur_keeps_constant_images_and_smooths_a_dot():
    flat = np.full((1, 5, 5), 0.3)
    np.testing.assert_allclose(blur(flat, passes=2), flat)
    dot = np.zeros((1, 5, 5)); dot[0, 2, 2] = 1
    out = blur(dot)
    assert out[0, 2, 2] == pytest.approx(0.25) and out[0, 1, 2] == pytest.approx(0.125)
    assert out.sum() == pytest.approx(1)


def test_shift_moves_each_image_by_at_most_max_shift():
    dot = np.zeros((50, 7, 7, 1)); dot[:, 3, 3, 0] = 1
    out = shift(dot, 2, np.random.default_rng(0))
    assert out.shape == dot.shape
    rows, cols = np.nonzero(out[..., 0])[1:]
    assert len(rows) == 50 and np.abs(rows - 3).max() <= 2 and np.abs(cols - 3).max() <= 2
    assert len(set(zip(rows, cols))) > 5


def test_corrupt_is_seeded_keeps_flat_shape_and_uses_every_kind():
    X = _images(300).reshape(300, 64)
    a, kind_a = corrupt(X, seed=3)
    b, kind_b = corrupt(X, seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(kind_a, kind_b)
    assert a.shape == X.shape and set(kind_a) == {0, 1, 2}
    c, _ = corrupt(X, seed=4)
    assert not np.array_equal(a, c)


def test_bad_input():
    with pytest.raises(ValueError, match="non-empty subset"):
        corrupt(_images(), kinds=("rain",))
    with pytest.raises(ValueError, match="must be square"):
        corrupt(np.zeros((3, 10)))
    assert KINDS == ("noise", "blur", "shift")
