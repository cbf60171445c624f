import pytest

from dlspec.project import select_model

COURSE = {"A": {"accuracy": 0.90, "running_time_ms": 80},
          "B": {"accuracy": 0.92, "running_time_ms": 95},
          "C": {"accuracy": 0.95, "running_time_ms": 1500}}


def test_course_example_picks_b_and_says_why_c_was_ruled_out():
    s = select_model(COURSE, optimizing="accuracy", satisficing={"running_time_ms": "<= 100"})
    assert s.best == "B" and s.ranking == ["B", "A"]
    assert s.rejected == {"C": ["running_time_ms 1500 > 100"]}
    report = s.report()
    assert "chosen" in report and "ruled out: running_time_ms 1500 > 100" in report
    assert "maximize accuracy" in report


def test_without_constraints_the_optimizing_metric_decides():
    assert select_model(COURSE, "accuracy").best == "C"
    assert select_model(COURSE, "running_time_ms", maximize=False).best == "A"


def test_several_constraints_are_all_reported_and_list_input_works():
    cands = [{"name": "small", "error": 0.08, "ms": 10, "mb": 5},
             {"name": "big", "error": 0.03, "ms": 300, "mb": 900},
             {"name": "mid", "error": 0.05, "ms": 90, "mb": 50}]
    s = select_model(cands, "error", {"ms": ("<", 100), "mb": "<=64"}, maximize=False)
    assert s.best == "mid"
    assert s.rejected["big"] == ["ms 300 >= 100", "mb 900 > 64"]


def test_no_feasible_candidate_gives_none_and_says_so():
    s = select_model(COURSE, "accuracy", {"running_time_ms": "< 50"})
    assert s.best is None and s.ranking == []
    assert "No candidate meets every satisficing constraint" in s.report()


@pytest.mark.parametrize("kwargs,message", [
    (dict(candidates=COURSE, optimizing="f1"), "has no metric 'f1'"),
    (dict(candidates=COURSE, optimizing="accuracy", satisficing={"running_time_ms": "about 100"}),
     "must look like '<= 100'"),
    (dict(candidates=COURSE, optimizing="accuracy", satisficing={"running_time_ms": ("=<", 100)}),
     "must look like"),
    (dict(candidates={}, optimizing="accuracy"), "at least one candidate"),
    (dict(candidates=[{"accuracy": 1}], optimizing="accuracy"), "with a 'name' key"),
    (dict(candidates={"A": {"accuracy": "high"}}, optimizing="accuracy"), "must be a number"),
])
def test_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        select_model(**kwargs)
