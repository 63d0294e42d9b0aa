"""Policy parameters: every value cited, dated, typed; the calibrated ratios reproduce 2020."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.errors import DataError
from analytics.loaders import load_table
from analytics.parameters import CITATION_PATTERN, load_parameters, parameter_table, parse_parameters

PARAMETERS = load_parameters()
# Every rule of DOMAIN.md must be present as a parameter.
EXPECTED = {
    "dibao_income_lag_years", "dibao_income_ratio_urban", "dibao_income_ratio_rural", "tekun_multiplier",
    "tekun_base_year_lag", "rural_urban_ratio_target", "poverty_line_floor", "emergency_advance_months",
    "emergency_case_close_days", "services_funding_cap_share", "price_linkage_trigger", "price_linkage_formula",
}


def test_every_rule_is_a_parameter():
    assert set(PARAMETERS) == EXPECTED


@pytest.mark.parametrize("row", parameter_table(PARAMETERS), ids=lambda r: f"{r['name']}@{r['effective']}")
def test_every_value_has_a_citation_unit_and_date(row):
    assert CITATION_PATTERN.match(row["citation"])
    assert row["unit"]
    assert date.fromisoformat(row["effective"])


@pytest.mark.parametrize(
    ("name", "value", "citation_part"),
    [
        ("tekun_multiplier", 1.3, "吉民发〔2022〕4号"),
        ("rural_urban_ratio_target", 0.75, "吉民发〔2022〕24号"),
        ("poverty_line_floor", 4000, "吉民发〔2016〕18号"),
        ("emergency_advance_months", 1, "§三(三)2"),
        ("emergency_case_close_days", 30, "§三(三)2"),
        ("services_funding_cap_share", 0.02, "吉民发〔2022〕12号"),
        ("dibao_income_lag_years", 2, "§三(二)1"),
        ("tekun_base_year_lag", 1, "吉民发〔2022〕4号"),
    ],
)
def test_values_match_the_documents(name, value, citation_part):
    current = PARAMETERS[name].current
    assert current.value == pytest.approx(value)
    assert citation_part in current.citation
    assert current.status == "official"


def test_history_is_dated():
    lag = PARAMETERS["dibao_income_lag_years"]
    assert lag.at(date(2016, 6, 1)).value == 1  # 2016 rule: previous year's income
    assert lag.at(date(2023, 1, 1)).value == 2  # 2022 plan: the year before last
    with pytest.raises(KeyError):
        lag.at(date(2010, 1, 1))


@pytest.mark.parametrize(("side", "year_income"), [("urban", 2018), ("rural", 2018)])
def test_the_2022_ratios_reproduce_the_2020_standard(side, year_income):
    """The ratios in force from 2022-07: ratio x income(2020 - lag) = the published 2020 standard, to the yuan.
    (The current ones are calibrated on the 2024 guidance tiers: tests/test_guidance.py.)"""
    annual = load_table("province_annual")
    income = annual.query(f"indicator == '{side}_disposable_income' and year == {year_income}")["value"].item()
    standard = annual.query(f"indicator == '{side}_dibao_standard' and year == 2020")["value"].item()
    ratio = PARAMETERS[f"dibao_income_ratio_{side}"].at(date(2023, 1, 1))
    assert ratio.status == "derived"
    assert ratio.value * income == pytest.approx(standard, abs=1.0)


@pytest.mark.parametrize("name", ["price_linkage_trigger", "price_linkage_formula"])
def test_price_linkage_is_marked_not_set(name):
    current = PARAMETERS[name].current
    assert current.value is None and current.status == "not_set"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("x:\n  label: a\n  unit: b\n  values:\n    - {value: 1, effective: '2022-01-01', status: official, citation: 'none'}\n",
         "参数「x」缺少文号出处"),
        ("x:\n  label: a\n  unit: b\n  values:\n    - {value: 1, effective: '2022-13-01', status: official, citation: '吉民发〔2022〕4号'}\n",
         "参数「x」的生效日期缺失或不是 YYYY-MM-DD"),
        ("x:\n  label: a\n  unit: b\n  values:\n    - {value: null, effective: '2022-01-01', status: official, citation: '吉民发〔2022〕4号'}\n",
         "只有 status 为 not_set"),
        ("x:\n  label: a\n  values: []\n", "参数「x」缺少字段 unit"),
        ("x:\n  label: a\n  unit: b\n  values:\n    - {value: 1, effective: '2022-01-01', status: official, citation: '吉民发〔2022〕4号'}\n"
         "    - {value: 2, effective: '2021-01-01', status: official, citation: '吉民发〔2022〕4号'}\n",
         "应按生效日期从早到晚排列"),
    ],
)
def test_malformed_parameters_are_refused(yaml_text, message):
    with pytest.raises(DataError, match=message):
        parse_parameters(yaml_text)
