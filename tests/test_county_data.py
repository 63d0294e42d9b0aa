"""The illustrative county table reconciles with the published figures; real county files are validated.

Generator: deterministic, every county every year, county sums = the province totals it used, 长春 = its
published 2023-11 figures, 2020 weighted means = the province standards. Loader: each file in
tests/assets/bad_county/ gives its message (cases.yml) or loads; a folder of real files replaces the
illustrative table and the 示例数据 badge goes away.
"""

from __future__ import annotations

import importlib.util
import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

from analytics.county_data import (
    COLUMNS,
    COUNTY_DATA_ENV_VAR,
    STATUS_ILLUSTRATIVE,
    STATUS_OFFICIAL,
    badge,
    column_for_header,
    county_table,
    coverage_rates,
    load_county_table,
)
from analytics.errors import DataError
from analytics.loaders import load_table
from analytics.provenance import read_sidecar
from tests.conftest import DATA, REPO_ROOT

BAD = REPO_ROOT / "tests" / "assets" / "bad_county"
CASES = yaml.safe_load((BAD / "cases.yml").read_text(encoding="utf-8"))
TEMPLATES = DATA / "templates"
YEARS = [2020, 2021, 2022, 2023, 2024]
# Each caseload year uses the latest month the province published in that year.
CASELOAD_MONTHS = {2021: "2021-09", 2022: "2022-07", 2023: "2023-11", 2024: "2024-11"}
RECONCILED = [
    ("urban_recipients", ("urban_dibao_recipients",)),
    ("rural_recipients", ("rural_dibao_recipients",)),
    ("tekun_persons", ("urban_tekun_recipients", "rural_tekun_recipients")),
]


def _load_build_module():
    path = DATA / "scripts" / "build_county_illustrative.py"
    spec = importlib.util.spec_from_file_location("build_county_illustrative", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_build_module()


@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    return builder.build()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_table("county_indicators")


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return load_table("counties")


@pytest.fixture(autouse=True)
def _no_county_folder(monkeypatch):
    monkeypatch.delenv(COUNTY_DATA_ENV_VAR, raising=False)


# ----------------------------------------------------------------------------------------- generator
def test_generator_is_deterministic(built):
    pd.testing.assert_frame_equal(builder.build(), built)


def test_committed_csv_is_exactly_what_the_generator_writes(built):
    """The committed file is never hand-edited: regenerate with the script instead."""
    assert builder.csv_text(built).encode("utf-8") == (DATA / "county_indicators.csv").read_bytes()


def test_committed_templates_are_exactly_what_the_generator_writes():
    template = builder.template_frame(load_table("counties").sort_values("code"))
    csv = template.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    assert csv == (TEMPLATES / "county_indicators_template.csv").read_bytes()
    assert builder.template_xlsx_bytes(template) == (TEMPLATES / "county_indicators_template.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1, 1], [4, 3, 3]),  # ties: the earlier position gets the extra one
        (7, [0, 2, 5], [0, 2, 5]),
        (5, [0, 0, 1], [0, 0, 5]),  # zero weight, zero persons
        (0, [1, 2], [0, 0]),
        (100, [0.3, 0.3, 0.4], [30, 30, 40]),
    ],
)
def test_largest_remainder_rounding_keeps_the_total(total, weights, expected):
    result = builder.largest_remainder(total, np.array(weights, dtype=float))
    assert result.tolist() == expected and result.sum() == total


def test_sidecar_says_illustrative_and_how_it_was_made():
    sidecar = read_sidecar(DATA / "county_indicators.meta.yml")
    assert sidecar.status == STATUS_ILLUSTRATIVE
    assert "示例数据" in sidecar.title
    assert sidecar.script == "data/scripts/build_county_illustrative.py"
    assert "最大余数法" in sidecar.extra["method"] and "method_en" in sidecar.extra
    assert sidecar.columns.keys() == {c.code for c in COLUMNS}


@pytest.mark.parametrize("year", YEARS)
def test_every_county_is_present_once_each_year(table, counties, year):
    codes = table.loc[table["year"] == year, "code"]
    assert sorted(codes) == sorted(counties["code"])


@pytest.mark.parametrize(("column", "indicators"), RECONCILED, ids=[r[0] for r in RECONCILED])
@pytest.mark.parametrize("year", sorted(CASELOAD_MONTHS))
def test_county_sums_equal_the_province_totals(table, year, column, indicators):
    monthly = load_table("assistance_monthly")
    rows = monthly[(monthly["month"] == CASELOAD_MONTHS[year]) & monthly["indicator"].isin(indicators)]
    assert len(rows) == len(indicators)
    assert table.loc[table["year"] == year, column].sum() == int(rows["value"].sum())


@pytest.mark.parametrize("side", ["urban", "rural"])
def test_changchun_counties_sum_to_changchun_published_2023_figures(table, counties, side):
    context = load_table("context_points")
    published = context.loc[
        (context["period"] == "2023-11") & (context["indicator"] == f"changchun_{side}_dibao_recipients"), "value"
    ].iloc[0]
    changchun = counties.loc[counties["prefecture_code"] == "220100", "code"]
    assert len(changchun) == 11
    part = table[(table["year"] == 2023) & table["code"].isin(changchun)]
    assert part[f"{side}_recipients"].sum() == int(published)


def test_no_caseload_in_2020(table):
    part = table[table["year"] == 2020]
    for column in ("urban_recipients", "rural_recipients", "tekun_persons", "temporary_assistance_cases"):
        assert part[column].isna().all()


@pytest.mark.parametrize(("side", "annual"), [("urban", 6552), ("rural", 4372)])
def test_2020_population_weighted_mean_standard_is_the_province_standard(table, counties, side, annual):
    merged = table[table["year"] == 2020].merge(counties, on="code")
    pop = merged["pop_2020_census"].astype(float)
    share = merged["urban_share_2020"]
    weights = pop * share if side == "urban" else pop * (1 - share)
    mean = np.average(merged[f"{side}_standard_month"], weights=weights)
    assert mean == pytest.approx(annual / 12, abs=0.1)


def test_rural_standard_never_below_the_poverty_line(table):
    assert (table["rural_standard_month"] >= 4000 / 12).all()


def test_no_county_has_zero_rural_population_and_rural_recipients(table, counties):
    no_rural = counties.loc[counties["urban_share_2020"] == 1, "code"]
    assert len(no_rural) == 1  # 南关区
    assert (table.loc[table["code"].isin(no_rural), "rural_recipients"].dropna() == 0).all()


def test_yanji_urban_standard_follows_its_published_anchors(table):
    yanji = table[table["code"] == "222401"].set_index("year")["urban_standard_month"]
    assert 480 < yanji[2024] < 760
    assert yanji[2024] == 660  # in force until the 2025-07 rise from 660 to 760
    assert yanji.is_monotonic_increasing


def test_standards_are_never_cut(table):
    for column in ("urban_standard_month", "rural_standard_month"):
        steps = table.sort_values(["code", "year"]).groupby("code")[column].diff().dropna()
        assert (steps >= 0).all(), column


def test_the_lagging_counties_are_exactly_those_below_the_2024_guidance(table):
    parameters = yaml.safe_load((DATA / "parameters.yml").read_text(encoding="utf-8"))
    annual = load_table("province_annual")
    income = annual[annual["year"] == 2022].set_index("indicator")["value"]  # lag 2 for 2024
    last = table[table["year"] == 2024].set_index("code")
    below = {}
    for side in ("urban", "rural"):
        ratio = parameters[f"dibao_income_ratio_{side}"]["values"][-1]["value"]
        line = ratio * income[f"{side}_disposable_income"] / 12
        for code in last.index[last[f"{side}_standard_month"] < line]:
            below[code] = "both" if code in below else side
    declared = read_sidecar(DATA / "county_indicators.meta.yml").extra["laggard_counties"]
    assert below == declared
    assert 5 <= len(below) <= 10


def test_tekun_standard_is_1_3_times_last_year_except_the_declared_counties(table):
    declared = set(read_sidecar(DATA / "county_indicators.meta.yml").extra["non_compliant_tekun_counties"])
    wide = table.set_index(["code", "year"])
    for year in (2023, 2024):
        for side in ("urban", "rural"):
            ratio = wide[f"tekun_{side}_standard_month"].xs(year, level="year") / wide[
                f"{side}_standard_month"
            ].xs(year - 1, level="year")
            assert set(ratio.index[ratio < 1.3 - 1e-9]) == declared


def test_shares_stay_between_zero_and_one_and_hotline_is_everywhere_by_2023(table):
    for column in (c.code for c in COLUMNS if c.is_share):
        assert table[column].between(0, 1).all(), column
    assert (table.loc[table["year"] >= 2023, "hotline_12345"] == 1).all()


def test_illustrative_table_and_badge_without_a_county_folder(table):
    loaded, status = county_table()
    assert status == STATUS_ILLUSTRATIVE
    assert badge(status) == "示例数据"
    pd.testing.assert_frame_equal(loaded, table)


# ----------------------------------------------------------------------------------------- real files
@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_county_file_gives_its_message_or_loads(case, table):
    path = BAD / case["file"]
    if "message" in case:
        with pytest.raises(DataError) as caught:
            load_county_table(path)
        assert case["message"] in str(caught.value)
    else:
        loaded = load_county_table(path)
        assert len(loaded) == case["rows"]
        assert list(loaded.columns) == list(table.columns)
        assert loaded.dtypes.to_dict() == table.dtypes.to_dict()
        expected = table[table["year"].isin(loaded["year"].unique())].reset_index(drop=True)
        pd.testing.assert_frame_equal(loaded, expected)


def test_blank_lines_and_rows_keep_the_line_numbers_a_spreadsheet_shows(tmp_path):
    lines = (BAD / "non_numeric.csv").read_bytes().decode("utf-8").split("\r\n")
    csv = tmp_path / "gaps.csv"
    csv.write_bytes("\r\n".join(lines[:3] + ["", ",,,,"] + lines[3:]).encode("utf-8"))
    with pytest.raises(DataError, match="第 9 行「城市低保标准」列：值「约600」不是数字"):
        load_county_table(csv)
    book = openpyxl.load_workbook(BAD / "bad_cell.xlsx")
    book.active.insert_rows(5, amount=2)  # two empty worksheet rows
    xlsx = tmp_path / "gaps.xlsx"
    book.save(xlsx)
    with pytest.raises(DataError, match="第 14 行「城市低保对象人数」列：值「一千」不是整数（单元格 F14）"):
        load_county_table(xlsx)


def test_a_malformed_code_is_named_as_such(tmp_path):
    lines = (BAD / "valid_english_headers.csv").read_bytes().decode("utf-8").split("\r\n")
    lines[3] = "2201O4" + lines[3][6:]
    bad = tmp_path / "code.csv"
    bad.write_bytes("\r\n".join(lines).encode("utf-8"))
    with pytest.raises(DataError, match="第 4 行「区划代码」列：值「2201O4」不是 22 开头的 6 位区划代码"):
        load_county_table(bad)


def test_every_county_file_has_a_case():
    files = {p.name for p in BAD.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert files == {c["file"] for c in CASES}


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.code)
@pytest.mark.parametrize("form", ["header", "code", "zh", "fullwidth"])
def test_headers_are_recognised_in_every_accepted_form(column, form):
    text = {"header": column.header, "code": column.code, "zh": column.zh,
            "fullwidth": column.header.replace("(", "（").replace(")", "）")}[form]
    assert column_for_header(f" {text} ") == column.code


def test_a_folder_of_real_files_replaces_the_illustrative_table(tmp_path, monkeypatch, table):
    shutil.copy(BAD / "valid_gbk.csv", tmp_path / "county_2024.csv")
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path))
    loaded, status = county_table()
    assert status == STATUS_OFFICIAL
    assert badge(status) is None
    pd.testing.assert_frame_equal(loaded, table[table["year"] == 2024].reset_index(drop=True))


def test_a_folder_may_split_the_counties_over_files(tmp_path, monkeypatch, table):
    full = load_county_table(BAD / "valid_utf8_bom.csv")
    text = (BAD / "valid_english_headers.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.csv").write_text("\n".join(text[:31]) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("\n".join(text[:1] + text[31:]) + "\n", encoding="utf-8")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock file")  # Excel's lock file is ignored
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path))
    loaded, status = county_table()
    assert status == STATUS_OFFICIAL
    pd.testing.assert_frame_equal(loaded, full)


def test_the_same_county_year_in_two_files_names_both(tmp_path, monkeypatch):
    shutil.copy(BAD / "valid_gbk.csv", tmp_path / "a.csv")
    shutil.copy(BAD / "valid.xlsx", tmp_path / "b.xlsx")
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path))
    with pytest.raises(DataError, match="区划代码「220102」的 2024 年数据同时出现在「a.csv」第 2 行和「b.xlsx」第 3 行"):
        county_table()


def test_a_folder_without_data_files_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path))
    with pytest.raises(DataError, match="文件夹中没有 CSV 或 Excel"):
        county_table()
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(DataError, match="找不到县级数据文件夹"):
        county_table()


# ----------------------------------------------------------------------------------------- template
def test_templates_share_headers_and_list_every_county():
    csv = pd.read_csv(TEMPLATES / "county_indicators_template.csv", dtype=str, encoding="utf-8-sig")
    assert (TEMPLATES / "county_indicators_template.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(csv.columns) == [c.header for c in COLUMNS]
    book = openpyxl.load_workbook(TEMPLATES / "county_indicators_template.xlsx")
    assert book.sheetnames == ["数据", "说明"]
    data = list(book["数据"].iter_rows(values_only=True))
    assert list(data[0]) == [c.header for c in COLUMNS]
    assert [r[0] for r in data[1:]] == list(csv.iloc[:, 0]) == sorted(load_table("counties")["code"])
    explained = {r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert {c.code for c in COLUMNS} <= explained


def test_the_excel_template_filled_in_loads_as_the_same_table(tmp_path, table):
    book = openpyxl.load_workbook(TEMPLATES / "county_indicators_template.xlsx")
    sheet = book["数据"]
    expected = table[table["year"] == 2024].set_index("code")
    for row in sheet.iter_rows(min_row=2):
        values = expected.loc[row[0].value]
        for cell, column in zip(row[3:], COLUMNS[3:], strict=True):
            value = values[column.code]
            cell.value = None if pd.isna(value) else value.item() if hasattr(value, "item") else value
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    pd.testing.assert_frame_equal(load_county_table(filled), expected.reset_index()[list(table.columns)])


# ----------------------------------------------------------------------------------------- coverage
def test_coverage_rates_use_the_census_split_as_denominator(table, counties):
    rates = coverage_rates(table, counties)
    row = rates[(rates["code"] == "220122") & (rates["year"] == 2024)].iloc[0]
    county = counties.set_index("code").loc["220122"]
    pop = float(county["pop_2020_census"])
    assert row["urban_coverage"] == pytest.approx(row["urban_recipients"] / (pop * county["urban_share_2020"]))
    assert row["rural_coverage"] == pytest.approx(
        row["rural_recipients"] / (pop * (1 - county["urban_share_2020"]))
    )
    assert rates.loc[rates["code"] == "220102", "rural_coverage"].isna().all()  # 南关区: no rural population
    assert rates.loc[rates["year"] == 2020, "urban_coverage"].isna().all()
    assert rates["urban_coverage"].dropna().between(0, 1).all()
