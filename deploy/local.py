"""`make deploy-local` / `make deploy-stop`: the production layout on one machine, in the background.

PostgreSQL (the store every replica shares), N Streamlit replicas on loopback ports, and nginx in front on
http://127.0.0.1:8080 with sticky sessions, gzip and long-lived caching of the static assets
(deploy/nginx-site.conf.template, the same file a multi-host installation uses). State, logs and pid
files live in var/deploy/ (git-ignored); the database survives a stop and is reused by the next start.

    python deploy/local.py start [--replicas 2] [--port 8080] [--state DIR]
    python deploy/local.py stop [--state DIR]
    python deploy/local.py site --listen 80 --server host1:8501 --server host2:8501   # prints a site config
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STATE = ROOT / "var" / "deploy"
FIRST_REPLICA_PORT = 8601
PG_PORT = 55433
READY_TIMEOUT_S = 120
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def _wait(url: str, timeout: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"部署失败：{url} 在 {timeout:.0f} 秒内没有响应（日志见 {url}）")


SITE_CACHE = "/var/cache/nginx/jilin-dashboard"  # nginx's static-asset cache on a multi-host installation
# Every replica's weight, the same for all. nginx's consistent hash puts 160 points per unit of weight on its
# ring, and where they fall depends on the replicas' addresses: at weight 1, 127.0.0.1:8588 and :8589 split
# 3,000 random routes 1,800 / 1,200. Ten times the points (the same weight everywhere, so still equal shares)
# split them 1,521 / 1,479 (tests/test_deploy_config.py measures it through nginx).
RING_WEIGHT = 10


def render_site(listen: str, servers: list[str], cache: str = SITE_CACHE) -> str:
    """The nginx site config for these replica addresses (host:port)."""
    template = (ROOT / "deploy" / "nginx-site.conf.template").read_text(encoding="utf-8")
    lines = "\n".join(f"    server {s} weight={RING_WEIGHT} max_fails=1 fail_timeout=10s;" for s in servers)
    return template.replace("@LISTEN@", listen).replace("@SERVERS@", lines).replace("@CACHE@", cache)


def write_nginx_conf(state: Path, port: int, servers: list[str]) -> Path:
    """nginx's whole config for the site on 127.0.0.1:port in front of servers, its files all under state."""
    site = state / "nginx-site.conf"
    site.write_text(render_site(f"127.0.0.1:{port}", servers, str(state / "nginx-cache")), encoding="utf-8")
    conf = state / "nginx.conf"
    user = "user www-data;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}worker_processes 1;\npid {state / 'nginx.pid'};\nerror_log {state / 'nginx-error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n  include {MIME_TYPES};\n  default_type application/octet-stream;\n"
        f"  access_log {state / 'nginx-access.log'};\n"
        f"  client_body_temp_path {state / 'nginx-body'};\n  proxy_temp_path {state / 'nginx-proxy'};\n"
        f"  fastcgi_temp_path {state / 'nginx-fastcgi'};\n  uwsgi_temp_path {state / 'nginx-uwsgi'};\n"
        f"  scgi_temp_path {state / 'nginx-scgi'};\n  include {site};\n}}\n", encoding="utf-8")
    return conf


def _pg_dir(state: Path) -> Path:
    """Where the cluster's files are: state/pg, or the folder named in state/pg-dir (`--pg-dir`; as root the
    cluster runs as `postgres`, which must be able to reach it, so a private temporary state folder won't do)."""
    pointer = state / "pg-dir"
    return Path(pointer.read_text(encoding="utf-8").strip()) if pointer.exists() else state / "pg"


def _pg_env(state: Path, pg_port: int) -> dict[str, str]:
    return {**os.environ, "JILIN_PG_DIR": str(_pg_dir(state)), "JILIN_PG_PORT": str(pg_port),
            "JILIN_PG_DB": "jilin_dashboard", "JILIN_PG_KEEP": "1"}


def start(state: Path, replicas: int, port: int, pg_port: int, first_port: int, pg_dir: Path | None = None) -> str:
    """Start everything; returns the URL. Anything already running from `state` is stopped first."""
    stop(state, pg_port, quiet=True)
    state.mkdir(parents=True, exist_ok=True)
    if pg_dir is not None:
        (state / "pg-dir").write_text(str(pg_dir), encoding="utf-8")
    done = subprocess.run([str(ROOT / "deploy" / "pg_cluster.sh"), "start"], env=_pg_env(state, pg_port),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"PostgreSQL 启动失败：{done.stderr.strip()}")
    url = done.stdout.strip()
    secret_file = state / "cookie_secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        secret_file.chmod(0o600)
    env = {**os.environ, "DATABASE_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": secret_file.read_text().strip(),
           "OPENBLAS_NUM_THREADS": "1"}
    env.pop("JILIN_DATA_DIR", None)
    # Migrate and seed once, before the replicas race for it (they would serialize; this is just quicker).
    subprocess.run([sys.executable, "-c", "from store.engine import get_engine; get_engine()"], cwd=ROOT, env=env,
                   check=True)
    servers = []
    for index in range(replicas):
        replica_port = first_port + index
        log = open(state / f"replica-{replica_port}.log", "w", encoding="utf-8")  # noqa: SIM115 - the child owns it
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
             "--server.address", "127.0.0.1", "--server.port", str(replica_port), "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**env, "JILIN_REPLICA": str(replica_port)}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        (state / f"replica-{replica_port}.pid").write_text(str(process.pid), encoding="utf-8")
        servers.append(f"127.0.0.1:{replica_port}")
    for server in servers:
        _wait(f"http://{server}/_stcore/health")
    conf = write_nginx_conf(state, port, servers)
    subprocess.run([NGINX, "-c", str(conf), "-p", str(state), "-t", "-q"], check=True)
    subprocess.run([NGINX, "-c", str(conf), "-p", str(state)], check=True)
    public = f"http://127.0.0.1:{port}"
    _wait(f"{public}/_stcore/health")
    return public


def stop(state: Path, pg_port: int, quiet: bool = False) -> None:
    """Stop nginx, the replicas and PostgreSQL started from `state` (the database files are kept)."""
    conf = state / "nginx.conf"
    pid = state / "nginx.pid"
    if conf.exists() and pid.exists():
        subprocess.run([NGINX, "-c", str(conf), "-p", str(state), "-s", "quit"], capture_output=True)
        for _ in range(50):
            if not pid.exists():
                break
            time.sleep(0.1)
    for pid_file in state.glob("replica-*.pid"):
        with contextlib.suppress(ProcessLookupError, ValueError, PermissionError):
            os.killpg(int(pid_file.read_text()), signal.SIGTERM)
        pid_file.unlink(missing_ok=True)
    if _pg_dir(state).exists():
        subprocess.run([str(ROOT / "deploy" / "pg_cluster.sh"), "stop"], env=_pg_env(state, pg_port),
                       capture_output=True)
    if not quiet:
        print(f"已停止：nginx、看板副本与 PostgreSQL（数据库文件保留在 {_pg_dir(state)}）")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python deploy/local.py")
    parser.add_argument("command", choices=("start", "stop", "site"))
    parser.add_argument("--listen", default="80", help="site: nginx's listen address")
    parser.add_argument("--server", action="append", default=[], help="site: a replica host:port (repeat)")
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--pg-port", type=int, default=PG_PORT)
    parser.add_argument("--first-replica-port", type=int, default=FIRST_REPLICA_PORT)
    parser.add_argument("--pg-dir", type=Path, default=None, help="the PostgreSQL cluster's folder (default state/pg)")
    args = parser.parse_args(argv)
    state = args.state.resolve()
    if args.command == "site":
        if not args.server:
            parser.error("site needs at least one --server host:port")
        print(render_site(args.listen, args.server), end="")
        return 0
    if args.command == "start":
        url = start(state, args.replicas, args.port, args.pg_port, args.first_replica_port,
                    args.pg_dir.resolve() if args.pg_dir else None)
        print(f"看板已在后台运行：{url}（{args.replicas} 个副本 + nginx + PostgreSQL；停止：make deploy-stop）")
    else:
        stop(state, args.pg_port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
