"""Where the store lives: ``DATABASE_URL`` if set, else a SQLite file at ``JILIN_STORE_PATH``.

The default file is ``var/dashboard.sqlite`` inside the checkout (git-ignored), so `make run` on a fresh
machine needs no configuration; a department points ``DATABASE_URL`` at its PostgreSQL instead
(``postgresql+psycopg://user:password@host/db``). A store is seeded from one data folder: when
``JILIN_DATA_DIR`` points at another copy of the data (a test's, an administrator's), its default store is
a file inside that folder, so two data folders never share one history.
"""

from __future__ import annotations

import os
from pathlib import Path

from analytics.paths import DATA_ENV_VAR, REPO_ROOT, data_dir

URL_ENV_VAR = "DATABASE_URL"
PATH_ENV_VAR = "JILIN_STORE_PATH"
DEFAULT_PATH = REPO_ROOT / "var" / "dashboard.sqlite"


def database_url() -> str:
    """The SQLAlchemy URL of the store in force for this process."""
    url = os.environ.get(URL_ENV_VAR, "").strip()
    if url:
        # Heroku-style and bare postgresql:// URLs mean psycopg 3, the driver we ship.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    return f"sqlite:///{store_path()}"


def store_path() -> Path:
    """The SQLite file used when no ``DATABASE_URL`` is set."""
    if os.environ.get(DATA_ENV_VAR, "").strip():  # another data folder: its own store, whatever else is set
        return data_dir() / ".store" / "dashboard.sqlite"
    explicit = os.environ.get(PATH_ENV_VAR, "").strip()
    return Path(explicit) if explicit else DEFAULT_PATH
