"""Stores for the tests: a fresh SQLite file, and a fresh schema on the throwaway PostgreSQL cluster that
`make test` starts (deploy/pg_cluster.sh, URL in JILIN_TEST_POSTGRES_URL). Without that URL the PostgreSQL
cases are skipped locally and fail in CI, where a skip would hide a gap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_ENV = "JILIN_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        message = f"{PG_ENV} not set: run the suite through `make test`, which starts a PostgreSQL cluster"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def fresh_url(backend: str, tmp_path: Path) -> str:
    """An empty store of `backend`: a new SQLite file, or the PostgreSQL test database wiped clean."""
    from store.engine import dispose_all

    dispose_all()
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    url = postgres_url()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
