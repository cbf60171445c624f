"""The tour: selection with --only, failures recorded while the tour goes on."""
import json
import time

import pytest

from dlspec.experiments import REGISTRY, Experiment, all_experiments, load_all
from dlspec.experiments.tour import run_tour, select, summary_line


def _fine(ctx):
    from dlspec import plots
    fig, axes = plots.new_figure(width=2, height=2)
    axes[0].plot([ctx.seed, 1])
    ctx.save_figure(fig, "line.png")
    return {"accuracy": 0.75, "size_is_quick": float(ctx.quick)}


def _boom(ctx):
    from dlspec import plots
    fig, _ = plots.new_figure(width=2, height=2)
    ctx.save_figure(fig, "before_the_crash.png")
    raise FloatingPointError("cost is nan at epoch 7")


@pytest.fixture
def toy_registry(monkeypatch):
    """Two fast experiments of a course 9: one that works and one that fails."""
    load_all()
    for name, run in (("c9-boom", _boom), ("c9-fine", _fine)):
        monkeypatch.setitem(REGISTRY, name, Experiment(name, 9, name, "A toy.", run, {"accuracy": 0.8}))


def test_select_everything_by_default():
    assert select(None) == all_experiments() == select("")
    with pytest.raises(ValueError, match="names no experiment"):
        select(" , ")          # issue 16: `tour --only ,` ran everything


def test_select_by_course_and_name_in_course_order(toy_registry):
    c1 = [e.name for e in all_experiments() if e.course == 1]
    assert [e.name for e in select("c1")] == c1 == [e.name for e in select(["1"])]
    assert [e.name for e in select("c9-fine, c1-planar,c9-fine")] == ["c1-planar", "c9-fine"]
    assert [e.name for e in select("C9")] == ["c9-boom", "c9-fine"]


@pytest.mark.parametrize("only", ["c1,nope", "c7", "c1-plan"])
def test_unknown_names_list_the_known_ones(only):
    with pytest.raises(ValueError, match="unknown course or experiment") as exc:
        select(only)
    assert "Known courses: c1" in str(exc.value) and "c1-planar" in str(exc.value)


def test_a_failure_is_recorded_and_the_tour_goes_on(toy_registry, tmp_path):
    seen = []
    records = run_tour(only="c9", out=tmp_path, seed=4, verbose=0, on_result=seen.append)
    assert [r["name"] for r in records] == [r["name"] for r in seen] == ["c9-boom", "c9-fine"]
    boom, fine = (json.loads((tmp_path / n / "metrics.json").read_text()) for n in ("c9-boom", "c9-fine"))
    assert boom["status"] == "failed" and boom["metrics"] == {}
    assert boom["error"] == "FloatingPointError: cost is nan at epoch 7"
    assert "Traceback" in boom["traceback"] and "_boom" in boom["traceback"]
    assert boom["plots"] == ["before_the_crash.png"] and boom["seed"] == 4
    assert fine["status"] == "ok" and fine["metrics"] == {"accuracy": 0.75, "size_is_quick": 1.0}
    assert summary_line(records).startswith("2 experiments: 1 ok, 1 failed (c9-boom)")


def test_a_failed_record_does_not_claim_plots_from_an_earlier_run(toy_registry, tmp_path):
    old = tmp_path / "c9-boom" / "old.png"
    old.parent.mkdir()
    old.write_bytes(b"\x89PNG")
    earlier = time.time() - 3600
    import os
    os.utime(old, (earlier, earlier))
    [record] = run_tour(only="c9-boom", out=tmp_path, verbose=0)
    assert record["plots"] == ["before_the_crash.png"]


def test_bad_size(toy_registry, tmp_path):
    with pytest.raises(ValueError, match="size must be one of"):
        run_tour(only="c9-fine", size="medium", out=tmp_path)


def test_keyboard_interrupt_stops_the_tour(monkeypatch, tmp_path):
    load_all()

    def interrupted(ctx):
        raise KeyboardInterrupt
    monkeypatch.setitem(REGISTRY, "c9-stop", Experiment("c9-stop", 9, "stop", "s", interrupted))
    with pytest.raises(KeyboardInterrupt):
        run_tour(only="c9-stop", out=tmp_path, verbose=0)
