"""Startup benchmark: the dashboard against a bare Streamlit + Plotly page (the "floor").

What is measured, for each app on its own fresh `streamlit run` server (127.0.0.1 only):

- cold: from `subprocess.Popen` of the server until the first Plotly chart is painted in headless
  Chromium for the first browser session. The browser is launched before the server starts, so
  browser startup is not counted. Split into "health" (Popen until `/_stcore/health` answers) and
  "page" (`page.goto` until the chart is painted: first script run + browser JS and drawing).
- warm: a new browser context (no HTTP cache, no cookies) opening the same URL after the cold load;
  `page.goto` until the chart is painted, repeated and reported as the median. The browser cache is
  deliberately not kept: this measures a warm *server* (modules imported, caches filled).
- RSS: the server process (and any children) right after health answered ("idle", before any
  session) and after the warm loads ("loaded"), in MiB.

"Painted" means `.js-plotly-plot .main-svg` exists and at least one `.scatterlayer .trace` is drawn.

Why: the startup issue's targets are dashboard/floor <= 1.5 for cold and <= 1.2 for warm; the floor
is what Streamlit and Plotly cost on this machine, so the ratio is what our own code adds.

Run from the repository root: `make bench`, or `python bench/startup.py [--runs N] [--warm N]
[--json PATH]`. Needs Debian's /usr/bin/chromium and Playwright's Python package (never run
`playwright install`). The script prints numbers only; it asserts nothing and always exits 0 when
the measurements complete.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import psutil
from playwright.sync_api import Browser, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
APPS: dict[str, Path] = {
    "floor": REPO_ROOT / "bench" / "floor_app.py",
    "dashboard": REPO_ROOT / "dashboard" / "app.py",
}
HOST = "127.0.0.1"
TIMEOUT_S = 60.0
TIMEOUT_MS = int(TIMEOUT_S * 1000)
HEALTH_POLL_S = 0.02
HEALTH_REQUEST_TIMEOUT_S = 1.0
SHUTDOWN_TIMEOUT_S = 10.0
MIB = 1024 * 1024

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]
VIEWPORT = {"width": 1366, "height": 768}
LOCALE = "zh-CN"
TITLE_READY_JS = "() => !!document.querySelector(\"[data-testid='stMain'] h1\")"
CHART_READY_JS = (
    "() => !!document.querySelector('.js-plotly-plot .main-svg')"
    " && document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 1"
)

COLD_TARGET = 1.5
WARM_TARGET = 1.2
DEFAULT_RUNS = 1
DEFAULT_WARM = 5
CPU_SAMPLE_S = 1.0
BUSY_WARNING_PERCENT = 20.0


@dataclass
class Run:
    """One fresh server: its cold load, its warm loads, its memory."""

    health_s: float  # Popen -> /_stcore/health answers
    title_s: float  # page.goto -> the page's h1 exists (cold session)
    page_s: float  # page.goto -> chart painted (cold session)
    warm_s: list[float]  # page.goto -> chart painted, each in a fresh context
    warm_title_s: list[float]  # page.goto -> the page's h1 exists, same warm loads
    rss_idle_mib: float
    rss_loaded_mib: float

    @property
    def cold_s(self) -> float:
        return self.health_s + self.page_s


@dataclass
class AppResult:
    name: str
    script: str
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def warm_median_s(self) -> float:
        return statistics.median(t for run in self.runs for t in run.warm_s)

    def summary(self) -> dict[str, float]:
        return {
            "cold_s": self.median("cold_s"),
            "health_s": self.median("health_s"),
            "title_s": self.median("title_s"),
            "page_s": self.median("page_s"),
            "warm_median_s": self.warm_median_s,
            "warm_title_median_s": statistics.median(t for run in self.runs for t in run.warm_title_s),
            "rss_idle_mib": self.median("rss_idle_mib"),
            "rss_loaded_mib": self.median("rss_loaded_mib"),
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_command(script: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
            "--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false"]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health",
                                    timeout=HEALTH_REQUEST_TIMEOUT_S) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(process: subprocess.Popen, port: int, log: IO[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if healthy(port):
            return
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read().decode(errors='replace')}")
        time.sleep(HEALTH_POLL_S)
    raise TimeoutError(f"server on port {port} did not answer its health check within {TIMEOUT_S:.0f} s")


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    parent = psutil.Process(pid)
    total = parent.memory_info().rss
    for child in parent.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / MIB


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)


def load(browser: Browser, url: str) -> tuple[float, float]:
    """Open url in a fresh context; seconds from goto until the title, and until the chart, are drawn."""
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(TITLE_READY_JS, timeout=TIMEOUT_MS)
        title = time.perf_counter() - start
        page.wait_for_function(CHART_READY_JS, timeout=TIMEOUT_MS)
        return title, time.perf_counter() - start
    finally:
        context.close()


def measure(browser: Browser, script: Path, warm_loads: int) -> Run:
    """One fresh server: cold load, warm loads, memory; the server is always stopped."""
    port = free_port()
    url = f"http://{HOST}:{port}/"
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(server_command(script, port), cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(process, port, log)
            health = time.perf_counter() - start
            rss_idle = rss_mib(process.pid)
            title, page = load(browser, url)
            warm = [load(browser, url) for _ in range(warm_loads)]
            rss_loaded = rss_mib(process.pid)
        finally:
            stop(process)
    return Run(health_s=health, title_s=title, page_s=page, warm_s=[w[1] for w in warm],
               warm_title_s=[w[0] for w in warm],
               rss_idle_mib=rss_idle, rss_loaded_mib=rss_loaded)


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f} (target ≤ {target}: {'PASS' if ratio <= target else 'MISS'})"


def chromium_available() -> bool:
    """Every bench needs Debian's chromium; say how to get it rather than fail deep inside Playwright."""
    if Path(CHROMIUM).exists():
        return True
    print(f"{CHROMIUM} not found (apt-get install chromium; never `playwright install`)", file=sys.stderr)
    return False


def busy_cpu_percent() -> float:
    """How busy the machine is before we start (other work inflates every timing), over one second."""
    return psutil.cpu_percent(interval=CPU_SAMPLE_S)


def report(results: dict[str, AppResult], browser_version: str, runs: int, warm_loads: int,
           busy_percent: float) -> dict:
    floor, ours = results["floor"].summary(), results["dashboard"].summary()
    cold_ratio = ours["cold_s"] / floor["cold_s"]
    warm_ratio = ours["warm_median_s"] / floor["warm_median_s"]
    print(f"startup benchmark (headless Chromium {browser_version}, {os.cpu_count()} cores, "
          f"{runs} cold run(s) per app, {warm_loads} warm loads per run, CPU {busy_percent:.0f}% busy before start)")
    if busy_percent > BUSY_WARNING_PERCENT:
        print("warning: the machine was busy before the benchmark started; the timings may be inflated")
    print(f"{'':17}{'cold (s)':>9}{'= health':>10}{'+ page':>8}{'warm median (s)':>17}"
          f"{'RSS idle (MiB)':>16}{'RSS loaded (MiB)':>18}")
    for name, s in (("floor", floor), ("dashboard", ours)):
        print(f"{name:17}{s['cold_s']:9.2f}{s['health_s']:10.2f}{s['page_s']:8.2f}{s['warm_median_s']:17.2f}"
              f"{s['rss_idle_mib']:16.1f}{s['rss_loaded_mib']:18.1f}")
    print(f"{'ratio ours/floor':17}cold {verdict(cold_ratio, COLD_TARGET)}   "
          f"warm {verdict(warm_ratio, WARM_TARGET)}")
    print("health = Popen until /_stcore/health answers; page = goto until chart painted (first script run"
          " + browser JS);\nwarm = a fresh browser context each load (no browser cache): measures server warmth.")
    for name, result in results.items():
        s = result.summary()
        colds = ", ".join(f"{run.cold_s:.2f}" for run in result.runs)
        print(f"  {name}: goto -> h1 cold {s['title_s']:.2f} s, warm {s['warm_title_median_s']:.2f} s;"
              f" cold runs (s): {colds}")
    return {
        "environment": {"chromium": browser_version, "cpus": os.cpu_count(), "python": platform.python_version(),
                        "runs": runs, "warm_loads": warm_loads, "cpu_busy_before_percent": busy_percent},
        "apps": {name: {"script": r.script, "summary": r.summary(),
                        "runs": [{**asdict(run), "cold_s": run.cold_s} for run in r.runs]}
                 for name, r in results.items()},
        "ratios": {"cold": cold_ratio, "warm": warm_ratio},
        "targets": {"cold": {"max": COLD_TARGET, "pass": cold_ratio <= COLD_TARGET},
                    "warm": {"max": WARM_TARGET, "pass": warm_ratio <= WARM_TARGET}},
    }


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive_int, default=DEFAULT_RUNS,
                        help="cold measurements per app, each on a fresh server; the median is reported")
    parser.add_argument("--warm", type=positive_int, default=DEFAULT_WARM, help="warm loads per server")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not chromium_available():
        return 1
    busy_percent = busy_cpu_percent()
    results = {name: AppResult(name, str(script.relative_to(REPO_ROOT))) for name, script in APPS.items()}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # Interleave the apps run by run so drift (thermal, background load) hits both alike.
            for _ in range(args.runs):
                for name, script in APPS.items():
                    results[name].runs.append(measure(browser, script, args.warm))
            version = browser.version
        finally:
            browser.close()
    summary = report(results, version, args.runs, args.warm, busy_percent)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
