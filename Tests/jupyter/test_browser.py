"""JupyterLab in a real browser: headless Chromium opens the .ipynb of notebooks/01-mobile-price,
runs all cells with the Quire kernel, and the page shows a Quire table (text/html) and the first
figure (an <img>, decoded). A screenshot of the page is kept as an artefact.

Run by scripts/test-browser.sh, which sets QUIRE_BROWSER_TEST=1, QUIRE, QUIRE_ROOT, CHROMIUM,
QUIRE_ARTEFACTS and a JUPYTER_PATH holding the `quire` kernelspec, in a virtual environment with
jupyterlab. Chromium is driven over its DevTools protocol (websocket-client, a dependency of
jupyter_server). The outputs stored in the conversion are removed first, so everything checked
in the page came from the kernel.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

QUIRE = os.environ.get("QUIRE", "quire")
ROOT = os.environ.get("QUIRE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
NOTEBOOK = "01-mobile-price"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, probe, seconds: float, every: float = 0.25):
    """Calls probe until it returns something true; fails after `seconds` (a bound on a wait,
    not a timing assertion)."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = probe()
        except AssertionError:
            raise
        except Exception as error:  # the server or the page is not up yet
            last = error
        if last and not isinstance(last, Exception):
            return last
        time.sleep(every)
    raise AssertionError(f"waited {seconds:.0f}s for {what}; last answer: {last!r}")


class DevTools:
    """The few Chrome DevTools protocol calls the test needs, over one page's websocket."""

    def __init__(self, url: str) -> None:
        import websocket  # websocket-client, installed with jupyter_server

        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        self.socket.close()


# Scripts run in the page. `window.jupyterapp` is there because the server runs with
# LabApp.expose_app_in_browser (as JupyterLab's own UI tests, Galata, do).
NOTEBOOK_PANEL = """(() => {
  const app = window.jupyterapp; if (!app) return null;
  for (const w of app.shell.widgets('main')) if (w.sessionContext && w.content && w.content.widgets) return w;
  return null;
})()"""

KERNEL_STATE = """(() => {
  const panel = %s;
  if (!panel) return {status: window.jupyterapp ? 'no notebook panel yet' : 'no window.jupyterapp'};
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return kernel ? {name: kernel.name, status: kernel.status} : {status: 'no kernel yet'};
})()""" % NOTEBOOK_PANEL

RUN_STATE = """(() => {
  const panel = %s;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const kernel = panel.sessionContext.session.kernel;
  return {cells: cells.length, ran: cells.filter(c => c.model.executionCount !== null).length,
          status: kernel.status};
})()""" % NOTEBOOK_PANEL

# The first table and the first figure in the notebook's outputs, and what the output model
# behind the figure holds (the kernel sends a plot as image/png and image/svg+xml; JupyterLab
# shows the variant its renderers rank first).
PAGE_OUTPUTS = """(() => {
  const panel = %s;
  const node = panel.content.node;
  const table = node.querySelector('.jp-OutputArea-output table');
  const img = node.querySelector('.jp-OutputArea-output img');
  let figureMimes = null;
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code' || !img || !cell.node.contains(img)) continue;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const data = outputs.get(i).data;
      if (data['image/png'] || data['image/svg+xml']) { figureMimes = Object.keys(data).sort(); break; }
    }
  }
  const errors = node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length;
  return {
    table: table && {rows: table.querySelectorAll('tbody tr').length,
                     header: Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim())},
    figure: img && {src: img.src.slice(0, 30), complete: img.complete, width: img.naturalWidth,
                    height: img.naturalHeight, mimes: figureMimes},
    errors: errors,
  };
})()""" % NOTEBOOK_PANEL


@unittest.skipUnless(os.environ.get("QUIRE_BROWSER_TEST") == "1", "run by scripts/test-browser.sh (needs JupyterLab and Chromium)")
class JupyterLabBrowserTests(unittest.TestCase):
    def setUp(self) -> None:
        self.chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
        if not self.chromium:
            self.skipTest("no Chromium: install Debian's `chromium` (scripts/test-browser.sh does when root)")
        self.work = tempfile.mkdtemp(prefix="quire-browser-")
        self.processes: list[subprocess.Popen] = []
        self.addCleanup(self.stop)
        self.artefacts = os.environ.get("QUIRE_ARTEFACTS") or self.work
        os.makedirs(self.artefacts, exist_ok=True)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        shutil.rmtree(self.work, ignore_errors=True)

    def start(self, args: list[str], log: str, **kwargs) -> subprocess.Popen:
        with open(os.path.join(self.work, log), "wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, **kwargs)
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        with open(os.path.join(self.work, name), errors="replace") as f:
            return f.read()[-4000:]

    def notebook_without_outputs(self, folder: str) -> None:
        target = os.path.join(folder, f"{NOTEBOOK}.ipynb")
        run = subprocess.run([QUIRE, "run", f"{NOTEBOOK}.md"], cwd=folder, capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)  # writes the figures the conversion links
        convert = subprocess.run([QUIRE, "convert", f"{NOTEBOOK}.md", "--to", "ipynb", "-o", target, "--force"],
                                 cwd=folder, capture_output=True, text=True, timeout=120)
        self.assertEqual(convert.returncode, 0, convert.stderr)
        with open(target) as f:
            nb = json.load(f)
        self.assertEqual(nb["metadata"]["kernelspec"]["name"], "quire")
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
        with open(target, "w") as f:
            json.dump(nb, f)

    def test_jupyterlab_runs_notebook_01_and_shows_a_table_and_a_figure(self) -> None:
        folder = os.path.join(self.work, "notebooks")
        shutil.copytree(os.path.join(ROOT, "notebooks"), folder)
        self.notebook_without_outputs(folder)

        # JupyterLab on loopback, with its settings, workspaces and config in the temporary
        # folder, no news or update checks, and the app exposed to page scripts.
        config = os.path.join(self.work, "config")
        os.makedirs(config)
        with open(os.path.join(config, "jupyter_server_config.py"), "w") as f:
            f.write("c.LabApp.news_url = None\n"
                    "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n"
                    "c.LabApp.expose_app_in_browser = True\n")
        env = dict(os.environ, JUPYTER_CONFIG_DIR=config,
                   JUPYTERLAB_SETTINGS_DIR=os.path.join(self.work, "lab-settings"),
                   JUPYTERLAB_WORKSPACES_DIR=os.path.join(self.work, "lab-workspaces"))
        # no "get notified about Jupyter news?" box over the notebook
        notification = os.path.join(self.work, "lab-settings", "@jupyterlab", "apputils-extension")
        os.makedirs(notification)
        with open(os.path.join(notification, "notification.jupyterlab-settings"), "w") as f:
            json.dump({"fetchNews": "false"}, f)
        port, token = free_port(), secrets.token_hex(16)
        lab = self.start([sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                          "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
                          f"--ServerApp.root_dir={folder}", "--ServerApp.open_browser=False",
                          "--LabApp.expose_app_in_browser=True",
                          *(["--allow-root"] if os.geteuid() == 0 else [])],
                         "jupyterlab.log", env=env, cwd=folder)
        base = f"http://127.0.0.1:{port}"

        def lab_status() -> bool:
            if lab.poll() is not None:
                raise AssertionError(f"JupyterLab ended with status {lab.returncode}")
            return urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).status == 200

        try:
            wait_for("JupyterLab to answer", lab_status, 90)
            specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=10))
            self.assertIn("quire", specs["kernelspecs"], "the quire kernelspec is not on JupyterLab's path")
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- jupyterlab log ---\n{self.log('jupyterlab.log')}") from None

        # Headless Chromium with its own profile; its DevTools port is written to a file.
        profile = os.path.join(self.work, "chromium-profile")
        flags = ["--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                 "--disable-dev-shm-usage", "--remote-debugging-port=0", "--remote-allow-origins=*",
                 f"--user-data-dir={profile}", "--window-size=1280,960", "--hide-scrollbars"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
        self.start([self.chromium, *flags, "about:blank"], "chromium.log")
        try:
            devtools_port = wait_for("Chromium's DevTools port", lambda: Path(profile, "DevToolsActivePort").read_text().split("\n")[0], 60)
            pages = wait_for("a Chromium page", lambda: [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=5)) if t["type"] == "page"], 30)
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- chromium log ---\n{self.log('chromium.log')}") from None
        page = DevTools(pages[0]["webSocketDebuggerUrl"])
        self.addCleanup(page.close)
        page.call("Page.enable")
        page.call("Page.navigate", url=f"{base}/lab/tree/{NOTEBOOK}.ipynb?token={token}")

        shots = {part: os.path.join(self.artefacts, f"jupyterlab-{NOTEBOOK}-{part}.png") for part in ("table", "figure")}

        def save_screenshot(part: str, selector: str) -> None:
            page.evaluate("(() => { const panel = %s; const node = panel && panel.content.node.querySelector(%s); "
                          "if (node) (node.closest('.jp-Cell') || node).scrollIntoView({block: 'start'}); return true; })()" % (NOTEBOOK_PANEL, json.dumps(selector)))
            time.sleep(0.5)  # let the scroll settle before the picture
            shot = page.call("Page.captureScreenshot", format="png")
            with open(shots[part], "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print(f"\nscreenshot: {shots[part]}", file=sys.stderr)

        try:
            kernel = wait_for("the notebook's kernel to be idle", lambda: (lambda k: k if k["status"] == "idle" else AssertionError(k))(page.evaluate(KERNEL_STATE)), 120)
            self.assertEqual(kernel["name"], "quire")
            # more room for the notebook: the file browser is closed
            page.evaluate("(() => { const panel = %s; const app = window.jupyterapp; app.shell.collapseLeft(); "
                          "app.shell.activateById(panel.id); app.commands.execute('notebook:run-all-cells'); return true; })()" % NOTEBOOK_PANEL)
            state = wait_for("all cells to run", lambda: (lambda s: s if s["ran"] == s["cells"] and s["status"] == "idle" else None)(page.evaluate(RUN_STATE)), 180)
            self.assertGreater(state["cells"], 5)
            outputs = page.evaluate(PAGE_OUTPUTS)
            print(f"\nin the page: {json.dumps(outputs)}", file=sys.stderr)
        finally:
            save_screenshot("table", ".jp-OutputArea-output table")
            save_screenshot("figure", ".jp-OutputArea-output img")

        self.assertEqual(outputs["errors"], 0, "a cell failed in JupyterLab")
        table = outputs["table"]
        self.assertIsNotNone(table, "no HTML table in the outputs")
        self.assertEqual(table["rows"], 5, table)  # df.head()
        self.assertIn("battery_power", table["header"])
        self.assertIn("price_range", table["header"])
        figure = outputs["figure"]
        self.assertIsNotNone(figure, "no figure (<img>) in the outputs")
        self.assertTrue(figure["src"].startswith("data:image/"), figure)
        self.assertTrue(figure["complete"] and figure["width"] > 0 and figure["height"] > 0, f"the figure is not decoded: {figure}")
        self.assertIn("image/png", figure["mimes"], figure)
        for shot in shots.values():
            with open(shot, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


if __name__ == "__main__":
    unittest.main()
