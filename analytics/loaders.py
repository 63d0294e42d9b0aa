"""Load an embedded table and validate it against the schema in its sidecar.

One generic validator serves every table: the rules (types, ranges, allowed values, code patterns,
unique keys, row count) are data in the sidecar, not code here. Every failure is a DataError naming
the file, the line (header = line 1) and the column, so a bad cell can be found in a spreadsheet.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from analytics.errors import DataError
from analytics.paths import data_dir
from analytics.provenance import Sidecar, read_sidecar, verify_checksum

HEADER_LINES = 1  # CSV line of the first data row = frame index + HEADER_LINES + 1
TYPE_NAMES_ZH = {"int": "整数", "float": "数字", "month": "年月（YYYY-MM）"}
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def _line(index: int) -> int:
    return int(index) + HEADER_LINES + 1


def _decode(raw: bytes, file: str) -> str:
    if not raw.strip():
        raise DataError(file, "文件为空")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(file, "不是 UTF-8 编码，无法读取（请另存为 UTF-8 CSV）", line=line) from exc


def read_csv_text(raw: bytes, file: str) -> pd.DataFrame:
    """Parse CSV bytes as text columns; parsing problems become DataErrors."""
    text = _decode(raw, file)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        raise DataError(file, "无法按 CSV 格式解析（列数与表头不一致）", line=line) from exc
    if frame.empty:
        raise DataError(file, "只有表头，没有数据行")
    return frame


def _check_column(frame: pd.DataFrame, name: str, spec: dict[str, Any], file: str) -> pd.Series:
    """Validate one column and return it converted to its declared type."""
    text = frame[name].str.strip()
    required = spec.get("required", True)
    blank = text == ""
    if required and blank.any():
        raise DataError(file, "必填值为空", line=_line(blank.idxmax()), column=name)

    kind = spec.get("type", "str")
    if kind in ("int", "float"):
        numbers = pd.to_numeric(text.where(~blank), errors="coerce")
        bad = numbers.isna() & ~blank
        if kind == "int":
            bad |= numbers.notna() & (numbers != numbers.round())
        if bad.any():
            at = bad.idxmax()
            raise DataError(
                file, f"值「{frame[name][at]}」不是{TYPE_NAMES_ZH[kind]}", line=_line(at), column=name
            )
        for bound, fails in (("min", numbers < spec.get("min", float("-inf"))),
                             ("max", numbers > spec.get("max", float("inf")))):
            if fails.any():
                at = fails.idxmax()
                limits = f"{spec.get('min', '−∞')} 至 {spec.get('max', '+∞')}"
                raise DataError(
                    file, f"值「{frame[name][at]}」超出允许范围（{limits}，{bound}）", line=_line(at), column=name
                )
        return numbers.astype("Int64") if kind == "int" else numbers.astype("float64")

    pattern = spec.get("pattern") or (MONTH_PATTERN if kind == "month" else None)
    if pattern:
        bad = ~text.str.match(pattern) & ~blank
        if bad.any():
            at = bad.idxmax()
            expected = TYPE_NAMES_ZH.get(kind, f"格式 {pattern}")
            raise DataError(file, f"值「{text[at]}」不符合{expected}", line=_line(at), column=name)
    allowed = spec.get("allowed")
    if allowed is not None:
        bad = ~text.isin([str(a) for a in allowed])
        if bad.any():
            at = bad.idxmax()
            options = "、".join(str(a) for a in allowed if str(a)) or "空"
            raise DataError(file, f"值「{text[at]}」不在允许的取值中（{options}）", line=_line(at), column=name)
    return text


def validate_table(frame: pd.DataFrame, sidecar: Sidecar, file: str | None = None) -> pd.DataFrame:
    """Check a text frame against the sidecar's schema and return it with typed columns."""
    file = file or sidecar.file
    missing = [c for c in sidecar.columns if c not in frame.columns]
    if missing:
        raise DataError(file, f"缺少必需的列「{'」「'.join(missing)}」")
    typed = pd.DataFrame(
        {name: _check_column(frame, name, spec or {}, file) for name, spec in sidecar.columns.items()}
    )
    if sidecar.unique:
        key = list(sidecar.unique)
        keys = typed[key].astype(str).agg("、".join, axis=1)
        repeated = keys.duplicated(keep="first")
        if repeated.any():
            second = repeated.idxmax()
            first = keys.index[keys == keys[second]][0]
            raise DataError(
                file,
                f"「{'+'.join(key)}」的值「{keys[second]}」重复（第 {_line(first)} 行与第 {_line(second)} 行）",
            )
    if sidecar.row_count is not None and len(typed) != sidecar.row_count:
        raise DataError(file, f"应有 {sidecar.row_count} 行数据，实际为 {len(typed)} 行")
    return typed


def load_table(name: str, root: Path | None = None, *, path: Path | None = None) -> pd.DataFrame:
    """Load dataset `name` (its file stem) from the data folder, validated.

    With `path`, validate that file against the named dataset's schema instead (used for uploads and
    for the deliberately broken files in the tests); its checksum is then not compared.
    """
    root = root or data_dir()
    sidecar = read_sidecar(root / f"{name}.meta.yml")
    if path is None:
        verify_checksum(sidecar)
        path = sidecar.data_path
    elif not path.is_file():
        raise DataError(path.name, "找不到数据文件")
    frame = read_csv_text(path.read_bytes(), path.name)
    return validate_table(frame, sidecar, file=path.name)


def load_geojson(relative: str, root: Path | None = None) -> dict[str, Any]:
    """Load a GeoJSON FeatureCollection whose sidecar vouches for it."""
    root = root or data_dir()
    file = root / relative
    sidecar = read_sidecar(file.with_name(file.stem + ".meta.yml"))
    verify_checksum(sidecar)
    try:
        collection = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(file.name, f"不是有效的 GeoJSON：{exc}") from exc
    if collection.get("type") != "FeatureCollection" or not collection.get("features"):
        raise DataError(file.name, "应为包含要素的 GeoJSON FeatureCollection")
    return collection
