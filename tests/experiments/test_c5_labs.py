"""Quick-size runs of course 5 week 4's two labs: named entities and question answering."""
import pytest

from test_c5 import _run


def test_c5_ner_tags_held_out_resumes_with_entity_f1_above_0_8(tmp_path):
    m = _run("c5-ner", tmp_path)
    assert m["test_entity_f1"] >= 0.8                       # issue 26's quick-size bar
    assert m["test_entity_precision"] > 0.7 and m["test_entity_recall"] > 0.7
    assert m["f1_Name"] > 0.7 and m["f1_Skills"] > 0.9      # held-out names: from context alone
    assert m["train_token_accuracy"] > 0.95
    assert (tmp_path / "c5-ner" / "ner_example.png").exists()


def test_c5_question_answering_reaches_0_8_exact_match_on_each_task(tmp_path):
    m = _run("c5-question-answering", tmp_path)
    for task in (1, 2):
        assert m[f"test_exact_match_task{task}"] >= 0.8     # issue 26's quick-size bar, per task
        assert m[f"test_f1_task{task}"] >= m[f"test_exact_match_task{task}"]
    assert m["test_stories"] == 600 and m["sequence_length"] < 48
