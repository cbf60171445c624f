"""The progress bar: a widget in a Jupyter kernel with ipywidgets, text elsewhere, no warning."""
import sys
import types
import warnings

import pytest

from dlspec import progress


def test_text_bar_outside_a_notebook():
    bar = progress.tqdm(range(3), disable=True)
    assert type(bar).__module__ == "tqdm.std"


def _fake_kernel(monkeypatch):
    """Pretend to be inside a Jupyter kernel: IPython's get_ipython returns a ZMQ shell."""
    shell = type("ZMQInteractiveShell", (), {})()
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    import IPython
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)


def test_widget_in_a_kernel_with_ipywidgets(monkeypatch):
    pytest.importorskip("IPython")
    pytest.importorskip("ipywidgets")
    _fake_kernel(monkeypatch)
    assert progress.in_notebook()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress.tqdm(range(3), disable=True)    # disabled: no display needed
    assert type(bar).__module__ == "tqdm.notebook"


def test_text_without_ipywidgets_and_without_a_warning(monkeypatch):
    pytest.importorskip("IPython")
    _fake_kernel(monkeypatch)
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ipywidgets" else real(name, *a))
    with warnings.catch_warnings():
        warnings.simplefilter("error")                   # tqdm.auto would warn "IProgress not found"
        bar = progress.tqdm(range(3), disable=None, file=open("/dev/null", "w"))
    assert type(bar).__module__ == "tqdm.std"
    assert bar.disable is False                          # shown in the notebook, not only on a terminal
    bar.close()
