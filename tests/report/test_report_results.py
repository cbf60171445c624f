"""Reading stored results: clear errors that name the folder or the file."""
import json

import pytest

from dlspec.report import load_results


def test_loads_every_result_with_its_folder(fake_results):
    from dlspec.experiments import all_experiments
    results = load_results(fake_results)
    assert set(results) == {e.name for e in all_experiments()}
    for name, result in results.items():
        assert result.folder == fake_results / name and result.record["name"] == name


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nowhere is not a folder.*dlspec tour --out"):
        load_results(tmp_path / "nowhere")


def test_folder_without_results(tmp_path):
    (tmp_path / "c1-planar").mkdir()
    with pytest.raises(ValueError, match=r"No results in .*metrics.json.*dlspec tour --out"):
        load_results(tmp_path)


def test_corrupt_metrics_json_is_named(fake_results):
    path = fake_results / "c1-planar" / "metrics.json"
    path.write_text(path.read_text()[:40])          # truncated, as by a crash
    with pytest.raises(ValueError, match=r"c1-planar/metrics.json is not valid JSON"):
        load_results(fake_results)


@pytest.mark.parametrize("content, message", [
    ([1, 2], "expected a JSON object, got a JSON list"),
    ({"name": "x", "status": "ok"}, "missing key\\(s\\) 'metrics'"),
    ({"name": "x", "status": "done", "metrics": {}}, "'status' should be one of"),
    ({"name": "x", "status": "ok", "metrics": {}, "plots": "a.png"}, "'plots' should be a list"),
    ({"name": "x", "status": "ok", "metrics": {}, "seconds": "fast"}, "'seconds' should be a number"),
])
def test_metrics_json_that_is_not_a_results_record_is_named(fake_results, content, message):
    path = fake_results / "c1-planar" / "metrics.json"
    path.write_text(json.dumps(content))
    with pytest.raises(ValueError, match=message) as exc:
        load_results(fake_results)
    assert str(path) in str(exc.value) and "re-run" in str(exc.value)


def test_two_results_for_one_experiment(fake_results):
    import shutil
    shutil.copytree(fake_results / "c1-planar", fake_results / "copy-of-planar")
    with pytest.raises(ValueError, match="Two results for experiment 'c1-planar'"):
        load_results(fake_results)
