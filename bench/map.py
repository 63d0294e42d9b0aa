"""Map benchmark: the county map figure's size, and a metric change until the map is redrawn, vs a floor.

What is measured (issue 4: figure <= 400 KB; ours/floor <= 1.3 for the median metric-to-map time; the map
must render with no network access):

- size: `dashboard.map_figures.example_figure()` (the page's default map figure) serialized with
  `fig.to_json()`, in KB (1000 bytes), in this process. Skipped when the figure builder is missing.
- redraw, in one run of headless Chromium on two warm `streamlit run` servers (127.0.0.1):
  - ours: `/map` of `dashboard/app.py`; the metric selectbox (`.st-key-map_metric`) and the county map
    (`.st-key-county_map`).
  - floor: `bench/floor_map_app.py`, a 3-option selectbox recolouring a bare `go.Choropleth` of the same
    60 counties, nothing else. Streamlit serves `static/` next to the *main script*, and the floor needs
    the local world outline too, so it runs as a temporary copy with `static/topojson/world_110m.json`
    (copied from dashboard/static/topojson/) next to it; both servers start from the repository root,
    whose `.streamlit/config.toml` turns static serving on.

Each repetition opens the selectbox, moves the highlight to the NEXT option (wrapping to the first) with
the keyboard and presses Enter. The time is taken in the browser with `performance.now()`: from the Enter
key event to the last DOM mutation inside the chart's `.js-plotly-plot` (a MutationObserver armed just
before Enter), once the choropleth's fills or the colour bar/legend differ from before, no status widget
shows and neither the chart nor the WebSocket has changed for a quiet period. Streamlit's Plotly element
draws a changed chart twice (anew, then fitted to its container); the last mutation is the chart as it
stays, the first is reported too. The rest (wall clock, key -> value sent, the rerun's script time from
the server's debug log, WebSocket messages) is measured exactly as in `bench/interaction.py`, whose
probes and report columns this reuses. Both pages get one untimed change first; the repetitions are
interleaved so drift hits both alike.

Offline: every request that would leave 127.0.0.1 is recorded and aborted, so the maps draw as they
would without a network (plotly.js fetches its world outline from a CDN unless the page's `topojsonURL`
points at our own server). The number of `path.choroplethlocation` elements drawn is counted after the
first load and after every change; both must be 60. Neither is asserted: the numbers are printed.

Run from the repository root: `python bench/map.py [--reps N] [--json PATH]`. Needs Debian's
/usr/bin/chromium and Playwright's Python package (never `playwright install`). Exits 0 when the
measurements complete.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.interaction import (  # noqa: E402
    CHANGE_TIMEOUT_MS,
    CHANGED_JS,
    COLLECT_JS,
    QUIET_JS,
    QUIET_MS,
    WS_HOOK_JS,
    PageResult,
    Rep,
    Server,
    arm_js,
    ms,
    script_span_ms,
    serve,
)
from bench.startup import (  # noqa: E402
    BUSY_WARNING_PERCENT,
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST,
    LOCALE,
    REPO_ROOT,
    TIMEOUT_MS,
    VIEWPORT,
    busy_cpu_percent,
    chromium_available,
    positive_int,
    verdict,
)

RATIO_TARGET = 1.3
SIZE_TARGET_KB = 400.0
KB = 1000
DEFAULT_REPS = 10
COUNTIES = 60
FIGURE_MODULE = "dashboard.map_figures"
TOPOJSON = REPO_ROOT / "dashboard" / "static" / "topojson" / "world_110m.json"
FLOOR_SCRIPT = REPO_ROOT / "bench" / "floor_map_app.py"
OURS_SCRIPT = REPO_ROOT / "dashboard" / "app.py"
OURS_PATH = "map"
SELECT = ".st-key-map_metric"
CHART = ".st-key-county_map .js-plotly-plot"
COMBOBOX = f"{SELECT} input[role=combobox]"
LISTBOX = "[role=listbox]"
MAX_KEYS = 200  # highlight moves before giving up on reaching an option

IDLE_JS = """
(chart) => document.querySelectorAll(chart + ' path.choroplethlocation').length >= 1
  && !document.querySelector('[data-testid="stStatusWidget"]')
"""

COUNT_JS = "(chart) => document.querySelectorAll(chart + ' path.choroplethlocation').length"

# The open listbox: how many options, which one is selected, which one is highlighted (by data-key).
MENU_JS = """
() => {
  const box = document.querySelector('[role=listbox]');
  const options = box ? Array.from(box.querySelectorAll('[role=option]')) : [];
  const selected = options.find(o => o.getAttribute('aria-selected') === 'true');
  const activeId = document.activeElement && document.activeElement.getAttribute('aria-activedescendant');
  const active = activeId ? document.getElementById(activeId) : null;
  const key = (o) => o ? Number(o.getAttribute('data-key')) : null;
  return {count: options.length, selected: key(selected), active: key(active),
          activeLabel: active ? active.innerText.trim() : null};
}
"""

# Arm the probes (bench/interaction.py's, watching the polygons' fills and the colour bar): the Enter key
# starts the clock; every mutation inside the chart counts.
ARM_JS = arm_js(
    signature="Array.from(document.querySelectorAll(chart + ' path.choroplethlocation'))"
              ".map(p => p.getAttribute('fill')).join(',') + '|' + Array.from(document.querySelectorAll("
              "chart + ' .infolayer')).map(e => e.innerHTML).join('|')",
    in_chart="!!el.closest(chart)",
    key_filter="e.key === 'Enter'",
)


@dataclass(frozen=True)
class Target:
    """One page under test: its script and URL path (the selectbox and chart selectors are shared)."""

    name: str
    script: Path
    url_path: str


@dataclass
class Offline:
    """Requests that tried to leave 127.0.0.1 (all aborted) and the counties drawn, for one page."""

    external: list[str] = field(default_factory=list)
    counties: list[int] = field(default_factory=list)  # after the first load and after every change


def figure_size_bytes() -> tuple[int | None, str]:
    """The page's default map figure serialized as Plotly JSON, or None and why it was skipped."""
    try:
        module = importlib.import_module(FIGURE_MODULE)
    except ModuleNotFoundError as error:
        if error.name != FIGURE_MODULE:
            raise
        return None, f"figure builder not available ({FIGURE_MODULE} not found)"
    if not hasattr(module, "county_map_figure"):
        return None, f"figure builder not available ({FIGURE_MODULE}.county_map_figure missing)"
    if not hasattr(module, "example_figure"):
        return None, f"figure builder not available ({FIGURE_MODULE}.example_figure missing)"
    fig = module.example_figure()
    return len(fig.to_json().encode()), f"{FIGURE_MODULE}.example_figure()"


@contextmanager
def floor_script() -> Iterator[Path]:
    """A temporary copy of the floor with the local world outline in `static/` next to it."""
    with tempfile.TemporaryDirectory(prefix="floor_map_") as tmp:
        folder = Path(tmp)
        script = folder / FLOOR_SCRIPT.name
        shutil.copy2(FLOOR_SCRIPT, script)
        (folder / "static" / "topojson").mkdir(parents=True)
        shutil.copy2(TOPOJSON, folder / "static" / "topojson" / TOPOJSON.name)
        yield script


def offline_context(browser: Browser, offline: Offline) -> BrowserContext:
    """A fresh context that records and aborts every request not to 127.0.0.1."""
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)

    def leaves(url: str) -> bool:
        parsed = urlparse(url)
        return parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname != HOST

    context.on("request", lambda request: offline.external.append(request.url) if leaves(request.url) else None)
    context.route(leaves, lambda route: route.abort("internetdisconnected"))
    return context


def open_page(browser: Browser, target: Target, server: Server, offline: Offline) -> Page:
    """A fresh offline context on the target's page, loaded with the map drawn and idle."""
    context = offline_context(browser, offline)
    context.add_init_script(WS_HOOK_JS)
    page = context.new_page()
    page.goto(f"{server.url}/{target.url_path}", timeout=TIMEOUT_MS)
    try:
        page.wait_for_function(IDLE_JS, arg=CHART, timeout=TIMEOUT_MS)
    except PlaywrightTimeout as error:
        raise RuntimeError(f"{target.name}: no county drawn in {CHART} within {TIMEOUT_MS / 1000:.0f} s; "
                           f"requests that tried to leave {HOST}: {offline.external or 'none'}") from error
    page.wait_for_timeout(QUIET_MS)  # let the second (fitted) draw land before counting
    offline.counties.append(page.evaluate(COUNT_JS, CHART))
    return page


def highlight_next(page: Page) -> str:
    """Open the metric selectbox and highlight the option after the selected one; its label."""
    page.locator(COMBOBOX).click()
    page.locator(LISTBOX).wait_for(timeout=TIMEOUT_MS)
    menu = page.evaluate(MENU_JS)
    wanted = (menu["selected"] + 1) % menu["count"]
    for _ in range(MAX_KEYS):
        if menu["active"] == wanted:
            return menu["activeLabel"]
        if wanted == 0:
            key = "Home"
        else:
            key = "ArrowDown" if menu["active"] is None or menu["active"] < wanted else "ArrowUp"
        page.keyboard.press(key)
        menu = page.evaluate(MENU_JS)
    raise RuntimeError(f"could not highlight option {wanted} of the metric selectbox: {menu}")


def change(page: Page, server: Server, offline: Offline) -> Rep:
    """Select the next metric; wait for the redrawn map and a quiet page; read the clocks."""
    label = highlight_next(page)
    server.new_log_lines()  # skip what came before this change
    page.evaluate(ARM_JS, CHART)
    start = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function(CHANGED_JS, timeout=CHANGE_TIMEOUT_MS)
    wall = time.perf_counter() - start
    page.wait_for_function(QUIET_JS, arg=QUIET_MS, timeout=CHANGE_TIMEOUT_MS)
    probe = page.evaluate(COLLECT_JS)
    offline.counties.append(page.evaluate(COUNT_JS, CHART))
    key_ms, first_ms, last_ms = probe["key"], probe["first"], probe["last"]
    sent_ms = probe["sent"][0][0] if probe["sent"] else key_ms
    span = script_span_ms(server.new_log_lines(), probe["timeOrigin"])
    return Rep(key=label, redraw_s=(last_ms - key_ms) / 1000, first_s=(first_ms - key_ms) / 1000, wall_s=wall,
               to_send_s=(sent_ms - key_ms) / 1000,
               script_s=(span[1] - span[0]) / 1000 if span else None,
               after_script_s=(last_ms - span[1]) / 1000 if span else None,
               messages=len(probe["recv"]), kib=sum(size for _, size in probe["recv"]) / 1024)


def size_verdict(size: int | None) -> str:
    if size is None:
        return "n/a (skipped)"
    kb = size / KB
    return f"{kb:.1f} KB ({size:,} bytes; target ≤ {SIZE_TARGET_KB:.0f} KB: {'PASS' if kb <= SIZE_TARGET_KB else 'MISS'})"


def report(results: dict[str, PageResult], offline: dict[str, Offline], size: int | None, size_source: str,
           browser_version: str, reps: int, busy_percent: float) -> dict:
    floor, ours = results["floor"].summary(), results["ours"].summary()
    ratio = ours["redraw_s_median"] / floor["redraw_s_median"]
    wall_ratio = ours["wall_s_median"] / floor["wall_s_median"]
    print(f"map benchmark (headless Chromium {browser_version}, {os.cpu_count()} cores, {reps} timed metric "
          f"changes per page after 1 untimed, CPU {busy_percent:.0f}% busy before start)")
    if busy_percent > BUSY_WARNING_PERCENT:
        print("warning: the machine was busy before the benchmark started; the timings may be inflated")
    print(f"map figure size: {size_verdict(size)}   [{size_source}]")
    print("timer: in the browser (performance.now()), Enter on the next option -> last mutation inside the "
          "map's .js-plotly-plot\n(MutationObserver); wall = Python clock, Enter -> changed map and no status "
          "widget seen")
    print(f"{'':7}{'median':>8}{'p90':>6}{'wall':>6}{'p90':>6} |{'first':>7}{'key>sent':>10}{'script':>8}"
          f"{'>drawn':>8}{'msgs':>6}{'KiB':>7}   (ms)")
    for name, s in (("floor", floor), ("ours", ours)):
        print(f"{name:7}{ms(s['redraw_s_median'], 8)}{ms(s['redraw_s_p90'], 6)}{ms(s['wall_s_median'], 6)}"
              f"{ms(s['wall_s_p90'], 6)} |{ms(s['first_s_median'], 7)}{ms(s['to_send_s_median'], 10)}"
              f"{ms(s['script_s_median'], 8)}{ms(s['after_script_s_median'], 8)}{s['messages_median']:6.0f}"
              f"{s['kib_median']:7.1f}")
    print(f"ratio ours/floor (median): {verdict(ratio, RATIO_TARGET)}   wall-clock ratio {wall_ratio:.2f}")
    print("after | (medians): first = Enter -> first map mutation; key>sent = Enter -> new value sent "
          "(browser);\nscript = the rerun's script time (server debug log); >drawn = script finished -> map "
          "drawn (browser);\nmsgs, KiB = WebSocket messages received for the rerun.")
    for name, result in results.items():
        print(f"  {name} redraw (ms): " + ", ".join(f"{rep.redraw_s * 1000:.0f}" for rep in result.reps))
    for name, seen in offline.items():
        counts = sorted(set(seen.counties))
        drawn = "/".join(str(c) for c in counts)
        print(f"  {name}: path.choroplethlocation drawn {drawn} (expected {COUNTIES}: "
              f"{'PASS' if counts == [COUNTIES] else 'MISS'}); requests that tried to leave {HOST} "
              f"(aborted): {len(seen.external)}")
        for url in sorted(set(seen.external)):
            print(f"    {url}")
    return {
        "environment": {"chromium": browser_version, "cpus": os.cpu_count(),
                        "python": platform.python_version(),
                        "reps": reps, "cpu_busy_before_percent": busy_percent,
                        "timer": "browser performance.now(): Enter on the next option -> last map mutation"},
        "figure": {"source": size_source, "bytes": size, "kb": None if size is None else size / KB},
        "pages": {name: {"url": r.url, "summary": r.summary(), "reps": [asdict(rep) for rep in r.reps],
                         "offline": asdict(offline[name])}
                  for name, r in results.items()},
        "ratio": ratio,
        "wall_ratio": wall_ratio,
        "targets": {
            "ratio": {"max": RATIO_TARGET, "pass": ratio <= RATIO_TARGET},
            "size_kb": {"max": SIZE_TARGET_KB, "pass": None if size is None else size / KB <= SIZE_TARGET_KB},
            "counties": {"expected": COUNTIES,
                         "pass": all(set(o.counties) == {COUNTIES} for o in offline.values())},
            "offline": {"pass": not any(o.external for o in offline.values())},
        },
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=positive_int, default=DEFAULT_REPS, help="timed metric changes per page")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not chromium_available():
        return 1
    size, size_source = figure_size_bytes()
    if size is None:
        print(size_source)
    busy_percent = busy_cpu_percent()
    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        targets = (Target("floor", stack.enter_context(floor_script()), ""),
                   Target("ours", OURS_SCRIPT, OURS_PATH))
        servers = {t.name: stack.enter_context(serve(t.script)) for t in targets}
        offline = {t.name: Offline() for t in targets}
        pages = {t.name: open_page(browser, t, servers[t.name], offline[t.name]) for t in targets}
        results = {t.name: PageResult(t.name, pages[t.name].url) for t in targets}
        for target in targets:  # warm both servers and pages: one untimed change each
            change(pages[target.name], servers[target.name], offline[target.name])
        for _ in range(args.reps):  # interleaved so drift hits both pages alike
            for target in targets:
                rep = change(pages[target.name], servers[target.name], offline[target.name])
                results[target.name].reps.append(rep)
        version = browser.version
    summary = report(results, offline, size, size_source, version, args.reps, busy_percent)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
