"""A headless Chromium for the report tests, driven through the DevTools protocol.

The ``browser`` fixture starts Debian's chromium once per session (skipped, with the
reason, when it is not installed; .ci/run installs it and sets DLSPEC_REQUIRE_BROWSER=1,
which turns that skip into a failure). ``browser.open(path)`` loads a page and returns what
the tests check: console errors, network requests, images and their decoding, audio
players and their loading, sections.
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage",   # containers often have a tiny /dev/shm
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1")
LOCAL_SCHEMES = ("file", "data", "about", "blob", "chrome", "devtools")
ARTIFACTS = Path(os.environ.get("DLSPEC_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))

# Everything the tests need from the page, in one evaluation: every image decoded (or not).
INSPECT = """(async () => {
  const images = Array.from(document.images);
  const decoded = await Promise.all(images.map(img => img.decode().then(() => true, () => false)));
  const audios = Array.from(document.querySelectorAll('audio'));
  const loaded = await Promise.all(audios.map(a => new Promise(resolve => {
    if (a.readyState >= 1) return resolve(true);
    a.addEventListener('loadedmetadata', () => resolve(true), {once: true});
    a.addEventListener('error', () => resolve(false), {once: true});
    setTimeout(() => resolve(a.readyState >= 1), 20000);
  })));
  return {
    audio: audios.map((a, i) => ({scheme: a.src.split(':')[0], duration: a.duration,
                                  loaded: loaded[i] && a.duration > 0})),
    title: document.title,
    height: document.documentElement.scrollHeight,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    images: images.map((img, i) => ({alt: img.alt, scheme: img.src.split(':')[0],
                                     decoded: decoded[i] && img.naturalWidth > 0,
                                     shown: img.getBoundingClientRect().width,
                                     box: img.parentElement.clientWidth,
                                     legible: parseFloat(img.style.minWidth) || 0})),
    sections: Array.from(document.querySelectorAll('section.experiment'))
                   .map(s => ({id: s.id, status: s.dataset.status})),
  };
})()"""


def find_chromium():
    for candidate in (os.environ.get("DLSPEC_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class Page:
    """One tab, over a DevTools websocket: commands in, events collected."""

    def __init__(self, ws_url, timeout=60):
        import websocket
        self.timeout = timeout
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True,
                                              http_no_proxy=["127.0.0.1", "localhost"])
        self.events, self._id = [], 0

    def send(self, method, **params):
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=60):
        deadline = time.monotonic() + timeout
        while not any(ev.get("method") == method for ev in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")
            self.events.append(json.loads(self.ws.recv()))

    def drain(self, quiet=0.3):
        """Collect the events that arrive until none has for ``quiet`` seconds."""
        import websocket
        self.ws.settimeout(quiet)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(self.timeout)

    def named(self, method):
        return [ev["params"] for ev in self.events if ev.get("method") == method]


class Browser:
    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="dlspec-chromium-")   # a fresh --user-data-dir
        self.proc = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{executable} did not start its DevTools server")
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])

    def _http(self, method, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)   # no proxy, ever
        try:
            conn.request(method, path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def open(self, path, screenshot=None, width=1366, height=800):
        """Load ``path``; return console errors, network requests, images, sections."""
        target = json.loads(self._http("PUT", "/json/new?about:blank"))
        page = Page(target["webSocketDebuggerUrl"])
        try:
            for domain in ("Runtime", "Log", "Network", "Page"):
                page.send(f"{domain}.enable")
            page.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                      deviceScaleFactor=1, mobile=False)
            page.send("Page.navigate", url=Path(path).resolve().as_uri())
            page.wait_for("Page.loadEventFired")
            found = page.send("Runtime.evaluate", expression=INSPECT, awaitPromise=True,
                              returnByValue=True)["result"]["value"]
            page.drain()
            if screenshot is not None:
                shot = page.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                 clip={"x": 0, "y": 0, "width": width, "scale": 1,
                                       "height": min(found["height"], 12000)})
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                import base64
                (ARTIFACTS / screenshot).write_bytes(base64.b64decode(shot["data"]))
            found["console_errors"] = _console_errors(page)
            found["network"] = [p["request"]["url"] for p in page.named("Network.requestWillBeSent")
                                if p["request"]["url"].split(":")[0] not in LOCAL_SCHEMES]
            return found
        finally:
            page.ws.close()
            self._http("GET", f"/json/close/{target['id']}")

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def _console_errors(page):
    errors = [" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
              for p in page.named("Runtime.consoleAPICalled") if p["type"] in ("error", "assert")]
    errors += [p["exceptionDetails"].get("exception", {}).get("description", p["exceptionDetails"]["text"])
               for p in page.named("Runtime.exceptionThrown")]
    errors += [f"{p['entry']['source']}: {p['entry']['text']}" for p in page.named("Log.entryAdded")
               if p["entry"]["level"] == "error"]
    return errors


@pytest.fixture(scope="session")
def browser():
    required = os.environ.get("DLSPEC_REQUIRE_BROWSER") == "1"
    missing = None
    executable = find_chromium()
    if executable is None:
        missing = ("Chromium is not installed (looked for $DLSPEC_CHROMIUM, chromium, chromium-browser, "
                   "google-chrome); install it with 'apt-get install chromium' to run the browser tests")
    else:
        try:
            import websocket  # noqa: F401
        except ImportError:
            missing = "websocket-client is not installed; pip install -e '.[test]'"
    if missing:
        if required:
            pytest.fail(f"DLSPEC_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    b = Browser(executable)
    yield b
    b.close()


# --- fake results: a metrics.json and a tiny PNG for every registered experiment -------------

def tiny_png(width=24, height=16, rgb=(31, 95, 168)) -> bytes:
    """A valid PNG of one colour, written with the standard library only."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))   # filter 0 per row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def fake_record(exp, status="ok", plots=("plot.png",)):
    metrics = {k: (v * 0.99 if isinstance(v, float) else v) for k, v in exp.reference.items()}
    metrics["fake_metric"] = 0.5
    record = {"name": exp.name, "course": exp.course, "title": exp.title, "summary": exp.summary,
              "status": status, "size": "quick", "seed": 3, "hparams": {}, "seconds": 0.25,
              "metrics": metrics if status == "ok" else {}, "reference": exp.reference,
              "plots": list(plots), "modules": list(exp.modules), "dlspec_version": "0.1.0"}
    if status == "failed":
        record["error"] = "RuntimeError: cost diverged at epoch 3 <check the learning rate>"
        record["traceback"] = "Traceback (most recent call last):\n  ...\nRuntimeError: cost diverged"
    return record


@pytest.fixture
def make_record():
    """``make_record(exp, status="ok", plots=("plot.png",))``: a fake metrics.json record."""
    return fake_record


@pytest.fixture
def fake_results(tmp_path):
    """A results folder: every registered experiment ok with one PNG, except the first, failed."""
    from dlspec.experiments import all_experiments
    from dlspec.io import write_json
    folder = tmp_path / "results"
    for i, exp in enumerate(all_experiments()):
        (folder / exp.name).mkdir(parents=True)
        (folder / exp.name / "plot.png").write_bytes(tiny_png(rgb=(30 + 7 * i % 200, 95, 168)))
        write_json(folder / exp.name / "metrics.json", fake_record(exp, "failed" if i == 0 else "ok"))
    return folder
