"""dlspec.metrics against scikit-learn, on binary, multi-class, one-hot and edge-case labels."""
import numpy as np
import pytest

from dlspec import metrics as M

sk = pytest.importorskip("sklearn.metrics")


def _cases():
    rng = np.random.default_rng(0)
    yield "binary", rng.integers(0, 2, 50), rng.integers(0, 2, 50)
    yield "multi", rng.integers(0, 5, 200), rng.integers(0, 5, 200)
    # Class 3 is never predicted and class 4 never occurs: both zero-division paths.
    yield "gaps", np.array([0, 1, 2, 3, 3, 1, 0, 2]), np.array([0, 2, 2, 1, 4, 1, 0, 0])
    yield "perfect", np.arange(6) % 3, np.arange(6) % 3
    yield "one_class_true", np.zeros(10, int), rng.integers(0, 2, 10)


@pytest.mark.parametrize("name,y_true,y_pred", list(_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_matches_sklearn(name, y_true, y_pred):
    assert M.accuracy(y_true, y_pred) == pytest.approx(sk.accuracy_score(y_true, y_pred))
    np.testing.assert_array_equal(M.confusion_matrix(y_true, y_pred), sk.confusion_matrix(y_true, y_pred))
    averages = [None, "macro", "micro", "weighted"]
    if len(np.union1d(y_true, y_pred)) <= 2:
        averages.append("binary")
    for average in averages:
        for beta in (0.5, 1.0, 2.0):
            ours = M.precision_recall_fscore(y_true, y_pred, beta=beta, average=average)
            theirs = sk.precision_recall_fscore_support(y_true, y_pred, beta=beta, average=average,
                                                        zero_division=0)
            for a, b in zip(ours[:3], theirs[:3]):
                np.testing.assert_allclose(a, b, atol=1e-12, err_msg=f"{average} beta={beta}")
            if average is None:
                np.testing.assert_array_equal(ours[3], theirs[3])
        kw = dict(average=average, zero_division=0)
        np.testing.assert_allclose(M.precision(y_true, y_pred, average=average), sk.precision_score(y_true, y_pred, **kw))
        np.testing.assert_allclose(M.recall(y_true, y_pred, average=average), sk.recall_score(y_true, y_pred, **kw))
        np.testing.assert_allclose(M.f1_score(y_true, y_pred, average=average), sk.f1_score(y_true, y_pred, **kw))
        np.testing.assert_allclose(M.fbeta_score(y_true, y_pred, 2, average=average),
                                   sk.fbeta_score(y_true, y_pred, beta=2, **kw))


def test_one_hot_and_column_labels_equal_ids():
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.integers(0, 4, 60), rng.integers(0, 4, 60)
    one_hot = np.eye(4, dtype=np.float32)
    assert M.f1_score(one_hot[y_true], one_hot[y_pred], average="macro") == \
        M.f1_score(y_true, y_pred, average="macro")
    np.testing.assert_array_equal(M.confusion_matrix(y_true[:, None], y_pred.astype(float)),
                                  M.confusion_matrix(y_true, y_pred))


def test_explicit_labels_and_pos_label_match_sklearn():
    y_true, y_pred = np.array([0, 1, 2, 2, 1, 0, 2]), np.array([0, 2, 2, 1, 1, 0, 0])
    np.testing.assert_array_equal(M.confusion_matrix(y_true, y_pred, labels=[2, 0]),
                                  sk.confusion_matrix(y_true, y_pred, labels=[2, 0]))
    ours = M.precision_recall_fscore(y_true, y_pred, average="macro", labels=[1, 2])
    theirs = sk.precision_recall_fscore_support(y_true, y_pred, average="macro", labels=[1, 2], zero_division=0)
    np.testing.assert_allclose(ours[:3], theirs[:3])
    yb_true, yb_pred = np.array([1, 0, 0, 1, 0]), np.array([1, 1, 0, 0, 0])
    assert M.precision(yb_true, yb_pred, pos_label=0) == sk.precision_score(yb_true, yb_pred, pos_label=0)


def test_course_example_precision_recall_f1():
    # 10 true cats; the classifier flags 8 images, 6 of them cats: P = 0.75, R = 0.6.
    y_true = np.array([1] * 10 + [0] * 10)
    y_pred = np.array([1] * 6 + [0] * 4 + [1] * 2 + [0] * 8)
    assert M.precision(y_true, y_pred) == pytest.approx(0.75)
    assert M.recall(y_true, y_pred) == pytest.approx(0.6)
    assert M.f1_score(y_true, y_pred) == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_classification_report_lists_classes_and_averages():
    text = M.classification_report([0, 1, 2, 2], [0, 1, 1, 2], names={0: "cat", 1: "dog"})
    assert "cat" in text and "dog" in text and "2" in text.splitlines()[3]
    assert "macro avg" in text and "micro avg" in text and "accuracy" in text


@pytest.mark.parametrize("call,message", [
    (lambda: M.accuracy([0, 1, 1], [0, 1]), "3 labels but 2 predictions"),
    (lambda: M.f1_score([0, 1, 2], [0, 1, 2]), "average='binary' needs two classes"),
    (lambda: M.f1_score([0, 1], [0, 0.7]), "look like probabilities"),
    (lambda: M.precision([0, 1], [1, 0], average="mean"), "average must be one of"),
    (lambda: M.fbeta_score([0, 1], [1, 0], beta=0), "beta must be a number > 0"),
    (lambda: M.precision([0, 2], [2, 0]), "pos_label=1 is not one of the classes"),
    (lambda: M.confusion_matrix([], []), "no examples"),
    (lambda: M.confusion_matrix([0, 1], [0, 1], labels=[1, 1]), "distinct class ids"),
])
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        call()


def test_string_labels_are_rejected_with_the_fix():
    with pytest.raises(TypeError, match="Map names to ids"):
        M.accuracy(["cat", "dog"], ["cat", "cat"])


def test_zero_division_value_matches_sklearn():
    y_true, y_pred = np.array([0, 1, 1, 0]), np.array([0, 1, 0, 0])
    for average in (None, "macro", "weighted"):
        ours = M.precision_recall_fscore(y_true, y_pred, average=average, labels=[0, 1, 2], zero_division=1.0)
        theirs = sk.precision_recall_fscore_support(y_true, y_pred, average=average, labels=[0, 1, 2],
                                                    zero_division=1.0)
        for a, b in zip(ours[:3], theirs[:3]):
            np.testing.assert_allclose(a, b, err_msg=str(average))
