"""Figures checked against the source documents and the published totals."""

from __future__ import annotations

import json

import pytest

from analytics import province
from analytics.indicators import load_indicators
from analytics.loaders import load_table
from tests.conftest import DATA

counties = load_table("counties")
zones = load_table("development_zones")
annual = load_table("province_annual")
monthly = load_table("assistance_monthly")


def test_sixty_counties_in_nine_prefectures():
    assert len(counties) == 60
    assert counties["prefecture_code"].nunique() == 9
    assert set(counties["prefecture"]) >= {"长春市", "延边朝鲜族自治州"}


def test_census_total_reconciles_with_the_published_provincial_total():
    assert int(counties["pop_2020_census"].sum()) + int(zones["pop_2020_census"].sum()) == 24_073_453
    assert province.census_population(counties, zones).value == pytest.approx(2407.3453)


def test_fifteen_former_poverty_counties_8_national_7_provincial():
    levels = counties["poverty_county"].value_counts()
    assert (levels["national"], levels["provincial"]) == (8, 7)


def test_2020_rural_urban_ratio_is_66_7_percent():
    assert round(province.rural_urban_ratio(annual, 2020).value, 1) == 66.7


@pytest.mark.parametrize(("side", "growth"), [("urban", 0.35), ("rural", 0.61)])
def test_2015_standards_are_derived_from_the_plans_growth(side, growth):
    s2015 = province.value_in(annual, province.STANDARD[side], 2015, "s", "")
    s2020 = province.value_in(annual, province.STANDARD[side], 2020, "s", "")
    assert s2015.status == "derived"
    assert s2015.value * (1 + growth) == pytest.approx(s2020.value, abs=0.5)


def test_2020_standards_are_the_plans_figures():
    assert province.value_in(annual, "urban_dibao_standard", 2020, "u", "").value == 6552
    assert province.value_in(annual, "rural_dibao_standard", 2020, "r", "").value == 4372


def test_indicator_table_has_eight_rows_with_2025_targets():
    indicators = load_indicators()
    assert [i.number for i in indicators] == list(range(1, 9))
    assert indicators[1].target_value == 75 and indicators[2].target_value == 130
    assert all(i.target_value == 100 for i in indicators[3:])
    assert indicators[0].comparison == "growth_vs_income" and indicators[0].target_value is None
    assert [i.kind for i in indicators].count("binding") == 6
    assert all(i.direction == "up" for i in indicators)


def test_boundary_codes_join_the_county_table():
    collection = json.loads((DATA / "boundaries" / "jilin_counties.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in collection["features"]} == set(counties["code"])
