"""The tour's report links each experiment that stands for an assignment to its notebook."""
import re

import pytest

pytest.importorskip("nbformat")


def _section(page, name):
    return re.search(rf"<section class='experiment' id='{name}'.*?</section>", page, re.S).group(0)


def test_tour_writes_the_notebooks_and_the_report_links_them(tmp_path):
    from dlspec.cli import main
    out = tmp_path / "tour"
    assert main(["tour", "--only", "c2-gradcheck", "--out", str(out), "--quiet"]) == 0
    assert (out / "notebooks" / "c2-gradcheck.ipynb").is_file()
    page = (out / "index.html").read_text()
    assert "href='notebooks/c2-gradcheck.ipynb'" in _section(page, "c2-gradcheck")
    assert "<code>dlspec notebook c1-planar</code>" in _section(page, "c1-planar")   # not run: the command
    assert "Jupyter" not in _section(page, "c1-activations")                           # no assignment
    assert main(["tour", "--only", "c2-gradcheck", "--out", str(out), "--quiet"]) == 0   # a rerun rewrites them
