"""The tiered guidance standards: tiers, assumed tiers, calibration, a scenario's guidance, compliance, cost.

The last tests are the property the code review asked for (REVIEW.md, defect 2): for random scenarios, the
guidance the map shows equals the guidance 标准测算 lists, county by county, because both come from the one
implementation (`analytics.outcome.scenario_outcome`).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.compliance import (
    BELOW,
    MET,
    NO_STANDARD,
    UNKNOWN_TIER,
    compliance,
    guidance_gaps,
    lifting_cost,
    local_standards,
)
from analytics.county_data import STATUS_ILLUSTRATIVE, STATUS_OFFICIAL, county_table
from analytics.county_metrics import METRIC_BY_KEY, all_metric_values, metric_frame
from analytics.county_status import observed_months, value_status
from analytics.errors import DataError
from analytics.forecast import forecast_province_income
from analytics.guidance import (
    BASIS_NOTICE,
    BASIS_RATIO,
    BASIS_SET,
    SIDES,
    STATUS_SCENARIO,
    TIER_ASSUMED,
    TIER_MOVED,
    TIER_UNKNOWN,
    assume_unknown,
    calibration,
    check_scenario,
    guidance_data,
    implied_ratios,
    notice_guidance,
    population_weights,
)
from analytics.guidance_report import county_table as guidance_county_table
from analytics.guidance_report import summary
from analytics.loaders import load_table
from analytics.outcome import scenario_context, scenario_outcome
from analytics.parameters import load_parameters
from analytics.provenance import weakest, weakest_of
from analytics.scenario import baseline_scenario
from analytics.standards import observed_incomes, observed_standards

ANNUAL = load_table("province_annual")
PARAMS = load_parameters()
COUNTIES = load_table("counties")
CODES = COUNTIES["code"].tolist()
STANDARDS = load_table("guidance_standards")
TIERS = load_table("guidance_tiers")
DATA = guidance_data(STANDARDS, TIERS)
WEIGHTS = population_weights(COUNTIES)
INCOMES = observed_incomes(ANNUAL)
BASE = baseline_scenario(PARAMS)


@pytest.fixture(scope="module")
def context():
    return scenario_context(ANNUAL, PARAMS, forecast_province_income(ANNUAL), COUNTIES, STANDARDS, TIERS)


@pytest.fixture(scope="module")
def county():
    table, origin = county_table()
    statuses, _ = value_status(table, origin, load_table("county_standards_observed"))
    return table, statuses


# ------------------------------------------------------------------------------------------- tiers
def test_a_tier_without_a_value_is_a_data_error_naming_year_and_county():
    broken = STANDARDS[~((STANDARDS["year"] == 2024) & (STANDARDS["side"] == "urban") & (STANDARDS["tier"] == 4))]
    with pytest.raises(DataError, match="2024年城市第 4 档在 guidance_standards.csv 中没有标准值（区划代码 22"):
        guidance_data(broken, TIERS)


def test_next_year_is_the_year_after_the_latest_notice():
    assert DATA.years == [2021, 2022, 2024] and DATA.next_year == 2025
    assert DATA.tier_count("urban") == DATA.tier_count("rural") == 4
    assert DATA.tier_count("urban", 2022) == 3


def test_unknown_tiers_stay_unknown_in_their_year_and_are_assumed_only_when_asked():
    published = DATA.assignment(2024, "rural", CODES)
    assert published["tier"].isna().sum() == 36 and (published.loc[published["tier"].isna(), "status"]
                                                      == TIER_UNKNOWN).all()
    filled = assume_unknown(DATA, 2024, "rural", CODES)
    unknown = published["tier"].isna()
    before = DATA.assignment(2022, "rural", CODES)
    assert (filled.loc[unknown, "status"] == TIER_ASSUMED).all()
    assert (filled.loc[unknown, "tier"] == before.loc[unknown, "tier"].clip(upper=4)).all()
    assert (filled.loc[~unknown, "tier"] == published.loc[~unknown, "tier"]).all()
    assert (filled.loc[~unknown, "status"] == published.loc[~unknown, "status"]).all()


def test_assumed_tiers_are_capped_at_the_tiers_of_the_year():
    tiers = TIERS.copy()
    tiers.loc[(tiers["year"] == 2022) & (tiers["code"] == "220283") & (tiers["side"] == "rural"), "tier"] = 3
    data = guidance_data(STANDARDS[~((STANDARDS["year"] == 2024) & (STANDARDS["tier"] >= 3))], tiers[
        ~((tiers["year"] == 2024) & tiers["tier"].isin([3, 4]))])
    filled = assume_unknown(data, 2024, "rural", CODES)
    assert filled.loc["220283", "tier"] == 2  # 2022 tier 3, but 2024 then has only two tiers


@pytest.mark.parametrize(("year", "side", "tier", "ratio"), [
    (2022, "urban", 2, 600 * 12 / 33_396),  # the example: 21.6 %
    (2024, "urban", 1, 770 * 12 / 35_471),
    (2024, "rural", 4, 410 * 12 / 18_134),
    (2021, "rural", 1, 415 * 12 / 14_936),
])
def test_implied_ratio_of_a_tier_is_its_value_over_income_two_years_before(year, side, tier, ratio):
    table = implied_ratios(DATA, INCOMES, lag=2).set_index(["year", "side", "tier"])
    assert table.loc[(year, side, tier), "ratio"] == pytest.approx(ratio)
    assert round(implied_ratios(DATA, INCOMES, 2).set_index(["year", "side", "tier"]).loc[
        (2022, "urban", 2), "ratio"] * 100, 1) == 21.6


def test_weighted_guidance_is_the_population_weighted_mean_of_the_county_tiers():
    notices = notice_guidance(DATA, WEIGHTS).set_index(["year", "side"])
    urban = TIERS[(TIERS["year"] == 2022) & (TIERS["side"] == "urban")].merge(STANDARDS, on=["year", "side", "tier"])
    w = WEIGHTS["urban"].reindex(urban["code"]).to_numpy()
    assert notices.loc[(2022, "urban"), "weighted_month"] == pytest.approx(np.average(urban["value_month"], weights=w))
    assert notices.loc[(2024, "rural"), "assumed"] == 36 and notices.loc[(2024, "rural"), "status"] == TIER_ASSUMED
    assert notices.loc[(2021, "urban"), "status"] == "derived"
    assert notices.loc[(2024, "urban"), "status"] == "official" and notices.loc[(2024, "urban"), "assumed"] == 0


def test_the_current_ratios_are_the_calibration_on_the_latest_notice_and_2020_is_the_check():
    table = calibration(DATA, INCOMES, WEIGHTS, 2, observed_standards(ANNUAL), 2020).set_index(["year", "side",
                                                                                                "basis"])
    for side in SIDES:
        parameter = PARAMS[f"dibao_income_ratio_{side}"]
        assert parameter.current.effective == date(2024, 1, 1)
        assert table.loc[(2024, side, "notice"), "ratio"] == pytest.approx(parameter.current.value, abs=5e-6)
        # the check: the 2020 average standard over 2018 income is the earlier calibrated ratio
        assert table.loc[(2020, side, "average"), "ratio"] == pytest.approx(
            parameter.at(date(2023, 1, 1)).value, abs=5e-6)


# --------------------------------------------------------------------------------------- scenarios
def test_ratio_mode_spreads_the_rule_over_the_latest_tiers(context):
    result = scenario_outcome(BASE, context)
    tiers = result.guidance.tiers
    for side in SIDES:
        latest = DATA.structure(2024, side)
        nxt = result.guidance.structure(2025, side)
        assert (tiers[(tiers["year"] == 2025) & (tiers["side"] == side)]["basis"] == BASIS_RATIO).all()
        # the tiers keep the 2024 proportions (up to whole-yuan rounding) ...
        assert np.allclose(nxt / nxt.iloc[0], latest / latest.iloc[0], atol=2 / nxt.iloc[0])
        # ... and their weighted mean is the 24号 rule's province value
        assert result.guidance.province.at[2025, f"{side}_month"] == pytest.approx(result.rule.at[2025, side], abs=1)
    assert result.projection.at[2025, "basis"] == BASIS_RATIO
    assert result.projection.at[2024, "basis"] == BASIS_NOTICE and result.projection.at[2023, "basis"] == "rule"


def test_notice_years_keep_the_published_tiers_whatever_the_scenario(context):
    a = scenario_outcome(BASE, context).guidance
    b = scenario_outcome(replace(BASE, urban_ratio=0.3, rural_ratio=0.45, guidance_mode="tiers",
                                 urban_tiers=(900.0, 800.0, 700.0, 600.0)), context).guidance
    for year in DATA.years:
        for side in SIDES:
            pd.testing.assert_frame_equal(a.frame(year, side), b.frame(year, side))
    frame = a.frame(2024, "rural")
    assert frame["value_month"].isna().sum() == 36 and (frame.loc[frame["tier"].isna(), "status"] == "").all()


def test_set_tiers_are_used_for_next_year_and_grow_with_the_rule_after_it(context):
    scenario = replace(BASE, guidance_mode="tiers", urban_tiers=(900.0, 700.0, 650.0, 600.0))
    result = scenario_outcome(scenario, context)
    g = result.guidance
    assert g.structure(2025, "urban").tolist() == [900.0, 700.0, 650.0, 600.0]
    growth = result.rule.at[2026, "urban"] / result.rule.at[2025, "urban"]
    assert g.structure(2026, "urban").tolist() == pytest.approx(list(np.round(np.array([900, 700, 650, 600]) * growth)))
    basis = g.tiers.set_index(["side", "year", "tier"])["basis"]
    assert basis[("urban", 2025, 1)] == BASIS_SET and basis[("rural", 2025, 1)] == BASIS_RATIO
    assert g.province.at[2025, "basis"] == BASIS_SET
    # in ratio mode the same numbers are ignored
    assert scenario_outcome(replace(scenario, guidance_mode="ratio"), context).guidance.structure(
        2025, "urban").tolist() != [900.0, 700.0, 650.0, 600.0]


def test_a_moved_county_takes_its_new_tier_from_next_year_only(context):
    result = scenario_outcome(replace(BASE, tier_moves=(("urban", "220122", 1),)), context)
    g = result.guidance
    frame = g.frame(2025, "urban")
    assert frame.loc["220122", "tier"] == 1 and frame.loc["220122", "tier_status"] == TIER_MOVED
    assert frame.loc["220122", "value_month"] == g.structure(2025, "urban")[1]
    assert g.frame(2024, "urban").loc["220122", "tier"] == 2  # the notice year is what it was
    assert (g.frame(2025, "urban")["status"] == STATUS_SCENARIO).all()


def test_rural_tiers_are_never_below_the_poverty_line(context):
    low = scenario_outcome(replace(BASE, rural_ratio=0.10), context).guidance
    floor = PARAMS["poverty_line_floor"].current.value / 12
    future = low.tiers[(low.tiers["side"] == "rural") & (low.tiers["year"] >= 2025)]
    assert (future["value_month"] >= floor - 1e-9).all()


@pytest.mark.parametrize(("scenario", "notice"), [
    (replace(BASE, guidance_mode="tiers", urban_tiers=(800.0, 700.0)), "「城市各档标准」有 2 个数值，但 2024 年通知分 4 档"),
    (replace(BASE, tier_moves=(("urban", "229999", 1),)), "区划代码「229999」不是吉林省的县级区划"),
    (replace(BASE, tier_moves=(("rural", "220122", 7),)), "220122 的第 7 档不存在（2024 年分 4 档）"),
])
def test_the_data_check_drops_what_the_data_cannot_carry_and_says_so(scenario, notice):
    checked, notices = check_scenario(scenario, DATA, CODES)
    assert any(notice in n for n in notices), notices
    assert checked.urban_tiers in ((), (800.0, 700.0)) and checked.tier_moves == ()


# --------------------------------------------------------------------------------------- compliance
CASES = pd.read_csv(io.StringIO("""code,local,guidance,state,shortfall
a,700,680,met,0
b,650,680,below,30
c,680,680,met,0
d,679.9999999999,680,met,0
e,,680,no_standard,
f,700,,unknown_tier,
g,,,unknown_tier,
"""), dtype={"code": str}).set_index("code")


def test_compliance_cases():
    result = compliance(CASES["local"], CASES["guidance"])
    assert result["state"].tolist() == CASES["state"].tolist()
    pd.testing.assert_series_equal(result["shortfall_month"], CASES["shortfall"].astype(float), check_names=False)
    assert set(result["state"]) <= {MET, BELOW, UNKNOWN_TIER, NO_STANDARD}


def test_lifting_cost_is_recipients_times_shortfall_times_twelve(context, county):
    table, statuses = county
    local = local_standards(table, statuses, context.guidance.codes)
    result = scenario_outcome(BASE, context)
    gaps = guidance_gaps(result.guidance, local, [2025])
    costs = lifting_cost(gaps, local)
    latest = table[table["year"] == 2024].set_index("code")
    below = gaps[gaps["state"] == BELOW]
    expected = sum(latest.at[r.code, f"{r.side}_recipients"] * r.shortfall_month * 12 for r in below.itertuples())
    assert costs["cost_year"].sum() == pytest.approx(expected)
    assert (gaps["local_year"] == 2024).all()  # next year compares what counties pay today
    s = summary(result, gaps, costs)
    assert s.counties_below == below["code"].nunique() and s.cost_year == pytest.approx(expected)
    assert s.assumed["rural"] == 36 and s.rural_urban_pct == pytest.approx(
        s.weighted_month["rural"] / s.weighted_month["urban"] * 100)


def test_real_notice_years_compare_like_with_like_and_mark_unknown_tiers(context, county):
    table, statuses = county
    local = local_standards(table, statuses, context.guidance.codes)
    gaps = guidance_gaps(scenario_outcome(BASE, context).guidance, local, [2024]).set_index(["side", "code"])
    assert (gaps["local_year"] == 2024).all()
    assert (gaps.loc["rural"]["state"] == UNKNOWN_TIER).sum() == 36
    assert gaps.loc[("urban", "220681"), "local_status"] == "official"  # 临江 2024: 560, its tier 4
    assert gaps.loc[("urban", "220681"), "state"] == MET


# ------------------------------------------------------------------------------------ value status
def test_observed_cells_carry_their_own_status_and_the_rest_is_illustrative(county):
    table, statuses = county
    observed = observed_months(load_table("county_standards_observed"))
    inside = observed[observed["year"].between(int(table["year"].min()), int(table["year"].max()))]
    rows = table.reset_index().set_index(["code", "year"])["index"]
    for r in inside.itertuples():
        assert statuses.at[rows[(r.code, r.year)], r.column] == r.status
    real = {(r.code, r.year, r.column) for r in inside.itertuples()}
    long = statuses.assign(code=table["code"], year=table["year"]).melt(["code", "year"], var_name="column")
    others = long[[(c, y, k) not in real for c, y, k in zip(long["code"], long["year"], long["column"],
                                                             strict=True)]]
    assert set(others["value"]) <= {STATUS_ILLUSTRATIVE, ""}
    assert len(real) == 110  # 108 from the 2018 table and county notices, plus 龙井 2019 (derived)


def test_an_imported_table_is_official_with_its_file_as_source():
    table, _ = county_table()
    statuses, sources = value_status(table, STATUS_OFFICIAL, imported_source="real.csv")
    present = table[statuses.columns].notna().to_numpy()
    assert (statuses.to_numpy()[present] == STATUS_OFFICIAL).all() and (statuses.to_numpy()[~present] == "").all()
    assert (sources.to_numpy()[present] == "real.csv").all()


def test_weakest_status_wins():
    assert weakest("official", "derived") == "derived"
    assert weakest("assumed", "illustrative") == "illustrative"
    assert weakest("", "official") == "official" and weakest("") == ""
    assert list(weakest_of(np.array(["official", "", "scenario"], dtype=object),
                           np.array(["derived", "illustrative", ""], dtype=object))) == [
        "derived", "illustrative", "scenario"]


# --------------------------------------------------------------------- the same rule everywhere
scenarios = st.builds(
    lambda urban, rural, lag, path, catch_up, mode, bump, moves: replace(
        BASE, urban_ratio=urban, rural_ratio=rural, lag=lag, income_path=path, catch_up_year=catch_up,
        guidance_mode=mode, urban_tiers=tuple(float(v + bump) for v in (800, 690, 650, 590)) if mode == "tiers"
        else (), tier_moves=moves),
    urban=st.integers(150, 350).map(lambda k: k / 1000), rural=st.integers(200, 450).map(lambda k: k / 1000),
    lag=st.sampled_from([1, 2]), path=st.sampled_from(["forecast", "lower80", "upper80"]),
    catch_up=st.none() | st.integers(2025, 2030), mode=st.sampled_from(["ratio", "tiers"]),
    bump=st.integers(-100, 100),
    moves=st.lists(st.tuples(st.sampled_from(SIDES), st.sampled_from(CODES), st.integers(1, 4)), max_size=3,
                   unique_by=lambda m: (m[0], m[1])).map(lambda m: tuple(sorted(m))),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=scenarios)
def test_the_map_shows_the_guidance_standards_lists_for_any_scenario(scenario, context, county):
    """What 标准测算 lists for next year (its county table) and what the map draws (its metrics) agree."""
    table, statuses = county
    local = local_standards(table, statuses, context.guidance.codes)
    result = scenario_outcome(scenario, context)
    gaps = guidance_gaps(result.guidance, local)
    year = result.next_year
    listed = guidance_county_table(gaps, lifting_cost(gaps, local), COUNTIES, year).set_index(["side", "code"])
    def drawn(key: str) -> pd.Series:  # what the map computes for a metric (the rule inside all_metric_values)
        frame = metric_frame(table, COUNTIES, METRIC_BY_KEY[key], year, statuses=statuses, gaps=gaps)
        return frame.set_index("code")["value"]

    for side in SIDES:
        mine = listed.loc[side]
        for key, column in ((f"{side}_guidance", "guidance_month"), (f"{side}_gap", "gap_month")):
            pd.testing.assert_series_equal(drawn(key).sort_index(), mine[column].astype(float).sort_index(),
                                           check_names=False, check_index_type=False)
        tier = drawn(f"{side}_tier")
        assert (tier.sort_index().fillna(-1).to_numpy() == mine["tier"].astype("float64").sort_index().fillna(-1)
                .to_numpy()).all()
        # and the province line of 标准测算 is the weighted mean of exactly these county values
        w = WEIGHTS[side].reindex(mine.index)
        known = mine["guidance_month"].notna()
        assert result.projection.at[year, f"{side}_month"] == pytest.approx(
            np.average(mine.loc[known, "guidance_month"], weights=w[known]))
    assert METRIC_BY_KEY["urban_gap"].source == "guidance"


def test_all_metric_values_is_metric_frame_for_every_metric_and_year(context, county):
    table, statuses = county
    local = local_standards(table, statuses, context.guidance.codes)
    result = scenario_outcome(BASE, context)
    gaps = guidance_gaps(result.guidance, local)
    drawn = all_metric_values(table, COUNTIES, statuses, gaps, 1.3, [2021, 2022, 2024, 2025])
    assert set(drawn.loc[drawn["metric"] == "urban_gap", "year"]) == set(range(2018, 2026))
    assert set(drawn.loc[drawn["metric"] == "urban_coverage", "year"]) == set(range(2018, 2025))
    one = metric_frame(table, COUNTIES, METRIC_BY_KEY["rural_gap"], 2025, statuses=statuses, gaps=gaps)
    part = drawn[(drawn["metric"] == "rural_gap") & (drawn["year"] == 2025)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part[one.columns], one)
