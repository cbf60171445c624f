"""One executed notebook per course, rendered offline (nbconvert HTML, MathJax from an installed
package) and opened in headless Chromium: the equations typeset, the plots decode, no cell shows
an error, and the page asks nothing of the network. Screenshots go to test-artifacts/."""
import importlib.util
import json
from pathlib import Path

import pytest

ONE_PER_COURSE = ["c1-planar", "c2-regularization", "c3-mismatch", "c4-conv-step", "c5-gradients"]

# After MathJax 3 has typeset the page: what rendered, what did not.
INSPECT = """(async () => {
  if (window.MathJax && MathJax.startup) { await MathJax.startup.promise; }
  const images = Array.from(document.images);
  const decoded = await Promise.all(images.map(img => img.decode().then(() => true, () => false)));
  const markdown = Array.from(document.querySelectorAll('.jp-MarkdownOutput'));
  return {
    mathjax: !!(window.MathJax && MathJax.startup),
    typeset: Array.from(document.querySelectorAll('mjx-container svg')).filter(m => {
      const box = m.getBoundingClientRect(); return box.width > 0 && box.height > 0; }).length,
    math_errors: document.querySelectorAll('[data-mjx-error], mjx-merror').length,
    raw_tex: markdown.filter(m => m.innerText.includes('$$') || m.innerText.includes('\\\\frac')).length,
    images: images.map((img, i) => ({scheme: img.src.split(':')[0], decoded: decoded[i] && img.naturalWidth > 0})),
    errors: Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
                 .map(e => e.innerText).filter(t => /Error|Traceback/.test(t)),
    height: document.documentElement.scrollHeight,
  };
})()"""


def _report_browser_module():
    """The report tests' Chromium driver (tests/report/conftest.py), loaded under its own name."""
    path = Path(__file__).resolve().parents[1] / "report" / "conftest.py"
    spec = importlib.util.spec_from_file_location("dlspec_test_report_browser", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def chromium():
    import os
    driver = _report_browser_module()
    executable = driver.find_chromium()
    missing = None
    if executable is None:
        missing = "Chromium is not installed; install it with 'apt-get install chromium' to run the browser tests"
    else:
        try:
            import nbconvert  # noqa: F401
            import websocket  # noqa: F401
        except ImportError as exc:
            missing = f"{exc.name} is not installed; pip install -e '.[test]'"
    if missing:
        if os.environ.get("DLSPEC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"DLSPEC_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    browser = driver.Browser(executable)
    yield driver, browser
    browser.close()


def _inspect(chromium, page, screenshot=None):
    driver, browser = chromium
    target = json.loads(browser._http("PUT", "/json/new?about:blank"))
    tab = driver.Page(target["webSocketDebuggerUrl"])
    try:
        for domain in ("Runtime", "Log", "Network", "Page"):
            tab.send(f"{domain}.enable")
        tab.send("Emulation.setDeviceMetricsOverride", width=1200, height=900, deviceScaleFactor=1, mobile=False)
        tab.send("Page.navigate", url=Path(page).resolve().as_uri())
        tab.wait_for("Page.loadEventFired")
        found = tab.send("Runtime.evaluate", expression=INSPECT, awaitPromise=True,
                         returnByValue=True)["result"]["value"]
        tab.drain()
        if screenshot:
            import base64
            shot = tab.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                            clip={"x": 0, "y": 0, "width": 1200, "scale": 1, "height": min(found["height"], 8000)})
            driver.ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (driver.ARTIFACTS / screenshot).write_bytes(base64.b64decode(shot["data"]))
        found["console_errors"] = driver._console_errors(tab)
        found["network"] = [p["request"]["url"] for p in tab.named("Network.requestWillBeSent")
                            if p["request"]["url"].split(":")[0] not in driver.LOCAL_SCHEMES]
        return found
    finally:
        tab.ws.close()
        browser._http("GET", f"/json/close/{target['id']}")


@pytest.mark.parametrize("name", ONE_PER_COURSE)
def test_rendered_notebook_shows_equations_plots_and_no_error(name, executed, chromium):
    from dlspec.notebooks.render import render_html
    path, nb = executed(name)
    page = render_html(path)
    found = _inspect(chromium, page, screenshot=f"notebook-{name}.png")
    assert found["network"] == [], "the page loads everything offline"
    assert found["console_errors"] == []
    assert found["mathjax"], "MathJax loaded from the installed package"
    equations = sum(cell.source.count("$$") // 2 for cell in nb.cells if cell.cell_type == "markdown")
    assert equations >= 1 and found["typeset"] >= equations
    assert found["math_errors"] == 0 and found["raw_tex"] == 0
    assert found["images"] and all(img["decoded"] and img["scheme"] == "data" for img in found["images"])
    assert found["errors"] == []


def test_the_page_checks_can_fail(chromium, tmp_path):
    """A page whose TeX is broken and whose image is corrupt is caught."""
    from dlspec.notebooks.render import CONFIG, local_mathjax_url
    page = tmp_path / "bad.html"
    page.write_text(f"<!DOCTYPE html><html><head>{CONFIG}<script src='{local_mathjax_url()}'></script></head><body>"
                    "<div class='jp-MarkdownOutput'>$$\\frac{{1}{{2}$$</div>"
                    "<img src='data:image/png;base64,iVBORw0KGgoAAAA'></body></html>")
    found = _inspect(chromium, page)
    assert found["math_errors"] >= 1 or found["raw_tex"] >= 1
    assert [img["decoded"] for img in found["images"]] == [False]
