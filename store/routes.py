"""Which replica last served each browser: a session that starts on another replica than the browser's
last one was moved (its replica stopped, or the deployment was rebalanced) and is told so."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from store.engine import writing
from store.schema import Route

MAX_ROUTE = 64


def claim(engine: Engine, route: str, replica: str) -> str | None:
    """Record that `replica` now serves `route`; returns the replica that served it before, if another."""
    route = route[:MAX_ROUTE]
    with writing(engine) as connection:
        before = connection.scalar(select(Route.replica).where(Route.route == route))
        if before is None:
            connection.execute(Route.__table__.insert().values(route=route, replica=replica, seen_at=datetime.now(UTC)))
        else:
            connection.execute(Route.__table__.update().where(Route.route == route).values(
                replica=replica, seen_at=datetime.now(UTC)))
    return before if before not in (None, replica) else None
