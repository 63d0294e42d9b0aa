"""Standard-setting rules (issue 3): rule tables, properties of the rules, cost estimate, real-data projection."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import standards
from analytics.forecast import IncomeForecast
from analytics.indicators import load_indicators
from analytics.loaders import load_table
from analytics.parameters import load_parameters
from analytics.scenario import Scenario

PARAMETERS = load_parameters()
FLOOR = PARAMETERS["poverty_line_floor"].current.value
MULTIPLIER = PARAMETERS["tekun_multiplier"].current.value
TARGET_PCT = PARAMETERS["rural_urban_ratio_target"].current.value * 100
ANNUAL = load_table("province_annual")
OBSERVED = standards.observed_standards(ANNUAL)
INCOMES = standards.observed_incomes(ANNUAL)


def baseline(**changes) -> Scenario:
    """The default scenario built from the parameters (independent of analytics.scenario helpers)."""
    base = Scenario(
        urban_ratio=PARAMETERS["dibao_income_ratio_urban"].current.value,
        rural_ratio=PARAMETERS["dibao_income_ratio_rural"].current.value,
        lag=int(PARAMETERS["dibao_income_lag_years"].current.value),
        income_path="forecast",
        custom_growth_pct=5.0,
        catch_up_year=None,
        tekun_multiplier=MULTIPLIER,
        horizon=2030,
    )
    return dataclasses.replace(base, **changes)


def growth_forecast(side: str, growth: float = 0.05, horizon: int = 2030) -> IncomeForecast:
    """A hand-made forecast: observed income, then constant growth (intervals ±3 % / ±5 %)."""
    history = INCOMES[side]
    last = int(history.index.max())
    years = np.arange(last + 1, horizon + 1)
    mean = history[last] * (1 + growth) ** (years - last)
    frame = pd.DataFrame(
        {"mean": mean, "lower80": mean * 0.97, "upper80": mean * 1.03, "lower95": mean * 0.95, "upper95": mean * 1.05},
        index=pd.Index(years, name="year"),
    )
    return IncomeForecast(standards.INCOME[side], "loglinear", "测试用", history, frame, pd.DataFrame())


def incomes_at(growth: float = 0.05, path: str = "forecast", horizon: int = 2030) -> dict[str, pd.Series]:
    return {
        side: standards.income_path(growth_forecast(side, growth, horizon), path, growth * 100, horizon)
        for side in standards.SIDES
    }


INCOMES_5PCT = incomes_at(0.05)
BASELINE = standards.project_standards(INCOMES_5PCT, baseline(), PARAMETERS, OBSERVED)
CASELOAD = standards.latest_caseload(load_table("assistance_monthly"))


def synthetic_incomes(urban: float, rural: float, growth: float) -> dict[str, pd.Series]:
    years = pd.RangeIndex(2016, 2031, name="year")
    factor = (1 + growth) ** np.arange(len(years))
    return {"urban": pd.Series(urban * factor, index=years), "rural": pd.Series(rural * factor, index=years)}


# --- rule tables --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "ratio_parameter", "published"),
    [("urban", "dibao_income_ratio_urban", 6552), ("rural", "dibao_income_ratio_rural", 4372)],
)
def test_the_2022_ratios_reproduce_the_2020_standards_from_2018_income(side, ratio_parameter, published):
    """The ratios of 2022-07 (calibrated on the 2020 averages); the current ones come from the 2024 tiers
    (tests/test_guidance.py)."""
    ratio = PARAMETERS[ratio_parameter].at(date(2023, 1, 1)).value
    rule = standards.ratio_rule_standard(INCOMES[side], ratio, lag=2)
    assert rule[2020] == pytest.approx(published, abs=1)
    exact = standards.calibrated_ratio(published, INCOMES[side], 2020, lag=2)
    assert exact * INCOMES[side][2018] == pytest.approx(published, rel=1e-12)
    # the parameter is the calibrated ratio to 5 decimals (urban 0.2171550 is stored as 0.21716)
    assert abs(exact - ratio) <= 1e-5


def test_calibration_needs_the_income_year():
    with pytest.raises(KeyError):
        standards.calibrated_ratio(6552, INCOMES["urban"], 2016, lag=3)  # 2013 not in the data


@pytest.mark.parametrize(
    ("income", "ratio", "expected"),
    [
        (10_000, 0.30, FLOOR),  # 3,000 < poverty line: the floor binds
        (13_000, 0.30, FLOOR),  # 3,900 still below
        (20_000, 0.30, 6_000),  # above the floor: the rule stands
        (FLOOR / 0.30, 0.30, FLOOR),  # exactly at the floor
    ],
)
def test_poverty_line_floor(income, ratio, expected):
    series = pd.Series([income, income], index=pd.Index([2019, 2020], name="year"))
    result = standards.ratio_rule_standard(series, ratio, lag=1, floor=FLOOR)
    assert result[2020] == pytest.approx(expected)
    assert np.isnan(result[2019])  # 2018 income is missing: the floor does not invent a standard


INCOME_TABLE = pd.Series([100.0, 200.0, 400.0], index=pd.Index([2018, 2019, 2020], name="year"))


@pytest.mark.parametrize(
    ("ratio", "lag", "expected_2020"),
    [
        (0.3, 1, 60.0),  # 2016 rule: previous year's income (2019)
        (0.3, 2, 30.0),  # 2022 rule: income two years back (2018)
        (0.6, 2, 60.0),  # doubling the ratio doubles the unfloored standard
        (0.3, 0, 120.0),
    ],
)
def test_lag_and_ratio(ratio, lag, expected_2020):
    assert standards.ratio_rule_standard(INCOME_TABLE, ratio, lag)[2020] == pytest.approx(expected_2020)


def test_projection_lag_uses_a_different_income_year():
    lag1 = standards.project_standards(INCOMES_5PCT, baseline(lag=1), PARAMETERS, OBSERVED)
    lag2 = standards.project_standards(INCOMES_5PCT, baseline(lag=2), PARAMETERS, OBSERVED)
    urban = INCOMES_5PCT["urban"]
    assert lag1.at[2024, "urban_year"] == pytest.approx(baseline().urban_ratio * urban[2023])
    assert lag2.at[2024, "urban_year"] == pytest.approx(baseline().urban_ratio * urban[2022])


def test_projection_doubling_the_ratio_doubles_the_unfloored_standard():
    doubled = standards.project_standards(
        INCOMES_5PCT, baseline(urban_ratio=2 * baseline().urban_ratio), PARAMETERS, OBSERVED
    )
    np.testing.assert_allclose(doubled["urban_year"], 2 * BASELINE["urban_year"])


@pytest.mark.parametrize("multiplier", [1.0, 1.3, 1.5, 2.5])
def test_tekun_is_multiplier_times_previous_years_dibao(multiplier):
    projection = standards.project_standards(
        INCOMES_5PCT, baseline(tekun_multiplier=multiplier), PARAMETERS, OBSERVED
    )
    # 2021 refers to the observed 2020 standards, later years to the projected ones
    assert projection.at[2021, "tekun_urban_year"] == pytest.approx(multiplier * 6552)
    assert projection.at[2021, "tekun_rural_year"] == pytest.approx(multiplier * 4372)
    for side in standards.SIDES:
        np.testing.assert_allclose(
            projection[f"tekun_{side}_year"].loc[2022:], multiplier * projection[f"{side}_year"].loc[:2029]
        )
    np.testing.assert_allclose(projection["tekun_ratio"], multiplier * 100)
    assert projection["ind3_met"].all() == (multiplier >= MULTIPLIER)


def test_tekun_standard_shifts_one_year():
    dibao = pd.Series([10.0, 20.0], index=pd.Index([2020, 2021], name="year"))
    result = standards.tekun_standard(dibao, 1.3, lag=1)
    assert np.isnan(result[2020]) and result[2021] == pytest.approx(13.0)


def test_indicator_3_default_threshold_is_the_plans_target():
    target = next(i.target_value for i in load_indicators() if i.number == 3)
    assert target == pytest.approx(MULTIPLIER * 100)
    stricter = standards.project_standards(INCOMES_5PCT, baseline(), PARAMETERS, OBSERVED, tekun_target_pct=131)
    assert not stricter["ind3_met"].any()


def test_emergency_advance_is_one_month_of_the_urban_standard():
    months = PARAMETERS["emergency_advance_months"].current.value
    np.testing.assert_allclose(BASELINE["emergency_advance"], BASELINE["urban_year"] / 12 * months)
    np.testing.assert_allclose(BASELINE["emergency_advance"], BASELINE["urban_month"])


@pytest.mark.parametrize("target_year", [2023, 2025, 2028, 2030])
def test_catch_up_path_reaches_75_percent_in_the_target_year(target_year):
    # with 5 % growth on both sides the rule alone stays at 74.9 %: the catch-up rule decides
    assert standards.year_reaching(BASELINE, "rural_urban_ratio", TARGET_PCT) is None
    projection = standards.project_standards(
        INCOMES_5PCT, baseline(catch_up_year=target_year), PARAMETERS, OBSERVED
    )
    assert standards.year_reaching(projection, "rural_urban_ratio", TARGET_PCT) == target_year
    assert projection.loc[target_year:, "ind2_met"].all()
    assert not projection.loc[: target_year - 1, "ind2_met"].any()
    assert (projection["urban_year"] == BASELINE["urban_year"]).all()  # catch-up only lifts rural
    assert (projection["rural_year"] >= BASELINE["rural_year"]).all()


@pytest.mark.parametrize(
    ("target_year", "expected"),
    [
        (2024, [0.70, 0.725, 0.75, 0.75, 0.75]),  # linear, then flat at the target
        (2022, [0.75, 0.75, 0.75, 0.75, 0.75]),
        (None, [np.nan] * 5),  # no catch-up rule: no constraint
    ],
)
def test_rural_catch_up_ratio(target_year, expected):
    path = standards.rural_catch_up_ratio(range(2022, 2027), 2020, 0.65, 0.75, target_year)
    assert list(path.index) == [2022, 2023, 2024, 2025, 2026]
    np.testing.assert_allclose(path.to_numpy(), expected)


def test_year_reaching_is_first_year_or_none():
    frame = pd.DataFrame({"x": [70.0, 75.0, 74.0, 80.0]}, index=pd.Index([2021, 2022, 2023, 2024], name="year"))
    assert standards.year_reaching(frame, "x", 75) == 2022
    assert standards.year_reaching(frame, "x", 81) is None


COUNTY_INCOME = pd.read_csv(io.StringIO("""code,2018,2019,2020,2021
220102,1000,1100,1200,1300
220122,2000,,2400,2600
220581,3000,3300,3600,
"""), index_col="code", dtype={"code": str})
COUNTY_INCOME.columns = COUNTY_INCOME.columns.astype(int)

COUNTY_EXPECTED_LAG2 = pd.read_csv(io.StringIO("""code,2018,2019,2020,2021
220102,,,500,550
220122,,,1000,
220581,,,1500,1650
"""), index_col="code", dtype={"code": str})
COUNTY_EXPECTED_LAG2.columns = COUNTY_EXPECTED_LAG2.columns.astype(int)


def test_county_frame_is_shifted_by_the_lag_with_nan_where_income_is_missing():
    result = standards.ratio_rule_standard(COUNTY_INCOME, 0.5, lag=2)
    pd.testing.assert_frame_equal(result, COUNTY_EXPECTED_LAG2, check_dtype=False)


def test_county_frame_with_per_county_ratio_and_floor():
    ratio = pd.Series({"220581": 0.2, "220102": 0.5, "220122": 0.5})  # aligned on the code, not position
    result = standards.ratio_rule_standard(COUNTY_INCOME, ratio, lag=1, floor=560)
    assert result.at["220102", 2019] == pytest.approx(560)  # 500 floored
    assert result.at["220102", 2021] == pytest.approx(600)
    assert result.at["220581", 2020] == pytest.approx(660)
    assert np.isnan(result.at["220122", 2020])  # 2019 income missing


def test_county_frame_matches_a_per_county_loop_on_60_counties():
    rng = np.random.default_rng(1)
    years = list(range(2014, 2031))
    frame = pd.DataFrame(
        rng.uniform(8_000, 40_000, (60, len(years))), index=[f"22{i:04d}" for i in range(60)], columns=years
    )
    result = standards.ratio_rule_standard(frame, 0.3, lag=2, floor=FLOOR)
    for code in frame.index[:5]:
        row = standards.ratio_rule_standard(frame.loc[code], 0.3, lag=2, floor=FLOOR)
        pd.testing.assert_series_equal(result.loc[code], row, check_names=False)


def test_county_frame_needs_integer_year_columns():
    with pytest.raises(TypeError):
        standards.ratio_rule_standard(COUNTY_INCOME.rename(columns=str), 0.3, lag=2)


# --- properties ---------------------------------------------------------------------------------------------

ratios = st.floats(0.10, 0.60)
incomes_st = st.floats(2_000, 80_000)
growths = st.floats(-0.05, 0.15)


@given(ratio=ratios, bump=st.floats(0, 0.3), income=incomes_st, rise=st.floats(0, 0.5), lag=st.sampled_from([1, 2]))
def test_standard_never_decreases_when_ratio_or_income_rises(ratio, bump, income, rise, lag):
    series = pd.Series([income] * 4, index=pd.Index([2018, 2019, 2020, 2021], name="year"))
    base = standards.ratio_rule_standard(series, ratio, lag, floor=FLOOR)
    assert (standards.ratio_rule_standard(series, ratio + bump, lag, floor=FLOOR) >= base).loc[2020:].all()
    assert (standards.ratio_rule_standard(series * (1 + rise), ratio, lag, floor=FLOOR) >= base).loc[2020:].all()


@settings(max_examples=60, deadline=None)
@given(
    urban_ratio=ratios, rural_ratio=ratios, bump=st.floats(0, 0.2), urban=incomes_st, rural=incomes_st,
    growth=growths, rise=st.floats(0, 0.5), catch_up=st.none() | st.integers(2023, 2035),
)
def test_projection_monotone_in_ratio_and_income(urban_ratio, rural_ratio, bump, urban, rural, growth, rise, catch_up):
    incomes = synthetic_incomes(urban, rural, growth)
    scenario = baseline(urban_ratio=urban_ratio, rural_ratio=rural_ratio, catch_up_year=catch_up)
    base = standards.project_standards(incomes, scenario, PARAMETERS, OBSERVED)
    higher_ratio = standards.project_standards(
        incomes, dataclasses.replace(scenario, urban_ratio=urban_ratio + bump, rural_ratio=rural_ratio + bump),
        PARAMETERS, OBSERVED,
    )
    richer = standards.project_standards(
        {side: s * (1 + rise) for side, s in incomes.items()}, scenario, PARAMETERS, OBSERVED
    )
    for other in (higher_ratio, richer):
        for column in ("urban_year", "rural_year", "tekun_urban_year", "tekun_rural_year"):
            assert (other[column] >= base[column] * (1 - 1e-12)).all(), column


@settings(max_examples=60, deadline=None)
@given(
    urban_ratio=ratios, rural_ratio=ratios, urban=incomes_st, rural=incomes_st, growth=growths,
    multiplier=st.floats(1.0, 2.5), lag=st.sampled_from([1, 2]), catch_up=st.none() | st.integers(2023, 2035),
)
def test_projection_bounds(urban_ratio, rural_ratio, urban, rural, growth, multiplier, lag, catch_up):
    scenario = baseline(
        urban_ratio=urban_ratio, rural_ratio=rural_ratio, tekun_multiplier=multiplier, lag=lag, catch_up_year=catch_up
    )
    projection = standards.project_standards(synthetic_incomes(urban, rural, growth), scenario, PARAMETERS, OBSERVED)
    assert (projection["rural_year"] >= FLOOR).all()
    for side in standards.SIDES:
        previous = pd.concat([OBSERVED[side].loc[[2020]], projection[f"{side}_year"]]).shift(1).loc[2021:]
        assert (projection[f"tekun_{side}_year"] >= multiplier * previous * (1 - 1e-12)).all()
    assert projection["ind3_met"].all() == (multiplier * 100 >= MULTIPLIER * 100 * (1 - 1e-9))


# --- income path --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "factor_2023"),
    [("forecast", 1.05), ("lower80", 1.05 * 0.97), ("upper80", 1.05 * 1.03), ("custom", 1.05)],
)
def test_income_path_continues_history_through_horizon(path, factor_2023):
    result = standards.income_path(growth_forecast("urban"), path, 5.0, 2030)
    assert list(result.index) == list(range(2014, 2031))
    pd.testing.assert_series_equal(result.loc[:2022], INCOMES["urban"], check_names=False)
    assert result[2023] == pytest.approx(35471 * factor_2023)


@pytest.mark.parametrize(("growth", "horizon"), [(0.0, 2025), (-2.0, 2030), (10.0, 2025)])
def test_custom_income_path_compounds_from_the_last_observed_year(growth, horizon):
    result = standards.income_path(growth_forecast("rural"), "custom", growth, horizon)
    assert result.index.max() == horizon
    assert result[horizon] == pytest.approx(18134 * (1 + growth / 100) ** (horizon - 2022))


def test_income_path_rejects_unknown_path():
    with pytest.raises(ValueError):
        standards.income_path(growth_forecast("urban"), "median", 5.0, 2030)


# --- annual cost --------------------------------------------------------------------------------------------


def test_latest_caseload_is_the_latest_complete_month():
    assert set(CASELOAD["month"]) == {"2024-11"}
    assert CASELOAD.loc["urban_dibao", "recipients"] == 257980
    assert CASELOAD.loc["rural_dibao", "avg_benefit_month"] == 310
    assert CASELOAD.loc["rural_tekun", "recipients"] == 78939
    assert CASELOAD["source"].str.startswith("http").all()


def test_latest_caseload_skips_an_incomplete_month():
    needed = [ind for rec, ben, _ in standards.CASELOAD_PROGRAMMES.values() for ind in (rec, ben)]
    rows = [("2024-01", ind, 100.0, "s1") for ind in needed] + [("2024-02", needed[0], 90.0, "s2")]
    monthly = pd.DataFrame(rows, columns=["month", "indicator", "value", "source"])
    caseload = standards.latest_caseload(monthly)
    assert set(caseload["month"]) == {"2024-01"}
    with pytest.raises(ValueError):
        standards.latest_caseload(monthly[monthly["month"] == "2024-02"])


def test_cost_against_itself_has_no_change():
    cost = standards.annual_cost(BASELINE, BASELINE, CASELOAD, 2024)
    assert list(cost.columns) == list(standards.COST_COLUMNS)
    assert (cost["change_vs_baseline"] == 0).all()


def test_base_year_cost_is_recipients_times_benefit():
    cost = standards.annual_cost(BASELINE, BASELINE, CASELOAD, 2024)
    by_programme = CASELOAD["recipients"] * CASELOAD["avg_benefit_month"] * 12 / 1e8
    assert cost.at[2024, "urban_dibao"] == pytest.approx(by_programme["urban_dibao"])
    assert cost.at[2024, "tekun"] == pytest.approx(by_programme["urban_tekun"] + by_programme["rural_tekun"])
    assert cost.at[2024, "total"] == pytest.approx(by_programme.sum())
    assert 40 < cost.at[2024, "total"] < 60  # ≈ 47.9 亿元/年 for Jilin's dibao + 特困 benefits


@pytest.mark.parametrize(
    "changes", [{"rural_ratio": 0.40}, {"urban_ratio": 0.25}, {"tekun_multiplier": 1.5}, {"catch_up_year": 2025}]
)
def test_higher_standards_cost_more(changes):
    projection = standards.project_standards(INCOMES_5PCT, baseline(**changes), PARAMETERS, OBSERVED)
    cost = standards.annual_cost(projection, BASELINE, CASELOAD, 2024)
    assert (cost["change_vs_baseline"] >= 0).all()
    assert cost["change_vs_baseline"].sum() > 0


def test_cost_needs_the_base_year_in_the_baseline():
    with pytest.raises(ValueError):
        standards.annual_cost(BASELINE, BASELINE, CASELOAD, 2019)


# --- real data ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("horizon", [2025, 2030])
def test_projection_on_real_data_has_every_column(horizon):
    projection = standards.project_standards(incomes_at(0.05, horizon=horizon), baseline(horizon=horizon),
                                             PARAMETERS, OBSERVED)
    assert list(projection.index) == list(range(2021, horizon + 1))
    assert projection.index.name == "year"
    assert list(projection.columns) == list(standards.PROJECTION_COLUMNS)
    numeric = projection.drop(columns=["ind1_met", "ind2_met", "ind3_met"])
    assert numeric.notna().all().all()
    for flag in ("ind1_met", "ind2_met", "ind3_met"):
        assert projection[flag].dtype == bool
    np.testing.assert_allclose(projection["urban_month"] * 12, projection["urban_year"])
    # 2021 standard = ratio × 2019 income (lag 2)
    assert projection.at[2021, "urban_year"] == pytest.approx(baseline().urban_ratio * 32299)
    # indicator 1: CAGR since the observed 2020 standard, margin in percentage points
    expected = ((projection.at[2025, "rural_year"] / 4372) ** (1 / 5) - 1) * 100
    assert projection.at[2025, "rural_cagr"] == pytest.approx(expected)
    margin = projection["rural_cagr"] - projection["rural_income_cagr"]
    np.testing.assert_allclose(projection["ind1_rural_margin_pp"], margin)
    met = (projection["ind1_urban_margin_pp"] >= 0) & (projection["ind1_rural_margin_pp"] >= 0)
    assert (projection["ind1_met"] == met).all()
