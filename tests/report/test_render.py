"""The report page without a browser: complete, self-contained, escaped, grows with the registry."""
import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from dlspec.experiments import REGISTRY, Experiment, all_experiments, load_all
from dlspec.io import write_json
from dlspec.report import COURSES, load_results, render_report, write_report


def _page(folder):
    return write_report(folder).read_text()


def _section(page, name):
    match = re.search(rf"<section class='experiment' id='{re.escape(name)}'.*?</section>", page, re.S)
    assert match, f"no section for {name}"
    return match.group(0)


def test_every_registered_experiment_and_every_course_has_a_section(fake_results):
    page = _page(fake_results)
    for exp in all_experiments():
        assert html.escape(exp.title) in _section(page, exp.name)   # the page escapes quotes
    for course, title in COURSES.items():
        assert f"id='course-{course}'>Course {course}: {title}</h2>" in page


def test_the_page_is_self_contained(fake_results):
    page = _page(fake_results)
    assert re.findall(r"<(script|link|iframe|object|embed)\b", page) == []
    assert "@import" not in page and "url(" not in page
    for src in re.findall(r"\bsrc=['\"]([^'\"]*)", page):
        assert src.startswith("data:image/png;base64,")
    for href in re.findall(r"\bhref=['\"]([^'\"]*)", page):
        assert href.startswith("#") or not re.match(r"[a-z]+:|/", href), href   # relative only
    assert "default-src 'none'" in page     # and the browser is told so


def test_table_puts_ours_beside_the_course_with_the_difference(fake_results):
    section = _section(_page(fake_results), "c1-planar")
    row = re.search(r"<tr><td><code>shallow_network_accuracy</code></td>(.*?)</tr>", section).group(1)
    assert re.findall(r"<td>(.*?)</td>", row)[:2] == ["0.896", "0.905"]
    assert "<td class='agree' title='within 0.05'>-0.00905</td>" in row
    assert "size quick" in section and "seed 3" in section
    assert "dlspec/models/course1.py" in section and "file://" not in section


def test_a_result_far_from_the_course_is_red_and_says_so(fake_results, monkeypatch):
    load_all()
    monkeypatch.setitem(REGISTRY, "c4-signs", replace(
        REGISTRY["c4-signs"], notes={"cnn_test_accuracy": "a `small` CNN, trained briefly"}))
    record = load_results(fake_results)["c4-signs"].record
    record["metrics"]["cnn_test_accuracy"] = 0.425
    write_json(fake_results / "c4-signs" / "metrics.json", record)
    section = _section(_page(fake_results), "c4-signs")
    row = re.search(r"<tr><td><code>cnn_test_accuracy</code></td>(.*?)</tr>", section).group(1)
    assert "<td class='off'>-0.355<br><span class='why'>out of tolerance (&plusmn;0.05)" in row
    assert "status-off" in section and "off the course</span>" in section
    assert "<li><code>cnn_test_accuracy</code>: a <code>small</code> CNN, trained briefly</li>" in section
    assert "`" not in re.sub(r"<pre>.*?</pre>", "", section, flags=re.S)


def test_text_results_agree_only_when_equal():
    from dlspec.report.tables import _diff, off_the_course
    assert _diff("wpzz\\n", "wpzz\\n", 1e-8) == "<td class='agree'>same</td>"
    assert _diff("wpza\\n", "wpzz\\n", 1e-8) == "<td class='off'>differs</td>"
    assert off_the_course({"s": "a", "x": 1.0}, {"s": "b", "x": 1.0}) == ["s"]


def test_replayed_numbers_are_held_to_1e_8(fake_results):
    from dlspec.experiments import get
    exp = get("c5-gradients")
    assert exp.tolerance_of("course_c5w1_lstm_forward_a_4_3_6") == 1e-8
    assert get("c1-planar").tolerance_of("course_c1w3_cost_after_9000") == 1e-4


def test_module_links_are_relative_inside_a_checkout_and_absent_outside(fake_results, tmp_path):
    import dlspec
    from dlspec.report.render import _modules
    checkout = Path(dlspec.__file__).parents[2]
    inside = _modules(("dlspec.optim",), page_dir=checkout / "tour")
    assert "href='../src/dlspec/optim.py'" in inside
    outside = _modules(("dlspec.optim",), page_dir=tmp_path)
    assert "href" not in outside and "dlspec/optim.py" in outside


def test_failed_experiment_shows_its_error_escaped(fake_results):
    section = _section(_page(fake_results), all_experiments()[0].name)
    assert "data-status='failed'" in section
    assert "cost diverged at epoch 3 &lt;check the learning rate&gt;" in section
    assert "<check" not in section
    assert "traceback" in section


def test_experiment_without_results_says_how_to_run_it(fake_results):
    import shutil
    name = all_experiments()[-1].name
    shutil.rmtree(fake_results / name)
    section = _section(_page(fake_results), name)
    assert "data-status='notrun'" in section
    assert f"dlspec tour --only {name} --out {fake_results}" in section


def test_a_new_experiment_appears_without_touching_the_report(fake_results, monkeypatch):
    load_all()
    monkeypatch.setitem(REGISTRY, "c2-newcomer", Experiment(
        "c2-newcomer", 2, "A newcomer", "Registered after the report was written.", run=lambda ctx: {},
        reference={"accuracy": 0.9}, modules=("dlspec.optim",)))
    page = _page(fake_results)
    section = _section(page, "c2-newcomer")
    assert "A newcomer" in section and "data-status='notrun'" in section
    assert page.index("id='course-2'") < page.index("id='c2-newcomer'") < page.index("id='course-3'")


def test_results_of_an_unregistered_experiment_are_kept(fake_results, make_record):
    exp = Experiment("c9-retired", 9, "Retired", "Gone from the registry.", run=None, reference={})
    (fake_results / "c9-retired").mkdir()
    write_json(fake_results / "c9-retired" / "metrics.json", make_record(exp, plots=()))
    section = _section(_page(fake_results), "c9-retired")
    assert "not in this version" in section and "Course 9" in _page(fake_results)


@pytest.mark.parametrize("plot, problem", [("absent.png", "is missing"), ("../escape.png", "outside"),
                                           ("notes.txt", "not an image type"), ("fake.png", "not a valid PNG")])
def test_a_plot_that_cannot_be_shown_is_a_note_not_a_broken_image(fake_results, plot, problem):
    name = all_experiments()[-1].name
    (fake_results / name / "fake.png").write_text("not a png")
    (fake_results / "escape.png").write_bytes(b"\x89PNG")
    path = fake_results / name / "metrics.json"
    record = load_results(fake_results)[name].record
    write_json(path, {**record, "plots": [plot]})
    section = _section(_page(fake_results), name)
    assert "<img" not in section and problem in section


def test_render_is_deterministic_given_the_timestamp(fake_results):
    results, exps = load_results(fake_results), all_experiments()
    a = render_report(results, exps, folder="tour", generated="then")
    assert a == render_report(results, exps, folder="tour", generated="then")
    assert "Generated then" in a


def test_reference_only_metrics_and_numbers_that_do_not_subtract(fake_results):
    exp = replace(all_experiments()[-1], reference={"acc": 0.9, "missing": 0.5, "label": 1.0}, targets={})
    record = {"name": exp.name, "status": "ok", "metrics": {"acc": float("nan"), "label": "best"}}
    from dlspec.report import Result
    page = render_report({exp.name: Result(record, fake_results)}, [exp], generated="x")
    rows = dict(re.findall(r"<tr><td><code>(\w+)</code></td>(.*?)</tr>", page))
    assert re.findall(r"<td>(.*?)</td>", rows["acc"]) == ["nan", "0.9", "&ndash;"]
    assert re.findall(r"<td>(.*?)</td>", rows["missing"]) == ["&ndash;", "0.5", "&ndash;"]
    assert re.findall(r"<td>(.*?)</td>", rows["label"]) == ["best", "1", "&ndash;"]


def test_every_text_of_a_saved_figure_is_legible_at_the_page_width(tmp_path):
    """A wide multi-panel figure with small labels is shrunk to the page: its text grows to
    stay >= 10 px there; a narrow figure's text is left alone."""
    from dlspec.experiments.context import Context
    from dlspec.plots import PAGE_PX, make_legible, new_figure
    wide, axes = new_figure(ncols=5, width=3.2, height=3.0)          # 16 inches: shrunk to the page
    for ax in axes:
        ax.plot([0, 1], [1, 0])
        ax.set_title("seven points", fontsize=7)
    narrow, [ax] = new_figure()
    ax.set_title("nine points", fontsize=9)
    ax.plot([0, 1], [1, 0])
    Context(out_dir=tmp_path).save_figure(wide, "wide.png")
    assert make_legible(wide) >= 10 - 1e-9
    assert axes[0].title.get_fontsize() == pytest.approx(10 * 72 / (PAGE_PX / 16))
    assert make_legible(narrow) >= 10 and ax.title.get_fontsize() == 9


def test_targets_have_their_own_column_and_sources_are_shown(fake_results):
    """The course column holds only the course's numbers; a target (an issue's, a paper's)
    sits in its own column with where it comes from, and never makes a card 'off'."""
    exp = replace(all_experiments()[-1], reference={"acc": 0.9}, targets={"em": (0.95, "issue 18's target")},
                  sources={"acc": "C1W3 notebook"})
    record = {"name": exp.name, "status": "ok", "metrics": {"acc": 0.9, "em": 0.5}}
    from dlspec.report import Result
    page = render_report({exp.name: Result(record, fake_results)}, [exp], generated="x")
    assert "<th>other reference (not the course)</th>" in page
    rows = dict(re.findall(r"<tr><td><code>(\w+)</code></td>(.*?)</tr>", page))
    assert "C1W3 notebook" in rows["acc"] and "issue 18" in rows["em"] and "C1W3" not in rows["em"]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows["em"])
    assert cells[1] == "&ndash;" and cells[2] == "&ndash;" and cells[3].startswith("0.95")
    assert "off the course" not in _section(page, exp.name)


def test_exact_checks_agree_only_to_the_printed_digits(fake_results):
    from dlspec.experiments.registry import printed_tolerance
    assert printed_tolerance(1.19e-07) == pytest.approx(5e-10)
    assert printed_tolerance(0.44497696) == pytest.approx(5e-9) and printed_tolerance(9) == 0.5
    exp = replace(all_experiments()[-1], reference={"d": 1.19e-07}, exact=("d",))
    from dlspec.report import Result
    for ours, shown in ((1.1904e-07, "exact"), (1.3e-07, "an exact check")):
        record = {"name": exp.name, "status": "ok", "metrics": {"d": ours}}
        page = render_report({exp.name: Result(record, fake_results)}, [exp], generated="x")
        assert shown in _section(page, exp.name)


def test_exact_names_only_course_numbers():
    from dlspec.experiments.registry import experiment
    with pytest.raises(ValueError, match="exact names"):
        experiment("zz-test", 1, "t", "s", reference={"a": 1}, exact=("b",))(lambda ctx: {})


def test_the_contents_list_counts_the_cards_off_the_course(fake_results):
    record = load_results(fake_results)["c4-signs"].record
    record["metrics"]["cnn_test_accuracy"] = 0.425            # far from the course's 0.78
    write_json(fake_results / "c4-signs" / "metrics.json", record)
    page = _page(fake_results)
    toc = re.search(r"<nav class='toc'>.*?</nav>", page, re.S).group(0)
    assert re.search(r"<a href='#c4-signs'>c4-signs</a> .*?1 off the course</span>", toc)
    n = int(re.search(r"toc-off'>(\d+) experiment", toc).group(1))
    cards = len(re.findall(r"<h3>.*?status-off", page))
    assert n == cards >= 1
