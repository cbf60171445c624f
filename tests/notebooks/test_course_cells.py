"""course_cell: each value a course notebook printed, beside ours, with a verdict."""
import pytest

from dlspec.notebooks.inventory import course_cell
from dlspec.notebooks.verdict import UNEXPLAINED


def test_a_replayed_cell_matches_every_printed_value():
    table = course_cell("c1w3.29")
    assert [r.metric for r in table.rows] == ["Z1", "A1", "Z2", "A2"]
    assert all(r.verdict.startswith("same as the course") for r in table.rows)


def test_several_cells_name_the_function_of_each_row():
    table = course_cell("c1w3.20", "c1w3.33")
    assert table.rows[0].metric == "layer_sizes: The size of the input layer is"
    assert table.rows[-1].metric == "compute_cost: cost"


def test_a_row_that_differs_says_why():
    [row] = [r for r in course_cell("c2w2.32").rows if r.verdict.startswith("differs")]
    assert "differs, and why: " in row.verdict and len(row.verdict) > 30


def test_a_wrong_replay_is_unexplained(monkeypatch):
    from dlspec.experiments import course_replays_course
    monkeypatch.setitem(course_replays_course.REPLAYS, "c1w3.33", lambda: {"cost": 0.7})
    [row] = course_cell("c1w3.33").rows
    assert row.verdict == UNEXPLAINED


def test_an_unknown_cell_lists_some_cells():
    with pytest.raises(ValueError, match="no cell 'c9w9.1'.*c1w"):
        course_cell("c9w9.1")
