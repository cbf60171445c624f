"""What a notebook's code cells call besides the library: figures inline, whole runs inline.

Plain Python outside Jupyter: ``show`` then returns the figure and ``run`` prints the
table, so a notebook's code also runs as a script.
"""
from __future__ import annotations

from pathlib import Path

from .verdict import compare


def _display(obj):
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return False
    if get_ipython() is None:
        return False
    display(obj)
    return True


def display(obj):
    """IPython's ``display`` in Jupyter (a table, a figure...); ``print`` elsewhere."""
    if not _display(obj):
        print(repr(obj))


def show(fig, dpi=90):
    """Show a matplotlib ``Figure`` (dlspec's plots use no pyplot) as a PNG in the notebook."""
    import io
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    from IPython.display import Image
    if not _display(Image(data=buffer.getvalue(), format="png")):
        return fig
    return None


def run(name, size="quick", seed=0, hparams=None, out="runs"):
    """Run experiment ``name`` (``dlspec run NAME``) and show its plots and sounds inline.

    Returns the comparison of its metrics with the course's numbers (a table in Jupyter).
    The run's files stay in ``OUT/NAME`` (``metrics.json``, the PNGs), as from the CLI.
    """
    from ..experiments.runner import run_experiment
    record = run_experiment(name, size=size, seed=seed, out=out, verbose=0,
                            hparams=dict(hparams or {}), echo=False)
    folder = Path(out) / name
    try:
        from IPython.display import Audio, Image
    except ImportError:
        Audio = Image = None
    if Image is not None:
        for png in record["plots"]:
            _display(Image(filename=str(folder / png)))
        for wav in record["audio"]:
            _display(Audio(filename=str(folder / wav)))
    print(f"{name} ran at {size} size in {record['seconds']} s; files in {folder}")
    return compare(record["metrics"], name)


__all__ = ["compare", "display", "run", "show"]
