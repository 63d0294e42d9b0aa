"""Datasets and their vintages: seed from the embedded files, read what is in force, add and activate.

Every function takes a SQLAlchemy Connection or Engine and returns plain values (dataclasses, bytes), so
the dashboard caches the results at its own boundary keyed by vintage id: a new activation is a new key,
and every session sees it on its next rerun.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from analytics.errors import DataError
from analytics.paths import data_dir
from analytics.provenance import Sidecar, read_sidecar
from store import audit
from store.engine import reading, writing
from store.schema import Activation, Dataset, Vintage

SEED_LABEL = "内置数据"
SEED_AUTHOR = "系统（首次启动）"
# Folders of data/ whose files are not datasets of the dashboard (the import templates).
NOT_DATASETS = ("templates",)
PROVENANCE_KEYS = ("title", "producer", "source", "url", "date_accessed", "licence", "status", "status_note")


@dataclass(frozen=True)
class VintageInfo:
    """A vintage without its content: what the history lists."""

    id: int
    dataset: str
    number: int
    label: str
    created_at: datetime
    author: str
    file_name: str
    file_sha256: str
    content_sha256: str
    rows: int
    note: str
    provenance: dict
    active: bool = False


def dataset_sidecars(root: Path | None = None) -> dict[str, Sidecar]:
    """The versioned datasets: every CSV table in the data folder with a readable sidecar (not templates).

    A sidecar that cannot be read is left out here: the dashboard then reads that table from its file and
    reports the problem on the pages that use it, as it did before the store existed.
    """
    root = root or data_dir()
    found = {}
    for path in sorted(root.glob("*.meta.yml")):
        try:
            sidecar = read_sidecar(path)
        except DataError:
            continue
        if sidecar.file.endswith(".csv") and path.parent.name not in NOT_DATASETS:
            found[sidecar.name] = sidecar
    return found


def _embedded(root: Path | None) -> dict[str, tuple[Sidecar, bytes]]:
    """Each dataset's embedded file, only where it matches its sidecar's checksum (a tampered or
    half-edited file is never loaded into the store: reading it from the file reports the mismatch)."""
    out = {}
    for name, sidecar in dataset_sidecars(root).items():
        if sidecar.data_path.is_file():
            data = sidecar.data_path.read_bytes()
            if _sha(data) == sidecar.sha256:
                out[name] = (sidecar, data)
    return out


def _now() -> datetime:
    return datetime.now(UTC)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rows(content: bytes) -> int:
    lines = content.decode("utf-8-sig").splitlines()
    return max(0, sum(1 for line in lines[1:] if line.strip()))


def _builtin_shas(connection: Connection) -> dict[str, set[str]]:
    rows = connection.execute(select(Vintage.dataset, Vintage.content_sha256).where(Vintage.label == SEED_LABEL))
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row.dataset, set()).add(row.content_sha256)
    return out


def seeded(connection: Connection, root: Path | None = None) -> bool:
    """Whether every embedded table, as it is in this release, is a vintage of the store."""
    have = _builtin_shas(connection)
    return all(_sha(data) in have.get(name, set()) for name, (_, data) in _embedded(root).items())


def seed(connection: Connection, root: Path | None = None) -> list[str]:
    """Load each embedded table the store does not hold yet as a 内置数据 vintage. Returns the names.

    On the first start that is vintage 1 of every dataset. A later release that ships a changed embedded
    file adds it as the next vintage, and puts it in force only if the data in force is itself built in:
    a department's imported data is never replaced by a software update.
    """
    have = _builtin_shas(connection)
    active = active_versions(connection)
    builtin_ids = set(connection.scalars(select(Vintage.id).where(Vintage.label == SEED_LABEL)))
    added = []
    for name, (sidecar, data) in _embedded(root).items():
        if _sha(data) in have.get(name, set()):
            continue
        if not _known(connection, name):
            connection.execute(Dataset.__table__.insert().values(name=name, title=sidecar.title))
        provenance = {key: getattr(sidecar, key) for key in PROVENANCE_KEYS}
        first = name not in active
        _insert(connection, name, data, label=SEED_LABEL, author=SEED_AUTHOR, file_name=sidecar.file,
                file_sha256=_sha(data), note="" if first else "随软件更新的内置数据", provenance=provenance,
                activate_note="首次启动载入内置数据" if first else "内置数据已更新",
                activate=first or active[name] in builtin_ids)
        added.append(name)
    if added:
        audit.record(connection, SEED_AUTHOR, "seed", "、".join(added), f"载入 {len(added)} 个内置数据集")
    return added


def _known(connection: Connection, dataset: str) -> bool:
    return connection.scalar(select(Dataset.name).where(Dataset.name == dataset)) is not None


def _insert(connection: Connection, dataset: str, content: bytes, *, label: str, author: str, file_name: str,
            file_sha256: str, note: str, provenance: dict, activate_note: str, activate: bool = True) -> int:
    number = connection.scalar(select(func.coalesce(func.max(Vintage.number), 0)).where(Vintage.dataset == dataset)) + 1
    now = _now()
    vintage_id = connection.execute(Vintage.__table__.insert().values(
        dataset=dataset, number=number, label=label, created_at=now, author=author, file_name=file_name,
        file_sha256=file_sha256, content_sha256=_sha(content), rows=_rows(content), note=note,
        provenance=json.dumps(provenance, ensure_ascii=False), content=content,
    )).inserted_primary_key[0]
    if activate:
        connection.execute(Activation.__table__.insert().values(
            dataset=dataset, vintage_id=vintage_id, activated_at=now, actor=author, note=activate_note))
    return int(vintage_id)


def _active_subquery():
    newest = select(Activation.dataset, func.max(Activation.id).label("last")).group_by(Activation.dataset).subquery()
    return select(Activation.dataset, Activation.vintage_id).join(newest, Activation.id == newest.c.last)


@reading
def active_versions(engine: Engine | Connection) -> dict[str, int]:
    """{dataset: vintage id in force}: one small query, the cache key of everything computed from data."""
    if isinstance(engine, Connection):
        return {row.dataset: row.vintage_id for row in engine.execute(_active_subquery())}
    with engine.connect() as connection:
        return active_versions(connection)


@reading
def content(engine: Engine, vintage_id: int) -> bytes:
    """The CSV bytes of one vintage."""
    with engine.connect() as connection:
        data = connection.scalar(select(Vintage.content).where(Vintage.id == vintage_id))
    if data is None:
        raise DataError(f"vintage {vintage_id}", "数据版本不存在")
    return data


def _info(row, active: set[int]) -> VintageInfo:
    return VintageInfo(id=row.id, dataset=row.dataset, number=row.number, label=row.label,
                       created_at=row.created_at, author=row.author, file_name=row.file_name,
                       file_sha256=row.file_sha256, content_sha256=row.content_sha256, rows=row.rows,
                       note=row.note, provenance=json.loads(row.provenance), active=row.id in active)


INFO_COLUMNS = [c for c in Vintage.__table__.c if c.name != "content"]


@reading
def history(engine: Engine, dataset: str) -> list[VintageInfo]:
    """Every vintage of a dataset, newest first, the one in force marked."""
    with engine.connect() as connection:
        active = set(active_versions(connection).values())
        rows = connection.execute(select(*INFO_COLUMNS).where(Vintage.dataset == dataset)
                                  .order_by(Vintage.number.desc())).all()
    return [_info(r, active) for r in rows]


@reading
def vintage(engine: Engine, vintage_id: int) -> VintageInfo:
    with engine.connect() as connection:
        active = set(active_versions(connection).values())
        row = connection.execute(select(*INFO_COLUMNS).where(Vintage.id == vintage_id)).first()
    if row is None:
        raise DataError(f"vintage {vintage_id}", "数据版本不存在")
    return _info(row, active)


def add_vintage(engine: Engine, dataset: str, data: bytes, *, author: str, file_name: str, file_sha256: str,
                note: str, provenance: dict, label: str, expected_active: int | None = None) -> int:
    """Write `data` as the dataset's next vintage and put it in force, in one transaction. Returns its id.

    `expected_active` is the vintage the user previewed against: if another import activated a newer one
    in between, nothing is written and the user is told to preview again (no change is lost silently).
    """
    with writing(engine) as connection:
        if not _known(connection, dataset):
            raise DataError(dataset, "未知的数据集")
        current = active_versions(connection).get(dataset)
        if expected_active is not None and current != expected_active:
            raise DataError(file_name, "预览之后数据已被其他导入更新，请重新校验并预览后再确认")
        vintage_id = _insert(connection, dataset, data, label=label, author=author, file_name=file_name,
                             file_sha256=file_sha256, note=note, provenance=provenance,
                             activate_note=f"导入 {file_name}")
        audit.record(connection, author, "import", dataset,
                     f"第 {_number(connection, vintage_id)} 版；文件 {file_name}；sha256 {file_sha256}；"
                     f"{_rows(data)} 行；说明：{note or '无'}")
        return vintage_id


def _number(connection: Connection, vintage_id: int) -> int:
    return int(connection.scalar(select(Vintage.number).where(Vintage.id == vintage_id)))


def activate(engine: Engine, dataset: str, vintage_id: int, *, actor: str, note: str = "") -> None:
    """Put an earlier (or later) vintage back in force: a rollback, itself logged."""
    with writing(engine) as connection:
        row = connection.execute(select(Vintage.dataset, Vintage.number).where(Vintage.id == vintage_id)).first()
        if row is None or row.dataset != dataset:
            raise DataError(dataset, f"数据集没有编号为 {vintage_id} 的版本")
        connection.execute(Activation.__table__.insert().values(
            dataset=dataset, vintage_id=vintage_id, activated_at=_now(), actor=actor, note=note))
        audit.record(connection, actor, "activate", dataset, f"启用第 {row.number} 版；说明：{note or '无'}")
