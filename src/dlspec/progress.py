"""The progress bar: Jupyter's widget in a notebook that has ipywidgets, plain text elsewhere.

``tqdm.auto`` picks the widget in any Jupyter kernel and, when ipywidgets is missing, warns
("IProgress not found") before falling back to text. Here the choice is made first, so a
notebook without ipywidgets gets the text bar and no warning.
"""
from __future__ import annotations

import importlib.util
import sys


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython's ZMQ shell), False in a terminal or a script."""
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def tqdm(*args, **kwargs):
    """``tqdm.tqdm(*args, **kwargs)``, as a notebook widget when it can be one."""
    notebook = in_notebook()
    if notebook and kwargs.get("disable", False) is None:
        kwargs["disable"] = False     # None means "only on a terminal"; a notebook's stream is none
    if notebook and importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.notebook import tqdm as bar
    else:
        from tqdm.std import tqdm as bar
    return bar(*args, **kwargs)
