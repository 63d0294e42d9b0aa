"""Saved scenarios and decks: by name, author and date, opened by a short link ``?s=<id>``, pinned to the
data vintages they were computed on, with the results they showed then (to set beside today's)."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import Engine, select

from store import audit
from store.engine import reading, writing
from store.schema import SavedItem

KINDS = ("scenario", "deck")
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{6,16}$")
MAX_NAME = 200


class SavedError(ValueError):
    """A refused save or lookup; the message is Chinese and safe to show."""


@dataclass(frozen=True)
class Saved:
    id: str
    kind: str
    name: str
    author: str
    created_at: datetime
    page: str
    query: dict[str, str]
    vintages: dict[str, int]
    results: dict[str, object] = field(default_factory=dict)


def _saved(row) -> Saved:
    return Saved(row.id, row.kind, row.name, row.author, row.created_at, row.page, dict(parse_qsl(row.query)),
                 {k: int(v) for k, v in json.loads(row.vintages).items()}, json.loads(row.results or "{}"))


def save_item(engine: Engine, kind: str, name: str, author: str, page: str, query: dict[str, str],
              vintages: dict[str, int], results: dict[str, object]) -> Saved:
    """Store a scenario or deck and return it with its new short id."""
    name = name.strip()
    if kind not in KINDS:
        raise SavedError(f"未知的保存类型「{kind}」")
    if not name or len(name) > MAX_NAME:
        raise SavedError(f"名称应为 1–{MAX_NAME} 个字符")
    item = Saved(secrets.token_urlsafe(6), kind, name, author.strip() or "访客", datetime.now(UTC), page,
                 dict(query), dict(vintages), dict(results))
    with writing(engine) as connection:
        connection.execute(SavedItem.__table__.insert().values(
            id=item.id, kind=kind, name=name, author=item.author, created_at=item.created_at, page=page,
            query=urlencode(item.query), vintages=json.dumps(item.vintages),
            results=json.dumps(item.results, ensure_ascii=False, default=str)))
        audit.record(connection, item.author, "save", f"{kind}:{item.id}", name)
    return item


@reading
def get_item(engine: Engine, item_id: str) -> Saved:
    """The saved item of a short link; SavedError (Chinese, naming the id) if there is none."""
    if not ID_PATTERN.match(item_id or ""):
        raise SavedError(f"链接中的编号「{item_id[:40]}」格式不对（应为 6–16 位字母、数字、- 或 _）")
    with engine.connect() as connection:
        row = connection.execute(select(SavedItem.__table__).where(SavedItem.id == item_id)).first()
    if row is None:
        raise SavedError(f"找不到编号为「{item_id}」的已保存情景或简报（可能是链接不完整）")
    return _saved(row)


@reading
def saved_items(engine: Engine, kind: str | None = None, search: str = "") -> list[Saved]:
    """Newest first; `search` matches the name or the author (case-insensitive)."""
    query = select(SavedItem.__table__).order_by(SavedItem.created_at.desc())
    if kind:
        query = query.where(SavedItem.kind == kind)
    with engine.connect() as connection:
        items = [_saved(r) for r in connection.execute(query).all()]
    needle = search.strip().lower()
    return [i for i in items if needle in i.name.lower() or needle in i.author.lower()] if needle else items


def pinned_to(engine: Engine, dataset: str, vintage_id: int) -> list[Saved]:
    """Saved items computed on this vintage of `dataset` (they will show 数据已更新 after a new one)."""
    return [item for item in saved_items(engine) if item.vintages.get(dataset) == vintage_id]


def newer_data(item: Saved, current: dict[str, int]) -> dict[str, tuple[int, int]]:
    """{dataset: (vintage saved on, vintage in force)} for every dataset that changed since the save."""
    return {name: (was, current[name]) for name, was in item.vintages.items()
            if name in current and current[name] != was}
