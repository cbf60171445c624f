"""Characters in matplotlib's fonts and scikit-learn's sample photos, as course 4 uses them."""
import numpy as np
import pytest

from dlspec.data.glyphs import FONTS, fonts_for, load_glyphs


def test_glyphs_are_seeded_images_with_one_class_per_character():
    X, Y = load_glyphs("AB7", n_per_char=4, size=20, seed=3)
    assert X.shape == (12, 20, 20, 1) and X.dtype == np.float32 and Y.tolist() == [0] * 4 + [1] * 4 + [2] * 4
    assert 0 <= X.min() and X.max() <= 1 and (X.reshape(12, -1).max(1) > 0.5).all()   # ink in each
    np.testing.assert_array_equal(X, load_glyphs("AB7", n_per_char=4, size=20, seed=3)[0])
    assert len(fonts_for("A")) == len(FONTS) and len(fonts_for("%")) < len(FONTS)
    with pytest.raises(ValueError, match="needs characters"):
        load_glyphs("", 3)


def test_sample_photos_are_small_squares_in_0_1():
    pytest.importorskip("sklearn")
    pytest.importorskip("PIL")
    from dlspec.data.photos import load_photo
    image = load_photo("china.jpg", 32)
    assert image.shape == (32, 32, 3) and image.dtype == np.float32 and 0 <= image.min() <= image.max() <= 1
    with pytest.raises(ValueError, match="load_photo knows"):
        load_photo("monet.jpg")
