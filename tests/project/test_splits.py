import numpy as np
import pytest

from dlspec.project import course_ratios, mismatched_split, train_dev_split, train_dev_test_split


@pytest.mark.parametrize("n,expected", [(1_000, (0.6, 0.2, 0.2)), (10_000, (0.6, 0.2, 0.2)),
                                        (100_000, (0.8, 0.1, 0.1)), (1_000_000, (0.98, 0.01, 0.01)),
                                        (50_000_000, (0.98, 0.01, 0.01))])
def test_course_ratios_follow_the_data_size(n, expected):
    assert course_ratios(n) == pytest.approx(expected)
    assert sum(course_ratios(n)) == pytest.approx(1)


def test_split_partitions_every_example_once_and_is_seeded():
    X, Y = np.arange(1000)[:, None], np.arange(1000) % 3
    s = train_dev_test_split(X, Y, seed=3)
    assert s.sizes() == {"train": 600, "dev": 200, "test": 200}
    everything = np.concatenate([s.indices[k] for k in ("train", "dev", "test")])
    np.testing.assert_array_equal(np.sort(everything), np.arange(1000))
    X_dev, Y_dev = s["dev"]
    np.testing.assert_array_equal(X_dev[:, 0], s.indices["dev"])
    np.testing.assert_array_equal(Y_dev, s.indices["dev"] % 3)
    again = train_dev_test_split(X, Y, seed=3)
    np.testing.assert_array_equal(again.indices["test"], s.indices["test"])
    other = train_dev_test_split(X, Y, seed=4)
    assert not np.array_equal(other.indices["test"], s.indices["test"])


def test_explicit_sizes_with_the_rest_for_train():
    s = train_dev_test_split(np.zeros(5000), sizes=(None, 100, 50))
    assert s.sizes() == {"train": 4850, "dev": 100, "test": 50}


def test_stratified_split_keeps_class_shares_and_exact_sizes():
    Y = np.r_[np.zeros(900, int), np.ones(90, int), np.full(10, 2)]
    s = train_dev_test_split(Y, stratify=Y, ratios=(0.6, 0.2, 0.2), seed=0)
    assert s.sizes() == {"train": 600, "dev": 200, "test": 200}
    for name in ("train", "dev", "test"):
        counts = np.bincount(s[name][0], minlength=3) / s.sizes()[name]
        np.testing.assert_allclose(counts, [0.9, 0.09, 0.01], atol=0.006)


def test_train_dev_split_holds_out_part_of_training():
    s = train_dev_split(np.arange(200)[:, None], np.zeros(200), train_dev=0.1, seed=0)
    assert s.sizes() == {"train": 180, "train_dev": 20}
    assert not set(s.indices["train"]) & set(s.indices["train_dev"])


def test_mismatched_split_follows_the_course_recipe():
    Xs, Ys = np.zeros((2000, 3)), np.zeros(2000)
    Xt, Yt = np.ones((100, 3)), np.ones(100)
    s = mismatched_split((Xs, Ys), (Xt, Yt), target_in_train=0.5, train_dev=0.1, seed=0)
    assert s.sizes() == {"train": 1845, "train_dev": 205, "dev": 25, "test": 25}
    assert s["dev"][0].min() == 1 and s["test"][1].min() == 1           # dev/test: target only
    assert s["train"][0].sum() + s["train_dev"][0].sum() == 50 * 3      # half the target in training
    assert not set(s.indices["dev"]) & set(s.indices["test"])


@pytest.mark.parametrize("kwargs,message", [
    (dict(ratios=(0.6, 0.3, 0.2)), "split ratios must sum to 1"),
    (dict(ratios=(0.7, 0.3)), "must be 3 fractions"),
    (dict(sizes=(50, 20, 20)), "sum to 90 but there are 100"),
    (dict(sizes=(None, 60, 60)), "leave no examples"),
    (dict(ratios=(0.6, 0.2, 0.2), sizes=(60, 20, 20)), "not both"),
    (dict(ratios=(0.994, 0.003, 0.003)), "leave a set empty"),
])
def test_bad_ratios_and_sizes(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train_dev_test_split(np.zeros(100), **kwargs)


def test_stratified_split_with_a_class_too_small():
    Y = np.r_[np.zeros(50, int), np.ones(2, int)]
    with pytest.raises(ValueError, match=r"class 1 has 2 example\(s\), too few .* stratify=None"):
        train_dev_test_split(Y, stratify=Y)


def test_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="array 0 has 10 rows but array 1 has 9"):
        train_dev_test_split(np.zeros(10), np.zeros(9))


def test_mismatched_split_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        mismatched_split((np.zeros((10, 3)), np.zeros(10)), (np.zeros((10, 4)), np.zeros(10)))
    with pytest.raises(ValueError, match="target_in_train must be a fraction"):
        mismatched_split((np.zeros((10, 3)), np.zeros(10)), (np.zeros((10, 3)), np.zeros(10)),
                         target_in_train=1.5)
