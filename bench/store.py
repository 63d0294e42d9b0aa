"""Store benchmark (issue 11): a full 60-county return checked, previewed and committed; a page load that
reads its tables from the store against one reading the same tables from the files; on SQLite and on
PostgreSQL. Prints figures only (no assertions).

- Import: the latest year of the county table as a 60-county return (every rural standard +1 元, so the
  preview has 60 changed cells), through the same functions the 数据管理 page calls: check (every rule),
  preview (merge, cell diff, indicator statuses and compliance after the import), commit (one transaction).
- Page load: 概览 and 标准测算 in Streamlit's AppTest with every cache cleared before each run (the cost
  of a new data version or a fresh process), reading from the store, then with the store bypassed (tables
  from their files, as before the store existed); alternated, median of ROUNDS. Target: ratio ≤ 1.1.
- PostgreSQL: `deploy/pg_cluster.sh` starts a throwaway cluster (Debian's postgresql) unless
  JILIN_TEST_POSTGRES_URL names one.
Targets (2 cores): import ≤ 2 s; page load store/files ≤ 1.1.
"""

from __future__ import annotations

import io
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ROUNDS = 5
PAGES = ("pages/overview.py", "pages/standards.py")


def _return_bytes() -> bytes:
    from analytics.loaders import load_table

    table = load_table("county_indicators")
    latest = table[table["year"] == table["year"].max()].copy()
    latest["rural_standard_month"] = latest["rural_standard_month"] + 1
    buffer = io.StringIO()
    latest.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def _clear() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def import_timing() -> dict[str, float]:
    from analytics.scenario import baseline_scenario
    from dashboard import data, imports
    from store.accounts import Account

    account = Account("bench", "editor", ())
    raw = _return_bytes()
    _clear()
    data.indicator_results()  # the page has these cached before any upload
    data.gaps(baseline_scenario(data.parameters()))
    start = time.perf_counter()
    result = imports.check(raw, "全省2024.csv", account)
    checked = time.perf_counter()
    item = imports.preview(result, raw, baseline_scenario(data.parameters()))
    previewed = time.perf_counter()
    imports.commit(item, account, "bench")
    done = time.perf_counter()
    assert result.ok and len(item.changes.changed) == 60, (result.problems[:3], len(item.changes.changed))
    return {"check_s": checked - start, "preview_s": previewed - checked, "commit_s": done - previewed,
            "total_s": done - start}


def page_timings() -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from dashboard import data

    real_versions = data.versions
    times: dict[str, list[float]] = {"store": [], "files": []}
    for _ in range(ROUNDS):
        for mode in ("store", "files"):
            data.versions = real_versions if mode == "store" else (lambda: {})
            try:
                total = 0.0
                for page in PAGES:
                    _clear()
                    at = AppTest.from_file(str(ROOT / page), default_timeout=300)
                    start = time.perf_counter()
                    at.run()
                    total += time.perf_counter() - start
                    assert not at.exception, at.exception
                times[mode].append(total)
            finally:
                data.versions = real_versions
    store, files = statistics.median(times["store"]), statistics.median(times["files"])
    return {"store_s": store, "files_s": files, "ratio": store / files}


def run_backend(label: str) -> None:
    from store.engine import dispose_all

    dispose_all()
    imported = import_timing()
    pages = page_timings()
    print(f"[{label}] 60-county return: check {imported['check_s']:.2f} s + preview {imported['preview_s']:.2f} s "
          f"+ commit {imported['commit_s']:.2f} s = {imported['total_s']:.2f} s (target ≤ 2 s)")
    print(f"[{label}] 概览 + 标准测算, caches cleared (median of {ROUNDS}): store {pages['store_s']:.2f} s, "
          f"files {pages['files_s']:.2f} s, ratio {pages['ratio']:.2f} (target ≤ 1.1)")


def main() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ.pop("DATABASE_URL", None)
    os.environ["JILIN_STORE_PATH"] = str(Path(tempfile.mkdtemp(prefix="bench-store-")) / "bench.sqlite")
    run_backend("SQLite")
    url = os.environ.get("JILIN_TEST_POSTGRES_URL", "").strip()
    started = False
    if not url:
        done = subprocess.run([str(ROOT / "deploy" / "pg_cluster.sh"), "start"], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"[PostgreSQL] not measured: {done.stderr.strip()}")
            return
        url, started = done.stdout.strip(), True
    try:
        os.environ["DATABASE_URL"] = url
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as connection:  # a fresh schema: the first start seeds it
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        run_backend("PostgreSQL")
    finally:
        if started:
            subprocess.run([str(ROOT / "deploy" / "pg_cluster.sh"), "stop"], check=False)


if __name__ == "__main__":
    main()
