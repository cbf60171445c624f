"""Notebook tests: executing a notebook needs nbformat, nbclient and ipykernel (the test extra).

``executed(name)`` writes and runs one notebook once per session (the execution test and the
browser test share the run).
"""
import os
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="session")
def kernel_env():
    """The environment of the notebooks' kernels: this checkout's dlspec first on the path."""
    for module in ("nbformat", "nbclient", "ipykernel"):
        pytest.importorskip(module)
    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


@pytest.fixture(scope="session")
def executed(tmp_path_factory, kernel_env):
    """``executed(name) -> (path, notebook)``: the notebook written and run (cached)."""
    from dlspec.notebooks import execute_notebook, write_notebooks
    done = {}

    def run(name):
        if name not in done:
            folder = tmp_path_factory.mktemp(name)
            [path] = write_notebooks([name], folder, folder=False)
            done[name] = (path, execute_notebook(path, env=kernel_env))
        return done[name]
    return run
