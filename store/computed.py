"""Results computed once per data vintage and shared by every dashboard process.

A fresh replica (or a restarted one) would otherwise refit the income forecasts and their backtests
(about 1.5 s of CPU) before its first visitor sees a page. The key names everything the result depends on:
the function, the vintage ids it read, its parameters, and a digest of the source files that compute it,
so new data or new code is a new key and nothing stale is ever served. Values are pickles written and read
only by this application's own processes, in its own database (the trust boundary of the store itself).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from store.engine import unreachable
from store.schema import Computed

T = TypeVar("T")


def code_digest(paths: Iterable[Path]) -> str:
    """A short digest of the source files a result is computed by."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def shared(engine: Engine, key: str, compute: Callable[[], T]) -> T:
    """The stored result for `key`, or `compute()` stored under it (the first process to finish wins)."""
    try:
        with engine.connect() as connection:
            stored = connection.scalar(select(Computed.value).where(Computed.key == key))
    except DBAPIError as exc:  # the database is down: compute here, share it another time
        if not unreachable(exc):
            raise
        return compute()
    if stored is not None:
        return pickle.loads(stored)  # noqa: S301 - our own processes wrote it (see the module docstring)
    value = compute()
    try:
        with engine.begin() as connection:
            connection.execute(Computed.__table__.insert().values(
                key=key, created_at=datetime.now(UTC), value=pickle.dumps(value)))
    except IntegrityError:  # another replica stored the same result meanwhile: identical by construction
        pass
    except DBAPIError as exc:
        if not unreachable(exc):
            raise
    return value
