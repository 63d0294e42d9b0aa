"""Province series: headline figures and the chart frame (gaps stay gaps)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analytics import province

ANNUAL = pd.read_csv(io.StringIO("""year,indicator,value,status,source,note
2018,urban_disposable_income,100,official,a,
2019,urban_disposable_income,110,recalled,b,
2020,urban_disposable_income,99,official,c,
2018,urban_dibao_standard,20,derived,d,
2020,urban_dibao_standard,30,official,e,
2020,rural_dibao_standard,15,official,e,
"""))

MONTHLY = pd.read_csv(io.StringIO("""month,indicator,value,unit,source,confidence
2024-01,urban_dibao_recipients,100000,persons,s1,high
2024-01,rural_dibao_recipients,200000,persons,s1,high
2024-02,urban_dibao_recipients,90000,persons,s2,high
2024-01,urban_tekun_recipients,1000,persons,s1,high
2024-01,rural_tekun_recipients,2000,persons,s1,high
2024-02,tekun_recipients_total,3500,persons,s2,high
"""))


def test_chart_frame_keeps_missing_years_missing():
    frame = province.chart_frame(ANNUAL, ("urban_disposable_income", "urban_dibao_standard"))
    standard = frame[frame["indicator"] == "urban_dibao_standard"].set_index("year")["value"]
    assert list(standard.index) == [2018, 2019, 2020]
    assert standard[2018] == 20 and pd.isna(standard[2019]) and standard[2020] == 30


@pytest.mark.parametrize(
    ("indicator", "value", "period", "change"),
    [("urban_disposable_income", 99, "2020", -10.0)],
)
def test_latest_with_growth(indicator, value, period, change):
    fig = province.latest_with_growth(ANNUAL, indicator, "k", "元")
    assert (fig.value, fig.period, fig.status) == (value, period, "official")
    assert fig.change_pct == pytest.approx(change)


def test_latest_without_previous_year_has_no_change():
    fig = province.latest_with_growth(ANNUAL, "rural_dibao_standard", "k", "元")
    assert fig.change_pct is None


def test_ratio_is_rural_over_urban_in_percent_and_derived():
    fig = province.rural_urban_ratio(ANNUAL, 2020)
    assert fig.value == pytest.approx(50.0) and fig.status == "derived"


def test_missing_year_is_an_error_not_a_guess():
    with pytest.raises(KeyError):
        province.value_in(ANNUAL, "rural_dibao_standard", 2019, "k", "元")


def test_caseload_uses_the_latest_month_with_both_parts():
    figures = province.caseload_latest(MONTHLY)
    # 2024-02 has only the urban dibao count: 2024-01 is the latest complete month.
    assert (figures["dibao_persons"].period, figures["dibao_persons"].value) == ("2024-01", 30.0)
    assert (figures["tekun_persons"].period, figures["tekun_persons"].value) == ("2024-01", 0.3)
