"""Bring the provincial guidance standards, the county tiers and the observed county standards into data/.

Sources (the research group's reference tables, read from --source, by default the repo's sibling folder
../shared/data; the app and the tests never read that folder, only this script does)
    jilin_guidance_standards.csv         省定最低指导标准 per year, area (urban/rural) and tier, 元/人·月
    jilin_guidance_tiers.csv             the tier of each of the 60 county-level divisions, per year and area
    jilin_county_standards_observed.csv  standards counties actually set, one row per county-year (wide)
    jilin_context_points.csv             scattered reference points (Changchun, Yanji, province, national)

Quirks of the sources
    * They are written with CRLF line ends, jilin_context_points.csv with a mix (its first 17 lines CRLF,
      the 13 rows appended later LF). Every output here is UTF-8 without BOM with LF line ends.
    * The area column is called `area`; the project calls it `side` (as in analytics/standards.py).
    * The guidance notices themselves were not found, only reposts and mirrors (named per row in
      `source`). The 2024 notice's number, 吉民发〔2023〕67号, comes from 临江市's own notice 临民联发〔2024〕1号.
    * The stored copy of the 2024 notice is cut off in the rural lists: the tier-2 list ends after 蛟河市
      and the tier-3 and tier-4 lists are missing, so 36 of the 60 counties have no rural tier for 2024.
      Those rows have a blank tier, blank guidance_month, blank unit_as_written, blank confidence and
      status `unknown`. They stay blank: local standards are at or above the guidance, so an observed
      county standard does not tell its tier, and nothing here guesses one.
    * There is no 2021 notice. The 2022 notice (吉民发〔2022〕15号) says 2022 continues the previous year's
      guidance standards, so the standards table already carries 2021 rows (status `derived`, kept as
      given); the tier table has no 2021 rows at all.
    * guidance_month in the tier table repeats the tier's value from the standards table.
    * The observed table is wide (urban_standard / urban_unit / rural_standard / rural_unit) and mixes
      units: rural standards are published per year (元/人·年) in most places, per month in 吉林市 and 临江市.
      特困 (tekun) standards appear only inside the free-text `note`
      (e.g. "特困 dispersed urban 780, rural 533 元/月", with thousands separators as in "1,056").
    * The 2018 provincial approval table (a mirror page) covers 59 codes for urban standards, not the
      60 that the shared README claims: 江源区 (220605) is not in the stored copy. Its rural standards stop
      after 伊通县 (16 reporting units = 24 codes). Nothing is filled in for the missing ones.
    * 延吉市's 2025 row says the urban standard was raised to 760 "(660 before)"; 2024 has no row.

Transformations
    guidance_standards.csv   area -> side; value -> value_month; the unit column is dropped after
                             checking that every row is 元/人·月 (the sidecar's `units` says so); sorted by
                             year, side (urban first), tier. 2021 rows are kept exactly as given, and
                             checked to equal 2022.
    guidance_tiers.csv       area -> side; guidance_month dropped after checking that joining
                             (year, side, tier) to guidance_standards reproduces every non-blank value
                             (and that it is blank exactly where the tier is); codes and names checked
                             against data/counties.csv, each year and side holding all 60 codes.
                             ADDED: one 2021 row per 2022 row (urban and rural, 60 codes each) with the
                             same tier, confidence, document and source, status `derived` and a note
                             saying why. Sorted by year, side (urban first), code.
    county_standards_observed.csv
                             long form: one row per non-blank urban_standard / rural_standard
                             (measure `dibao`) with its own unit, keeping the row's status, confidence,
                             source and note. Values are written as published (元/人·年 NOT converted).
                             ADDED: 特困 values parsed from `note` by regex, measure `tekun`, unit 元/人·月,
                             the note quoting the source note; a note that mentions 特困 but does not
                             parse stops the script (SystemExit naming the row).
                             ADDED: 延吉市 2024 urban dibao, status `derived`, confidence medium, source of
                             the 2025 row, the value read by regex from the 2025 row's note ("660 before").
                             Sorted by year, code, measure (dibao first), side (urban first).
    context_points.csv       the shared file's rows, unchanged, line ends normalised to LF. The script
                             refuses to drop or change any row already in data/context_points.csv
                             (build_county_illustrative.py reads some of them).

Every output gets its sidecar (with the sha256 of the bytes written) and is then loaded back with
analytics.loaders.load_table, so it must pass its own schema. Running the script twice writes identical
bytes.

    python data/scripts/build_guidance_data.py [--source ../shared/data] [--out data]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1]
REPO = DATA.parent
DEFAULT_SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "data"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from analytics.loaders import load_table  # noqa: E402

SCRIPT = "data/scripts/build_guidance_data.py"
DATE_ACCESSED = "2026-12-01"
LICENCE = "政府公开信息（无明示许可；注明出处使用） / public government statistics, no explicit licence"

SRC_STANDARDS = "jilin_guidance_standards.csv"
SRC_TIERS = "jilin_guidance_tiers.csv"
SRC_OBSERVED = "jilin_county_standards_observed.csv"
SRC_CONTEXT = "jilin_context_points.csv"

SIDES = ("urban", "rural")
MEASURES = ("dibao", "tekun")
MONTHLY = "元/人·月"
YEARLY = "元/人·年"
YANJI = "222401"
LONGJING = "222405"
# "from 2020-01 (500 / 3,800 before)": the urban / rural standards in force before the 2020 rise.
BEFORE_PAIR = re.compile(r"\((?P<urban>[\d,]+(?:\.\d+)?) / (?P<rural>[\d,]+(?:\.\d+)?) before\)")
COPIED_YEAR, COPY_FROM = 2021, 2022  # 2021 tiers = 2022 tiers (吉民发〔2022〕15号 keeps the previous year's)
DERIVED_2021_NOTE = (
    "derived: 吉民发〔2022〕15号 keeps the previous year's guidance standards, "
    "so the 2021 tiers are taken as the 2022 tiers"
)
TEKUN_NOTE = re.compile(
    r"特困 (?P<kind>dispersed )?urban (?P<urban>\d{1,3}(?:,\d{3})*|\d+), "
    r"rural (?P<rural>\d{1,3}(?:,\d{3})*|\d+) 元/月"
)
BEFORE_NOTE = re.compile(r"from (?P<month>\d{4}-\d{2}) \((?P<before>\d[\d,]*) before\)")

COLUMNS_IN = {
    SRC_STANDARDS: ["year", "area", "tier", "value", "unit", "status", "confidence", "document", "source", "note"],
    SRC_TIERS: ["year", "area", "code", "name", "unit_as_written", "tier", "guidance_month", "status",
                "confidence", "document", "source", "note"],
    SRC_OBSERVED: ["year", "code", "name", "unit_as_written", "urban_standard", "urban_unit", "rural_standard",
                   "rural_unit", "status", "confidence", "source", "note"],
    SRC_CONTEXT: ["period", "indicator", "value", "unit", "source", "confidence"],
}
STANDARDS_COLUMNS = ["year", "side", "tier", "value_month", "status", "confidence", "document", "source", "note"]
TIERS_COLUMNS = ["year", "side", "code", "name", "unit_as_written", "tier", "status", "confidence", "document",
                 "source", "note"]
OBSERVED_COLUMNS = ["year", "code", "name", "unit_as_written", "measure", "side", "value", "unit", "status",
                    "confidence", "source", "note"]


# ----------------------------------------------------------------------------------------- reading
def source_text(path: Path) -> str:
    """A source file's text with LF line ends (the sources are CRLF or mixed)."""
    if not path.is_file():
        raise SystemExit(f"{path}: source file not found (pass --source)")
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n")


def read_source(source: Path, name: str) -> pd.DataFrame:
    """One source table, every cell as text, its header checked."""
    frame = pd.read_csv(io.StringIO(source_text(source / name)), dtype=str, keep_default_na=False)
    if list(frame.columns) != COLUMNS_IN[name]:
        raise SystemExit(f"{name}: columns changed: {list(frame.columns)}")
    for column in frame.columns:
        if (frame[column] != frame[column].str.strip()).any():
            raise SystemExit(f"{name}: column {column} has cells with surrounding spaces")
    return frame


def _fail(name: str, index: int, message: str) -> SystemExit:
    return SystemExit(f"{name} line {index + 2}: {message}")  # header = line 1


def _sorted(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Sort by `keys`: year/tier numerically, side urban first, measure dibao first, text otherwise."""
    order = {"side": SIDES, "measure": MEASURES}

    def key(column: pd.Series) -> pd.Series:
        if column.name in order:
            return column.map({v: i for i, v in enumerate(order[column.name])})
        if column.name in ("year", "tier"):
            return pd.to_numeric(column)
        return column

    return frame.sort_values(keys, key=key, kind="stable").reset_index(drop=True)[columns]


# ----------------------------------------------------------------------------------------- build
def build_standards(source: Path) -> pd.DataFrame:
    frame = read_source(source, SRC_STANDARDS)
    bad_unit = frame.index[frame["unit"] != MONTHLY]
    if len(bad_unit):
        raise _fail(SRC_STANDARDS, bad_unit[0], f"unit {frame['unit'][bad_unit[0]]!r}, expected {MONTHLY}")
    bad_area = frame.index[~frame["area"].isin(SIDES)]
    if len(bad_area):
        raise _fail(SRC_STANDARDS, bad_area[0], f"area {frame['area'][bad_area[0]]!r}")
    out = frame.rename(columns={"area": "side", "value": "value_month"})
    values = out.set_index(["year", "side", "tier"])["value_month"]
    copied = values[values.index.get_level_values("year") == str(COPIED_YEAR)].droplevel("year")
    basis = values[values.index.get_level_values("year") == str(COPY_FROM)].droplevel("year")
    if not copied.sort_index().equals(basis.sort_index()):
        raise SystemExit(f"{SRC_STANDARDS}: the {COPIED_YEAR} values no longer equal {COPY_FROM}'s")
    return _sorted(out, ["year", "side", "tier"], STANDARDS_COLUMNS)


def _check_codes(frame: pd.DataFrame, name: str, counties: pd.DataFrame) -> None:
    known = dict(zip(counties["code"], counties["name"], strict=True))
    for index, code, county in zip(frame.index, frame["code"], frame["name"], strict=True):
        if code not in known:
            raise _fail(name, index, f"code {code} is not one of data/counties.csv's 60")
        if known[code] != county:
            raise _fail(name, index, f"name {county} differs from data/counties.csv ({known[code]})")


def build_tiers(source: Path, standards: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    frame = read_source(source, SRC_TIERS).rename(columns={"area": "side"})
    _check_codes(frame, SRC_TIERS, counties)
    for (year, side), part in frame.groupby(["year", "side"]):
        if sorted(part["code"]) != sorted(counties["code"]):
            raise SystemExit(f"{SRC_TIERS}: {year} {side} does not hold each of the 60 codes exactly once")
    blank = frame["tier"] == ""
    unknown = frame["status"] == "unknown"
    for index in frame.index[(blank != unknown) | (blank != (frame["confidence"] == ""))]:
        raise _fail(SRC_TIERS, index, "tier, status unknown and confidence must be blank together")
    for index in frame.index[blank != (frame["guidance_month"] == "")]:
        raise _fail(SRC_TIERS, index, "guidance_month blank where the tier is not (or the reverse)")

    # guidance_month only repeats the standards table: check, then drop it.
    values = standards.set_index(["year", "side", "tier"])["value_month"]
    for index, row in frame[~blank].iterrows():
        key = (row["year"], row["side"], row["tier"])
        if key not in values.index:
            raise _fail(SRC_TIERS, index, f"tier {key} is not in {SRC_STANDARDS}")
        if float(values[key]) != float(row["guidance_month"]):
            raise _fail(SRC_TIERS, index, f"guidance_month {row['guidance_month']} != {values[key]}")
    frame = frame.drop(columns="guidance_month")

    if (frame["year"] == str(COPIED_YEAR)).any():
        raise SystemExit(f"{SRC_TIERS}: now has {COPIED_YEAR} rows; stop copying them from {COPY_FROM}")
    copied = frame[frame["year"] == str(COPY_FROM)].copy()
    copied["year"] = str(COPIED_YEAR)
    copied["status"] = "derived"
    copied["note"] = [DERIVED_2021_NOTE + (f"; {n}" if n else "") for n in copied["note"]]
    out = pd.concat([frame, copied], ignore_index=True)
    return _sorted(out, ["year", "side", "code"], TIERS_COLUMNS)


def _number(text: str) -> str:
    """A published number without its thousands separators ("1,056" -> "1056")."""
    return text.replace(",", "")


def build_observed(source: Path, counties: pd.DataFrame) -> pd.DataFrame:
    frame = read_source(source, SRC_OBSERVED)
    _check_codes(frame, SRC_OBSERVED, counties)
    keep = ["year", "code", "name", "unit_as_written"]
    rows: list[dict[str, str]] = []
    for index, row in frame.iterrows():
        base = {c: row[c] for c in keep}
        trail = {"status": row["status"], "confidence": row["confidence"], "source": row["source"]}
        for side in SIDES:
            value, unit = row[f"{side}_standard"], row[f"{side}_unit"]
            if bool(value) != bool(unit):
                raise _fail(SRC_OBSERVED, index, f"{side}_standard and {side}_unit must be blank together")
            if value:
                if unit not in (MONTHLY, YEARLY):
                    raise _fail(SRC_OBSERVED, index, f"unit {unit!r}")
                rows.append({**base, "measure": "dibao", "side": side, "value": value, "unit": unit,
                             **trail, "note": row["note"]})
        if "特困" in row["note"]:
            match = TEKUN_NOTE.search(row["note"])
            if not match:
                raise _fail(SRC_OBSERVED, index, f"note mentions 特困 but cannot be parsed: {row['note']!r}")
            what = "特困 dispersed-support standard" if match["kind"] else "特困 standard"
            note = f'{what} read from the source note: "{row["note"]}"'
            for side in SIDES:
                rows.append({**base, "measure": "tekun", "side": side, "value": _number(match[side]),
                             "unit": MONTHLY, **trail, "note": note})

    # 延吉 2024 urban: the 2025 report says what the standard was before its rise.
    yanji = frame[(frame["code"] == YANJI) & (frame["year"] == "2025")]
    if len(yanji) != 1:
        raise SystemExit(f"{SRC_OBSERVED}: expected one 延吉市 (222401) 2025 row, found {len(yanji)}")
    row = yanji.iloc[0]
    match = BEFORE_NOTE.search(row["note"])
    if not match:
        raise _fail(SRC_OBSERVED, yanji.index[0], f"no '(… before)' value in the note {row['note']!r}")
    before = _number(match["before"])
    rows.append({
        "year": "2024", "code": YANJI, "name": row["name"], "unit_as_written": row["unit_as_written"],
        "measure": "dibao", "side": "urban", "value": before, "unit": row["urban_unit"],
        "status": "derived", "confidence": "medium", "source": row["source"],
        "note": (f"derived: the {match['month']} report raises the urban standard to {row['urban_standard']} "
                 f"from {before}, so {before} was in force at the end of 2024"),
    })
    # 龙井 2019: the 2020 notice names the standards it replaced, urban and rural, in the units of the 2020 row.
    longjing = frame[(frame["code"] == LONGJING) & (frame["year"] == "2020")]
    if len(longjing) != 1:
        raise SystemExit(f"{SRC_OBSERVED}: expected one 龙井市 (222405) 2020 row, found {len(longjing)}")
    row = longjing.iloc[0]
    match = BEFORE_PAIR.search(row["note"])
    if not match:
        raise _fail(SRC_OBSERVED, longjing.index[0], f"no '(urban / rural before)' pair in the note {row['note']!r}")
    for side in SIDES:
        rows.append({
            "year": "2019", "code": LONGJING, "name": row["name"], "unit_as_written": row["unit_as_written"],
            "measure": "dibao", "side": side, "value": _number(match[side]), "unit": row[f"{side}_unit"],
            "status": "derived", "confidence": row["confidence"], "source": row["source"],
            "note": (f"derived: the 2020 notice raises the standards from these values (\"{row['note']}\"), "
                     "so they were in force at the end of 2019"),
        })
    out = pd.DataFrame(rows, columns=OBSERVED_COLUMNS)
    key = ["year", "code", "measure", "side"]
    repeated = out.duplicated(key, keep=False)
    if repeated.any():
        raise SystemExit(f"{SRC_OBSERVED}: repeated {key}:\n{out[repeated]}")
    return _sorted(out, key, OBSERVED_COLUMNS)


def context_points(source: Path, current: Path) -> bytes:
    """The shared context points, LF; every row already in data/ must survive unchanged."""
    text = source_text(source / SRC_CONTEXT)
    read_source(source, SRC_CONTEXT)  # header and cells checked
    if current.is_file():
        new = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        old = pd.read_csv(current, dtype=str, keep_default_na=False)
        merged = old.merge(new, how="left", indicator=True)
        lost = merged[merged["_merge"] != "both"]
        if not lost.empty:
            raise SystemExit(f"{SRC_CONTEXT} drops or changes rows of {current}:\n{lost}")
    return text.encode("utf-8")


# ----------------------------------------------------------------------------------------- sidecars
def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n", na_rep="")


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


DOC_2022 = "吉民发〔2022〕15号《关于印发2022年度全省城乡最低生活保障和特困人员救助供养最低指导标准的通知》"
DOC_2024 = "吉民发〔2023〕67号《关于印发2024年度全省城乡最低生活保障和特困人员救助供养最低指导标准的通知》"
COPIES = (
    "两份通知的原件均未找到，所用的是存档的转载或镜像网页（逐行见 source 列）："
    "2022年为民生内参的转载（注明来源为吉林省民政厅），农村分档名单另据 husay.cn；"
    "2024年为 jwbk.com（分档与各县名单）和 psdyun.com（分档与执行时间）的转载，文号取自临江市的通知临民联发〔2024〕1号。"
)


def standards_sidecar(frame: pd.DataFrame, raw: bytes) -> str:
    return f"""\
file: guidance_standards.csv
title: 吉林省城乡低保省定最低指导标准（分档）
title_en: Jilin provincial minimum guidance standards for urban and rural dibao, by tier
producer: 吉林省民政厅、吉林省财政厅
citation: 吉林省民政厅、财政厅分档指导标准（吉民发〔2022〕15号、吉民发〔2023〕67号等）  # short form for chart footers and briefings
source: >-
  2022年各档标准取自{DOC_2022}，2024年各档标准取自{DOC_2024}。{COPIES}各档金额在存档副本中完整（截断只影响分县名单，见 guidance_tiers.csv）。2021年未见单独的通知，数值由2022年通知推出（见 status_note）。2016—2020、2023、2025年的指导标准均未找到，表中没有这些年份，也不作推算。
url: per row (column source)
date_accessed: '{DATE_ACCESSED}'
licence: {LICENCE}
status: per_row
status_column: status
status_note: >-
  official = 见于通知的存档转载副本。derived = 2021年的各档标准：吉民发〔2022〕15号说明2022年度沿用上一年度的省定最低指导标准，因此2021年各档取与2022年相同的数值（2021年度的通知本身未找到）。
units:
  value_month: 元/人·月（源表 unit 列全部为此单位，已删去该列）
  tier: 档次序号（1 为标准最高的一档）
unique: [year, side, tier]
row_count: {len(frame)}
columns:
  year: {{type: int, min: 2000, max: 2035, description: 年度}}
  side: {{type: str, allowed: [urban, rural], description: 城乡（urban 城市 / rural 农村）}}
  tier: {{type: int, min: 1, description: 档次}}
  value_month: {{type: float, min: 0, description: 省定最低指导标准（元/人·月）}}
  status: {{type: str, allowed: [official, derived], description: 数据状态（official 官方 / derived 推算）}}
  confidence: {{type: str, allowed: [high, medium, low], description: 可信度（high / medium / low）}}
  document: {{type: str, description: 文号与文件名}}
  source: {{type: str, description: 所用的存档副本}}
  note: {{type: str, required: false, description: 备注}}
script: {SCRIPT}
sha256: {_sha(raw)}
"""


def tiers_sidecar(frame: pd.DataFrame, raw: bytes) -> str:
    unknown = int((frame["status"] == "unknown").sum())
    return f"""\
file: guidance_tiers.csv
title: 吉林省60个县级行政区所属的低保指导标准档次（城市、农村）
title_en: Guidance-standard tier of each of Jilin's 60 county-level divisions (urban and rural)
producer: 吉林省民政厅、吉林省财政厅
citation: 吉林省民政厅、财政厅分档指导标准通知中的各县档次  # short form for chart footers and briefings
source: >-
  2022年分档名单取自{DOC_2022}，2024年分档名单取自{DOC_2024}。{COPIES}存档副本的截断之处：2024年农村第二档名单列到蛟河市后中断，第三、四档名单缺失，因此2024年农村只有24个县级区划的档次可知，其余{unknown}个为未知。通知中的“长春市”“吉林市”等地级市指其市辖区，原写法见 unit_as_written 列；长白山保护开发区不是县级行政区，未列入。各档金额见 guidance_standards.csv（按年度、城乡、档次对应；源表的 guidance_month 列与之重复，已删去）。
url: per row (column source)
date_accessed: '{DATE_ACCESSED}'
licence: {LICENCE}
status: per_row
status_column: status
status_note: >-
  official = 存档副本中列出了该县（市、区）所属的档次。derived = 2021年各行：吉民发〔2022〕15号说明2022年度沿用上一年度的指导标准，本表据此把2022年各县所属档次用作2021年的档次（2021年的分档名单本身未找到，这是推断）。unknown = 存档的通知在列到该县之前即被截断（2024年农村{unknown}个县级区划）：档次、写法与可信度均留空，界面显示为“未知”，不以任何方式推算或填补（各地实际标准不低于指导标准，由实际标准也推不出档次）。
units:
  tier: 档次序号（1 为标准最高的一档），金额见 guidance_standards.csv
unique: [year, side, code]
row_count: {len(frame)}
columns:
  year: {{type: int, min: 2000, max: 2035, description: 年度}}
  side: {{type: str, allowed: [urban, rural], description: 城乡（urban 城市 / rural 农村）}}
  code: {{type: code, pattern: '^22\\d{{4}}$', description: GB/T 2260 六位代码}}
  name: {{type: str, description: 县级行政区名称}}
  unit_as_written: {{type: str, required: false, description: 通知中的写法（未知行为空）}}
  tier: {{type: int, min: 1, required: false, description: 档次（空 = 未知，不填补）}}
  status: {{type: str, allowed: [official, derived, unknown], description: 数据状态（official 官方 / derived 推算 / unknown 未知）}}
  confidence: {{type: str, required: false, allowed: ['', high, medium, low], description: 可信度（high / medium / low，可空）}}
  document: {{type: str, description: 文号与文件名}}
  source: {{type: str, description: 所用的存档副本}}
  note: {{type: str, required: false, description: 备注}}
script: {SCRIPT}
sha256: {_sha(raw)}
"""


def observed_sidecar(frame: pd.DataFrame, raw: bytes) -> str:
    urban_2018 = frame[(frame["year"] == "2018") & (frame["measure"] == "dibao") & (frame["side"] == "urban")]
    rural_2018 = frame[(frame["year"] == "2018") & (frame["measure"] == "dibao") & (frame["side"] == "rural")]
    return f"""\
file: county_standards_observed.csv
title: 吉林省各县（市、区）实际执行的城乡低保标准与特困人员供养标准（公开所见，零散）
title_en: Standards Jilin's counties actually set (dibao and tekun, urban and rural; observed, sparse)
producer: 各县（市、区）及所属市的民政局、财政局（德惠市、龙井市、吉林市、临江市、延吉市等）；2018年各地标准经吉林省民政厅、吉林省财政厅核准
citation: 各县（市、区）公布的低保标准；2018年省民政厅、财政厅核准表  # short form for chart footers and briefings
source: >-
  2018年的数字取自吉林省民政厅、吉林省财政厅核准各地2018年城乡低保标准和特困人员基本生活标准的通知，存档为 mrtsx.com 上的镜像网页：镜像中夹杂无关文字，但数字与德惠、龙井、临江三地的通知一致。其余为各地通知或转引通知的报道：延吉市2015—2017年（人民网朝鲜文版、延边新闻网、延边日报）与2025年（延边广播电视台2025年7月的报道，完整网址见 context_points.csv）、德惠市2017年（德府办发〔2017〕16号）、龙井市2020年、吉林市四个区2022年（吉林市民政局通知的镜像）、临江市2023—2024年（临民联发〔2024〕1号）。存档副本的缺漏：2018年表的农村标准只到伊通县为止（16个填报单位，共{rural_2018['code'].nunique()}个县级区划），其后各地只有城市标准；2018年表中没有江源区（220605），城市标准只覆盖{urban_2018['code'].nunique()}个县级区划（2022、2024年的通知把江源区单独列出，所以不把它视为包含在“白山市”一行中，也不填补）。特困人员供养标准（measure = tekun）来自源表 note 列中的文字，逐行注明。
url: per row (column source)
date_accessed: '{DATE_ACCESSED}'
licence: {LICENCE}
status: per_row
status_column: status
status_note: >-
  official = 见于本地通知、省级核准表或引用它们的报道的存档副本。derived = 由公布的数字推出，依据写在 note 列：临江市2023年（2024年通知写明由这一标准提高），延吉市2024年城市标准（2025年7月的报道称由660元提高到760元，故2024年末执行660元），龙井市2019年城乡标准（2020年1月的通知写明由城市500元/月、农村3,800元/年提高，故2019年末执行这两个标准）。recalled = 未再次核对原文的数字（目前没有）。数值按公布原文的单位保存，元/人·年未折算为月。2018年城市标准只有{urban_2018['code'].nunique()}个县级区划（资料组 README 称“全部60个”，与存档副本不符：江源区不在表中）；未见的数值一律不填。
units:
  value: 见 unit 列（元/人·月 或 元/人·年，按公布原文，未折算）
unique: [year, code, measure, side]
row_count: {len(frame)}
columns:
  year: {{type: int, min: 2000, max: 2035, description: 年度}}
  code: {{type: code, pattern: '^22\\d{{4}}$', description: GB/T 2260 六位代码}}
  name: {{type: str, description: 县级行政区名称}}
  unit_as_written: {{type: str, description: 原文的单位写法}}
  measure: {{type: str, allowed: [dibao, tekun], description: 低保标准（dibao）或特困人员供养标准（tekun）}}
  side: {{type: str, allowed: [urban, rural], description: 城乡（urban 城市 / rural 农村）}}
  value: {{type: float, min: 0, description: 标准（按原文单位）}}
  unit: {{type: str, allowed: [元/人·月, 元/人·年]}}
  status: {{type: str, allowed: [official, derived, recalled]}}
  confidence: {{type: str, allowed: [high, medium, low]}}
  source: {{type: str, description: 所用的存档副本}}
  note: {{type: str, required: false, description: 备注}}
script: {SCRIPT}
sha256: {_sha(raw)}
"""


def context_sidecar(raw: bytes) -> str:
    return f"""\
file: context_points.csv
title: 参照数据：长春、延吉、全省与全国的低保标准、救助人数与收入（散点）
title_en: Context points (Changchun, Yanji, province and national standards, caseload and income)
producer: 长春市民政局；延边广播电视台、延边日报（转引延吉市数据）；吉林省民政厅（经人民网朝鲜文版、吉林新闻转引）；民政部、人民日报（全国平均）；吉林省统计局
source: >-
  出处逐行列出；为对照用的零散数据点，不构成连续序列。2013年全省城乡平均低保标准与城乡低保人数取自人民网朝鲜文版对2014年1月全省民政工作会议的报道（引用省民政厅）。2015年与2017年4月的全省平均标准是推算值（指标名以 _derived 结尾，source 列以 derived: 开头）：报道给出延吉市的标准及其高出全省平均的差额，延吉标准减去差额即为全省平均。2015年的推算值与由“十四五”规划推算的2015年标准（province_annual.csv）相互印证：城市 401.59 对 404.4 元/月，农村 2,721 对 2,716 元/年。长春市2025年10月的低保、特困人数与低保资金取自长春市民政局的数据公开页面。2013年、2015年、2017年4月与长春2025年10月各行于 {DATE_ACCESSED} 补入；全表由 {SCRIPT} 从资料组的 jilin_context_points.csv 复制（只把换行统一为 LF）。
url: per row (column source)
date_accessed: '2026-11-23'
licence: 政府公开信息与新闻报道（无明示许可；注明出处使用） / public figures, no explicit licence
status: official
status_note: >-
  多数数据来自官方数据页面或引用官方数据的新闻报道（confidence = high 或 medium）。例外是2015年与2017年4月的全省平均标准（*_derived）：它们由延吉市标准减去报道所述差额推算，confidence = medium-low，只宜用作印证，不作官方数字引用。
units:
  value: see column unit
unique: [period, indicator]
columns:
  period: {{type: str, pattern: '^\\d{{4}}(-\\d{{2}})?$'}}
  indicator: {{type: str}}
  value: {{type: float, min: 0}}
  unit: {{type: str}}
  source: {{type: str}}
  confidence: {{type: str, allowed: [high, medium, medium-low, low]}}
script: {SCRIPT}
sha256: {_sha(raw)}
"""


# ----------------------------------------------------------------------------------------- main
def build(source: Path, data: Path = DATA) -> dict[str, bytes]:
    """Every output file's bytes, keyed by its name in data/ (nothing is written)."""
    counties = load_table("counties", data)
    standards = build_standards(source)
    tiers = build_tiers(source, standards, counties)
    observed = build_observed(source, counties)
    files: dict[str, bytes] = {}
    for stem, frame, sidecar in (("guidance_standards", standards, standards_sidecar),
                                 ("guidance_tiers", tiers, tiers_sidecar),
                                 ("county_standards_observed", observed, observed_sidecar)):
        raw = csv_text(frame).encode("utf-8")
        files[f"{stem}.csv"] = raw
        files[f"{stem}.meta.yml"] = sidecar(frame, raw).encode("utf-8")
    raw = context_points(source, data / "context_points.csv")
    files["context_points.csv"] = raw
    files["context_points.meta.yml"] = context_sidecar(raw).encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help=f"folder with the shared reference tables (default: {DEFAULT_SOURCE})")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write (default: the repo's data/)")
    args = parser.parse_args(argv)
    files = build(args.source.resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (args.out / name).write_bytes(raw)
    for name in files:
        if name.endswith(".csv"):
            table = load_table(Path(name).stem, args.out)  # the written files must pass their own schemas
            print(f"{name}: {len(table)} rows")


if __name__ == "__main__":
    main()
