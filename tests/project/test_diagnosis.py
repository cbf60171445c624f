import pytest

from dlspec.project import diagnose, errors_from_metrics


def test_issue_example_in_percent_names_avoidable_bias():
    d = diagnose(human=0.5, train=8, train_dev=10, dev=12, test=12.5)
    assert d.gaps == pytest.approx({"avoidable_bias": 0.075, "variance": 0.02, "data_mismatch": 0.02,
                                    "dev_overfitting": 0.005})
    assert d.largest == "avoidable_bias"
    assert any("bigger model" in r for r in d.remedies)
    assert "verdict: the largest gap is avoidable bias" in d.report()


@pytest.mark.parametrize("errors,largest,remedy", [
    # The course's examples (percent): human, train, train-dev, dev, test.
    (dict(human=1, train=1.5, train_dev=10, dev=11), "variance", "more training data"),
    (dict(human=0, train=10, train_dev=11, dev=12), "avoidable_bias", "bigger model"),
    (dict(human=0, train=1, train_dev=1.5, dev=10), "data_mismatch", "artificial data synthesis"),
    (dict(human=0, train=1, train_dev=1.5, dev=2, test=8), "dev_overfitting", "bigger dev set"),
])
def test_each_gap_is_named_with_its_remedies(errors, largest, remedy):
    d = diagnose(**errors)
    assert d.largest == largest
    assert any(remedy in r for r in d.remedies)


def test_fractions_and_percent_give_the_same_diagnosis():
    a = diagnose(human=0.005, train=0.08, train_dev=0.10, dev=0.12, test=0.125)
    b = diagnose(human=0.5, train=8, train_dev=10, dev=12, test=12.5)
    assert a.gaps == pytest.approx(b.gaps) and a.errors == pytest.approx(b.errors)
    c = diagnose(human=0.1, train=0.5, dev=0.9, unit="percent")         # all below 1%, said so
    assert c.errors["dev"] == pytest.approx(0.009)


def test_without_train_dev_or_human_the_notes_say_what_is_assumed():
    d = diagnose(train=0.02, dev=0.10)
    assert d.largest == "variance" and "data_mismatch" not in d.gaps
    text = d.report()
    assert "(dev - train)" in text and "holds any data mismatch" in text and "Bayes error assumed 0" in text


def test_no_positive_gap_and_better_than_human():
    d = diagnose(human=2, train=1, train_dev=1, dev=1)
    assert d.largest is None and d.remedies == []
    assert "no gap is positive" in d.report() and "below human-level" in d.report()


@pytest.mark.parametrize("kwargs,message", [
    (dict(train=8, dev=120), "out of range: errors in percent must lie in"),
    (dict(train=-1, dev=5), "out of range"),
    (dict(train=0.5, dev=1.5, unit="fraction"), r"must lie in \[0, 1\]"),
    (dict(train=5), "needs at least the training error and the dev error"),
    (dict(train="5", dev=4), "must be a number"),
    (dict(train=5, dev=4, unit="permille"), "unit must be"),
])
def test_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        diagnose(**kwargs)


def test_errors_from_metrics_reads_records_prefixes_and_accuracies():
    record = {"metrics": {"baseline_train_error": 0.01, "baseline_dev_accuracy": 0.7,
                          "baseline_train_dev_error": 0.02, "other_train_error": 0.5}}
    assert errors_from_metrics(record, prefix="baseline_") == pytest.approx(
        {"train": 0.01, "train_dev": 0.02, "dev": 0.3})
    assert errors_from_metrics({"train_error": 0.1, "val_error": 0.2}) == {"train": 0.1, "dev": 0.2}
    with pytest.raises(ValueError, match="Pass --prefix"):
        errors_from_metrics(record)
