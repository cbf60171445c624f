"""The cat / non-cat and Happy House stand-ins: sizes, counts, seeding, and that the label is in the picture."""
import numpy as np
import pytest

from dlspec.data.cats import NON_CATS, draw_cats, load_cats
from dlspec.data.faces import draw_faces, load_happy


def test_cats_have_the_course_shapes_and_counts():
    X_train, Y_train, X_test, Y_test, classes = load_cats(seed=0)
    assert X_train.shape == (209, 64, 64, 3) and X_test.shape == (50, 64, 64, 3)
    assert X_train.dtype == np.uint8 and classes == ("non-cat", "cat")
    assert int(Y_train.sum()) == 72 and int(Y_test.sum()) == 33      # the course's counts
    assert X_train.std() > 30                                         # not blank pictures


def test_happy_has_the_course_shapes_and_balanced_labels():
    X_train, Y_train, X_test, Y_test, classes = load_happy(seed=0)
    assert X_train.shape == (600, 64, 64, 3) and X_test.shape == (150, 64, 64, 3)
    assert X_train.dtype == np.uint8 and classes == ("not smiling", "smiling")
    assert int(Y_train.sum()) == 300 and int(Y_test.sum()) == 75


@pytest.mark.parametrize("load", [load_cats, load_happy])
def test_same_seed_same_pictures_other_seed_other_pictures(load):
    a, b, c = load(20, 10, size=32, seed=3), load(20, 10, size=32, seed=3), load(20, 10, size=32, seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a[:4], b[:4]))
    assert not np.array_equal(a[0], c[0])


def test_a_cat_differs_from_the_same_scene_without_ears_and_whiskers():
    """Same generator state, cat vs bear (the closest non-cat): only the face's parts differ."""
    cat = draw_cats(np.array([1]), rng=5)[0]
    bear = draw_cats(np.array([0]), rng=5, kinds=np.array([NON_CATS.index("bear")]))[0]
    differ = np.abs(cat - bear).sum(axis=-1) > 0.3
    assert 20 < differ.sum() < 0.25 * 64 * 64, differ.sum()


def test_smiles_and_non_smiles_differ_only_around_the_mouth():
    smile = draw_faces(np.array([1]), rng=9)[0]
    frown = draw_faces(np.array([0]), rng=9)[0]
    rows = np.nonzero((np.abs(smile - frown).sum(axis=-1) > 0.02).any(axis=1))[0]
    assert 0 < len(rows) < 20, rows                    # a band of rows: the mouth, not the face


def test_faces_vary_in_place_and_tone():
    X = draw_faces(np.zeros(40, int), rng=1)
    centres = [np.argwhere(np.abs(x - x[0, 0]).sum(-1) > 0.3).mean(axis=0) for x in X]
    assert np.ptp(np.array(centres), axis=0).min() > 4            # positions spread over > 4 px


@pytest.mark.parametrize("kwargs", [{"n_train": 0}, {"size": 8}, {"n_test": 2.5}, {"n_train": True}])
def test_bad_sizes(kwargs):
    for load in (load_cats, load_happy):
        with pytest.raises(ValueError, match="expects an integer"):
            load(**kwargs)


def test_more_cats_than_pictures_is_refused():
    with pytest.raises(ValueError, match="more cats than pictures"):
        load_cats(n_train=10, train_cats=11)
