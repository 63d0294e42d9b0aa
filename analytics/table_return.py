"""A province return: next year's incomes and standards, monthly caseloads, a guidance notice's tiers.

Each updatable table is uploaded in its own layout (the embedded file's columns: the template is its
header, `template_csv`), and checked by the same machinery as a county return (`analytics.county_return`):
the file's container and size first, then every cell against the dataset's sidecar schema (the loader's
own rules, all problems collected), duplicated keys, formulas and markup. Warnings a department must
acknowledge: a row that overwrites a value already in force, and a yearly value that moves by more than
the county return's plausibility threshold on the year before.

Rows of the file replace the rows in force with the same key (the sidecar's `unique`); the rest are
carried over, so a file holding only 2025 adds 2025.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from analytics.county_return import (
    ERROR,
    FORMULA,
    HTML,
    LIMITS,
    THRESHOLDS,
    WARNING,
    PlausibilityThresholds,
    Report,
    ReturnCheck,
    UploadLimits,
    listed,
    read_upload,
    schema_failures,
    sentence,
)
from analytics.errors import DataError
from analytics.loaders import validate_table
from analytics.provenance import Sidecar

# The province tables a department updates itself (the county table has its own return).
PROVINCE_DATASETS = ("province_annual", "assistance_monthly", "guidance_standards", "guidance_tiers")
HEADER_LINE = 1
VALUE_COLUMN = "value"
TIME_COLUMNS = ("year", "month")  # the yearly series' value, compared year on year for the change warning


def column_label(sidecar: Sidecar, name: str) -> str:
    """A column as the report names it: "数据状态（status）" — the schema's Chinese description (its head,
    before any parenthesis) and the header the file must carry; the bare header where there is none."""
    description = str((sidecar.columns.get(name) or {}).get("description", "")).strip().split("（")[0]
    return f"{description}（{name}）" if description else name


def template_csv(sidecar: Sidecar) -> bytes:
    """The template of a province return: the dataset's header, UTF-8 with BOM (Excel opens it as UTF-8)."""
    return (",".join(sidecar.columns) + "\r\n").encode("utf-8-sig")


def _key(sidecar: Sidecar) -> list[str]:
    if not sidecar.unique:
        raise DataError(sidecar.file, "数据集没有定义唯一键，不能按行导入")
    return list(sidecar.unique)


def check_table_return(raw: bytes, file_name: str, sidecar: Sidecar, active: pd.DataFrame, *,
                       limits: UploadLimits = LIMITS, thresholds: PlausibilityThresholds = THRESHOLDS) -> ReturnCheck:
    """Every problem of an uploaded province table, and its typed rows when it has no errors. Never raises
    for anything in the file."""
    file, _, report, read = read_upload(raw, file_name, limits)
    if read is None:
        return _result(file, report)
    header, rows, lines = read
    header = [str(h).strip() for h in header]
    columns = list(sidecar.columns)
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h and h not in sidecar.columns]
    if missing:
        report.problem(ERROR, "missing_column", sentence(HEADER_LINE, None, f"缺少必需的列「{'」「'.join(missing)}」"),
                       line=HEADER_LINE, expected="模板中的全部列：" + "、".join(columns))
    if unknown:
        report.problem(ERROR, "unknown_column", sentence(HEADER_LINE, None, f"无法识别的列「{'」「'.join(unknown)}」"),
                       line=HEADER_LINE, expected="模板中的列名（英文代码，与下载的模板一致）")
    if missing or unknown:
        return _result(file, report)
    if not rows:
        report.problem(ERROR, "header_only", "只有表头，没有数据行")
        return _result(file, report)
    position = {h: i for i, h in enumerate(header)}
    frame = pd.DataFrame({c: [str(r[position[c]]).strip() if position[c] < len(r) else "" for r in rows]
                          for c in columns}, dtype=object)
    bad = _cell_problems(frame, lines, sidecar, file, report)
    if bad:
        return _result(file, report)
    typed = validate_table(frame, dataclasses.replace(sidecar, row_count=None, unique=()), file=file)
    key = _key(sidecar)
    repeated = typed.duplicated(key, keep="first")
    for row in np.flatnonzero(repeated.to_numpy())[: limits.max_problems]:
        first = int(np.flatnonzero((typed[key] == typed[key].iloc[row]).all(axis=1).to_numpy())[0])
        where = "、".join(str(typed[k].iloc[row]) for k in key)
        report.problem(ERROR, "duplicate_row", sentence(lines[row], None, f"「{'+'.join(key)}」为「{where}」的行重复"
                       f"（第 {lines[first]} 行与第 {lines[row]} 行）"), line=lines[row], value=where)
    if report.problems:
        return _result(file, report)
    _overwrite_warnings(typed, active, key, lines, report)
    _new_key_warnings(typed, active, key, lines, report, sidecar)
    _jump_warnings(typed, active, lines, thresholds, report, sidecar)
    return _result(file, report, typed)


def _cell_problems(frame: pd.DataFrame, lines: list[int], sidecar: Sidecar, file: str, report: Report) -> bool:
    """Formulas, markup, then the schema, every cell. True when any cell is bad."""
    found = False
    schema = dataclasses.replace(sidecar, row_count=None, unique=())  # cells here; keys are checked after
    for name, spec in sidecar.columns.items():
        text = frame[name]
        label = column_label(sidecar, name)
        for code, pattern, problem, expected in (
                ("formula", FORMULA, "单元格含公式，请粘贴为数值", "数值或文字，不是公式"),
                ("html", HTML, "含有网页标记（< >），不能导入", "不含 < > 的文字")):
            hits = np.flatnonzero(text.map(lambda v, p=pattern: bool(p.search(v))).to_numpy())
            for row in hits:
                report.problem(ERROR, code, sentence(lines[row], label, problem, expected), line=lines[row],
                               column=label, value=text.iat[row], expected=expected)
            found |= bool(len(hits))
        failures, complete = schema_failures(text, name, spec or {}, schema, file, report.limits.max_problems)
        report.incomplete |= not complete
        for row in np.flatnonzero(text.isin(list(failures)).to_numpy()):
            report.problem(ERROR, "value", sentence(lines[row], label, failures[text.iat[row]]), line=lines[row],
                           column=label, value=text.iat[row])
        found |= bool(failures)
    return found


def _overwrite_warnings(typed: pd.DataFrame, active: pd.DataFrame, key: list[str], lines: list[int],
                        report: Report) -> None:
    """A file row whose key is in force with other values: it replaces a figure someone may have cited."""
    merged = typed.reset_index().merge(active, on=key, how="inner", suffixes=("", "__now"))
    for _, row in merged.iterrows():
        differ = [c for c in typed.columns if c not in key and not _same(row[c], row[f"{c}__now"])]
        if differ:
            where = "、".join(str(row[k]) for k in key)
            line = lines[int(row["index"])]
            report.problem(WARNING, "overwrite", sentence(line, None, f"「{where}」已有数据，导入后将修改"
                           f"{'、'.join(differ)}（原为 {'、'.join(str(row[f'{c}__now']) for c in differ)}）"),
                           line=line, value=where, expected="确认这是更正后的数值")


def _new_key_warnings(typed: pd.DataFrame, active: pd.DataFrame, key: list[str], lines: list[int], report: Report,
                      sidecar: Sidecar) -> None:
    """A key value the table has never held (an indicator code, a side): a typo would start a series no
    chart reads, so it is named. Years and months are expected to be new."""
    for name in [k for k in key if k not in TIME_COLUMNS]:
        known = set(active[name].astype(str))
        fresh = typed[name].astype(str)
        label = column_label(sidecar, name)
        for value in pd.unique(fresh[~fresh.isin(known)]):
            row = int(np.flatnonzero((fresh == value).to_numpy())[0])
            report.problem(WARNING, "new_key", sentence(lines[row], label, f"「{value}」是现有数据中没有的类别，"
                           "导入后将新增一个序列，图表不会自动使用"), line=lines[row], column=label, value=value,
                           expected="现有的取值之一：" + "、".join(sorted(known)[:12]))


def _same(a: object, b: object) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return str(a) == str(b)


def _jump_warnings(typed: pd.DataFrame, active: pd.DataFrame, lines: list[int], thresholds: PlausibilityThresholds,
                   report: Report, sidecar: Sidecar) -> None:
    """A yearly series value more than `max_change` away from the year before (in the file, else in force)."""
    if not {"year", VALUE_COLUMN}.issubset(typed.columns):
        return
    series = [c for c in sidecar.unique if c != "year"]
    both = pd.concat([active[["year", *series, VALUE_COLUMN]].assign(_row=-1),
                      typed[["year", *series, VALUE_COLUMN]].assign(_row=np.arange(len(typed)))], ignore_index=True)
    both = both.drop_duplicates(["year", *series], keep="last")
    previous = both.assign(year=both["year"] + 1)[["year", *series, VALUE_COLUMN]]
    joined = both[both["_row"] >= 0].merge(previous, on=["year", *series], suffixes=("", "_before"))
    change = (joined[VALUE_COLUMN] - joined[f"{VALUE_COLUMN}_before"]).abs() / joined[f"{VALUE_COLUMN}_before"].abs()
    label = column_label(sidecar, VALUE_COLUMN)
    for _, row in joined[change > thresholds.max_change].iterrows():
        line = lines[int(row["_row"])]
        what = "、".join(str(row[c]) for c in series)
        report.problem(WARNING, "jump", sentence(line, label, f"{what} {int(row['year'])} 年为 {row[VALUE_COLUMN]:g}，"
                       f"比上年（{row[f'{VALUE_COLUMN}_before']:g}）变化超过 {thresholds.max_change:.0%}"),
                       line=line, column=label, value=f"{row[VALUE_COLUMN]:g}",
                       expected=f"与上年相差不超过 {thresholds.max_change:.0%}，或确认无误")


def _result(file: str, report: Report, table: pd.DataFrame | None = None) -> ReturnCheck:
    years = tuple(sorted(int(y) for y in table["year"].unique())) if table is not None and "year" in table else ()
    return ReturnCheck(file=file, table=table, problems=listed(report), counties=(), years=years)
