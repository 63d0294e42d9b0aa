"""The targets register: every quantified target in the five source documents, as data.

The register (`data/targets_register.csv`) lists each target once per document that sets it: our
paraphrase, the number and unit, the document's own deadline, the domain, the unit the document makes
responsible, and our assessment with its date and basis. The sidecar's schema catches malformed
cells; this module adds the checks a schema cannot express (the document must be one of our five, a
deadline must be a real date, an assessment must say when and on what evidence it was made), so that
a register edited in a spreadsheet fails loudly, naming the line, instead of showing a wrong timeline.

The list of valid document numbers lives here as data, not in the seeds: the app never reads the
source documents, only this register.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from analytics.errors import DataError
from analytics.loaders import HEADER_LINES, load_table, read_csv_text, validate_table
from analytics.paths import data_dir
from analytics.provenance import read_sidecar

TARGETS_DATASET = "targets_register"

# Document number -> title (year of issue). The five documents are the project's specification.
DOCUMENTS: dict[str, str] = {
    "吉民发〔2016〕18号": "吉林省民政厅关于全面落实脱贫攻坚民政工作任务的实施意见（2016）",
    "吉民发〔2021〕22号": "关于巩固拓展民政领域脱贫攻坚成果同乡村振兴有效衔接的实施方案（2021）",
    "吉民发〔2022〕4号": "2022年全省民政工作要点（2022）",
    "吉民发〔2022〕12号": "吉林省2022年度农村社会救助工作方案、农村养老服务提升工作方案（2022）",
    "吉民发〔2022〕24号": "吉林省社会救助“十四五”规划（2022）",
}
# The date each document was signed: an assessment based on a document is dated by it.
DOCUMENT_DATES: dict[str, date] = {
    "吉民发〔2016〕18号": date(2016, 5, 6),
    "吉民发〔2021〕22号": date(2021, 6, 3),
    "吉民发〔2022〕4号": date(2022, 2, 28),
    "吉民发〔2022〕12号": date(2022, 5, 20),
    "吉民发〔2022〕24号": date(2022, 7, 8),
}
DOMAINS: tuple[str, ...] = ("救助", "养老", "儿童", "基层治理", "社会事务", "慈善社工")
NOT_ASSESSED = "未评估"
ASSESSMENTS: tuple[str, ...] = (NOT_ASSESSED, "已完成", "进行中", "未完成")
COMPARISONS: dict[str, str] = {
    "at_least": "不低于",
    "at_most": "不高于",
    "equal": "等于",
    "count": "完成数量",
    "deadline": "按期完成（无数值）",
}
# The span of the five documents' deadlines: 2016 (吉民发〔2016〕18号) to 2025 (the 14th FYP's end).
TIMELINE_YEARS: tuple[int, int] = (2016, 2025)

DOCUMENT_NUMBER = re.compile(r"吉民发〔\d{4}〕\d+号")
DEADLINE_FORMAT = re.compile(r"^(\d{4})(?:-(\d{2})-(\d{2}))?$")


def parse_deadline(text: str) -> date:
    """A deadline as a date. A bare year means the end of that year, as the documents' "2025年" does.

    Raises ValueError for anything else (including impossible dates such as 2022-02-30).
    """
    match = DEADLINE_FORMAT.match(str(text).strip())
    if not match:
        raise ValueError(f"not a deadline: {text!r}")
    year, month, day = match.groups()
    if month is None:
        return date(int(year), 12, 31)
    return date(int(year), int(month), int(day))


def _line(index: object) -> int:
    """The spreadsheet line of a frame row (the header is line 1), as analytics.loaders counts."""
    return int(index) + HEADER_LINES + 1


def check_targets(frame: pd.DataFrame, file: str = f"{TARGETS_DATASET}.csv") -> pd.DataFrame:
    """Check what the sidecar schema cannot, and add `deadline_date`.

    Every document number (in `document`, and any cited in `basis` or `note`) must be one of
    DOCUMENTS; the deadline must be a real date; an assessment other than 未评估 needs both its date
    and its basis, and 未评估 must have neither (an undated, unsupported verdict is worse than none);
    an empty value needs a note saying why there is no number.
    """
    dates: dict[object, date] = {}
    for index, row in frame.iterrows():
        line = _line(index)
        if row["document"] not in DOCUMENTS:
            raise DataError(
                file,
                f"文号「{row['document']}」不在五份来源文件之列（{'、'.join(DOCUMENTS)}）",
                line=line,
                column="document",
            )
        for column in ("basis", "note"):
            for cited in DOCUMENT_NUMBER.findall(str(row[column])):
                if cited not in DOCUMENTS:
                    raise DataError(file, f"引用的文号「{cited}」不在五份来源文件之列", line=line, column=column)
        try:
            dates[index] = parse_deadline(row["deadline"])
        except ValueError:
            raise DataError(
                file, f"期限「{row['deadline']}」不是有效日期（应为 YYYY 或 YYYY-MM-DD）", line=line, column="deadline"
            ) from None
        assessed = row["assessment"] != NOT_ASSESSED
        for column, label in (("assessed_on", "评估日期"), ("basis", "评估依据")):
            present = str(row[column]).strip() != ""
            if assessed and not present:
                raise DataError(file, f"评估为「{row['assessment']}」时必须填写{label}", line=line, column=column)
            if not assessed and present:
                raise DataError(file, f"评估为「{NOT_ASSESSED}」时{label}应为空", line=line, column=column)
        if assessed:
            try:
                date.fromisoformat(str(row["assessed_on"]))
            except ValueError:
                raise DataError(
                    file, f"评估日期「{row['assessed_on']}」不是有效日期", line=line, column="assessed_on"
                ) from None
        if pd.isna(row["value"]) and str(row["note"]).strip() == "":
            raise DataError(file, "数值为空时须在 note 列说明原因（如“仅规定完成期限”）", line=line, column="note")
    checked = frame.copy()
    checked["deadline_date"] = pd.Series(dates, dtype="object").reindex(frame.index)
    return checked


def load_targets(root: Path | None = None, *, path: Path | None = None) -> pd.DataFrame:
    """The register, validated against its sidecar and checked, with a parsed `deadline_date`.

    With `path`, check another copy of the register (one edited in a spreadsheet, or the broken files
    in the tests) against the same schema. Its checksum and row count are not compared: an edited
    register may rightly add or drop targets.
    """
    if path is None:
        frame = load_table(TARGETS_DATASET, root)
        return check_targets(frame)
    if not path.is_file():
        raise DataError(path.name, "找不到数据文件")
    sidecar = read_sidecar((root or data_dir()) / f"{TARGETS_DATASET}.meta.yml")
    frame = validate_table(read_csv_text(path.read_bytes(), path.name), replace(sidecar, row_count=None), path.name)
    return check_targets(frame, path.name)


def _deadline_dates(frame: pd.DataFrame) -> pd.Series:
    if "deadline_date" in frame.columns:
        return frame["deadline_date"]
    return frame["deadline"].map(parse_deadline)


def status_counts(frame: pd.DataFrame) -> pd.Series:
    """Number of targets per assessment, every status listed (zeros included) in ASSESSMENTS order."""
    counts = frame["assessment"].value_counts().reindex(list(ASSESSMENTS), fill_value=0).astype(int)
    counts.index.name = "assessment"
    return counts.rename("count")


def _as_bound(value: date | int | None, *, end: bool) -> date | None:
    """A year stands for the whole year: from 1 January, to 31 December."""
    if value is None or isinstance(value, date):
        return value
    return date(int(value), 12, 31) if end else date(int(value), 1, 1)


def filter_targets(
    frame: pd.DataFrame,
    documents: list[str] | None = None,
    domains: list[str] | None = None,
    due_from: date | int | None = None,
    due_to: date | int | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """The targets matching every given filter.

    None or an empty list means "no filter on that field" (an empty multiselect on the page means
    all). `due_from` and `due_to` are inclusive and may be dates or years (a year covers all of it).
    """
    keep = pd.Series(True, index=frame.index)
    for column, chosen in (("document", documents), ("domain", domains), ("assessment", statuses)):
        if chosen:
            keep &= frame[column].isin(list(chosen))
    deadlines = _deadline_dates(frame)
    start, stop = _as_bound(due_from, end=False), _as_bound(due_to, end=True)
    if start is not None:
        keep &= deadlines.map(lambda d: d >= start).astype(bool)
    if stop is not None:
        keep &= deadlines.map(lambda d: d <= stop).astype(bool)
    return frame[keep]


def timeline(frame: pd.DataFrame) -> pd.DataFrame:
    """Per deadline year: how many targets fall due and which (ids in register order).

    Every year from 2016 to 2025 has a row, zero included, so gaps show as gaps; a target due outside
    that span widens the range rather than vanishing from the chart.
    """
    years = _deadline_dates(frame).map(lambda d: d.year)
    first = min([TIMELINE_YEARS[0], *years.tolist()])
    last = max([TIMELINE_YEARS[1], *years.tolist()])
    rows = []
    for year in range(first, last + 1):
        ids = frame.loc[years == year, "id"].tolist()
        rows.append({"year": year, "count": len(ids), "ids": ids})
    return pd.DataFrame(rows, columns=["year", "count", "ids"])
