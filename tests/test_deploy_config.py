"""The nginx site config for a multi-host installation (`python deploy/local.py site`) is valid nginx and
carries what the deployment relies on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    assert site.count("max_fails=1") == 3 and "server 10.0.0.12:8501" in site
    assert "hash $jilin_route consistent;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site and "gzip on;" in site
    assert "immutable" in site and "proxy_cache jilin_static;" in site
    assert "@" not in site.replace("@SERVERS", "")  # every placeholder filled


def test_the_site_is_valid_nginx(tmp_path):
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed (make test installs it as root)")
        pytest.skip("nginx is not installed")
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
