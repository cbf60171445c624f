"""The notebooks as files: valid, deterministic, one per assignment, written with care."""
import json

import pytest

from dlspec.notebooks import NOTEBOOKS, build_notebook, get_spec, notebook_bytes, notebook_names, write_notebooks
from dlspec.notebooks.spec import Notebook, Step

nbformat = pytest.importorskip("nbformat")


@pytest.mark.parametrize("name", notebook_names())
def test_each_notebook_is_valid_and_byte_identical_when_built_twice(name):
    spec = get_spec(name)
    first, second = notebook_bytes(spec, seed=3), notebook_bytes(spec, seed=3)
    assert first == second
    nb = nbformat.reads(first.decode(), as_version=4)
    nbformat.validate(nb)
    ids = [cell["id"] for cell in nb.cells]
    assert len(set(ids)) == len(ids)
    assert nb.metadata["dlspec"] == {"experiment": name, "course": nb.metadata["dlspec"]["course"], "seed": 3}
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].startswith('SIZE = "quick"') and "SEED = 3" in code[0]
    assert any("$$" in cell.source for cell in nb.cells if cell.cell_type == "markdown"), \
        "every notebook shows at least one of the course's equations"
    assert len(code) >= 1 + len(spec.steps) // 2


def test_cell_ids_come_from_the_content():
    spec = Notebook("c1-planar", "A", (Step("one", "text", code="x = 1"), Step("two", "text", code="x = 1")))
    nb = build_notebook(spec)
    ids = [cell["id"] for cell in nb.cells]
    assert len(set(ids)) == len(ids)                          # the same code twice: two ids
    changed = build_notebook(Notebook("c1-planar", "A", (Step("one", "other text", code="x = 1"),
                                                         Step("two", "text", code="x = 1"))))
    differ = [a for a, b in zip(ids, [c["id"] for c in changed.cells]) if a != b]
    assert len(differ) == 1                                   # only the edited cell's id moved


def test_the_seed_is_the_only_difference_between_seeds():
    spec = get_spec("c1-planar")
    a = notebook_bytes(spec, seed=0).decode().splitlines()
    b = notebook_bytes(spec, seed=7).decode().splitlines()
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    assert len(a) == len(b) and changed
    seeds = [(x, y) for x, y in changed if '"id":' not in x]      # the setup cell's id follows its text
    assert len(seeds) == 2 and all("0" in x and "7" in y for x, y in seeds)     # SEED = and metadata
    assert len(changed) - len(seeds) == 1


def test_an_unknown_name_lists_the_notebooks(tmp_path):
    with pytest.raises(ValueError, match="no such experiment.*c1-planar"):
        write_notebooks(["c1-plnar"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_experiment_that_is_no_assignment_says_so(tmp_path):
    with pytest.raises(ValueError, match="not one of the course's assignments"):
        write_notebooks(["c1-activations"], tmp_path)


def test_an_existing_folder_is_never_silently_overwritten(tmp_path):
    out = tmp_path / "nbs"
    [path] = write_notebooks(["c1-planar"], out)
    path.write_text("my edits")
    with pytest.raises(ValueError, match="already exists.*--force"):
        write_notebooks(["c1-planar"], out)
    assert path.read_text() == "my edits"
    write_notebooks(["c1-planar"], out, force=True)
    assert json.loads(path.read_text())["metadata"]["dlspec"]["experiment"] == "c1-planar"


def test_force_replaces_only_a_folder_of_notebooks(tmp_path):
    out = tmp_path / "nbs"
    write_notebooks(["c1-planar", "c1-deep"], out)
    (out / "old.ipynb").write_text("{}")
    write_notebooks(["c1-planar"], out, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["c1-planar.ipynb"]        # replaced, not merged
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(ValueError, match="thesis.tex"):
        write_notebooks(["c1-planar"], out, force=True)
    assert (out / "thesis.tex").read_text() == "precious"


def test_cli_writes_all_notebooks_and_refuses_a_second_time(tmp_path, capsys):
    from dlspec.cli import main
    out = tmp_path / "all"
    assert main(["notebook", "--all", "--out", str(out)]) == 0
    assert sorted(p.stem for p in out.glob("*.ipynb")) == sorted(notebook_names())
    assert main(["notebook", "--all", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["notebook", "nope", "--out", str(out)]) == 2
    assert "c1-planar" in capsys.readouterr().err
    assert main(["notebook", "--out", str(out)]) == 2


def test_every_notebook_names_a_registered_experiment():
    from dlspec.experiments import REGISTRY, load_all
    load_all()
    notebook_names()
    assert set(NOTEBOOKS) <= set(REGISTRY)


def test_the_docs_list_every_notebook_and_its_assignment():
    import re
    from pathlib import Path
    text = (Path(__file__).resolve().parents[2] / "docs" / "course-map.md").read_text()
    section = text.split("## Notebooks", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M)
    names = notebook_names()
    assert [n for n in listed if n in names] == names                  # every notebook, in order
    from dlspec.experiments import REGISTRY
    pending = [n for n in listed if n not in names]
    assert all(n not in REGISTRY for n in pending)                       # a registered one has its notebook
    assert all("once its experiment is registered" in section.split(f"`{n}`")[1].split("\n")[0]
               for n in pending)
