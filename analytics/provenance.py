"""Provenance sidecars: every embedded data file has a `<stem>.meta.yml` beside it.

The sidecar is the dataset's contract (after owid/etl): who produced it, where it came from, its
licence, whether its values are official, derived, recalled or illustrative, its checksum, and for
tables the column schema that `analytics.loaders` validates against. The UI's source notes and the
数据与方法 page are read from here, so a source is written down exactly once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from analytics.errors import DataError

SIDECAR_SUFFIX = ".meta.yml"
REQUIRED_KEYS = ("file", "title", "producer", "source", "date_accessed", "licence", "status", "sha256")
FILE_STATUSES = ("official", "derived", "recalled", "illustrative", "per_row", "per_value")

# Value statuses, most trusted first: a value computed from several carries the weakest (`weakest`).
# "assumed" (推定) is a tier taken from an earlier notice; "scenario" a projected guidance value.
STATUS_ORDER: tuple[str, ...] = ("official", "derived", "recalled", "assumed", "scenario", "illustrative")
# How each status reads wherever a value is marked in Chinese: headlines, slide footers, PDF and PPTX files.
# Official values carry no mark; OFFICIAL_LABEL names them where every value is labelled (speaker notes).
STATUS_MARKS: dict[str, str] = {"derived": "推算值", "recalled": "待核实", "assumed": "推定", "scenario": "情景",
                                "illustrative": "示例数据"}
OFFICIAL_LABEL = "官方"
# What each mark means, for a reader of an exported file who never saw the dashboard.
STATUS_EXPLAINED: dict[str, str] = {"推算值": "由公开数值计算得出，非直接公布", "待核实": "尚未与原始文件核对",
                                    "推定": "按规则推定，未见正式文件", "情景": "按假设情景测算的结果",
                                    "示例数据": "演示用的示例数值，不是实际统计"}


def status_mark(status: str) -> str:
    """The Chinese label of a status code (官方 for official); a label passed in already is kept as it is."""
    return OFFICIAL_LABEL if status == "official" else STATUS_MARKS.get(status, status)


def weakest(*statuses: str) -> str:
    """The least trusted of the given statuses ("" when none is known)."""
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.index) if known else ""


_RANK = {status: i for i, status in enumerate(STATUS_ORDER)}
_NAMES = np.array(("",) + STATUS_ORDER, dtype=object)  # rank + 1 -> name; 0 = unknown


def weakest_of(left: np.ndarray | pd.Series, right: np.ndarray | pd.Series) -> np.ndarray:
    """Element-wise `weakest` of two aligned arrays of statuses ("" or anything unknown is ignored)."""
    return _NAMES[np.maximum(_ranks(left), _ranks(right)) + 1]


def _ranks(statuses: np.ndarray | pd.Series) -> np.ndarray:
    """Rank of each status in STATUS_ORDER (−1 unknown): a lookup per distinct value, not per element."""
    distinct, inverse = np.unique(np.asarray(statuses, dtype=object).astype(str), return_inverse=True)
    return np.array([_RANK.get(s, -1) for s in distinct], dtype=int)[inverse.ravel()]


@dataclass(frozen=True)
class Sidecar:
    """A dataset's provenance record and (for tables) its column schema."""

    path: Path
    file: str
    title: str
    title_en: str
    producer: str
    source: str
    url: str
    date_accessed: str
    licence: str
    status: str
    sha256: str
    status_column: str | None = None
    status_note: str = ""
    script: str | None = None
    units: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    unique: tuple[str, ...] = ()
    row_count: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def data_path(self) -> Path:
        return self.path.parent / self.file

    @property
    def name(self) -> str:
        """The dataset's short name: its file name without extension."""
        return Path(self.file).stem


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_sidecar(path: Path) -> Sidecar:
    """Read and check one sidecar; a missing or malformed one is a DataError naming it."""
    if not path.is_file():
        raise DataError(path.name, "找不到说明文件（provenance sidecar）")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataError(path.name, f"说明文件无法解析：{exc}") from exc
    if not isinstance(raw, dict):
        raise DataError(path.name, "说明文件应为键值结构（YAML 映射）")
    missing = [key for key in REQUIRED_KEYS if not raw.get(key)]
    if missing:
        raise DataError(path.name, f"说明文件缺少字段：{', '.join(missing)}")
    if raw["status"] not in FILE_STATUSES:
        raise DataError(path.name, f"status「{raw['status']}」无效，应为 {' / '.join(FILE_STATUSES)}")
    known = {f for f in Sidecar.__dataclass_fields__ if f not in ("path", "extra")}
    return Sidecar(
        path=path,
        file=str(raw["file"]),
        title=str(raw["title"]),
        title_en=str(raw.get("title_en", "")),
        producer=str(raw["producer"]),
        source=str(raw["source"]).strip(),
        url=str(raw.get("url", "")),
        date_accessed=str(raw["date_accessed"]),
        licence=str(raw["licence"]),
        status=str(raw["status"]),
        sha256=str(raw["sha256"]),
        status_column=raw.get("status_column"),
        status_note=str(raw.get("status_note", "")).strip(),
        script=raw.get("script"),
        units=dict(raw.get("units") or {}),
        columns=dict(raw.get("columns") or {}),
        unique=tuple(raw.get("unique") or ()),
        row_count=raw.get("row_count"),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def sidecar_for(data_path: Path) -> Sidecar:
    """The sidecar of a data file (`counties.csv` -> `counties.meta.yml`)."""
    return read_sidecar(data_path.with_name(data_path.stem + SIDECAR_SUFFIX))


def all_sidecars(root: Path) -> list[Sidecar]:
    """Every sidecar under the data folder, in a stable order (build scripts are not datasets)."""
    paths = sorted(p for p in root.rglob("*" + SIDECAR_SUFFIX) if "scripts" not in p.parts)
    return [read_sidecar(p) for p in paths]


def verify_checksum(sidecar: Sidecar) -> None:
    """Refuse a data file whose bytes differ from what its sidecar recorded.

    A stale checksum means the file was edited without updating its provenance (or is damaged);
    either way the numbers on screen would no longer be the ones the sidecar vouches for.
    """
    if not sidecar.data_path.is_file():
        raise DataError(sidecar.file, "找不到数据文件")
    actual = sha256_of(sidecar.data_path)
    if actual != sidecar.sha256:
        raise DataError(
            sidecar.file,
            "文件内容与说明文件记录的 SHA-256 校验和不符（文件可能被改动或损坏）。"
            "若为有意更新，请运行 python data/scripts/update_checksums.py 并在说明文件中记录来源。",
        )
