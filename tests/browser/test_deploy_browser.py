"""The multi-process deployment (deploy/, `make deploy-local`): 2 replicas behind nginx on one PostgreSQL.

Started once for the module on free ports with a private state folder, stopped after. Checked through
nginx: sticky routing by cookie, gzip and year-long caching of the static assets, the dashboard working
over the proxied websocket, warm start (the forecasts fitted once for both replicas), and a killed
replica's browser landing on the other with the same view.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import REPO_ROOT, free_port, wait_idle

LOCAL = REPO_ROOT / "deploy" / "local.py"


def _need(tool: str, path: str) -> None:
    if not (shutil.which(tool) or Path(path).exists()):
        message = f"{tool} is not installed (make test installs it as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def deployment():
    _need("nginx", "/usr/sbin/nginx")
    _need("initdb", next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), "/nonexistent"))
    # Not under pytest's private tmp folder: as root, PostgreSQL runs as `postgres` and nginx's workers as
    # `www-data`, and both must reach their files.
    base = Path(tempfile.mkdtemp(prefix="jilin-deploy-"))
    base.chmod(0o755)
    state, pg_dir = base / "state", base
    ports = {"port": free_port(), "pg": free_port(), "first": free_port()}
    while ports["first"] + 1 in (ports["port"], ports["pg"]):
        ports["first"] = free_port()
    options = ["--state", str(state), "--pg-port", str(ports["pg"])]
    started = subprocess.run([sys.executable, str(LOCAL), "start", *options, "--port", str(ports["port"]),
                              "--first-replica-port", str(ports["first"]), "--pg-dir", str(pg_dir / "pg")],
                             capture_output=True, text=True, timeout=300)
    assert started.returncode == 0, started.stderr[-2000:]
    url = re.search(r"http://127\.0\.0\.1:\d+", started.stdout).group(0)
    database = f"postgresql+psycopg://postgres@127.0.0.1:{ports['pg']}/jilin_dashboard"
    pg_env = {**os.environ, "JILIN_PG_DIR": str(pg_dir / "pg"), "JILIN_PG_PORT": str(ports["pg"]),
              "JILIN_PG_DB": "jilin_dashboard", "JILIN_PG_KEEP": "1"}
    yield {"url": url, "state": state, "db": database, "replicas": [ports["first"], ports["first"] + 1],
           "pg_env": pg_env}
    subprocess.run([sys.executable, str(LOCAL), "stop", *options], capture_output=True, timeout=120)
    shutil.rmtree(base, ignore_errors=True)


def _get(url: str, cookie: str | None = None, gzip: bool = False):
    request = urllib.request.Request(url, headers={
        **({"Cookie": f"jilin_route={cookie}"} if cookie else {}), **({"Accept-Encoding": "gzip"} if gzip else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def test_each_browser_gets_a_route_cookie_and_stays_on_its_replica(deployment):
    status, headers, _ = _get(deployment["url"] + "/")
    assert status == 200 and "jilin_route=" in headers["Set-Cookie"]
    served = {_get(deployment["url"] + "/", "browser-1")[1]["X-Served-By"] for _ in range(10)}
    assert len(served) == 1
    spread = {_get(deployment["url"] + "/", f"browser-{i}")[1]["X-Served-By"] for i in range(40)}
    assert spread == {f"127.0.0.1:{p}" for p in deployment["replicas"]}
    assert "Set-Cookie" not in _get(deployment["url"] + "/", "browser-1")[1]  # a known browser keeps its route


def test_static_assets_are_gzipped_and_cached_for_a_year(deployment):
    _, _, page = _get(deployment["url"] + "/")
    script = re.search(rb'static/js/index\.[\w-]+\.js', page).group(0).decode()
    _, plain_headers, plain = _get(f"{deployment['url']}/{script}")
    status, headers, packed = _get(f"{deployment['url']}/{script}", gzip=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(packed) < len(plain) / 2
    assert headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    assert _get(f"{deployment['url']}/{script}")[1]["X-Cache"] == "HIT"  # served by nginx, not by Python
    assert "no-cache" in _get(deployment["url"] + "/")[1]["Cache-Control"]  # the page itself is not cached


def test_the_dashboard_runs_through_nginx_on_the_shared_database(deployment, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(deployment["url"] + "/standards")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    wait_idle(page)
    assert "标准测算" in page.locator("[data-testid='stMain'] h1").first.inner_text()
    page.close()
    engine = create_engine(deployment["db"])
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM vintages")).scalar() >= 11
    engine.dispose()


def test_the_forecasts_are_fitted_once_for_every_replica(deployment, browser):
    routes = {}  # one route cookie per replica, found by asking nginx
    for index in range(40):
        routes.setdefault(_get(deployment["url"] + "/", f"warm-{index}")[1]["X-Served-By"], f"warm-{index}")
    assert len(routes) == 2
    for cookie in routes.values():  # 标准测算 opened once on each replica
        context = browser.new_context()
        context.add_cookies([{"name": "jilin_route", "value": cookie, "url": deployment["url"]}])
        page = context.new_page()
        page.goto(deployment["url"] + "/standards")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
        context.close()
    engine = create_engine(deployment["db"])
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT key FROM computed WHERE key LIKE 'income_forecasts:%'")).scalars().all()
    engine.dispose()
    assert len(keys) == 1


def test_a_killed_replica_sends_its_browser_to_the_other_with_the_same_view(deployment, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": "jilin_route", "value": "fault-test", "url": deployment["url"]}])
    served = _get(deployment["url"] + "/", "fault-test")[1]["X-Served-By"]
    page = context.new_page()
    page.goto(deployment["url"] + "/standards?sc_rural_ratio=0.400")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    wait_idle(page)
    port = int(served.rsplit(":", 1)[1])
    pid = int((deployment["state"] / f"replica-{port}.pid").read_text())
    os.killpg(pid, signal.SIGKILL)
    page.reload()
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    wait_idle(page)
    assert "sc_rural_ratio=0.400" in page.url
    assert "0.400" in page.locator("[data-testid='stSidebar']").inner_text()
    page.get_by_text("已在另一进程按地址栏恢复当前视图").wait_for(timeout=30_000)  # told, in Chinese
    assert _get(deployment["url"] + "/", "fault-test")[1]["X-Served-By"] != served
    context.close()


PG_CLUSTER = REPO_ROOT / "deploy" / "pg_cluster.sh"


def test_a_database_restart_is_a_notice_and_the_app_recovers_without_a_restart(deployment, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(deployment["url"] + "/standards")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    wait_idle(page)
    subprocess.run([str(PG_CLUSTER), "stop"], env=deployment["pg_env"], check=True, timeout=60)
    try:
        time.sleep(3)  # past the version lookup's cache (dashboard.data.STORE_POLL_S)
        page.goto(deployment["url"] + "/")  # another page, drawn from the tables already read
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
        page.get_by_text("数据库暂时无法连接").first.wait_for(timeout=30_000)
        page.goto(deployment["url"] + "/standards")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
        wait_idle(page)
        page.get_by_role("button", name="保存当前情景").click()
        page.get_by_text("本次操作没有保存").first.wait_for(timeout=30_000)  # a save is refused in Chinese
        assert not page.locator("[data-testid='stException']").count()
    finally:
        subprocess.run([str(PG_CLUSTER), "start"], env=deployment["pg_env"], check=True, timeout=60,
                       capture_output=True)
    time.sleep(3)
    page.goto(deployment["url"] + "/standards")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    wait_idle(page)
    page.get_by_role("button", name="保存当前情景").click()
    page.get_by_text("短链接").first.wait_for(timeout=30_000)  # saved: recovered without restarting the app
    assert not page.get_by_text("数据库暂时无法连接").count()
    context.close()
