import numpy as np
import pytest

from dlspec import data


@pytest.mark.parametrize("name", sorted(data.DATASETS))
def test_generators_are_seeded_and_shaped(name):
    make = data.DATASETS[name]
    X1, Y1 = make(n_samples=120, seed=3)
    X2, Y2 = make(n_samples=120, seed=3)
    X3, _ = make(n_samples=120, seed=4)
    assert X1.shape == (120, 2) and Y1.shape == (120,)
    assert Y1.dtype == np.int64 and set(np.unique(Y1)) >= {0, 1}
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


def test_flower_matches_the_course_layout():
    X, Y = data.planar_flower(400)
    assert X.shape == (400, 2) and np.bincount(Y).tolist() == [200, 200]
    assert np.abs(X).max() < 6          # petals of radius 4 plus noise


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="n_samples"):
        data.moons(n_samples=1)
    with pytest.raises(ValueError, match="factor"):
        data.circles(factor=2)


def test_mini_batches_keep_the_last_partial_batch_and_cover_every_example():
    X = np.arange(10).reshape(10, 1)
    batches = data.random_mini_batches(X, X.ravel(), 4, np.random.default_rng(0))
    assert [len(b[0]) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate([b[1] for b in batches]).tolist()) == list(range(10))


def test_digits_loader():
    pytest.importorskip("sklearn")
    X, Y = data.load_digits()
    assert X.shape == (1797, 64) and X.min() == 0 and X.max() == 1
    assert data.load_digits(flatten=False)[0].shape == (1797, 8, 8, 1)


def test_digits_without_sklearn_says_how_to_install(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError("no sklearn")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match=r'pip install "dlspec\[data\]"'):
        data.load_digits()
