"""An executed notebook as one HTML page that works offline.

nbconvert's HTML exporter loads MathJax and require.js from a CDN by default. Here MathJax
is the copy that the ``jupyter-server-mathjax`` package installs (MathJax 2.7, a folder of
files loaded by ``file:`` URL), and require.js, needed only for widgets, is left out: the
page makes no network request.
"""
from __future__ import annotations

from pathlib import Path


def local_mathjax_url() -> str:
    """``file:`` URL of the MathJax that ships with ``jupyter-server-mathjax``."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        raise ImportError("rendering a notebook offline needs MathJax from the jupyter-server-mathjax "
                          "package: pip install -e '.[notebook]'") from None
    script = Path(jupyter_server_mathjax.__file__).parent / "static" / "MathJax.js"
    return script.resolve().as_uri() + "?config=TeX-AMS-MML_HTMLorMML-full"


def render_html(notebook_path, out=None) -> Path:
    """Write ``notebook_path`` as HTML (beside it unless ``out``); return the page's path."""
    import nbformat
    from nbconvert import HTMLExporter
    path = Path(notebook_path)
    nb = nbformat.read(path, as_version=4)
    exporter = HTMLExporter(mathjax_url=local_mathjax_url(), require_js_url="")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    body = body.replace('<script src=""></script>', "")     # no require.js: no widgets here
    out = Path(out) if out else path.with_suffix(".html")
    out.write_text(body, encoding="utf-8")
    return out
