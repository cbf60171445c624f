"""Notebook tests: executing a notebook needs nbformat, nbclient and ipykernel (the test extra)."""
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
