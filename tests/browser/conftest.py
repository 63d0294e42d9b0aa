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
