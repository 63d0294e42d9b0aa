"""One engine per database URL, the schema migrated and the embedded data seeded on first use.

Why it is built this way:
- Writers serialize: on SQLite a write transaction starts with ``BEGIN IMMEDIATE`` (so two imports queue
  on the file lock instead of failing half-way), on PostgreSQL it takes a transaction-scoped advisory lock.
  Readers never wait on SQLite (WAL journal) and take no lock on PostgreSQL.
- An import is one transaction (vintage + activation + audit row), so a process killed in the middle
  leaves the previous vintage in force, untouched: SQLite's WAL and PostgreSQL both roll back what was
  not committed.
- The first start of several processes at once is safe: migration and seeding run inside one write
  transaction, and the second process finds the work done.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from analytics.errors import DataError
from store.config import database_url

P = ParamSpec("P")
R = TypeVar("R")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE_LOCK_KEY = 4_711_2026  # PostgreSQL advisory-lock key of the store's writers
BUSY_TIMEOUT_MS = 30_000  # how long a SQLite writer waits for another before giving up

UNAVAILABLE = "暂时无法连接数据库（可能正在重启），本次操作没有保存；请稍后重试"


class StoreUnavailable(DataError):
    """The database cannot be reached: a Chinese message the pages show instead of a traceback. Nothing
    was written (a transaction in flight is rolled back by the database)."""

    def __init__(self) -> None:
        super().__init__("数据库", UNAVAILABLE)

    def __str__(self) -> str:  # not a data file: the bare sentence
        return UNAVAILABLE


def unreachable(exc: BaseException) -> bool:
    """Whether a database error means the server is gone (connection refused or dropped), not bad SQL."""
    return isinstance(exc, DBAPIError) and (exc.connection_invalidated or type(exc.orig).__name__ in (
        "OperationalError", "InterfaceError"))


def reading(function: Callable[P, R]) -> Callable[P, R]:
    """A store read whose database cannot be reached raises StoreUnavailable (shown in Chinese)."""
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except DBAPIError as exc:
            if unreachable(exc):
                raise StoreUnavailable() from exc
            raise
    return wrapper


_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_lock = threading.Lock()


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("store_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def get_engine(url: str | None = None) -> Engine:
    """The engine of `url` (default: the configured store), created once per process, schema current."""
    url = url or database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url, pool_pre_ping=True)
            _engines[url] = engine
        if url not in _ready:
            try:
                prepare(engine)
            except DBAPIError as exc:
                if unreachable(exc):
                    raise StoreUnavailable() from exc
                raise
            _ready.add(url)
    return engine


def dispose_all() -> None:
    """Close every engine (tests switch databases; a forked worker must not share connections)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _ready.clear()


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction that holds the store's write lock until it commits or rolls back.

    A database that cannot be reached becomes StoreUnavailable (nothing was written)."""
    try:
        with engine.connect().execution_options(store_write=True) as connection, connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield connection
    except DBAPIError as exc:
        if unreachable(exc):
            raise StoreUnavailable() from exc
        raise


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def prepare(engine: Engine) -> None:
    """Migrate to the newest schema and seed the embedded data, once, whoever gets there first."""
    from store.vintages import seed  # vintages imports this module

    if schema_revision(engine) == head_revision() and _seeded(engine):
        return
    with writing(engine) as connection:
        config = _alembic_config(connection)
        command.upgrade(config, "head")
        seed(connection)


def _seeded(engine: Engine) -> bool:
    from store.vintages import seeded

    with engine.connect() as connection:
        return seeded(connection)
