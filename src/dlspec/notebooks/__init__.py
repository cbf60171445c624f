"""Every assignment as a Jupyter notebook: specs as data, built with nbformat, run with nbclient.

``spec.py`` says what a notebook is (the assignment's steps); ``course1.py`` ... ``course5.py``
hold one spec per assignment; ``build.py`` makes the ``.ipynb``; ``write.py`` writes and runs
them; ``render.py`` makes an offline HTML page; ``inline.py`` and ``verdict.py`` are what the
notebooks' cells call. nbformat, nbclient and nbconvert are imported only when used.
"""
from __future__ import annotations

from .build import build_notebook, notebook_bytes
from .spec import NOTEBOOKS, Notebook, Step, notebook
from .verdict import UNEXPLAINED, compare
from .write import execute_notebook, get_spec, notebook_names, write_notebooks

__all__ = ["NOTEBOOKS", "Notebook", "Step", "notebook", "build_notebook", "notebook_bytes",
           "compare", "UNEXPLAINED", "execute_notebook", "get_spec", "notebook_names",
           "write_notebooks"]
