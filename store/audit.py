"""The audit log: every change and every login attempt, written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from store.engine import reading
from store.schema import AuditEvent


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str
    ok: bool


def record(connection: Connection, actor: str, action: str, target: str = "", detail: str = "",
           ok: bool = True) -> None:
    connection.execute(AuditEvent.__table__.insert().values(
        at=datetime.now(UTC), actor=actor, action=action, target=target, detail=detail, ok=ok))


@reading
def events(engine: Engine, limit: int = 500, action: str | None = None) -> list[Event]:
    """The newest events first."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action == action)
    with engine.connect() as connection:
        return [Event(r.at, r.actor, r.action, r.target, r.detail, r.ok)
                for r in connection.execute(query).all()]
