"""Load benchmark (issue 12): many concurrent sessions of 标准测算 on the deployment (2 replicas behind nginx).

What is measured, on `deploy/local.py start` (PostgreSQL, 2 Streamlit replicas, nginx; started here in a
temporary state folder on free ports and always stopped), every request through nginx:

- Protocol clients (`bench/stclient.py`): each session is a browser tab without the browser. It sends its
  own random `jilin_route` cookie (so nginx's consistent hash spreads the sessions over both replicas),
  GETs `/standards`, then `/_stcore/health` (which sets the XSRF cookie) and `/_stcore/host-config` (under
  the page's path and at the root, the two base URLs the frontend probes), opens the websocket and asks for
  the page's first run as the frontend does.
  - first paint = websocket opened -> ForwardMsg `script_finished` of the first run (every delta received);
    "total" adds the HTTP requests before it (page HTML, health, host-config; static assets not fetched).
  - interaction = BackMsg `rerun_script` with the 农村比例 slider's new value (`sc_rural_ratio`, inside the
    page's scenario `st.fragment`, so a fragment rerun as the frontend sends it) -> `script_finished`. Each
    move must redraw the projection chart (`standards_projection_chart` delta with a different figure), or
    it counts as an error.
  - a level of N sessions: N sessions open the page at once; once all have painted, all move the slider
    INTERACTIONS times, back to back with no think time (the worst case: everyone moves at the same
    moment). With `--think A,B` each session instead waits a uniformly random A-B seconds before each move
    (a planner reading the redrawn page), so the moves of a level spread out as a room of users' would;
    each session's waits come from its own seeded generator. Report both models: the burst bounds the
    worst moment, the think-time model is what 50 people at their desks produce. Every session uses its
    own slider values (random 0.001 grid points), so the scenario caches miss as they would for planners
    trying their own numbers.
  - server CPU = user + system time of the replica processes (psutil), before and after the opening phase
    (per new session) and the moves (per move); memory = the replicas' RSS growth across the level, taken
    while the level's sessions are still open, per session. Streamlit keeps a closed session ~2 minutes for
    reconnection, so sessions of earlier levels are still held (not freed into the next level's growth).
  - Before the levels, one untimed session per replica (open + one move) warms imports and data caches.
- Real browsers as a check: BROWSERS headless Chromium contexts (fresh cookies and cache each, one after
  the other on idle replicas) open /standards and press ArrowRight once on the slider. First paint = goto
  -> the projection chart drawn and Streamlit's status widget gone; interaction = key press -> the chart's
  scatterlayer changed and the status widget gone (Python wall clock). Set beside the single-session
  protocol figures (a browser also downloads the JS and draws; the protocol client only receives).

The load generator runs on the same machine and shares its cores with the servers; its own CPU time is
reported per level.

Targets (2 cores, through nginx): server CPU per new session ≤ 0.15 s; memory per session ≤ 3 MiB; at
50 sessions p95 interaction ≤ 3 × the single-session figure; no errors at 100 sessions.

Run from the repository root: `python bench/load.py [--levels 1,10,50,100] [--interactions 3] [--browsers 3]`.
Needs nginx, Debian's postgresql and /usr/bin/chromium (never `playwright install`). Prints numbers only;
asserts nothing and exits 0 when the measurements complete.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.startup import CHROMIUM, CHROMIUM_ARGS, HOST, LOCALE, MIB, VIEWPORT, positive_int  # noqa: E402
from bench.stclient import FINISHED, ROUTE_COOKIE, ProtocolError, Session  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
LOCAL = REPO_ROOT / "deploy" / "local.py"
REPLICAS = 2
DEFAULT_LEVELS = (1, 10, 50, 100)
DEFAULT_INTERACTIONS = 3
DEFAULT_BROWSERS = 3
PAGE = "standards"
SLIDER_KEY = "sc_rural_ratio"
SLIDER_LABEL = "农村比例（比例）"
CHART_KEY = "standards_projection_chart"
# Slider values the sessions move to: the slider's 0.001 grid, inside its range (0.10-0.60) and around the
# rule in force (0.30707, off the grid, so every move changes the scenario).
VALUES = [round(0.200 + i * 0.001, 3) for i in range(251)]
START_TIMEOUT_S = 300
BROWSER_TIMEOUT_MS = 120_000

CPU_TARGET_S = 0.15
MEMORY_TARGET_MIB = 3.0
RATIO_LEVEL = 50
RATIO_TARGET = 3.0
ERROR_FREE_LEVEL = 100

CHART = f".st-key-{CHART_KEY} .js-plotly-plot"
PAINTED_JS = f"""() => document.querySelectorAll("{CHART} .scatterlayer .trace").length >= 1
  && !document.querySelector('[data-testid="stStatusWidget"]')"""
SCATTER_JS = f"""() => Array.from(document.querySelectorAll("{CHART} .scatterlayer")).map(e => e.innerHTML).join('|')"""
CHANGED_JS = f"""(before) => Array.from(document.querySelectorAll("{CHART} .scatterlayer")).map(e => e.innerHTML)
  .join('|') !== before && !document.querySelector('[data-testid="stStatusWidget"]')"""


@dataclass
class Deployment:
    url: str
    state: Path
    pg_port: int

    def processes(self) -> list[psutil.Process]:
        """The replica processes (and any children they started)."""
        found = []
        for pid_file in sorted(self.state.glob("replica-*.pid")):
            parent = psutil.Process(int(pid_file.read_text()))
            found += [parent, *parent.children(recursive=True)]
        return found


@dataclass
class Level:
    sessions: int
    paint_s: list[float] = field(default_factory=list)  # websocket opened -> first script_finished
    total_s: list[float] = field(default_factory=list)  # GET page -> first script_finished
    move_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    redrawn: int = 0  # moves whose run re-sent a changed projection chart
    open_cpu_s: float = 0.0  # replicas' CPU over the opening phase
    move_cpu_s: float = 0.0
    rss_growth_mib: float = 0.0
    client_cpu_s: float = 0.0
    open_wall_s: float = 0.0
    move_wall_s: float = 0.0
    spread: Counter = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


@contextmanager
def deployment() -> Iterator[Deployment]:
    """`deploy/local.py start` in a temporary state folder on free ports; always stopped and removed."""
    # One world-readable folder (as tests/browser/test_deploy_browser.py does): as root, PostgreSQL runs as
    # `postgres` and nginx's workers as `www-data` (its static-asset cache is in the state folder).
    base = Path(tempfile.mkdtemp(prefix="bench-load-"))
    base.chmod(0o755)
    state = base / "state"
    port, pg_port = free_port(), free_port()
    first = free_port()
    while first + 1 in (port, pg_port) or not port_is_free(first + 1):
        first = free_port()
    options = ["--state", str(state), "--pg-port", str(pg_port)]
    try:
        started = subprocess.run(
            [sys.executable, str(LOCAL), "start", *options, "--port", str(port), "--first-replica-port", str(first),
             "--replicas", str(REPLICAS), "--pg-dir", str(base / "pg")],
            capture_output=True, text=True, timeout=START_TIMEOUT_S, cwd=REPO_ROOT)
        if started.returncode != 0:
            raise RuntimeError(f"deploy/local.py start failed:\n{started.stdout[-2000:]}{started.stderr[-2000:]}")
        url = re.search(r"http://127\.0\.0\.1:\d+", started.stdout).group(0)
        yield Deployment(url, state, pg_port)
    finally:
        subprocess.run([sys.executable, str(LOCAL), "stop", *options], capture_output=True, timeout=120, cwd=REPO_ROOT)
        shutil.rmtree(base, ignore_errors=True)


def cpu_s(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def rss_mib(processes: list[psutil.Process]) -> float:
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / MIB


def quantile(values: list[float], q: int) -> float | None:
    """The q-th percentile (inclusive method); the value itself for a single one."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def routes_per_replica(url: str) -> dict[str, str]:
    """One route cookie per replica, found by asking nginx (X-Served-By)."""
    async def find() -> dict[str, str]:
        routes: dict[str, str] = {}
        for index in range(200):
            cookie = f"bench-load-warm-{index}"
            served = (await Session(url, route=cookie).get("/")).header("X-Served-By")
            routes.setdefault(served, cookie)
            if len(routes) == REPLICAS:
                break
        return routes
    return asyncio.run(find())


def moved_chart(run, previous: str) -> str | None:
    """The projection chart's figure if this run re-sent it changed, else None."""
    chart = next((w for w in run.elements.values() if w.kind == "plotly_chart" and w.id.endswith(f"-{CHART_KEY}")),
                 None)
    return chart.element.spec if chart is not None and chart.element.spec != previous else None


async def warm_up(url: str, routes: dict[str, str]) -> None:
    """One session per replica: open, one move (imports, data caches, the fragment's first run)."""
    for route in routes.values():
        session = Session(url, route=route)
        try:
            await session.open(PAGE)
            await session.set_slider(session.find("slider", SLIDER_KEY), VALUES[0])
        finally:
            await session.close()


async def run_level(deploy: Deployment, sessions: int, interactions: int, rng: random.Random,
                    think_s: tuple[float, float] | None = None) -> Level:
    level = Level(sessions)
    processes = deploy.processes()
    clients = [Session(deploy.url) for _ in range(sessions)]
    plans = [rng.sample(VALUES, interactions) for _ in clients]
    charts: dict[int, str] = {}

    async def open_one(index: int, client: Session) -> bool:
        try:
            http_s, run = await client.open(PAGE)
            charts[index] = client.find("plotly_chart", CHART_KEY).element.spec
            client.find("slider", SLIDER_KEY)
        except (ProtocolError, OSError, TimeoutError) as exc:
            level.errors.append(f"open: {type(exc).__name__}: {exc}")
            return False
        level.paint_s.append(run.seconds)
        level.total_s.append(http_s + run.seconds)
        level.spread[client.served_by] += 1
        return True

    async def move_all(index: int, client: Session) -> None:
        slider = client.find("slider", SLIDER_KEY)
        waits = random.Random(index)
        for value in plans[index]:
            if think_s is not None:
                await asyncio.sleep(waits.uniform(*think_s))
            try:
                run = await client.set_slider(slider, value)
            except (ProtocolError, OSError, TimeoutError) as exc:
                level.errors.append(f"move to {value}: {type(exc).__name__}: {exc}")
                return
            level.move_s.append(run.seconds)
            chart = moved_chart(run, charts[index])
            if chart is None:
                level.errors.append(f"move to {value}: the projection chart was not redrawn")
            else:
                level.redrawn += 1
                charts[index] = chart

    client_cpu0 = time.process_time()
    cpu0, rss0 = cpu_s(processes), rss_mib(processes)
    start = time.perf_counter()
    try:
        opened = await asyncio.gather(*(open_one(i, c) for i, c in enumerate(clients)))
        cpu1 = cpu_s(processes)
        level.open_wall_s = time.perf_counter() - start
        start = time.perf_counter()
        await asyncio.gather(*(move_all(i, c) for i, c in enumerate(clients) if opened[i]))
        level.move_wall_s = time.perf_counter() - start
        cpu2, rss2 = cpu_s(processes), rss_mib(processes)  # the sessions are still open
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    level.open_cpu_s, level.move_cpu_s = cpu1 - cpu0, cpu2 - cpu1
    level.rss_growth_mib = rss2 - rss0
    level.client_cpu_s = time.process_time() - client_cpu0
    return level


@dataclass
class BrowserRun:
    paint_s: float  # goto -> projection chart drawn, status widget gone
    paint_ws_s: float | None  # websocket created -> first script_finished (the protocol client's "paint")
    move_s: float  # key press -> chart changed, status widget gone
    move_ws_s: float | None  # key press -> the fragment run's script_finished
    served_by: str


def browser_check(url: str, count: int) -> tuple[str, list[BrowserRun], list[str]]:
    """count fresh Chromium contexts, one after the other: open the page, one slider step. The page's
    websocket frames are parsed as they arrive, to put the server's script_finished on the same clock."""
    from playwright.sync_api import sync_playwright
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(count):
                context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
                context.add_cookies([{"name": ROUTE_COOKIE, "value": secrets.token_hex(8), "url": url}])
                marks: dict[str, float] = {}
                phase = ["open"]

                def on_frame(payload: bytes | str, marks: dict[str, float] = marks, phase: list[str] = phase) -> None:
                    if isinstance(payload, str):
                        return
                    msg = ForwardMsg()
                    msg.ParseFromString(payload)
                    if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED:
                        marks.setdefault(f"finished-{phase[0]}", time.perf_counter())

                def on_websocket(ws, marks: dict[str, float] = marks, on_frame=on_frame) -> None:
                    if ws.url.endswith("/_stcore/stream"):
                        marks.setdefault("ws", time.perf_counter())
                        ws.on("framereceived", on_frame)

                try:
                    page = context.new_page()
                    page.on("websocket", on_websocket)
                    start = time.perf_counter()
                    response = page.goto(f"{url}/{PAGE}", wait_until="commit", timeout=BROWSER_TIMEOUT_MS)
                    page.wait_for_function(PAINTED_JS, timeout=BROWSER_TIMEOUT_MS)
                    paint = time.perf_counter() - start
                    before = page.evaluate(SCATTER_JS)
                    slider = page.get_by_role("slider", name=SLIDER_LABEL)
                    slider.focus()
                    phase[0] = "move"
                    start_move = time.perf_counter()
                    slider.press("ArrowRight")
                    page.wait_for_function(CHANGED_JS, arg=before, timeout=BROWSER_TIMEOUT_MS)
                    move = time.perf_counter() - start_move
                    deadline = time.perf_counter() + 10  # the chart comes before the run's end: wait for it
                    while "finished-move" not in marks and time.perf_counter() < deadline:
                        page.wait_for_timeout(20)  # lets Playwright deliver the websocket frames
                    paint_ws = marks["finished-open"] - marks["ws"] if {"ws", "finished-open"} <= marks.keys() else None
                    move_ws = marks["finished-move"] - start_move if "finished-move" in marks else None
                    runs.append(BrowserRun(paint, paint_ws, move, move_ws, response.headers.get("x-served-by", "?")))
                except Exception as exc:  # noqa: BLE001 - reported, the other browsers still run
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                finally:
                    context.close()
            version = browser.version
        finally:
            browser.close()
    return version, runs, errors


def ms(value: float | None, width: int = 7) -> str:
    return f"{'n/a':>{width}}" if value is None else f"{value * 1000:{width}.0f}"


def check(value: float | None, target: float, text: str) -> str:
    if value is None:
        return f"n/a (target {text})"
    return f"target {text}: {'PASS' if value <= target else 'MISS'}"


def report(levels: list[Level], interactions: int, browsers: tuple[str, list[BrowserRun], list[str]] | None,
           busy_percent: float, think_s: tuple[float, float] | None = None) -> None:
    print(f"load benchmark: 标准测算 (/{PAGE}) through nginx, {REPLICAS} replicas + PostgreSQL, {os.cpu_count()} cores "
          f"(load generator on the same machine), CPU {busy_percent:.0f}% busy before start")
    print(f"each session: open the page, then {interactions} slider moves ({SLIDER_KEY}, fragment reruns) once "
          "every session has painted, " + (f"each after a {think_s[0]:g}-{think_s[1]:g} s think time" if think_s
                                            else "all at once, no think time") + "; times in ms")
    print(f"{'sessions':>8} |{'paint p50':>10}{'p95':>7} |{'total p50':>10}{'p95':>7} |{'move p50':>9}{'p95':>7} |"
          f"{'errors':>7} |{'CPU/new s.':>11}{'CPU/move':>9} |{'MiB/s.':>7} |{'client CPU':>11}{'wall':>7}  replicas")
    for lv in levels:
        per_session = lv.open_cpu_s / lv.sessions
        moves = max(len(lv.move_s), 1)
        spread = ", ".join(f"{k.rsplit(':', 1)[-1]}: {v}" for k, v in sorted(lv.spread.items(), key=str))
        print(f"{lv.sessions:>8} |{ms(quantile(lv.paint_s, 50), 10)}{ms(quantile(lv.paint_s, 95))} |"
              f"{ms(quantile(lv.total_s, 50), 10)}{ms(quantile(lv.total_s, 95))} |"
              f"{ms(quantile(lv.move_s, 50), 9)}{ms(quantile(lv.move_s, 95))} |{len(lv.errors):>7} |"
              f"{per_session:>9.3f} s{lv.move_cpu_s / moves:>7.3f} s |{lv.rss_growth_mib / lv.sessions:>7.2f} |"
              f"{lv.client_cpu_s:>9.1f} s{lv.open_wall_s + lv.move_wall_s:>6.1f}s  {spread}")
    print("paint = websocket opened -> first script_finished; total = + page HTML, health, host-config before it;\n"
          "move = rerun_script sent -> script_finished; CPU = replicas' user+system per new session (opening phase)"
          " and per move;\nMiB/s. = replicas' RSS growth across the level per session (sessions still open);"
          " client CPU = this load generator.")
    for lv in levels:
        line = (f"  {lv.sessions} sessions: {lv.redrawn}/{lv.sessions * interactions} moves redrew the projection"
                f" chart; CPU incl. moves {(lv.open_cpu_s + lv.move_cpu_s) / lv.sessions:.3f} s/session;"
                f" open phase {lv.open_wall_s:.1f} s, moves {lv.move_wall_s:.1f} s")
        print(line)
        if lv.errors:
            print(f"    errors: {len(lv.errors)}, first: {lv.errors[0]}")
    by_size = {lv.sessions: lv for lv in levels}
    print("targets:")
    worst_cpu = max(lv.open_cpu_s / lv.sessions for lv in levels)
    print(f"  server CPU per new session: worst level {worst_cpu:.3f} s ({check(worst_cpu, CPU_TARGET_S, '≤ 0.15 s')})")
    largest = max(levels, key=lambda lv: lv.sessions)  # RSS moves in arena-sized steps: one session is noise
    memory = largest.rss_growth_mib / largest.sessions
    print(f"  memory per session at {largest.sessions} sessions: {memory:.2f} MiB "
          f"({check(memory, MEMORY_TARGET_MIB, '≤ 3 MiB')})")
    single, loaded = by_size.get(1), by_size.get(RATIO_LEVEL)
    if single and loaded and single.move_s and loaded.move_s:
        ratio = quantile(loaded.move_s, 95) / quantile(single.move_s, 95)
        print(f"  p95 interaction at {RATIO_LEVEL} / 1 session: {quantile(loaded.move_s, 95) * 1000:.0f} / "
              f"{quantile(single.move_s, 95) * 1000:.0f} ms = {ratio:.2f} ({check(ratio, RATIO_TARGET, '≤ 3')})")
    else:
        print(f"  p95 interaction at {RATIO_LEVEL} / 1 session: n/a (needs levels 1 and {RATIO_LEVEL})")
    if ERROR_FREE_LEVEL in by_size:
        errors = len(by_size[ERROR_FREE_LEVEL].errors)
        print(f"  errors at {ERROR_FREE_LEVEL} sessions: {errors} (target 0: {'PASS' if errors == 0 else 'MISS'})")
    else:
        print(f"  errors at {ERROR_FREE_LEVEL} sessions: n/a (level not run)")
    if browsers is None:
        return
    version, runs, errors = browsers
    print(f"real browsers (headless Chromium {version}, {len(runs)} fresh contexts, one at a time, idle replicas):")
    for index, run in enumerate(runs, start=1):
        print(f"  browser {index} ({run.served_by}): first paint {run.paint_s * 1000:.0f} ms (websocket -> "
              f"script_finished {ms(run.paint_ws_s, 0)} ms); slider step {run.move_s * 1000:.0f} ms "
              f"(key -> script_finished {ms(run.move_ws_s, 0)} ms)")
    if runs:
        def median(values: list[float | None]) -> float | None:
            present = [v for v in values if v is not None]
            return statistics.median(present) if present else None

        print(f"  median: first paint {ms(median([r.paint_s for r in runs]), 0)} ms (websocket -> script_finished "
              f"{ms(median([r.paint_ws_s for r in runs]), 0)} ms), slider step {ms(median([r.move_s for r in runs]), 0)}"
              f" ms (key -> script_finished {ms(median([r.move_ws_s for r in runs]), 0)} ms)")
        if single and single.total_s and single.move_s:
            print(f"  protocol client, 1 session (medians): total {ms(quantile(single.total_s, 50), 0)} ms, paint "
                  f"(websocket -> script_finished) {ms(quantile(single.paint_s, 50), 0)} ms, move "
                  f"{ms(quantile(single.move_s, 50), 0)} ms")
        print("  browser: goto -> projection chart drawn and status widget gone; key press -> chart changed and "
              "status widget gone\n  (wall clock: includes the JS download, React and Plotly drawing on the same 2"
              " cores); script_finished: when Playwright saw the\n  page's websocket frame (the chart is the fragment's first delta, so it can be redrawn before the run ends)")
    if errors:
        print(f"  browser errors: {len(errors)}, first: {errors[0]}")


def levels_arg(text: str) -> tuple[int, ...]:
    try:
        values = tuple(positive_int(part) for part in text.split(",") if part.strip())
    except (ValueError, argparse.ArgumentTypeError):
        raise argparse.ArgumentTypeError("a comma-separated list of positive integers") from None
    if not values:
        raise argparse.ArgumentTypeError("at least one level")
    return values


def think_arg(text: str) -> tuple[float, float]:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("two seconds, comma-separated: A,B (e.g. 2,8)") from None
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("need 0 <= A <= B")
    return low, high


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=levels_arg, default=DEFAULT_LEVELS,
                        help="concurrent sessions per level, comma-separated (default 1,10,50,100)")
    parser.add_argument("--interactions", type=positive_int, default=DEFAULT_INTERACTIONS,
                        help="slider moves per session")
    parser.add_argument("--think", type=think_arg, default=None,
                        help="seconds A,B: each session waits uniformly A-B s before each move (default: none, all at once)")
    parser.add_argument("--browsers", type=int, default=DEFAULT_BROWSERS,
                        help="real headless Chromium sessions as a check (0: none)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.browsers and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found (apt-get install chromium; never `playwright install`); "
              "use --browsers 0 to skip the browser check", file=sys.stderr)
        return 1
    busy_percent = psutil.cpu_percent(interval=1.0)
    rng = random.Random(12)
    with deployment() as deploy:
        routes = routes_per_replica(deploy.url)
        asyncio.run(warm_up(deploy.url, routes))
        browsers = browser_check(deploy.url, args.browsers) if args.browsers else None
        levels = [asyncio.run(run_level(deploy, n, args.interactions, rng, args.think)) for n in args.levels]
    report(levels, args.interactions, browsers, busy_percent, args.think)
    return 0


if __name__ == "__main__":
    sys.exit(main())
