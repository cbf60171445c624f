"""An executed notebook as one HTML page that works offline.

nbconvert's HTML exporter loads MathJax 2 and require.js from a CDN by default. Here MathJax
is MathJax 3's ``tex-svg.js`` from the ``django-static-mathjax`` package (plain static files,
no Django needed): SVG output draws every glyph as a path, so no web font has to load, which
a page opened from a file could not do (fonts from ``file:`` URLs are blocked as cross-origin).
require.js, needed only for widgets, is left out: the page makes no network request.
"""
from __future__ import annotations

import re
from pathlib import Path

# MathJax 3's configuration, in place of nbconvert's MathJax 2 one (which calls MathJax.Hub).
CONFIG = """<script>
window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
                        displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true},
                  svg: {fontCache: 'global'}};
</script>
"""


def local_mathjax_url() -> str:
    """``file:`` URL of MathJax 3's ``tex-svg.js`` from the ``django-static-mathjax`` package."""
    try:
        import mathjax
    except ImportError:
        raise ImportError("rendering a notebook offline needs MathJax from the django-static-mathjax "
                          "package: pip install -e '.[notebook]'") from None
    script = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" / "tex-svg.js"
    if not script.is_file():
        raise ImportError(f"the installed 'mathjax' package has no {script}: "
                          "pip install django-static-mathjax (pip install -e '.[notebook]')")
    return script.resolve().as_uri()


def render_html(notebook_path, out=None) -> Path:
    """Write ``notebook_path`` as HTML (beside it unless ``out``); return the page's path."""
    import nbformat
    from nbconvert import HTMLExporter
    path = Path(notebook_path)
    nb = nbformat.read(path, as_version=4)
    url = local_mathjax_url()
    exporter = HTMLExporter(mathjax_url=url, require_js_url="")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    body = body.replace('<script src=""></script>', "")     # no require.js: no widgets here
    body, found = re.subn(r"<!-- MathJax configuration -->.*?<!-- End of mathjax configuration -->",
                          "", body, count=1, flags=re.S)
    if not found or body.count(f'<script src="{url}">') != 1:
        raise RuntimeError("nbconvert's HTML template changed: its MathJax block was not found")
    body = body.replace(f'<script src="{url}">', CONFIG + f'<script src="{url}">', 1)
    out = Path(out) if out else path.with_suffix(".html")
    out.write_text(body, encoding="utf-8")
    return out
