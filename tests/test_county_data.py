"""The county table keeps every real standard, invents only the gaps, and its inventions obey the real rules.

Generator: deterministic, every county every year 2018–2024, county sums = the province totals it used,
长春 = its published 2023-11 figures, 2020 weighted means = the province standards. Real standards
(county_standards_observed.csv) survive unchanged; invented ones are never cut, reach the county's guidance
tier in 2021, 2022 and 2024, the poverty floor from 2020, and 特困 = 1.3 × last year's 低保. Loader: each file
in tests/assets/bad_county/ gives its message (cases.yml) or loads; a folder of real files replaces the
illustrative table and the 示例数据 badge goes away.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
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
from analytics.county_status import observed_months, value_status
from analytics.errors import DataError
from analytics.guidance import assume_unknown, county_values, guidance_data
from analytics.loaders import load_table
from analytics.parameters import load_parameters
from analytics.provenance import read_sidecar
from tests.conftest import DATA, REPO_ROOT

BAD = REPO_ROOT / "tests" / "assets" / "bad_county"
CASES = yaml.safe_load((BAD / "cases.yml").read_text(encoding="utf-8"))
TEMPLATES = DATA / "templates"
YEARS = list(range(2018, 2025))
STANDARD_ONLY_YEARS = (2018, 2019)
# Each caseload year uses the latest month the province published in that year.
CASELOAD_MONTHS = {2021: "2021-09", 2022: "2022-07", 2023: "2023-11", 2024: "2024-11"}
RECONCILED = [
    ("urban_recipients", ("urban_dibao_recipients",)),
    ("rural_recipients", ("rural_dibao_recipients",)),
    ("tekun_persons", ("urban_tekun_recipients", "rural_tekun_recipients")),
]
SIDES = ("urban", "rural")
STANDARD = {side: f"{side}_standard_month" for side in SIDES}
TEKUN = {side: f"tekun_{side}_standard_month" for side in SIDES}
REAL_TOLERANCE = 0.005  # real values are written to 0.01 元 (元/人·年 ÷ 12)


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


@pytest.fixture(scope="module")
def observed() -> pd.DataFrame:
    """The real standards in the table's units (the app's own copy and conversion), all years."""
    return observed_months(load_table("county_standards_observed"))


@pytest.fixture(scope="module")
def real_cells(observed, table) -> set[tuple[str, int, str]]:
    """(code, year, column) of every real value whose county-year is in the table."""
    keys = set(zip(table["code"], table["year"], strict=True))
    return {(c, int(y), col) for c, y, col in zip(observed["code"], observed["year"], observed["column"], strict=True)
            if (c, int(y)) in keys}


@pytest.fixture(scope="module")
def wide(table) -> pd.DataFrame:
    return table.set_index(["code", "year"]).sort_index()


@pytest.fixture(autouse=True)
def _no_county_folder(monkeypatch):
    monkeypatch.delenv(COUNTY_DATA_ENV_VAR, raising=False)


def _invented(real_cells, column: str, index) -> np.ndarray:
    """Mask over a (code, year) index: True where the cell of `column` is not a real value."""
    return np.array([(code, int(year), column) not in real_cells for code, year in index])


# ----------------------------------------------------------------------------------------- generator
def test_generator_is_deterministic(built):
    pd.testing.assert_frame_equal(builder.build(), built)
    assert builder.csv_text(builder.build()) == builder.csv_text(built)


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


def test_sidecar_says_per_value_and_how_it_was_made(table):
    sidecar = read_sidecar(DATA / "county_indicators.meta.yml")
    assert sidecar.status == "per_value"
    assert "示例数据" in sidecar.title and "实际标准" in sidecar.title
    assert "county_standards_observed.csv" in sidecar.status_note
    assert sidecar.script == "data/scripts/build_county_illustrative.py"
    assert sidecar.row_count == len(table) == 60 * len(YEARS)
    method, method_en = sidecar.extra["method"], sidecar.extra["method_en"]
    assert "最大余数法" in method and "指导标准" in method and "2018" in method
    assert sidecar.columns.keys() == {c.code for c in COLUMNS}
    # the deliberate laggards and 1.25× counties are gone, from the data and from the text
    assert "laggard_counties" not in sidecar.extra and "non_compliant_tekun_counties" not in sidecar.extra
    assert "1.25 倍" not in method and "有意" not in method and "低于指导标准 1.5%" not in method
    assert "1.25 x" not in method_en and "1.25×" not in method_en and "lagging" not in method_en


@pytest.mark.parametrize("year", YEARS)
def test_every_county_is_present_once_each_year_with_both_standards(table, counties, year):
    part = table[table["year"] == year]
    assert sorted(part["code"]) == sorted(counties["code"])
    assert part[list(STANDARD.values())].notna().all().all()


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


def test_no_caseload_before_2021(table):
    part = table[table["year"] < 2021]
    for column in ("urban_recipients", "rural_recipients", "tekun_persons", "temporary_assistance_cases"):
        assert part[column].isna().all(), column
    assert table.loc[table["year"] >= 2021, "urban_recipients"].notna().all()


def test_2018_and_2019_hold_the_dibao_standards_only(table):
    part = table[table["year"].isin(STANDARD_ONLY_YEARS)]
    others = [c.code for c in COLUMNS if c.code not in ("code", "name", "year", *STANDARD.values())]
    assert part[others].isna().all().all()
    later = table[table["year"] >= 2020]
    assert later["approval_delegated_share"].notna().all() and later["hotline_12345"].notna().all()


def test_tekun_standards_start_in_2021(table):
    assert table.loc[table["year"] < 2021, list(TEKUN.values())].isna().all().all()
    assert table.loc[table["year"] >= 2021, list(TEKUN.values())].notna().all().all()


@pytest.mark.parametrize(("side", "annual"), [("urban", 6552), ("rural", 4372)])
def test_2020_population_weighted_mean_standard_is_the_province_standard(table, counties, side, annual):
    merged = table[table["year"] == 2020].merge(counties, on="code")
    pop = merged["pop_2020_census"].astype(float)
    share = merged["urban_share_2020"]
    weights = pop * share if side == "urban" else pop * (1 - share)
    mean = np.average(merged[f"{side}_standard_month"], weights=weights)
    assert mean == pytest.approx(annual / 12, abs=0.05)


def test_rural_standard_never_below_the_poverty_line_from_2020(table):
    floor = load_parameters()["poverty_line_floor"].current.value / 12
    assert (table.loc[table["year"] >= 2020, "rural_standard_month"] >= floor).all()
    # not before: the real 2018 approval table has rural standards of 3,600 元/年
    assert (table.loc[table["year"] == 2018, "rural_standard_month"] < floor).any()


def test_no_county_has_zero_rural_population_and_rural_recipients(table, counties):
    no_rural = counties.loc[counties["urban_share_2020"] == 1, "code"]
    assert len(no_rural) == 1  # 南关区
    assert (table.loc[table["code"].isin(no_rural), "rural_recipients"].dropna() == 0).all()


# ----------------------------------------------------------------------------------------- real values
def test_every_real_standard_in_the_table_survives_unchanged(table, observed, wide):
    inside = observed[observed["year"].isin(YEARS)]
    assert len(inside) > 90  # the 2018 approval table alone has 83 values
    for row in inside.itertuples(index=False):
        value = wide.loc[(row.code, int(row.year)), row.column]
        assert abs(value - row.value_month) <= REAL_TOLERANCE, (row.code, row.year, row.column, value, row.value_month)


def test_the_app_marks_exactly_the_real_cells_as_real(table, real_cells):
    status, source = value_status(table, STATUS_ILLUSTRATIVE, load_table("county_standards_observed"))
    real = status.isin(["official", "derived", "recalled"])
    assert int(real.to_numpy().sum()) == len(real_cells)
    assert (source[real] != "").to_numpy()[real.to_numpy()].all()


def test_yanji_comes_from_the_observed_table_not_from_context_points(wide):
    yanji = wide.xs("222401", level="code")["urban_standard_month"]
    assert (yanji[2018], yanji[2024]) == (620, 660)
    assert yanji.is_monotonic_increasing
    assert not hasattr(builder, "yanji_urban_path")


def test_2018_gaps_come_from_real_peers(wide, real_cells):
    """江源区 is absent from the stored 2018 table: its urban standard is that of 浑江区, its peer."""
    assert ("220605", 2018, "urban_standard_month") not in real_cells
    assert wide.loc[("220605", 2018), "urban_standard_month"] == wide.loc[("220602", 2018), "urban_standard_month"]
    rural = wide.xs(2018, level="year")["rural_standard_month"]
    assert rural.between(300, 410).all()  # the range of the real 2018 rural standards


# ----------------------------------------------------------------------------------------- the rules
def test_standards_are_never_cut(table, observed):
    ordered = table.sort_values(["code", "year"])
    for column in STANDARD.values():
        steps = ordered.groupby("code")[column].diff().dropna()
        assert (steps >= 0).all(), column
        # real values outside the table's years bound the series too (延吉 2015–2017 and 2025, 德惠 2017)
        first = ordered.groupby("code")[column].first()
        last = ordered.groupby("code")[column].last()
        outside = observed[(observed["column"] == column) & ~observed["year"].isin(YEARS)]
        assert len(outside)
        for row in outside.itertuples(index=False):
            if row.year < YEARS[0]:
                assert row.value_month <= first[row.code] + REAL_TOLERANCE, (row.code, row.year)
            else:
                assert row.value_month >= last[row.code] - REAL_TOLERANCE, (row.code, row.year)


@pytest.mark.parametrize("side", SIDES)
def test_invented_standards_are_at_least_the_guidance(wide, counties, real_cells, side):
    data = guidance_data(load_table("guidance_standards"), load_table("guidance_tiers"))
    codes = list(counties["code"])
    assert data.years == [2021, 2022, 2024]
    checked = 0
    for year in data.years:
        tiers = assume_unknown(data, year, side, codes)
        if (year, side) == (2024, "rural"):
            assert (tiers["status"] == "assumed").sum() == 36
        guidance = county_values(tiers, data.structure(year, side))
        values = wide.xs(year, level="year")[STANDARD[side]].reindex(guidance.index)
        invented = [(code, year, STANDARD[side]) not in real_cells for code in guidance.index]
        known = guidance.notna().to_numpy() & np.array(invented)
        below = values[known] < guidance[known] - 1e-9
        assert not below.any(), f"{year} {side}: {list(values[known][below].index)}"
        checked += int(known.sum())
    assert checked >= 170


def test_2023_lies_between_its_neighbours(wide):
    for column in STANDARD.values():
        series = wide[column].unstack("year")
        assert (series[2022] <= series[2023]).all() and (series[2023] <= series[2024]).all()


def test_tekun_standard_is_1_3_times_last_year_except_real_cells(wide, real_cells):
    parameters = load_parameters()
    multiplier = parameters["tekun_multiplier"].current.value
    lag = int(parameters["tekun_base_year_lag"].current.value)
    checked = 0
    for year in range(2021, 2025):
        for side in SIDES:
            tekun = wide[TEKUN[side]].xs(year, level="year")
            base = wide[STANDARD[side]].xs(year - lag, level="year").reindex(tekun.index)
            invented = np.array([(code, year, TEKUN[side]) not in real_cells for code in tekun.index])
            rule = multiplier * base
            assert (tekun[invented] >= rule[invented] - 1e-9).all()  # rounded up to the 角
            assert (tekun[invented] - rule[invented] < 0.1 + 1e-9).all()
            checked += int(invented.sum())
    assert checked == 4 * 2 * 60 - sum(1 for cell in real_cells if cell[2] in TEKUN.values())


def _with_observed_value(data_copy, line_start: str, old: str, new: str):
    """Change one real value in a copy of the data (and its checksum, so that it loads)."""
    path = data_copy / "county_standards_observed.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(line_start)]
    assert len(hits) == 1
    lines[hits[0]] = lines[hits[0]].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    sidecar = data_copy / "county_standards_observed.meta.yml"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sidecar.write_text(re.sub(r"(?m)^sha256: .*$", f"sha256: {digest}", sidecar.read_text(encoding="utf-8")),
                       encoding="utf-8")


def test_a_real_value_that_forces_a_cut_stops_the_build(data_copy):
    _with_observed_value(data_copy, "2024,222401,延吉市,延吉市,dibao,urban,660,", ",urban,660,", ",urban,600,")
    with pytest.raises(SystemExit, match=r"延吉市 \(222401\) urban .*2024 \(600\).*2018 \(620\)"):
        builder.build(data_copy)


def test_a_real_value_below_what_the_guidance_requires_earlier_stops_the_build(data_copy):
    """临江 2023 at 540 would force 2021–2022 (guidance 550) either below the guidance or into a cut."""
    _with_observed_value(data_copy, "2023,220681,临江市,临江市,dibao,urban,550,", ",urban,550,", ",urban,540,")
    with pytest.raises(SystemExit, match=r"临江市 \(220681\) urban dibao standard 2021.*guidance 550.*540 \(2023\)"):
        builder.build(data_copy)


def test_shares_stay_between_zero_and_one_and_hotline_is_everywhere_by_2023(table):
    for column in (c.code for c in COLUMNS if c.is_share):
        assert table[column].dropna().between(0, 1).all(), column
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
