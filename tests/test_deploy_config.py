"""The nginx site config for a multi-host installation (`python deploy/local.py site`) is valid nginx and
carries what the deployment relies on, and nginx with it spreads sessions evenly over the replicas."""

from __future__ import annotations

import collections
import contextlib
import http.client
import http.server
import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _site(*servers: str) -> str:
    command = [sys.executable, str(REPO / "deploy" / "local.py"), "site", "--listen", "127.0.0.1:18081"]
    for server in servers:
        command += ["--server", server]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_the_site_names_every_replica_and_keeps_sessions_sticky():
    site = _site("10.0.0.11:8501", "10.0.0.11:8502", "10.0.0.12:8501")
    assert site.count("weight=10 max_fails=1") == 3 and "server 10.0.0.12:8501" in site
    assert "hash $jilin_route consistent;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site and "gzip on;" in site
    assert "immutable" in site and "proxy_cache jilin_static;" in site
    assert "@" not in site.replace("@SERVERS", "")  # every placeholder filled


def _need_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed (make test installs it as root)")
        pytest.skip("nginx is not installed")


def test_the_site_is_valid_nginx(tmp_path):
    _need_nginx()
    (tmp_path / "site.conf").write_text(_site("127.0.0.1:8501", "127.0.0.1:8502").replace(
        "/var/cache/nginx/jilin-dashboard", str(tmp_path / "cache")), encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
                    f"http {{ include /etc/nginx/mime.types; include {tmp_path / 'site.conf'}; }}\n", encoding="utf-8")
    done = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_site_needs_a_server():
    done = subprocess.run([sys.executable, str(REPO / "deploy" / "local.py"), "site"], capture_output=True, text=True)
    assert done.returncode == 2 and "--server" in done.stderr


# At weight 1 nginx's ring gives this pair of addresses 60 % / 40 % of random routes (deploy/local.py).
UNEVEN_AT_WEIGHT_1 = (8588, 8589)
ROUTES = 1200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Quiet(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _replicas() -> Iterator[list[str]]:
    """Two stand-in replicas (any GET: 200), on the uneven pair of ports if they are free."""
    try:
        servers = [http.server.ThreadingHTTPServer(("127.0.0.1", p), _Quiet) for p in UNEVEN_AT_WEIGHT_1]
    except OSError:
        servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield [f"127.0.0.1:{server.server_address[1]}" for server in servers]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _get(port: int, route: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/", headers={"Cookie": f"jilin_route={route}"})
        response = connection.getresponse()
        response.read()
        return response.getheader("X-Served-By") or ""
    finally:
        connection.close()


def test_nginx_spreads_random_routes_evenly_and_keeps_each_on_its_replica(tmp_path):
    """Why: with one nginx ring point set per replica, a 2-replica deployment can carry 50 % more sessions on
    one replica than on the other, depending only on the replicas' addresses."""
    _need_nginx()
    spec = importlib.util.spec_from_file_location("deploy_local", REPO / "deploy" / "local.py")
    local = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(local)
    port = _free_port()
    with _replicas() as servers:
        conf = local.write_nginx_conf(tmp_path, port, servers)
        subprocess.run([NGINX, "-c", str(conf), "-p", str(tmp_path)], check=True, capture_output=True)
        try:
            for _ in range(50):
                with contextlib.suppress(OSError):
                    _get(port, "warm")
                    break
                time.sleep(0.1)
            routes = [secrets.token_hex(8) for _ in range(ROUTES)]
            served = {route: _get(port, route) for route in routes}
            again = {route: _get(port, route) for route in routes[:50]}
        finally:
            subprocess.run([NGINX, "-c", str(conf), "-p", str(tmp_path), "-s", "quit"], capture_output=True)
    counts = collections.Counter(served.values())
    assert set(counts) == set(servers), counts
    assert all(0.44 <= n / ROUTES <= 0.56 for n in counts.values()), counts  # ±3.5 sd around a fair split
    assert all(served[route] == replica for route, replica in again.items())  # sticky
