"""Province returns (analytics.table_return): every problem reported, warnings for overwrites, jumps and
new categories, on each updatable table's own schema."""

from __future__ import annotations

import pytest

from analytics.loaders import load_table
from analytics.provenance import read_sidecar
from analytics.table_return import PROVINCE_DATASETS, check_table_return, column_label, template_csv
from tests.conftest import DATA

HEADER = "year,indicator,value,unit,status,confidence,source,note"
SOURCE = "吉林省2025年国民经济和社会发展统计公报"


def _check(lines: list[str], name: str = "province_annual", file: str = "p.csv", encoding: str = "utf-8"):
    sidecar = read_sidecar(DATA / f"{name}.meta.yml")
    raw = ("\n".join(lines) + "\n").encode(encoding)
    return check_table_return(raw, file, sidecar, load_table(name))


def _latest(indicator: str) -> float:
    annual = load_table("province_annual")
    rows = annual[annual["indicator"] == indicator]
    return float(rows.loc[rows["year"].idxmax(), "value"])


def test_a_new_year_of_incomes_is_read_typed_and_warns_of_nothing():
    urban, rural = _latest("urban_disposable_income") * 1.05, _latest("rural_disposable_income") * 1.06
    result = _check([HEADER, f"2025,urban_disposable_income,{urban:.0f},元/人·年,official,high,{SOURCE},",
                     f"2025,rural_disposable_income,{rural:.0f},元/人·年,official,high,{SOURCE},"])
    assert result.ok and not result.problems, result.problems
    assert result.years == (2025,) and str(result.table["year"].dtype) == "Int64"
    assert result.table["value"].dtype == "float64"


def test_gbk_files_read_the_same():
    line = f"2025,urban_disposable_income,{_latest('urban_disposable_income'):.0f},元/人·年,official,high,{SOURCE},"
    assert _check([HEADER, line], encoding="gbk").ok


def test_every_bad_cell_is_reported_with_its_row_and_column():
    result = _check([HEADER, "20x5,urban_disposable_income,abc,元/人·年,officail,high,=HYPERLINK(1),<b>x</b>",
                     "2025,rural_disposable_income,-5,元/人·年,official,sure,x,"])
    found = {(p.line, p.column, p.code) for p in result.errors}
    assert (2, "年度（year）", "value") in found and (2, "数值（value）", "value") in found
    assert (2, "数据状态（status）", "value") in found and (2, "出处（source）", "formula") in found
    assert (2, "备注（note）", "html") in found
    assert (3, "数值（value）", "value") in found and (3, "可信度（confidence）", "value") in found
    assert all("<" not in p.message for p in result.problems)
    assert result.table is None


def test_columns_must_be_the_templates():
    result = _check(["year,indicator,value,unit,status,confidence,source,备注列", "2025,x,1,元,official,high,s,n"])
    codes = {p.code for p in result.errors}
    assert {"missing_column", "unknown_column"} <= codes
    assert any("note" in p.message for p in result.errors) and any("备注列" in p.message for p in result.errors)


def test_a_key_given_twice_is_an_error_naming_both_lines():
    line = f"2025,urban_disposable_income,40000,元/人·年,official,high,{SOURCE},"
    result = _check([HEADER, line, line])
    problem = next(p for p in result.errors if p.code == "duplicate_row")
    assert "第 2 行与第 3 行" in problem.message


def test_overwriting_a_value_in_force_jumps_and_typos_are_warnings():
    annual = load_table("province_annual")
    row = annual[annual["indicator"] == "urban_disposable_income"].iloc[-1]
    year = int(row["year"])
    result = _check([HEADER, f"{year},urban_disposable_income,{row['value'] * 2:.0f},元/人·年,official,high,更正,",
                     f"2025,urban_disposable_incme,40000,元/人·年,official,high,{SOURCE},"])
    assert result.ok
    codes = {p.code for p in result.warnings}
    assert {"overwrite", "jump", "new_key"} <= codes
    assert any("urban_disposable_incme" in p.message for p in result.warnings if p.code == "new_key")


def test_other_tables_use_their_own_rules():
    months = _check(["month,indicator,value,unit,source,confidence", "2025-13,urban_dibao_recipients,1,persons,s,high"],
                    "assistance_monthly")
    assert any(p.column == "月份（month）" for p in months.errors)
    tiers = _check(["year,side,code,name,unit_as_written,tier,status,confidence,document,source,note",
                    "2025,urban,210102,沈阳,,1,official,high,吉民发〔2025〕1号,s,"], "guidance_tiers")
    assert any(p.code == "value" and "210102" in p.message for p in tiers.errors)


@pytest.mark.parametrize("name", PROVINCE_DATASETS)
def test_the_template_is_the_tables_header_and_every_column_has_a_chinese_label(name):
    sidecar = read_sidecar(DATA / f"{name}.meta.yml")
    assert template_csv(sidecar).decode("utf-8-sig").strip() == ",".join(sidecar.columns)
    assert (DATA / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(sidecar.columns)
    labels = [column_label(sidecar, c) for c in sidecar.columns if c not in ("note",)]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels), labels


def test_an_oversized_or_wrong_file_is_refused_before_reading():
    sidecar = read_sidecar(DATA / "province_annual.meta.yml")
    big = check_table_return(b"x" * (21 * 1024 * 1024), "p.csv", sidecar, load_table("province_annual"))
    assert [p.code for p in big.errors] == ["too_large"]
    pdf = check_table_return(b"%PDF-1.4 ...", "p.xlsx", sidecar, load_table("province_annual"))
    assert pdf.errors and pdf.table is None
