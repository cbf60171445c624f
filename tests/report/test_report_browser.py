"""The report in a real browser (headless Chromium): it loads cleanly, offline, complete.

Screenshots go to test-artifacts/ (or $DLSPEC_TEST_ARTIFACTS).
"""
import pytest

from dlspec.plots import PAGE_PX

from dlspec.experiments import all_experiments
from dlspec.io import write_json
from dlspec.report import load_results, write_report


def _assert_clean(found):
    assert found["console_errors"] == []
    assert found["network"] == []
    assert found["images"], "the page shows the plots"
    assert [img for img in found["images"] if not img["decoded"]] == []
    assert {img["scheme"] for img in found["images"]} == {"data"}


def test_fake_report_loads_offline_with_every_experiment_and_image(browser, fake_results):
    page = write_report(fake_results)
    found = browser.open(page, screenshot="report-fake.png")
    _assert_clean(found)
    names = [exp.name for exp in all_experiments()]
    assert [s["id"] for s in found["sections"]] == names
    assert len(found["images"]) == len(names)
    assert found["sections"][0]["status"] == "failed"
    assert {s["status"] for s in found["sections"][1:]} <= {"ok"}


def test_real_tour_report_in_the_browser(browser, tmp_path):
    from dlspec.experiments.tour import run_tour
    out = tmp_path / "tour"
    [record] = run_tour(only="c1-planar", out=out, verbose=0)
    assert record["status"] == "ok"
    found = browser.open(write_report(out), screenshot="report-c1-planar.png")
    _assert_clean(found)
    status = {s["id"]: s["status"] for s in found["sections"]}
    assert status.pop("c1-planar") == "ok"
    assert set(status.values()) <= {"notrun"}          # every other experiment: a section saying how to run it
    assert set(status) == {e.name for e in all_experiments()} - {"c1-planar"}
    assert len(found["images"]) == len(record["plots"])


def test_the_browser_checks_can_fail(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><head><title>bad</title></head><body>"
                    "<img src='http://127.0.0.1:9/remote.png' alt='remote'>"
                    "<img src='data:image/png;base64,iVBORw0KGgoAAAA' alt='corrupt'>"
                    "<script>console.error('boom')</script></body></html>")
    found = browser.open(page)
    assert "http://127.0.0.1:9/remote.png" in found["network"]
    assert any("boom" in msg for msg in found["console_errors"])
    assert [img["decoded"] for img in found["images"]] == [False, False]
    assert found["sections"] == []


def test_audio_players_load_from_data_uris(browser, fake_results):
    import json

    import numpy as np

    from dlspec.audio import wav_bytes
    folder = fake_results / "c5-trigger-word"
    (folder / "clip.wav").write_bytes(wav_bytes(0.3 * np.sin(np.arange(8000) / 3), 8000))   # 1 s
    (folder / "broken.wav").write_bytes(b"RIFF not really a wav")
    record = json.loads((folder / "metrics.json").read_text())
    record["audio"] = ["clip.wav", "broken.wav"]
    (folder / "metrics.json").write_text(json.dumps(record))
    found = browser.open(write_report(fake_results), screenshot="report-audio.png")
    assert found["network"] == [] and found["console_errors"] == []
    assert [a["scheme"] for a in found["audio"]] == ["data", "data"]
    assert found["audio"][0]["loaded"] and abs(found["audio"][0]["duration"] - 1.0) < 0.01
    assert not found["audio"][1]["loaded"]          # the browser really decodes what it is given


def test_real_audio_experiment_plays_in_the_browser(browser, tmp_path):
    from dlspec.experiments.tour import run_tour
    out = tmp_path / "tour"
    [record] = run_tour(only="c5-jazz", out=out, verbose=0)
    assert record["status"] == "ok", record.get("error")
    found = browser.open(write_report(out), screenshot="report-c5-jazz.png")
    _assert_clean(found)
    assert len(found["audio"]) == 1 and found["audio"][0]["scheme"] == "data"
    assert found["audio"][0]["loaded"] and found["audio"][0]["duration"] > 10


@pytest.mark.parametrize("width", [1400, 420])
def test_no_horizontal_scroll_at_desktop_and_phone_widths(browser, fake_results, width):
    record = load_results(fake_results)["c4-signs"].record
    record["metrics"]["cnn_test_accuracy"] = 0.425          # a red, out-of-tolerance cell
    write_json(fake_results / "c4-signs" / "metrics.json", record)
    _wide_figure(fake_results / "c2-optimizers")
    found = browser.open(write_report(fake_results), screenshot=f"report-{width}px.png", width=width)
    _assert_clean(found)
    assert found["overflow"] <= 0, f"the page scrolls sideways by {found['overflow']} px at {width} px"
    [wide] = [img for img in found["images"] if img["alt"] == "four panels"]
    # Its smallest text shows at >= 10 px: at its legible width, in a box that scrolls on a phone.
    assert 420 < wide["legible"] <= wide["shown"] <= PAGE_PX
    for img in found["images"]:        # every figure whole: drawn no wider than its box
        if width == 1400:
            assert img["shown"] <= img["box"] + 0.5, f"{img['alt']} is cut: {img['shown']} px in a {img['box']} px box"
            assert img["box"] >= PAGE_PX, f"the figure box is {img['box']} px, narrower than PAGE_PX"


def _wide_figure(folder):
    """A four-panel figure saved as experiments save theirs (text raised to 10 px at PAGE_PX)."""
    import json

    from dlspec.experiments.context import Context
    from dlspec.plots import new_figure
    fig, axes = new_figure(ncols=4, width=4, height=3)
    for ax in axes:
        ax.plot([0, 1], [1, 0])
        ax.set_xlabel("iteration")
    Context(out_dir=folder).save_figure(fig, "four_panels.png")
    record = json.loads((folder / "metrics.json").read_text())
    record["plots"] = record["plots"] + ["four_panels.png"]
    (folder / "metrics.json").write_text(json.dumps(record))
