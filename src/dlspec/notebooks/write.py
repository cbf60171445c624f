"""Write notebooks to a folder, never over one the user has not said may go; run them.

``dlspec notebook NAME`` and ``dlspec notebook --all --out DIR`` call ``write_notebooks``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .build import notebook_bytes
from .spec import NOTEBOOKS

_loaded = False


def load_specs():
    """Import the course modules that register the notebooks (once)."""
    global _loaded
    if not _loaded:
        _loaded = True
        import importlib
        import pkgutil
        from .. import notebooks
        for info in pkgutil.iter_modules(notebooks.__path__):
            if info.name.startswith("course"):
                importlib.import_module(f"{notebooks.__name__}.{info.name}")


def notebook_names() -> list:
    """The experiments that stand for an assignment and have a notebook, in the course's
    order: by course, then by the week in the assignment's title, then as registered."""
    import re

    from ..experiments import get
    load_specs()

    def order(name):
        week = re.search(r"weeks? (\d)", NOTEBOOKS[name].assignment)
        return get(name).course, int(week.group(1)) if week else 0
    return sorted(NOTEBOOKS, key=order)


def get_spec(name):
    load_specs()
    if name not in NOTEBOOKS:
        from ..experiments import REGISTRY, load_all
        load_all()
        why = ("it is an experiment of its own, not one of the course's assignments"
               if name in REGISTRY else "no such experiment")
        raise ValueError(f"No notebook for {name!r} ({why}). Notebooks: {', '.join(notebook_names())}.")
    return NOTEBOOKS[name]


def write_notebooks(names, out, seed=0, force=False, execute=False, folder=True, timeout=900) -> list:
    """Write ``OUT/NAME.ipynb`` for each name; with ``execute``, run each and keep the
    executed notebook. With ``folder`` (``--all``) OUT is the notebooks' own folder: one that
    exists and is not empty is refused unless ``force``, which replaces it (only when it holds
    nothing but notebooks and their runs). Otherwise an existing notebook of the same name is
    refused unless ``force``, which writes over that file alone."""
    specs = [get_spec(name) for name in names]
    out = Path(out)
    if folder:
        _make_room(out, force)
    else:
        _check_files(out, [f"{spec.experiment}.ipynb" for spec in specs], force)
    paths = []
    for spec in specs:
        path = out / f"{spec.experiment}.ipynb"
        path.write_bytes(notebook_bytes(spec, seed))
        paths.append(path)
    if execute:
        for path in paths:
            execute_notebook(path, timeout=timeout)
    return paths


def execute_notebook(path, timeout=900, env=None):
    """Run every cell of ``path`` on a fresh ipykernel (in its folder); save the outputs.

    Raises RuntimeError naming the notebook and the failing cell's error; the notebook is
    saved with the outputs it got, so the error shows in it too."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(**({"env": env} if env else {}))
    except CellExecutionError as exc:
        raise RuntimeError(f"{path.name}: a cell failed:\n{exc}") from None
    finally:
        nbformat.write(nb, path)
    return nb


def _check_files(out: Path, filenames, force: bool):
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file; give a folder for the notebooks.")
    existing = [out / f for f in filenames if (out / f).exists()]
    if existing and not force:
        raise ValueError(f"{existing[0]} already exists; it is not written over. Give another "
                         "--out, or --force to replace it.")
    out.mkdir(parents=True, exist_ok=True)


def _make_room(out: Path, force: bool):
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file; give a folder for the notebooks.")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ValueError(f"{out} already exists and is not empty; the notebooks are not written "
                             "over it. Give another --out, or --force to replace it.")
        foreign = [p for p in out.rglob("*") if p.is_file() and p.suffix not in (".ipynb", ".html")
                   and (out / "runs") not in p.parents]
        if foreign:
            raise ValueError(f"--force replaces {out} only when it holds notebooks and their runs; "
                             f"it also holds {foreign[0]}. Give another --out.")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def tour_notebooks(out, names, seed=0) -> list:
    """The tour's notebooks: ``OUT/notebooks/NAME.ipynb`` for each of ``names`` that has one
    (the report links them). They belong to the tour's folder, so a new tour rewrites them.
    Without nbformat (``pip install -e '.[notebook]'``) none is written and the report shows
    the command instead."""
    try:
        import nbformat  # noqa: F401
    except ImportError:
        return []
    names = [name for name in names if name in notebook_names()]
    if not names:
        return []
    return write_notebooks(names, Path(out) / "notebooks", seed=seed, force=True, folder=False)
