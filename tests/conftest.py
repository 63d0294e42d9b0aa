"""Shared fixtures: repository paths and a disposable copy of the data folder."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "data"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def pytest_configure(config: pytest.Config) -> None:
    """One throwaway store for the whole run (in-process AppTests and the dashboards browser tests start
    inherit it): tests never write to the checkout's var/dashboard.sqlite."""
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("JILIN_STORE_PATH", str(Path(tempfile.mkdtemp(prefix="jilin-store-")) / "test.sqlite"))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may damage without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("scripts", "__pycache__"))
    return target


APP = str(REPO_ROOT / "dashboard" / "app.py")
APPTEST_TIMEOUT_S = 120


def open_app_page(page: str | None = None, query: dict[str, str] | None = None):
    """Run the app through its entry script (as a user arrives), optionally with URL query parameters,
    then switch to `page` (a path like "pages/standards.py"). Fails on any exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT_S)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"../{page}").run()
    assert not at.exception, at.exception
    return at
