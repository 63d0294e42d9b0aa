"""The store's tables (SQLAlchemy 2 declarative). Changes go through a new Alembic migration.

Append-only by design: a vintage row is never updated or deleted; which vintage is in force is the newest
row of `activations` for its dataset, so a rollback is one more row, and the history is the table itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Dataset(Base):
    """One versioned table (its name is the embedded file's stem, e.g. ``county_indicators``)."""

    __tablename__ = "datasets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


class Vintage(Base):
    """One complete version of a dataset: its CSV content and where it came from."""

    __tablename__ = "vintages"
    __table_args__ = (UniqueConstraint("dataset", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(ForeignKey("datasets.name"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the dataset
    label: Mapped[str] = mapped_column(String(200))  # 内置数据, or the import's description
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(255))  # the uploaded (or embedded) file
    file_sha256: Mapped[str] = mapped_column(String(64))  # of the file as uploaded
    content_sha256: Mapped[str] = mapped_column(String(64))  # of `content`
    rows: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    provenance: Mapped[str] = mapped_column(Text)  # JSON: producer, source, status, … (the sidecar's, or the import's)
    content: Mapped[bytes] = mapped_column(LargeBinary)  # UTF-8 CSV in the embedded file's layout


class Activation(Base):
    """Putting a vintage in force (the first load, an import, a rollback): the newest row per dataset wins."""

    __tablename__ = "activations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(ForeignKey("datasets.name"), index=True)
    vintage_id: Mapped[int] = mapped_column(ForeignKey("vintages.id"))
    activated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")


class User(Base):
    """A local editor or admin account (viewing needs none). Passwords are argon2 hashes."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # editor | admin
    counties: Mapped[str] = mapped_column(Text, default="")  # comma-separated codes; "" = the whole province
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Every change and every login attempt, successful or not."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))  # login, login_failed, import, activate, save, add_user, …
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    ok: Mapped[bool] = mapped_column(Boolean, default=True)


class SavedItem(Base):
    """A saved scenario or briefing deck: its URL state, pinned to the vintages it was computed on."""

    __tablename__ = "saved_items"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # the short link ?s=<id>
    kind: Mapped[str] = mapped_column(String(16))  # scenario | deck
    name: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    query: Mapped[str] = mapped_column(Text)  # the page's URL query string that reopens it
    page: Mapped[str] = mapped_column(String(64))
    vintages: Mapped[str] = mapped_column(Text)  # JSON {dataset: vintage id}
    results: Mapped[str] = mapped_column(Text, default="{}")  # JSON {label: value} as shown when saved (0002)


class Computed(Base):
    """An expensive result (e.g. the income forecasts) keyed by what it was computed from: the vintages it
    read and the code that computed it. Written once, read by every replica (0003)."""

    __tablename__ = "computed"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    value: Mapped[bytes] = mapped_column(LargeBinary)


class Route(Base):
    """The replica that last started a session for a browser (nginx's `jilin_route` cookie) (0004)."""

    __tablename__ = "routes"
    route: Mapped[str] = mapped_column(String(64), primary_key=True)
    replica: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
