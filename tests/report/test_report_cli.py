"""``dlspec tour`` and ``dlspec report`` from the command line."""
import pytest

from dlspec.cli import main
from dlspec.experiments import REGISTRY, Experiment, load_all


@pytest.fixture
def toy(monkeypatch):
    load_all()

    def fine(ctx):
        return {"accuracy": 0.7}

    def boom(ctx):
        raise ValueError("bad shape")
    monkeypatch.setitem(REGISTRY, "c9-fine", Experiment("c9-fine", 9, "Fine", "Works.", fine, {"accuracy": 0.8}))
    monkeypatch.setitem(REGISTRY, "c9-boom", Experiment("c9-boom", 9, "Boom", "Fails.", boom))


def test_tour_writes_the_report(toy, tmp_path, capsys):
    out = tmp_path / "tour"
    assert main(["tour", "--only", "c9-fine", "--out", str(out), "--quiet", "--seed", "2"]) == 0
    stdout = capsys.readouterr().out
    assert "1 experiment: 1 ok, 0 failed" in stdout and "index.html" in stdout
    page = (out / "index.html").read_text()
    assert "id='c9-fine' data-status='ok'" in page and "seed 2" in page


def test_tour_with_a_failure_exits_1_and_shows_it(toy, tmp_path, capsys):
    out = tmp_path / "tour"
    assert main(["tour", "--only", "c9", "--out", str(out), "--quiet"]) == 1
    stdout = capsys.readouterr().out
    assert "1 failed (c9-boom)" in stdout and "c9-boom failed: ValueError: bad shape" in stdout
    page = (out / "index.html").read_text()
    assert "id='c9-boom' data-status='failed'" in page and "ValueError: bad shape" in page


def test_tour_unknown_only_lists_the_known_names(tmp_path, capsys):
    assert main(["tour", "--only", "c1,c1-nothing", "--out", str(tmp_path / "t")]) == 2
    err = capsys.readouterr().err
    assert "'c1-nothing'" in err and "c1-planar" in err
    assert not (tmp_path / "t").exists()          # nothing ran


def test_report_rerenders_without_training(fake_results, capsys):
    assert main(["report", str(fake_results)]) == 0
    assert "index.html" in capsys.readouterr().out
    assert "c1-planar" in (fake_results / "index.html").read_text()


def test_report_to_another_file(fake_results, tmp_path):
    assert main(["report", str(fake_results), "--output", str(tmp_path / "page.html")]) == 0
    assert (tmp_path / "page.html").read_text().startswith("<!DOCTYPE html>")


def test_report_on_an_empty_folder(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert f"No results in {tmp_path}" in capsys.readouterr().err


def test_report_on_a_corrupt_metrics_json_names_the_file(fake_results, capsys):
    path = fake_results / "c1-deep" / "metrics.json"
    path.write_text("{\"name\": ")
    assert main(["report", str(fake_results)]) == 2
    assert f"{path} is not valid JSON" in capsys.readouterr().err


def test_interrupted_tour_keeps_a_page_of_what_finished(toy, monkeypatch, tmp_path, capsys):
    def interrupted(ctx):
        raise KeyboardInterrupt
    monkeypatch.setitem(REGISTRY, "c9-zstop", Experiment("c9-zstop", 9, "Stop", "Ctrl-C.", interrupted))
    out = tmp_path / "tour"
    assert main(["tour", "--only", "c9-fine,c9-zstop", "--out", str(out), "--quiet"]) == 130
    assert "interrupted; 1 experiment: 1 ok" in capsys.readouterr().out
    page = (out / "index.html").read_text()
    assert "id='c9-fine' data-status='ok'" in page and "id='c9-zstop' data-status='notrun'" in page
