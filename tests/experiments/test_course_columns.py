"""The "course" column holds only the course's printed numbers, each with the notebook it is
printed in; targets and other references sit in their own column (issue 28, item 6)."""
import pytest

from dlspec.experiments import all_experiments, get
from dlspec.experiments.registry import printed_tolerance


def test_every_course_number_names_its_notebook():
    """Its own source, the card's "*", or (course_<id> of dlspec/course/inventory.csv) the
    inventory row, whose notebook and cell the card's note names."""
    from dlspec.experiments import course_inventory
    inventory = {f"course_{row['id']}" for row in course_inventory.rows()}
    for exp in all_experiments():
        for metric in exp.reference:
            assert metric in exp.sources or "*" in exp.sources or metric in inventory, \
                f"{exp.name}: {metric} has no source"


@pytest.mark.parametrize("name, metric", [
    ("c5-translation", "test_exact_match"), ("c5-transformer", "test_exact_match"),
    ("c5-word-vectors", "analogy_ratio_vs_gensim"), ("c5-word-vectors", "wordsim_ratio_vs_gensim"),
    ("c4-lenet", "test_accuracy"), ("c2-gradcheck", "difference_correct")])
def test_issue_targets_and_papers_are_not_course_numbers(name, metric):
    exp = get(name)
    assert metric not in exp.reference and metric in exp.targets
    assert exp.targets[metric][1]                       # says where it comes from


def test_no_invented_or_self_compared_numbers():
    assert get("c5-emojify").reference["v2_test_accuracy"] == 0.928571428571   # printed, not 0.875
    assert "uniform_perplexity" not in get("c5-gpt").reference


def test_exact_checks_are_held_to_the_printed_digits():
    conv = get("c4-conv-step")
    assert len(conv.exact) == 10
    assert conv.tolerance_of("conv_single_step_Z") == pytest.approx(5e-12)
    assert conv.tolerance_of("max_pool_A_1_1_0_0") == printed_tolerance(1.96710175) == pytest.approx(5e-9)


def test_style_replays_the_notebooks_total_cost_exactly():
    from dlspec.experiments.c4_style import _course_total_cost
    exp = get("c4-style")
    assert abs(_course_total_cost() - exp.reference["course_total_cost"]) <= exp.tolerance_of("course_total_cost")


def test_transfer_counts_the_course_networks_exactly():
    from dlspec.experiments.c4_transfer import _course_parameters
    exp = get("c4-transfer")
    for metric, value in _course_parameters().items():
        assert metric in exp.exact and value == exp.reference[metric]
