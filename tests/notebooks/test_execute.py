"""Every generated notebook runs on a real ipykernel without an error cell, and every
replayed number in it is the course's or says why not. The executed notebooks of one run
per course are also rendered to HTML (test_notebook_browser.py opens them)."""
import pytest

from dlspec.notebooks import UNEXPLAINED, execute_notebook, notebook_names


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.outputs:
                yield cell, out


def _text(out):
    if out.output_type == "stream":
        return out.text
    return "".join(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_executes_and_every_replay_is_explained(name, executed):
    _, nb = executed(name)
    outputs = list(_outputs(nb))
    assert [o for _, o in outputs if o.output_type == "error"] == []
    unexplained = [_text(o) for _, o in outputs if UNEXPLAINED in _text(o)]
    assert unexplained == [], f"a replay differs from the course with no reason given:\n{unexplained}"
    tables = [o for _, o in outputs if "dlspec-compare" in o.get("data", {}).get("text/html", "")]
    assert tables, "the notebook compares its numbers with the course's"
    assert any("image/png" in o.get("data", {}) for _, o in outputs), "the plots show inline"
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code"), "every cell ran"


def test_a_failing_cell_fails_the_run_and_stays_in_the_notebook(tmp_path, kernel_env):
    import nbformat
    from nbformat import v4
    nb = v4.new_notebook(cells=[v4.new_code_cell("x = 1"), v4.new_code_cell("raise ValueError('boom')")],
                         metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(RuntimeError, match="(?s)bad.ipynb.*boom"):
        execute_notebook(path, env=kernel_env)
    saved = nbformat.read(path, as_version=4)
    assert saved.cells[1].outputs[0].output_type == "error"


def test_a_differing_replay_is_caught(tmp_path, kernel_env):
    """The check above can fail: a replay that disagrees with no note shows the marker."""
    import nbformat
    from nbformat import v4
    code = ("from dlspec.notebooks import compare\n"
            "compare({'course_c1w3_cost_after_1000': 0.3}, 'c1-planar')")
    nb = v4.new_notebook(cells=[v4.new_code_cell(code)],
                         metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = tmp_path / "differs.ipynb"
    nbformat.write(nb, path)
    executed = execute_notebook(path, env=kernel_env)
    assert any(UNEXPLAINED in _text(o) for _, o in _outputs(executed))


def test_cli_execute_keeps_the_executed_notebook(tmp_path, kernel_env, monkeypatch, capsys):
    import nbformat

    from dlspec.cli import main
    for key, value in kernel_env.items():
        monkeypatch.setenv(key, value)               # the kernel imports this checkout's dlspec
    assert main(["notebook", "c4-conv-step", "--out", str(tmp_path), "--execute"]) == 0
    assert "wrote and ran 1 notebook" in capsys.readouterr().out
    nb = nbformat.read(tmp_path / "c4-conv-step.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code) and any(c.outputs for c in code)
