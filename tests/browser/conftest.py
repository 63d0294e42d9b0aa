"""Browser-test fixtures: one dashboard server per session, Debian's Chromium through Playwright.

Never `playwright install`: it downloads a browser. We drive /usr/bin/chromium. Under CI=true a
missing browser fails the run instead of skipping it, so a green CI always means the browser ran.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
VIEWPORTS = [(1366, 768), (1920, 1080)]
STARTUP_TIMEOUT_S = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(port: int, script: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `streamlit run script` on localhost; returns once the health check answers."""
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise RuntimeError(f"dashboard exited: {process.stderr.read().decode(errors='replace')}")
    process.kill()
    raise RuntimeError("dashboard did not answer its health check in time")


@pytest.fixture(scope="session")
def dashboard_url() -> Iterator[str]:
    port = free_port()
    process = start_dashboard(port, REPO_ROOT / "dashboard" / "app.py")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian chromium is not installed (make test installs it as root: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


WAIT_MS = 60_000


def wait_idle(page, timeout_ms: int = WAIT_MS) -> None:
    """Until Streamlit's running indicator is gone."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)


def settled_text(page, selector: str, quiet_ms: int = 600) -> str:
    """The element's text once it has stopped changing (fast key presses coalesce into several reruns)."""
    previous = None
    for _ in range(60):
        current = page.locator(selector).inner_text()
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(quiet_ms)
    raise AssertionError(f"{selector} never settled")


# axe-core, installed by `npm ci` from package.json (make test does it). Rules: WCAG 2.0/2.1 A and AA.
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Streamlit scrolls inside <main data-testid="stMain"> (and the sidebar inside its own box), and axe checks
# the contrast of on-screen text only: what is below the fold would go unchecked.
_CONTENT_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
  ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebarContent']")].map(e => e.scrollHeight))"""
_AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
  .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))}))"""


def require_axe() -> Path:
    """The axe-core script; without it fail under CI=true, otherwise skip and say how to get it."""
    if not AXE_JS.exists():
        message = f"axe-core is not installed ({AXE_JS.relative_to(REPO_ROOT)} is missing): run `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


def axe_violations(page, tags: list[str] | None = None, whole_page: bool = True) -> list[dict]:
    """axe-core's violations on the page as drawn now: [{id, impact, help, nodes: [{target, html,
    failureSummary}]}]. WCAG 2.0/2.1 A and AA unless `tags` says otherwise.

    With `whole_page` the viewport is made as tall as the content for the run (same width, so the same
    layout) and restored afterwards, so text below the fold is checked too.
    """
    script = require_axe()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    viewport = page.viewport_size
    if whole_page and viewport:
        height = page.evaluate(_CONTENT_HEIGHT)
        for _ in range(5):  # a taller window can re-wrap a little; grow until nothing scrolls
            if height <= page.viewport_size["height"]:
                break
            page.set_viewport_size({"width": viewport["width"], "height": height})
            page.wait_for_timeout(200)
            height = page.evaluate(_CONTENT_HEIGHT)
    try:
        return page.evaluate(_AXE_RUN, tags or AXE_TAGS)
    finally:
        if whole_page and viewport:
            page.set_viewport_size(viewport)


def describe_violations(violations: list[dict], nodes_shown: int = 3) -> str:
    """One block per violation: id, impact and node count, then the first few targets and why they fail."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for node in v["nodes"][:nodes_shown]:
            target = " >> ".join(" ".join(t) if isinstance(t, list) else str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}\n        {summary}")
        if len(v["nodes"]) > nodes_shown:
            lines.append(f"    … and {len(v['nodes']) - nodes_shown} more")
    return "\n".join(lines)
