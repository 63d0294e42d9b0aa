"""Check an uploaded county return and report every problem at once, for the import page.

`analytics.county_data.load_county_table` stops at the first problem: right for a folder an administrator
fixes once, wrong for a county officer who would upload, fix one cell and upload again twenty times. The
import page runs validate → report → preview → confirm; this module is its first two steps. It returns a
`ReturnCheck`: every `Problem` (errors block the import, warnings must be acknowledged), the typed rows for
the preview, and the counties and years the return covers. A return may cover one county, one prefecture or
all 60: unlike the folder loader it does not require every county of a year.

One rule, one implementation. The cell rules (types, ranges, the code pattern) are the sidecar schema of
`data/county_indicators.meta.yml`, applied by `analytics.loaders.validate_table` itself: to find every bad
cell rather than the first, the distinct texts of each column are fed to it and each failing text is set
aside in turn. Header recognition, reading, unknown codes, repeated rows and the wording of each message come
from `analytics.county_data` (its `CountyFileError` carries a machine `code` for each rule). A standard below
its guidance is `analytics.compliance.compliance` on the guidance of `analytics.guidance` (the published tier
of that year; no notice, or an unknown tier, no warning). What is added here belongs to uploads only:

* limits (`UploadLimits`): size, rows, and a zip bomb's uncompressed size and ratio, checked before any
  parser sees the bytes (a 60 MB file, a million-row CSV or a bomb is refused in milliseconds);
* what the bytes really are (an .xls, a PDF or a CSV renamed .xlsx; a truncated workbook), UTF-16 text and
  tab separators (Excel's 「Unicode 文本」), merged or multi-row headers;
* formulas (an Excel formula cell, or a CSV cell starting with "=" or with "+", "-", "@" and a letter: the
  spreadsheet-injection forms) and HTML in a cell, both refused; a value is never echoed with its "<" ">";
* codes of another province, development zones (`data/development_zones.csv`) and prefectures, and rows a
  county editor may not import (`allowed_codes`);
* warnings (`PlausibilityThresholds`): below guidance, a change of more than 30 % on the year before, a
  caseload above a share of the census population, a name that does not match its code.

No retired codes: neither `data/` nor the reference data hold a list of Jilin codes that were merged or
renamed, so such a code is reported as unknown (the message says an old code cannot be used).

Problem codes (stable keys for the page and tests): too_large, too_many_rows, zip_bomb, wrong_type, xls,
pdf, not_csv, not_xlsx, corrupt, encoding, empty, header_only, unparseable, header_row, multi_row_header,
merged_header, merged_cells, unnamed_column, unknown_column, duplicate_column, missing_column, formula,
html, required, not_number, not_integer, negative, out_of_range, share_range, bad_code, other_province,
development_zone, prefecture_code, unknown_code, not_allowed, duplicate_row, no_values, name_mismatch,
below_guidance, jump, caseload_share, more_problems.

Pure functions, no Streamlit.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from analytics.compliance import BELOW, STANDARD_COLUMN, compliance
from analytics.county_data import (
    CODE_EXPECTED,
    COLUMN_BY_CODE,
    COLUMNS,
    DATA_SUFFIXES,
    HEADER_LINE,
    KEY_COLUMNS,
    VALUE_COLUMNS,
    CountyFileError,
    Sheet,
    cell_error,
    cell_reference,
    column_for_header,
    finish_table,
    header_issues,
    label,
    read_rows,
    row_issues,
    sheet_frame,
    upload_schema,
)
from analytics.errors import DataError
from analytics.guidance import SIDES, GuidanceData, county_values, guidance_data
from analytics.loaders import load_table, validate_table
from analytics.peers import format_value
from analytics.provenance import Sidecar

ERROR = "error"  # blocks the import
WARNING = "warning"  # shown; the user must acknowledge it before importing
MB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """How big an upload may be before it is refused unread, and how many problems a report lists.

    A return is one row per county-year: 60 counties × 10 years is 600 rows and well under 1 MB, so the
    limits are two orders of magnitude above any real return and far below what would hurt the server.
    An .xlsx is a zip: its members' declared sizes are checked before openpyxl opens it (Python's zipfile
    never inflates a member beyond its declared size, so a lying header cannot get past). Real workbooks
    compress 2–7 × (the template: 6 ×); a bomb compresses hundreds of times.
    """

    max_bytes: int = 20 * MB
    max_rows: int = 100_000
    max_unzipped_bytes: int = 200 * MB  # all members of an .xlsx together, uncompressed
    max_compression_ratio: float = 100.0  # for a member of at least ratio_floor_bytes uncompressed
    ratio_floor_bytes: int = 1 * MB
    max_zip_members: int = 500
    max_problems: int = 200  # listed; one more problem says how many more there are
    value_chars: int = 40  # a cell's text is quoted up to this many characters


LIMITS = UploadLimits()


@dataclass(frozen=True)
class PlausibilityThresholds:
    """When a valid value is still worth a second look (a warning, never an error).

    These are data-quality checks, not policy rules: no document sets them, so they are not in
    `data/parameters.yml` (whose every value cites a 吉民发 document). The figures they rest on:

    * `max_change`: in the illustrative table standards move at most 15 % a year, caseloads at most 20 %,
      temporary-assistance cases 26 %, except 2021, when the first guidance notice lifted the lowest urban
      standards by up to 38 % (and 2022's 特困 standards, 1.3 × those, followed): a real change of that
      size deserves the look a warning asks for. A standard of 600 typed as 6000, or 万人 typed as persons,
      is a change of hundreds of per cent.
    * `max_dibao_share`: Jilin's 低保 recipients were 3.2 % of its 2020 census population in 2024-11
      (257,980 urban + 520,948 rural, `data/assistance_monthly.csv`); no county of the illustrative table
      exceeds 9.1 %. 20 % is more than twice that: above it a figure is almost surely wrong.
    * `max_tekun_share`: 特困 persons were 0.38 % of the population (90,811); the illustrative maximum is
      1.1 %. 5 % is more than four times that.
    Denominator: the county's 2020 census population (`data/counties.csv`), the only county population there is.
    """

    max_change: float = 0.30
    max_dibao_share: float = 0.20
    max_tekun_share: float = 0.05


THRESHOLDS = PlausibilityThresholds()
# Columns whose year-on-year change is checked: money and counts. Shares and the 0/1 hotline move in big
# steps by design (a township gets a station, the hotline is connected), as do the few care institutions.
JUMP_COLUMNS = ("urban_standard_month", "rural_standard_month", "tekun_urban_standard_month",
                "tekun_rural_standard_month", "urban_recipients", "rural_recipients", "tekun_persons",
                "temporary_assistance_cases")
DIBAO_COLUMNS = ("urban_recipients", "rural_recipients")

# A formula: "=" anything, or "+", "-", "@" followed by a letter (the spreadsheet-injection forms; "-12" is
# a number and stays one). HTML: a tag opener ("<b", "</", "<!", "<?"), not a lone "<".
FORMULA = re.compile(r"^(?:=|[+\-@]\s*[A-Za-z])")
HTML = re.compile(r"<[/!?]?[A-Za-z!?]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected Office file
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
PDF_MAGIC = b"%PDF"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"')
_CELL_REF = re.compile(r"^([A-Za-z]+)(\d+)$")
_NAMES_LISTED = 15  # a list of county names stops here, then "等"
_REFS_LISTED = 5  # merged ranges named in one message
_SCAN_CHUNK = 1 * MB


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the return, addressed so that an officer can find and fix the cell.

    `line` is the row as the spreadsheet counts it (header = 1; Excel: the worksheet row), `column` the
    column's Chinese name, `value` the cell's text as typed (control characters removed, cut at
    `UploadLimits.value_chars`): show it as plain text. `message` never contains "<" or ">" (they are
    replaced by their full-width forms), so no cell can inject markup into the report.
    """

    severity: str
    message: str
    line: int | None
    column: str | None
    value: str | None
    expected: str | None
    code: str


@dataclass(frozen=True)
class ReturnCheck:
    """The report on one uploaded file.

    `table`: the rows whose code and year could be read, typed like `load_county_table`'s result (canonical
    names, sorted by code and year; a bad cell is blank), for the preview. It is None when the file could
    not be read. Import it only when `ok`.
    """

    file: str
    table: pd.DataFrame | None
    problems: tuple[Problem, ...]
    counties: tuple[str, ...]
    years: tuple[int, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)

    @property
    def ok(self) -> bool:
        """No errors: the return may be imported once its warnings are acknowledged."""
        return not self.errors


@dataclass(frozen=True)
class ReturnReference:
    """The data every check reads: the schema, the 60 counties, development zones and the guidance notices.

    Loaded (and checksum-verified) by `load_reference`; a page builds it once per data version and passes it
    in, so that a check costs only the file's own work.
    """

    schema: Sidecar
    counties: pd.DataFrame
    zones: pd.DataFrame
    guidance: GuidanceData


def load_reference(root: Path | None = None) -> ReturnReference:
    """`ReturnReference` from the data folder `root` (default: the one in force)."""
    return ReturnReference(
        schema=upload_schema(root), counties=load_table("counties", root),
        zones=load_table("development_zones", root),
        guidance=guidance_data(load_table("guidance_standards", root), load_table("guidance_tiers", root)),
    )


# ----------------------------------------------------------------------------------------- wording
def _clip(text: object, limit: int) -> str:
    text = _CONTROL.sub(" ", str(text))
    return text if len(text) <= limit else text[:limit] + "…"


def _inert(text: str) -> str:
    """Text that no renderer can read as markup: "<" and ">" become their full-width forms."""
    return text.replace("<", "＜").replace(">", "＞")


def _number(value: float) -> str:
    value = float(value)
    if not value.is_integer():
        return f"{value:g}"
    return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))  # years and 5000 stay unbroken


def sentence(line: int | None, column: str | None, text: str, expected: str | None = None) -> str:
    """第 N 行「列」列：text；应为 expected。 — the shape of every message."""
    where = (f"第 {line} 行" if line is not None else "") + (f"「{column}」列" if column else "")
    body = f"{where}：{text}" if where else text
    if expected and expected not in text:
        body += f"；应为{' ' if expected[:1].isascii() else ''}{expected}"
    return body.rstrip("。") + "。"


class Report:
    """Problems as they are found; beyond `max_problems` of one kind only a count is kept (a million bad
    cells must not become a million objects). The final list is sorted and cut in `listed`."""

    def __init__(self, limits: UploadLimits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.unlisted = {ERROR: 0, WARNING: 0}
        self.incomplete = False  # the search for bad cells stopped early: the count is a minimum

    def problem(self, severity: str, code: str, message: str, *, line: int | None = None,
                column: str | None = None, value: object = None, expected: str | None = None) -> None:
        message = message if message.endswith("。") else message + "。"  # every message is a whole sentence
        self.problems.append(Problem(
            severity=severity, message=_inert(message), line=line, column=column,
            value=None if value is None else _clip(value, self.limits.value_chars), expected=expected, code=code,
        ))

    def each(self, rows: Sequence[int], severity: str, add: Callable[[int], None]) -> None:
        """Call `add` for the first rows (ascending) and count the rest: they can never be listed."""
        cap = self.limits.max_problems
        for row in rows[:cap]:
            add(int(row))
        self.unlisted[severity] += max(0, len(rows) - cap)

    def shown(self, value: object) -> str:
        """A cell's text as quoted inside a message."""
        return _clip(value, self.limits.value_chars)  # made inert with the whole message in `problem`


def _column_order() -> dict[str | None, int]:
    return {column.zh: i for i, column in enumerate(COLUMNS)}


def listed(report: Report) -> tuple[Problem, ...]:
    """Whole-file problems first, then by line and column; cut at max_problems with a closing count."""
    order = _column_order()
    ordered = sorted(report.problems, key=lambda p: (p.line is not None, p.line or 0,
                                                     order.get(p.column, len(order)), p.severity != ERROR))
    cap = report.limits.max_problems
    shown, hidden = ordered[:cap], ordered[cap:]
    more = {ERROR: report.unlisted[ERROR] + sum(p.severity == ERROR for p in hidden),
            WARNING: report.unlisted[WARNING] + sum(p.severity == WARNING for p in hidden)}
    total = more[ERROR] + more[WARNING]
    if total or report.incomplete:
        severity = ERROR if more[ERROR] or report.incomplete else WARNING
        at_least = "至少" if report.incomplete else ""
        shown.append(Problem(
            severity=severity, line=None, column=None, value=None, expected=None, code="more_problems",
            message=f"另有{at_least} {total:,} 个问题未列出（其中错误 {more[ERROR]:,} 个；上面只列出前 {cap} 个）："
                    "请先改正以上问题，再重新上传检查。",
        ))
    return tuple(shown)


def _result(file: str, report: Report, table: pd.DataFrame | None = None) -> ReturnCheck:
    if table is None or not len(table):
        return ReturnCheck(file=file, table=None, problems=listed(report), counties=(), years=())
    return ReturnCheck(file=file, table=table, problems=listed(report),
                       counties=tuple(sorted(table["code"].unique())),
                       years=tuple(sorted(int(y) for y in table["year"].unique())))


# ----------------------------------------------------------------------------------------- the bytes
def _megabytes(size: int) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB else f"{size / 1024:,.1f} KB"


def _too_large(size: int, report: Report) -> None:
    limit = _megabytes(report.limits.max_bytes)
    report.problem(ERROR, "too_large", f"文件大小为 {_megabytes(size)}，超过 {limit} 的上限，未读取：请按年份或市（州）"
                   "拆分为多个文件后分别上传", expected=f"不超过 {limit}")


def container_problems(raw: bytes, file: str, suffix: str, report: Report) -> None:
    """Size, extension and what the bytes really are: everything decided before a parser runs."""
    limits = report.limits
    if len(raw) > limits.max_bytes:
        _too_large(len(raw), report)
        return
    allowed = "CSV（.csv）或 Excel 工作簿（.xlsx）"
    if suffix == ".xls":
        report.problem(ERROR, "xls", "旧版 Excel 97-2003 工作簿（.xls）无法读取：请在 Excel 中「另存为」Excel 工作簿"
                       "（.xlsx）或 CSV 后再上传", expected=allowed)
        return
    if suffix not in DATA_SUFFIXES:
        hint = "；Excel「Unicode 文本」另存的 .txt 可把扩展名改为 .csv 后上传" if suffix == ".txt" else ""
        report.problem(ERROR, "wrong_type", f"只能导入 {allowed}，「{report.shown(file)}」的扩展名是"
                       f"「{report.shown(suffix or '无')}」{hint}", expected=allowed)
        return
    if not raw.strip():
        report.problem(ERROR, "empty", "文件为空：请上传填好的模板", expected="填好数据的模板")
        return
    if raw.startswith(OLE_MAGIC):
        report.problem(ERROR, "xls", "文件实际是旧版 Excel（.xls）工作簿，或设置了打开密码的 Excel 文件：请取消密码，"
                       "在 Excel 中「另存为」Excel 工作簿（.xlsx）后再上传", expected=allowed)
        return
    if raw.startswith(PDF_MAGIC):
        report.problem(ERROR, "pdf", "文件实际是 PDF 文档，不是表格：请上传填好的模板（.xlsx 或 .csv），"
                       "不要上传打印或扫描件", expected=allowed)
        return
    is_zip = raw.startswith(ZIP_MAGIC)
    if suffix == ".csv" and is_zip:
        report.problem(ERROR, "not_csv", "文件实际是 Excel 工作簿（.xlsx）或压缩包，扩展名却是 .csv：请把扩展名改为 "
                       ".xlsx，或在 Excel 中另存为 CSV", expected="CSV 文本")
        return
    if suffix == ".xlsx":
        if not is_zip:
            report.problem(ERROR, "not_xlsx", "无法作为 Excel（.xlsx）文件读取（文件不是 Excel 工作簿）：如果是 CSV 文本，"
                           "请把扩展名改为 .csv", expected="Excel 工作簿（.xlsx）")
            return
        _zip_problems(raw, report)


def _zip_problems(raw: bytes, report: Report) -> None:
    """An .xlsx's zip directory: intact, an Excel workbook, and not a bomb (declared sizes, read unexpanded)."""
    limits = report.limits
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        report.problem(ERROR, "corrupt", "Excel 文件不完整或已损坏（可能上传中断或文件被截断），无法打开：请在 Excel 中"
                       "重新保存后再上传", expected="完整的 Excel 工作簿（.xlsx）")
        return
    unzipped = sum(info.file_size for info in infos)
    ratios = [info.file_size / max(info.compress_size, 1) for info in infos
              if info.file_size >= limits.ratio_floor_bytes]
    if len(infos) > limits.max_zip_members or unzipped > limits.max_unzipped_bytes or \
            any(ratio > limits.max_compression_ratio for ratio in ratios):
        report.problem(ERROR, "zip_bomb", f"Excel 文件解压后约 {_megabytes(unzipped)}（压缩比最高 "
                       f"{max(ratios, default=0):,.0f} 倍，共 {len(infos):,} 个部件），超过解压后 "
                       f"{_megabytes(limits.max_unzipped_bytes)}、压缩比 {limits.max_compression_ratio:,.0f} 倍的上限，"
                       "未读取：请只保留数据工作表，或另存为 CSV 后上传",
                       expected=f"解压后不超过 {_megabytes(limits.max_unzipped_bytes)}")
        return
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        report.problem(ERROR, "not_xlsx", "文件是压缩包，但不是 Excel 工作簿（可能是 Word、WPS 或其他文件改了扩展名）："
                       "请上传填好的模板", expected="Excel 工作簿（.xlsx）")


def _first_sheet_path(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (the one the reader reads), or None if unclear."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        sheet = workbook.find(f"{_MAIN_NS}sheets/{_MAIN_NS}sheet")
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    if sheet is None:
        return None
    wanted = sheet.get(f"{_REL_NS}id")
    for rel in rels:
        if rel.get("Id") == wanted and rel.get("Target"):
            target = rel.get("Target")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def merged_ranges(raw: bytes) -> list[str]:
    """The merged ranges ("A1:C1") of an .xlsx's first sheet, scanned from its XML as a stream.

    openpyxl's read-only mode (the one that keeps memory flat) does not report merged cells; the sheet XML
    lists them after the data, so the stream is read to its end in chunks. Limits are checked before.
    """
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        path = _first_sheet_path(archive)
        if path is None:
            return found
        tail = b""
        with archive.open(path) as stream:
            while chunk := stream.read(_SCAN_CHUNK):
                block = tail + chunk
                cut = block.rfind(b"<")  # a tag split by the chunk boundary is searched in the next block
                cut = cut if cut > 0 else len(block)
                found += [m.decode() for m in _MERGE.findall(block, 0, cut)]
                tail = block[cut:]
            found += [m.decode() for m in _MERGE.findall(tail)]
    return found


def _range_rows(ref: str) -> tuple[int, int]:
    parts = [_CELL_REF.match(part) for part in ref.split(":")]
    rows = [int(m.group(2)) for m in parts if m]
    return (min(rows), max(rows)) if rows else (0, 0)


# ----------------------------------------------------------------------------------------- structure
def _recognised(cells: Sequence[object]) -> int:
    return sum(1 for cell in cells if str(cell).strip() and column_for_header(str(cell)) is not None)


def _structure_problems(header: list[str], rows: list[list[str]], lines: list[int], merged: list[str],
                        report: Report) -> bool:
    """Header not in row 1, two header rows, merged cells. True when the rows cannot be read as data."""
    fatal = False
    header_merges = [ref for ref in merged if _range_rows(ref)[0] <= HEADER_LINE]
    if header_merges:
        refs = "、".join(header_merges[:_REFS_LISTED]) + ("等" if len(header_merges) > _REFS_LISTED else "")
        report.problem(ERROR, "merged_header", f"表头含合并单元格（{refs}）：请取消合并，并只保留一行表头，每列一个列名"
                       "（可直接复制模板的第 1 行）", line=HEADER_LINE, expected="一行表头、每列一个列名")
        fatal = True
    for ref in merged:
        first, _ = _range_rows(ref)
        if first > HEADER_LINE:
            report.problem(ERROR, "merged_cells", f"单元格 {ref} 是合并单元格，合并后只有左上角的单元格有值：请取消合并，"
                           "并在每一行填写完整", line=first, value=ref, expected="每个单元格单独填写")
    if _recognised(header) == 0:
        for row, line in zip(rows[:5], lines[:5], strict=False):
            if _recognised(row) >= 2:
                report.problem(ERROR, "header_row", f"第 {line} 行才是列名，表头必须在第 1 行：请删除上面的标题或说明行",
                               line=line, expected="第 1 行为表头")
                return True
    elif _recognised(rows[0]) >= 2:
        report.problem(ERROR, "multi_row_header", f"第 {HEADER_LINE} 行和第 {lines[0]} 行都是表头（多行表头）："
                       "请只保留一行列名（可直接复制模板的第 1 行）", line=lines[0], expected="一行表头")
        fatal = True
    return fatal


def _issue_problem(issue: CountyFileError, report: Report, severity: str = ERROR, *, code: str | None = None,
                   text: str | None = None, expected: str | None = None) -> None:
    """A county_data issue as a Problem; its quoted cell text is cut and made inert."""
    body = text if text is not None else issue.problem
    if issue.value:
        body = body.replace(f"「{issue.value}」", f"「{report.shown(issue.value)}」")
    report.problem(severity, code or issue.code, sentence(issue.line, issue.column, body, expected),
                   line=issue.line, column=issue.column, value=issue.value, expected=expected)


_EXPECTED_BY_CODE = {
    "encoding": "UTF-8、GBK 或 UTF-16 编码的 CSV",
    "empty": "填好数据的模板",
    "header_only": "表头下至少一行数据",
    "unparseable": "每行的列数与表头相同",
    "header_row": "第 1 行为表头",
    "not_xlsx": "Excel 工作簿（.xlsx）",
    "unnamed_column": "每个有数据的列都有列名",
    "unknown_column": f"模板中的列名（如「{COLUMNS[3].header}」）",
    "duplicate_column": "每列只出现一次",
    "missing_column": f"含「{label('code')}」和「{label('year')}」两列",
}


# ----------------------------------------------------------------------------------------- cells
def _expected(name: str, spec: dict[str, object]) -> str:
    """What a cell of this column must hold, in words, from the schema the cell was checked against."""
    column = COLUMN_BY_CODE[name]
    if spec.get("pattern"):
        return CODE_EXPECTED
    kind = spec.get("type")
    if kind in ("int", "float"):
        low, high = _number(spec.get("min", 0)), _number(spec.get("max", 0))
        if column.is_share:
            return f"{low} 至 {high} 之间的小数（如 85% 填 0.85）"
        unit = f"（{column.unit_text}）" if column.unit_text else ""
        return f"{low} 至 {high} 之间的{'整数' if kind == 'int' else '数字'}{unit}"
    return "文本"


def schema_failures(texts: pd.Series, name: str, spec: dict[str, object], schema, file: str,
                     budget: int) -> tuple[dict[str, str], bool]:
    """The distinct texts of a column that break the schema → the loader's own problem text for each.

    validate_table reports the first failing cell; each is set aside and the rest asked again, so the rule
    stays the loader's. Distinct texts only: a column of 100,000 identical values is one question. Stops
    after `budget` failures (False: there may be more).
    """
    distinct = pd.Series(pd.unique(texts.to_numpy(dtype=object)), dtype=object)
    one_column = dataclasses.replace(schema, columns={name: spec})
    remaining = distinct
    failures: dict[str, str] = {}
    while len(remaining):
        try:
            validate_table(remaining.to_frame(name), one_column, file=file)
            return failures, True
        except DataError as exc:
            if exc.line is None or len(failures) >= budget:
                return failures, False
            at = exc.line - HEADER_LINE - 1  # validate_table counts lines from the frame's index
            failures[str(distinct[at])] = exc.problem
            remaining = remaining.drop(at)
    return failures, True


def _cell_problems(sheet: Sheet, schema, report: Report) -> dict[str, np.ndarray]:
    """Formulas, HTML, then the schema, cell by cell. Returns, per column, the rows whose cell is bad."""
    frame = sheet.frame
    bad = {name: np.zeros(len(frame), dtype=bool) for name in frame.columns}

    def add_cell(name: str, code: str, text: Callable[[str, str], str], expected: str) -> Callable[[int], None]:
        def add(row: int) -> None:
            line, cell = cell_reference(sheet, row, name)
            value = frame[name].iat[row]
            report.problem(ERROR, code, sentence(line, label(name), text(report.shown(value), cell), expected),
                           line=line, column=label(name), value=value, expected=expected)
        return add

    for name in frame.columns:
        text = frame[name]
        formula = text.str.match(FORMULA).to_numpy(dtype=bool)
        html = ~formula & text.str.contains(HTML).to_numpy(dtype=bool)
        report.each(formula.nonzero()[0], ERROR, add_cell(
            name, "formula", lambda shown, cell: f"单元格含公式「{shown}」{cell}，导入只接受数值：请复制后用「选择性粘贴 → "
                                                 "数值」粘贴为数值", "数值（不含公式）"))
        report.each(html.nonzero()[0], ERROR, add_cell(
            name, "html", lambda shown, cell: f"单元格含 HTML 标记或脚本「{shown}」{cell}，不能导入：请只填写纯文本",
            "不含 HTML 标记的纯文本"))
        bad[name] = formula | html

    if not any(flags.any() for flags in bad.values()):
        try:  # the usual case, a clean file: one question for the whole table
            validate_table(frame, schema, file=sheet.file)
            return bad
        except DataError:
            pass
    budget = report.limits.max_problems + 1  # distinct failing texts looked for, over all columns
    for name, spec in schema.columns.items():
        spec = spec or {}
        unchecked = ~bad[name]
        failures, complete = schema_failures(frame[name][unchecked], name, spec, schema, sheet.file, budget)
        report.incomplete |= not complete
        budget = max(0, budget - len(failures))
        hit = unchecked & frame[name].isin(list(failures)).to_numpy(dtype=bool)
        bad[name] |= hit
        expected = _expected(name, spec)

        def add(row: int, name: str = name, failures: dict[str, str] = failures, expected: str = expected) -> None:
            text = frame[name].iat[row]
            issue = cell_error(sheet, DataError(sheet.file, failures[text], line=row + HEADER_LINE + 1, column=name))
            if issue.code == "bad_code" and re.fullmatch(r"\d{6}", text):
                _issue_problem(issue, report, code="other_province", expected=expected,
                               text=f"代码「{text}」不是吉林省的区划代码（吉林省的代码以 22 开头）"
                                    f"{cell_reference(sheet, row, name)[1]}：请只填报吉林省的县级行政区")
            else:
                _issue_problem(issue, report, expected=expected)

        report.each(hit.nonzero()[0], ERROR, add)
    return bad


# ----------------------------------------------------------------------------------------- rows
def _names(codes: Sequence[str], names: pd.Series) -> str:
    listed = "、".join(str(names.get(code, code)) for code in codes[:_NAMES_LISTED])
    return listed + (f"等 {len(codes)} 个县级行政区" if len(codes) > _NAMES_LISTED else "")


def _row_problems(sheet: Sheet, typed: pd.DataFrame, counties: pd.DataFrame, zones: pd.DataFrame,
                  allowed: set[str] | None, value_cells_bad: bool, report: Report) -> None:
    """Unknown codes (with what they are instead), repeated rows, no values, other counties' rows, names."""
    names = counties.set_index("code")["name"]
    zone_names = zones.set_index("code")["name"]
    prefectures = counties.drop_duplicates("prefecture_code").set_index("prefecture_code")["prefecture"]
    by_code: dict[str, list[CountyFileError]] = {}
    for issue in row_issues(sheet, typed, counties):
        by_code.setdefault(issue.code, []).append(issue)

    def unknown(issue: CountyFileError) -> None:
        code = str(issue.value)
        if code in zone_names.index:
            _issue_problem(issue, report, code="development_zone", expected=f"现行 {len(names)} 个县级区划代码之一",
                           text=f"{issue.problem}：它是{zone_names[code]}（开发区的统计用代码），本表只收"
                                f" {len(names)} 个县级行政区")
        elif code in prefectures.index:
            _issue_problem(issue, report, code="prefecture_code", expected="县级区划代码",
                           text=f"{issue.problem}：它是{prefectures[code]}的市（州）级代码，请按所辖县（市、区）分行填报")
        else:
            _issue_problem(issue, report, expected=f"现行 {len(names)} 个县级区划代码之一（见模板）",
                           text=f"{issue.problem}（不在现行 {len(names)} 个县级区划代码中；已撤销或调整前的旧代码也不能使用）")

    for kind, issues in by_code.items():
        if kind == "unknown_code":
            report.each(range(len(issues)), ERROR, lambda i, issues=issues: unknown(issues[i]))
        elif kind == "duplicate_row":
            report.each(range(len(issues)), ERROR, lambda i, issues=issues: _issue_problem(
                issues[i], report, expected="每个区划代码每年只填一行"))
        elif kind == "no_values" and not value_cells_bad:  # values typed, all of them wrong: not a blank template
            _issue_problem(issues[0], report, expected="至少填写一项指标数值")

    known = typed["code"].isin(names.index).to_numpy()
    if allowed is not None:
        permitted = sorted(allowed & set(names.index))
        others = (known & ~typed["code"].isin(allowed).to_numpy()).nonzero()[0]
        mine = _names(permitted, names) if permitted else "（无）"

        def not_allowed(row: int) -> None:
            code = typed["code"].iat[row]
            line, cell = cell_reference(sheet, row, "code")
            report.problem(ERROR, "not_allowed", sentence(
                line, label("code"), f"本账号只能导入{mine}的数据，不能导入「{code} {names[code]}」的数据{cell}：请删除这一行，"
                                     "或由该县级行政区自行导入", f"{mine}的区划代码"),
                line=line, column=label("code"), value=code, expected=f"{mine}的区划代码")
        report.each(others, ERROR, not_allowed)

    given = sheet.frame["name"].str.replace(r"\s+", "", regex=True).to_numpy(dtype=object)
    canonical = typed["code"].map(names).to_numpy(dtype=object)
    mismatch = (known & (given != "") & (given != canonical)).nonzero()[0]

    def name_mismatch(row: int) -> None:
        line, cell = cell_reference(sheet, row, "name")
        code, right = typed["code"].iat[row], canonical[row]
        shown = report.shown(sheet.frame["name"].iat[row])
        report.problem(WARNING, "name_mismatch", sentence(
            line, label("name"), f"区划代码「{code}」是「{right}」，文件中写的是「{shown}」{cell}：导入时按代码使用"
                                 f"「{right}」，请核对代码是否填错"),
            line=line, column=label("name"), value=sheet.frame["name"].iat[row], expected=right)
    report.each(mismatch, WARNING, name_mismatch)


# ----------------------------------------------------------------------------------------- warnings
def _guidance_warnings(sheet: Sheet, typed: pd.DataFrame, known: np.ndarray, data: GuidanceData,
                       report: Report) -> None:
    """A standard below its county's guidance in a notice year (the tier published that year; none if unknown)."""
    for side in SIDES:
        column = STANDARD_COLUMN[side]
        unit = COLUMN_BY_CODE[column].unit_text
        for year in sorted(set(int(y) for y in typed.loc[known, "year"]) & set(data.years)):
            rows = typed.index[known & (typed["year"] == year).to_numpy() & typed[column].notna().to_numpy()]
            if not len(rows):
                continue
            codes = typed.loc[rows, "code"]
            assignment = data.assignment(year, side, codes.unique())
            guide = county_values(assignment, data.structure(year, side))
            state = compliance(typed.loc[rows, column].astype(float), codes.map(guide).astype(float))
            document = data.document(year).split("《")[0]

            def below(row: int, column: str = column, unit: str = unit, year: int = year,
                      state: pd.DataFrame = state, assignment: pd.DataFrame = assignment,
                      document: str = document) -> None:
                line, cell = cell_reference(sheet, row, column)
                code = typed["code"].iat[row]
                floor = format_value(float(state.at[row, "guidance_month"]), unit)
                tier = int(assignment.at[code, "tier"])
                report.problem(WARNING, "below_guidance", sentence(
                    line, label(column), f"{year} 年填报「{report.shown(sheet.frame[column].iat[row])}」，低于本县所属第 "
                                         f"{tier} 档的省定最低指导标准（{floor}，{document}）{cell}：请核对；如确为实际执行的"
                                         "标准，请确认后再导入"),
                    line=line, column=label(column), value=sheet.frame[column].iat[row], expected=f"不低于{floor}")
            report.each(state.index[state["state"] == BELOW].to_numpy(), WARNING, below)


def _by_key(frame: pd.DataFrame) -> pd.DataFrame:
    """The jump columns by (code, year) as floats; the first of a repeated row."""
    keyed = frame.drop_duplicates(list(KEY_COLUMNS))
    index = pd.MultiIndex.from_arrays([keyed["code"].to_numpy(dtype=object), keyed["year"].to_numpy(dtype="int64")])
    return pd.DataFrame({c: keyed[c].astype("float64").to_numpy() for c in JUMP_COLUMNS}, index=index)


def _jump_warnings(sheet: Sheet, typed: pd.DataFrame, known: np.ndarray, active: pd.DataFrame | None,
                   thresholds: PlausibilityThresholds, report: Report) -> None:
    """A change of more than `max_change` on the previous year: from this file, else from the table in force."""
    rows = typed[known].copy()
    rows["year"] = rows["year"].astype("int64")
    line_of: dict[tuple[str, int], int] = {}
    for key, row in zip(zip(rows["code"], rows["year"], strict=True), rows.index, strict=True):
        line_of.setdefault(key, sheet.lines[row])  # the first of a repeated row, as `_previous` takes it
    limit = format_value(thresholds.max_change, "share")
    before = pd.MultiIndex.from_arrays([rows["code"].to_numpy(dtype=object), rows["year"].to_numpy() - 1])
    file_before = _by_key(rows).reindex(before)
    force_before = _by_key(active).reindex(before) if active is not None else None
    for column in JUMP_COLUMNS:
        unit = COLUMN_BY_CODE[column].unit_text
        current = rows[column].astype("float64").to_numpy()
        in_file = file_before[column].to_numpy(dtype=float)
        in_force = force_before[column].to_numpy(dtype=float) if force_before is not None \
            else np.full(len(rows), np.nan)
        previous = np.where(np.isnan(in_file), in_force, in_file)
        with np.errstate(divide="ignore", invalid="ignore"):
            change = current / previous - 1
        flagged = (~np.isnan(current) & (previous > 0) & (np.abs(change) > thresholds.max_change)).nonzero()[0]

        def jump(i: int, column: str = column, unit: str = unit, change: np.ndarray = change,
                 previous: np.ndarray = previous, in_file: np.ndarray = in_file) -> None:
            row = int(rows.index[i])
            code, year = rows["code"].iat[i], int(rows["year"].iat[i])
            line, cell = cell_reference(sheet, row, column)
            source = f"本文件第 {line_of[(code, year - 1)]} 行" if not np.isnan(in_file[i]) else "现行数据"
            direction = "增加" if change[i] > 0 else "减少"
            report.problem(WARNING, "jump", sentence(
                line, label(column), f"{year} 年为「{report.shown(sheet.frame[column].iat[row])}」，比 {year - 1} 年"
                                     f"（{source}：{format_value(float(previous[i]), unit)}）{direction} "
                                     f"{format_value(float(abs(change[i])), 'share')}，变化超过 {limit}{cell}：请核对是否填错"
                                     "（单位、位数或年份）"),
                line=line, column=label(column), value=sheet.frame[column].iat[row],
                expected=f"与上年相差不超过 {limit}")
        report.each(flagged, WARNING, jump)


def _caseload_warnings(sheet: Sheet, typed: pd.DataFrame, known: np.ndarray, counties: pd.DataFrame,
                       thresholds: PlausibilityThresholds, report: Report) -> None:
    """低保 or 特困 persons above a share of the county's 2020 census population."""
    population = typed["code"].map(counties.set_index("code")["pop_2020_census"]).astype("float64").to_numpy()
    dibao = typed[list(DIBAO_COLUMNS)].astype("float64")
    checks = (
        (dibao.sum(axis=1, min_count=1).to_numpy(), thresholds.max_dibao_share, None,
         f"「{label(DIBAO_COLUMNS[0])}」与「{label(DIBAO_COLUMNS[1])}」合计"),
        (typed["tekun_persons"].astype("float64").to_numpy(), thresholds.max_tekun_share, "tekun_persons",
         f"「{label('tekun_persons')}」"),
    )
    for persons, share, column, what in checks:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = persons / population
        flagged = (known & ~np.isnan(ratio) & (ratio > share)).nonzero()[0]

        def caseload(row: int, persons: np.ndarray = persons, ratio: np.ndarray = ratio, share: float = share,
                     column: str | None = column, what: str = what) -> None:
            line, cell = cell_reference(sheet, row, column) if column else (sheet.lines[row], "")
            limit = format_value(share, "share")
            report.problem(WARNING, "caseload_share", sentence(
                line, label(column) if column else None,
                f"{int(typed['year'].iat[row])} 年{what}为 {format_value(float(persons[row]), '人')}，占本县 2020 年普查常住人口"
                f"（{format_value(float(population[row]), '人')}）的 {format_value(float(ratio[row]), 'share')}，超过 {limit} 的合理上限"
                f"{cell}：请核对人数是否多填了位数"),
                line=line, column=label(column) if column else None,
                value=sheet.frame[column].iat[row] if column else _number(persons[row]),
                expected=f"不超过常住人口的 {limit}")
        report.each(flagged, WARNING, caseload)


# ----------------------------------------------------------------------------------------- public API
def read_upload(raw: bytes, file_name: str, limits: UploadLimits, *, formulas: bool = False
                ) -> tuple[str, str, Report, tuple[list[str], list[list[str]], list[int]] | None]:
    """The first steps of every upload check (county and province returns alike): the file's own name, its
    container (size, type, zip bomb), then its rows as text. Returns (file, suffix, report, rows), rows
    None when the report already says why the file cannot be read."""
    file = re.split(r"[\\/]", str(file_name))[-1] or "上传文件"
    suffix = Path(file).suffix.lower()
    report = Report(limits)
    container_problems(raw, file, suffix, report)
    if report.problems:
        return file, suffix, report, None
    try:
        return file, suffix, report, read_rows(raw, file, suffix, utf16=True, formulas=formulas,
                                               max_rows=limits.max_rows)
    except CountyFileError as issue:
        expected = f"不超过 {limits.max_rows:,} 行数据" if issue.code == "too_many_rows" else \
            _EXPECTED_BY_CODE.get(issue.code)
        _issue_problem(issue, report, expected=expected)
        return file, suffix, report, None


def check_county_return(raw: bytes, file_name: str, *, root: Path | None = None,
                        active: pd.DataFrame | None = None, allowed_codes: Collection[str] | None = None,
                        limits: UploadLimits = LIMITS, thresholds: PlausibilityThresholds = THRESHOLDS,
                        reference: ReturnReference | None = None) -> ReturnCheck:
    """Every problem of an uploaded county return (CSV or .xlsx laid out as the template), and its rows.

    `active`: the county table in force (`county_table`'s columns), the previous year for the change
    warning when the file does not hold it. `allowed_codes`: the codes the uploader may import (None: all).
    `root`: the data folder (schema, counties, guidance), read unless `reference` (`load_reference(root)`) is
    given. Limits are checked before any of it is read. Never raises for anything in the file.
    """
    file, suffix, report, read = read_upload(raw, file_name, limits, formulas=True)
    if read is None:
        return _result(file, report)
    header, rows, lines = read
    merged = merged_ranges(raw) if suffix == ".xlsx" else []
    if _structure_problems(header, rows, lines, merged, report):
        return _result(file, report)
    positions, issues = header_issues(header, rows, suffix, file)
    for issue in issues:
        _issue_problem(issue, report, expected=_EXPECTED_BY_CODE.get(issue.code),
                       code=issue.code)
    if any(issue.code == "missing_column" for issue in issues):
        return _result(file, report)

    sheet = sheet_frame(file, suffix, rows, lines, positions)
    reference = reference or load_reference(root)
    bad = _cell_problems(sheet, reference.schema, report)
    if report.incomplete:
        return _result(file, report)
    keep = (~(bad["code"] | bad["year"])).nonzero()[0]
    if not len(keep):
        return _result(file, report)
    text = sheet.frame.iloc[keep].reset_index(drop=True)
    for name in text.columns:
        text.loc[bad[name][keep], name] = ""
    rows_sheet = dataclasses.replace(sheet, frame=text, lines=[sheet.lines[i] for i in keep])
    typed = validate_table(text, reference.schema, file=file)

    counties = reference.counties
    known = typed["code"].isin(set(counties["code"])).to_numpy()
    allowed = None if allowed_codes is None else {str(code) for code in allowed_codes}
    value_cells_bad = any(bad[name].any() for name in VALUE_COLUMNS)
    _row_problems(rows_sheet, typed, counties, reference.zones, allowed, value_cells_bad, report)
    _guidance_warnings(rows_sheet, typed, known, reference.guidance, report)
    _jump_warnings(rows_sheet, typed, known, active, thresholds, report)
    _caseload_warnings(rows_sheet, typed, known, counties, thresholds, report)
    table = finish_table(typed[known], counties) if known.any() else None
    return _result(file, report, table)


def check_county_return_file(path: Path, **options) -> ReturnCheck:
    """`check_county_return` on a file, refusing one above the size limit before reading a byte of it."""
    path = Path(path)
    limits = options.get("limits", LIMITS)
    size = path.stat().st_size
    if size > limits.max_bytes:
        report = Report(limits)
        _too_large(size, report)
        return _result(path.name, report)
    return check_county_return(path.read_bytes(), path.name, **options)
