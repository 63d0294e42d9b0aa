"""The corpus of county-return uploads: broken files, each paired with what the checker must say, and valid ones.

`tests/assets/uploads/cases.yml` is the specification, written by hand: for every file the problem code,
a fragment of the Chinese message, the severity and, where there is one, the line and column. The small
files beside it are written by this module (``python -m tests.upload_corpus`` rewrites them; a test checks
the committed bytes are what it writes), so each file's construction is readable here instead of hidden in
a binary. The big ones (a 60 MB file, a million-row CSV, an xlsx zip bomb) are never committed:
`write_large` writes them into a temporary folder at test time, in about a second.

Every file starts from the illustrative table's 2024 rows (`data/county_indicators.csv`, the text as
stored), under the template's bilingual header, and changes one thing. `cases(tmp_dir)` lists the broken
uploads (committed and generated) as `Case`s for any test that wants to feed them somewhere, e.g. the store
("after each broken upload the store is exactly what it was").
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from analytics.county_data import COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[1]
UPLOADS = REPO_ROOT / "tests" / "assets" / "uploads"
CASES_FILE = UPLOADS / "cases.yml"
ILLUSTRATIVE = REPO_ROOT / "data" / "county_indicators.csv"
TEMPLATE_CSV = REPO_ROOT / "data" / "templates" / "county_indicators_template.csv"
FIXED_ZIP_TIME = (2026, 12, 1, 0, 0, 0)  # xlsx members are stamped with it, so the bytes are reproducible
YEAR = "2024"
HEADER = [c.header for c in COLUMNS]
POSITION = {c.code: i for i, c in enumerate(COLUMNS)}
CRLF = "\r\n"  # what Excel writes

# The generated uploads: sizes chosen just past the limits of analytics.county_return.UploadLimits.
LARGE_BYTES = 60 * 1024 * 1024
MILLION = 1_000_000
BOMB_UNZIPPED = 256 * 1024 * 1024  # of XML whitespace: about 1 MB compressed


@dataclass(frozen=True)
class Case:
    """One broken upload and what the report on it must contain."""

    name: str
    path: Path
    expected_code: str
    fragment: str
    severity: str  # "error" or "warning"
    line: int | None = None
    column: str | None = None
    allowed_codes: tuple[str, ...] | None = None  # the uploader's counties (None: may import any)


@dataclass(frozen=True)
class ValidUpload:
    """A file that must read without errors: `rows` rows, the same table as `same_as` when given."""

    name: str
    path: Path
    rows: int
    same_as: str | None = None


# ----------------------------------------------------------------------------------------- rows
def base_rows(year: str = YEAR) -> list[list[str]]:
    """The illustrative table's rows of one year, as the text stored in data/county_indicators.csv."""
    with ILLUSTRATIVE.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row[POSITION["year"]] == year]


def _rows_of(code: str, *years: str) -> list[list[str]]:
    with ILLUSTRATIVE.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row[0] == code and row[POSITION["year"]] in years]


def _set(rows: list[list[str]], line: int, column: str, value: str) -> list[list[str]]:
    """A copy with one cell changed; `line` as a spreadsheet counts it (header = 1)."""
    rows = [list(r) for r in rows]
    rows[line - 2][POSITION[column]] = value
    return rows


def csv_text(rows: list[list[str]], header: list[str] | None = None, sep: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=CRLF)
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return buffer.getvalue()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _typed_cell(column: str, text: str) -> object:
    """A cell as someone typing into Excel leaves it: codes and names text, numbers numbers, blanks empty."""
    if text == "":
        return None
    if column in ("code", "name") or text.startswith("="):
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def xlsx_bytes(rows: list[list[str]], *, header_rows: list[list[str]] | None = None, merged: tuple[str, ...] = (),
               raw_cells: dict[str, object] | None = None) -> bytes:
    """An Excel workbook of the rows under the header (or `header_rows`), with fixed timestamps."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    for header in header_rows or [HEADER]:
        sheet.append(header)
    codes = [c.code for c in COLUMNS]
    for row in rows:
        sheet.append([_typed_cell(code, text) for code, text in zip(codes, row, strict=True)])
    for ref, value in (raw_cells or {}).items():
        sheet[ref] = value
    for ref in merged:
        sheet.merge_cells(ref)
    fixed = datetime(*FIXED_ZIP_TIME)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "tests/upload_corpus.py"
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(raw: bytes) -> bytes:
    """The zip rewritten with fixed member timestamps (openpyxl stamps the current time on save)."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_ZIP_TIME).encode()
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(member, content)
    return out.getvalue()


# ----------------------------------------------------------------------------------------- the files
def small_files() -> dict[str, bytes]:
    """Every committed upload, by file name. Line numbers below are the spreadsheet's (header = 1)."""
    rows = base_rows()
    text = csv_text(rows)
    english = csv_text(rows, header=[c.code for c in COLUMNS])
    gbk_header = [c.zh for c in COLUMNS]  # what an officer types by hand on a Chinese Windows
    utf16 = csv_text(rows, sep="\t")
    files: dict[str, bytes] = {
        # valid: one table in every encoding and format
        "valid_utf8.csv": _utf8(text),
        "valid_utf8_bom.csv": codecs.BOM_UTF8 + _utf8(text),
        "valid_gbk.csv": csv_text(rows, header=gbk_header).encode("gbk"),
        "valid_utf16.csv": codecs.BOM_UTF16_LE + utf16.encode("utf-16-le"),  # Excel 「Unicode 文本」
        "valid_utf16_be.csv": codecs.BOM_UTF16_BE + utf16.encode("utf-16-be"),
        "valid_english_headers.csv": _utf8(english),
        "valid.xlsx": xlsx_bytes(rows),
        "one_county.csv": _utf8(csv_text(_rows_of("220122", "2023", "2024"))),
        # encodings, broken
        "gbk_bad_value.csv": csv_text(_set(rows, 7, "urban_standard_month", "约600"), header=gbk_header).encode("gbk"),
        "bom_unknown_column.csv": codecs.BOM_UTF8 + _utf8(csv_text([r + ["已核"] for r in rows], header=HEADER + ["备注"])),
        "utf16_bad_value.csv": codecs.BOM_UTF16_LE + csv_text(_set(rows, 5, "rural_standard_month", "六百"),
                                                              sep="\t").encode("utf-16-le"),
        "utf16_broken.csv": codecs.BOM_UTF16_LE + utf16.encode("utf-16-le")[:400] + b"\x00\xd8",  # lone surrogate
        "undecodable.csv": _utf8(text)[:600] + b"\xff\xfe\xff" + _utf8(text)[600:],
        # structure
        "merged_header.xlsx": xlsx_bytes(
            rows, merged=("D1:E1",),
            header_rows=[[*HEADER[:3], "低保标准", "", *HEADER[5:]], [""] * 3 + ["城市", "农村"] + [""] * 12]),
        "multi_row_header.csv": _utf8(csv_text([[c.code for c in COLUMNS], *rows])),
        "title_row.xlsx": xlsx_bytes(rows, header_rows=[["吉林省县级社会救助指标（2024年）"], HEADER]),
        "merged_cells.xlsx": xlsx_bytes(rows, merged=("D10:D12",)),
        # formulas and markup
        "formula.xlsx": xlsx_bytes(rows, raw_cells={"D5": "=D3*1.05"}),
        "formula.csv": _utf8(csv_text(_set(rows, 4, "urban_standard_month", "=D3*1.05"))),
        "csv_injection.csv": _utf8(csv_text(_set(_set(rows, 6, "name", "@SUM(1+9)*cmd|' /C calc'!A0"), 8,
                                                 "rural_recipients", "-cmd|' /C calc'!A0"))),
        "html_name.csv": _utf8(csv_text(_set(rows, 3, "name", "<script>alert('x')</script>宽城区"))),
        # rows and codes
        "duplicated_rows.csv": _utf8(csv_text(rows + [rows[1]])),
        "unknown_code.csv": _utf8(csv_text(_set(rows, 5, "code", "229999"))),
        "retired_code.csv": _utf8(csv_text(_set(rows, 12, "code", "220381"))),  # 公主岭市 before 2020: see cases.yml
        "other_province.csv": _utf8(csv_text(_set(_set(rows, 2, "code", "210102"), 3, "code", "110101"))),
        "development_zone.csv": _utf8(csv_text(_set(rows, 4, "code", "220171"))),
        "prefecture_code.csv": _utf8(csv_text(_set(rows, 4, "code", "220100"))),
        "malformed_code.csv": _utf8(csv_text(_set(rows, 4, "code", "2201O4"))),
        "not_my_county.csv": _utf8(csv_text(rows[:2])),
        # values
        "negative.csv": _utf8(csv_text(_set(rows, 10, "rural_recipients", "-12"))),
        "absurd_standard.csv": _utf8(csv_text(_set(rows, 8, "urban_standard_month", "99999"))),
        "text_in_number.csv": _utf8(csv_text(_set(rows, 9, "tekun_persons", "三百余人"))),
        "fractional_persons.csv": _utf8(csv_text(_set(rows, 14, "tekun_persons", "1234.5"))),
        "share_as_percent.csv": _utf8(csv_text(_set(rows, 4, "nursing_bed_share", "85"))),
        "bad_year.csv": _utf8(csv_text(_set(rows, 2, "year", "2024年"))),
        "blank_code.csv": _utf8(csv_text(_set(rows, 6, "code", ""))),
        "many_problems.csv": _utf8(csv_text([_set([r], 2, "urban_standard_month", "待定")[0] for r in rows] * 5)),
        # empty and incomplete
        "empty.csv": b"",
        "header_only.csv": codecs.BOM_UTF8 + _utf8(csv_text([])),
        "blank_template.csv": TEMPLATE_CSV.read_bytes(),
        "missing_code_column.csv": _utf8(csv_text([r[1:] for r in rows], header=HEADER[1:])),
        "ragged.csv": _utf8(text.replace(CRLF, ",,extra" + CRLF, 8).replace(",,extra" + CRLF, CRLF, 7)),
        # not a return at all
        "xls_renamed.xlsx": bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504),
        "old_format.xls": bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504),
        "pdf_renamed.xlsx": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
        "truncated.xlsx": xlsx_bytes(rows)[:3000],
        "xlsx_renamed.csv": xlsx_bytes(rows[:3]),
        "return.txt": _utf8(text),
        "return.json": _utf8('{"code": "220102", "year": 2024, "urban_standard_month": 787.8}\n'),
        # warnings
        "below_guidance.csv": _utf8(csv_text(_set(rows, 2, "urban_standard_month", "760.0"))),  # tier 1: 770
        "jump_in_file.csv": _utf8(csv_text(_set(_rows_of("220102", "2023", "2024"), 3, "urban_recipients", "9999"))),
        "jump_on_active.csv": _utf8(csv_text(_set(rows[:1], 2, "urban_standard_month", "1200"))),
        "caseload_share.csv": _utf8(csv_text(_set(_set(rows[:2], 2, "urban_recipients", "150000"), 3,
                                                  "tekun_persons", "50000"))),
        "name_mismatch.csv": _utf8(csv_text(_set(rows, 2, "name", "宽城区"))),
    }
    return files


def write_small(folder: Path = UPLOADS) -> list[Path]:
    """Write the committed uploads (not cases.yml, which is written by hand)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in small_files().items():
        path = folder / name
        path.write_bytes(content)
        written.append(path)
    return written


def write_large(folder: Path) -> dict[str, Path]:
    """The uploads too big to commit, written into `folder` (streamed: nothing big is held in memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / name for name in ("too_large.csv", "million_rows.csv", "zip_bomb.xlsx")}
    row = _utf8(csv_text(base_rows()[:1]).split(CRLF, 1)[1])
    with paths["too_large.csv"].open("wb") as handle:
        handle.write(_utf8(csv_text([])))
        block = row * 10_000
        while handle.tell() < LARGE_BYTES:
            handle.write(block)
    with paths["million_rows.csv"].open("wb") as handle:  # short rows: small enough to pass the size limit
        handle.write(b"code,year,hotline_12345\n" + b"220102,2024,1\n" * MILLION)
    _write_bomb(paths["zip_bomb.xlsx"])
    return paths


def _write_bomb(path: Path) -> None:
    """A well-formed workbook whose one sheet is 256 MB of XML whitespace: a real bomb, not a lying header."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME), content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:  # deflated, level 1
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (4 * 1024 * 1024)
            for _ in range(BOMB_UNZIPPED // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")


# ----------------------------------------------------------------------------------------- the cases
def _spec() -> dict:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def cases(tmp_dir: Path) -> list[Case]:
    """Every broken upload (committed ones from UPLOADS, big ones written into `tmp_dir`) with its expectation."""
    generated = write_large(Path(tmp_dir))
    out = []
    for entry in _spec()["broken"]:
        name = entry["file"]
        allowed = entry.get("allowed_codes")
        out.append(Case(
            name=name, path=generated[name] if entry.get("generated") else UPLOADS / name,
            expected_code=entry["code"], fragment=entry["fragment"], severity=entry["severity"],
            line=entry.get("line"), column=entry.get("column"),
            allowed_codes=None if allowed is None else tuple(str(code) for code in allowed),
        ))
    return out


def valid_uploads() -> list[ValidUpload]:
    return [ValidUpload(name=e["file"], path=UPLOADS / e["file"], rows=e["rows"], same_as=e.get("same_as"))
            for e in _spec()["valid"]]


if __name__ == "__main__":  # python -m tests.upload_corpus
    for written in write_small():
        print(written.relative_to(REPO_ROOT))
