"""Real-browser test support: a served instance on a free port and Chromium through Playwright,
with every request that would leave 127.0.0.1 blocked and recorded."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(site_dir):
    """Start `datasette serve` on the configuration folder; returns (process, base URL)."""
    port = free_port()
    return start([sys.executable, "-m", "datasette", "serve", str(site_dir), "-h", "127.0.0.1", "-p", str(port)], port)


def start(args, port, cwd=None):
    """Run a command that serves Datasette on 127.0.0.1:`port` until it answers; returns
    (process, base URL)."""
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # start-up takes a few seconds (plugins load); CI machines can be slow
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"datasette exited: {process.stdout.read().decode()}")
        try:
            urllib.request.urlopen(f"{url}/-/versions.json", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("datasette did not start within 60 seconds")


def unavailable(request, reason):
    if request.config.getoption("--require-browser"):
        pytest.fail(f"browser tests are required here but {reason}")
    pytest.skip(reason)


class Page:
    """A browser page that records console errors, charts drawn without data, and blocks requests
    leaving 127.0.0.1."""

    def __init__(self, browser, base_url, width=1280, height=900):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.external_requests = []
        self.console_errors = []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _console(self, message):
        # Vega warns "Infinite extent" when a chart's field has no usable value: an empty chart.
        if message.type == "error" or "Infinite extent" in message.text:
            self.console_errors.append(message.text)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url + "/") or url == self.base_url or url.startswith("data:"):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        return self.page

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def scrolls_sideways(self):
        return self.page.evaluate("document.documentElement.scrollWidth > window.innerWidth")

    def assert_clean(self):
        assert self.external_requests == [], f"requests left 127.0.0.1: {self.external_requests}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"

    def close(self):
        self.context.close()


def wait_for_charts(tab, *selectors):
    """Waits until each chart is drawn: a canvas or an svg inside it."""
    for chart in selectors:
        tab.locator(f"{chart} canvas, {chart} svg").first.wait_for(timeout=15000)
@pytest.fixture(scope="module")
def browser(request):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(request, "the playwright package is not installed (pip install -r requirements-test.txt)")
    executable = chromium_path()
    if executable is None:
        unavailable(request, "Chromium was not found (apt-get install chromium, or set CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(fixture_site):
    process, url = serve(fixture_site)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # a server stuck past its shutdown grace is killed
        process.kill()
        process.wait(timeout=10)
