"""The verdicts beside each replayed number: same, within the printed precision, or why not."""
from dlspec.experiments.registry import Experiment
from dlspec.notebooks.verdict import UNEXPLAINED, Comparison, Row, verdict


def _exp(**kw):
    return Experiment("x", 1, "t", "s", run=None, **kw)


def test_replay_verdicts():
    exp = _exp(reference={"course_a": 0.288083, "course_b": 1.0, "course_c": 2.0},
               tolerance={"course_a": 5e-7}, notes={"course_c": "the course rounds"})
    assert verdict(exp, "course_b", 1.0 + 1e-12) == "same as the course"
    assert verdict(exp, "course_a", 0.2880832936) == "within the printed precision"
    assert verdict(exp, "course_a", 0.2881) == UNEXPLAINED
    assert verdict(exp, "course_b", 1.001) == UNEXPLAINED
    assert verdict(exp, "course_c", 2.5) == "differs, and why: the course rounds"
    assert verdict(exp, "course_d", 1.0) == "no course number"


def test_trained_metrics_are_close_or_explained():
    exp = _exp(reference={"accuracy": 0.9})
    assert verdict(exp, "accuracy", 0.93).startswith("close to the course")
    assert verdict(exp, "accuracy", 0.5).startswith("differs, and why: a training run")


def test_the_table_shows_every_row_in_text_and_html():
    table = Comparison([Row("course_a", 0.5, 0.5, "same as the course"), Row("m", 1, None, UNEXPLAINED)])
    assert table.unexplained == ["m"]
    assert "same as the course" in repr(table) and UNEXPLAINED in repr(table)
    assert table._repr_html_().count("<tr>") == 3


def test_exact_checks_agree_to_the_printed_digits_only():
    exp = _exp(reference={"conv_Z": 0.44497696}, exact=("conv_Z",))
    assert verdict(exp, "conv_Z", 0.4449769645) == "within the printed precision"
    assert verdict(exp, "conv_Z", 0.4449771) == UNEXPLAINED          # off in the printed digits


def test_a_target_is_not_the_course_number():
    exp = _exp(targets={"accuracy": 0.9})
    assert verdict(exp, "accuracy", 0.91) == "no course number (target: 0.9)"


def test_a_number_printed_with_fewer_digits_is_matched_to_those_digits():
    exp = _exp(reference={"course_dby": 0.01538192, "course_a": -1.0})
    assert verdict(exp, "course_dby", 0.01538192232) == "within the printed precision"
    assert verdict(exp, "course_dby", 0.0153820) == UNEXPLAINED
    assert verdict(exp, "course_a", -0.999) == UNEXPLAINED             # a short number is exact
