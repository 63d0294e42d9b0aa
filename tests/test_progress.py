"""Progress towards the 14th FYP indicators: the status methods (`analytics.progress_methods`) as tables of
cases; the values (`analytics.indicator_values`) against sources; the indicator table's columns driving both.

Float policy for the cut-offs: a y value built from the formula to give R = 0.95 exactly may compute as
0.9499999999999998; the module counts a ratio within RATIO_EPSILON (1e-9) of a cut-off as on it, so these
tests build y from the formula and expect the inclusive category, and check that 1e-6 below is not.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytics import indicator_values as V
from analytics import progress_methods as M
from analytics.county_data import county_table
from analytics.indicators import load_indicators
from analytics.loaders import load_table
from analytics.parameters import load_parameters

T0, T = M.BASELINE_YEAR, M.TARGET_YEAR


@pytest.fixture(scope="module")
def annual() -> pd.DataFrame:
    return load_table("province_annual")


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return load_table("counties")


@pytest.fixture(scope="module")
def county():
    return county_table()


@pytest.fixture(scope="module")
def values(annual, parameters, counties, county) -> pd.DataFrame:
    table, status = county
    return V.indicator_values(annual, table, parameters, counties=counties, county_status=status,
                              observed_counties=load_table("county_standards_observed"))


@pytest.fixture(scope="module")
def projections(annual, parameters):
    return V.baseline_projections(annual, parameters)


def income(annual: pd.DataFrame, side: str, year: int) -> float:
    rows = annual[(annual["indicator"] == f"{side}_disposable_income") & (annual["year"] == year)]
    return float(rows["value"].iloc[0])


def y_for_ratio(ratio: float, y0: float, t: int, target: float, t0: int = T0, horizon: int = T) -> float:
    """The latest value that gives growth ratio `ratio` exactly, from the compound formula."""
    g_r = (target / y0) ** (1 / (horizon - t0)) - 1
    return y0 * (1 + ratio * g_r) ** (t - t0)


# ------------------------------------------------------------------------------------- growth ratio
GROWTH_RATIO_CASES = [
    # id, y0, yt, t, target, direction, limit, expected status
    ("improving", 50, 70, 2023, 80, "up", None, M.ON_TRACK_LABEL),
    ("slow", 50, 60, 2023, 80, "up", None, M.ACCELERATE_LABEL),
    ("very slow", 50, 55, 2023, 80, "up", None, M.LIMITED),
    ("flat", 50, 50, 2023, 80, "up", None, M.LIMITED),
    ("deteriorating", 50, 45, 2023, 80, "up", None, M.DETERIORATION),
    ("already met", 50, 80, 2023, 80, "up", None, M.ACHIEVED),
    ("beyond target", 50, 85, 2022, 80, "up", None, M.ACHIEVED),
    ("100% target within rounding", 60, 99.97, 2023, 100, "up", 100.0, M.ACHIEVED),
    ("100% target at 99.95 (shows 100.0)", 60, 99.95, 2023, 100, "up", 100.0, M.ACHIEVED),
    ("100% target, 99.9 is not met but on track", 60, 99.9, 2023, 100, "up", 100.0, M.ON_TRACK_LABEL),
    ("100% target, 80 by ratio", 60, 80, 2023, 100, "up", 100.0, M.ACCELERATE_LABEL),
    ("no rounding without a natural limit", 60, 99.97, 2023, 100, "up", None, M.ON_TRACK_LABEL),
    ("target beyond the limit is capped", 60, 100, 2023, 105, "up", 100.0, M.ACHIEVED),
    ("down: improving slowly", 20, 15, 2023, 10, "down", None, M.ACCELERATE_LABEL),
    ("down: met", 20, 9, 2023, 10, "down", None, M.ACHIEVED),
    ("down: rising is deterioration", 20, 25, 2023, 10, "down", None, M.DETERIORATION),
    ("base year already met, then fell below", 80, 70, 2023, 75, "up", None, M.DETERIORATION),
    ("base year exactly at target, then fell", 75, 70, 2023, 75, "up", None, M.DETERIORATION),
    ("base 0: linear fallback", 0, 60, 2023, 100, "up", 100.0, M.ON_TRACK_LABEL),
    ("no data", None, None, 2023, 80, "up", None, M.NO_DATA),
    ("no data (NaN)", float("nan"), float("nan"), 2023, 80, "up", None, M.NO_DATA),
    ("base year only", 50, None, None, 80, "up", None, M.UNABLE),
    ("latest only, not met", None, 60, 2023, 80, "up", None, M.UNABLE),
    ("latest only, met", None, 130, 2024, 130, "up", None, M.ACHIEVED),
    ("latest in the base year", 50, 60, T0, 80, "up", None, M.UNABLE),
]


@pytest.mark.parametrize(("y0", "yt", "t", "target", "direction", "limit", "expected"),
                         [c[1:] for c in GROWTH_RATIO_CASES], ids=[c[0] for c in GROWTH_RATIO_CASES])
def test_growth_ratio_status_table(y0, yt, t, target, direction, limit, expected):
    result = M.growth_ratio_status(y0, T0, yt, t, target, direction=direction, limit=limit, unit="%")
    assert result.status == expected, result.explanation
    assert result.status in M.STATUS_LABELS
    assert result.method == "growth_ratio" and "Open SDG" in result.method_name
    assert result.explanation


def test_growth_ratio_values_follow_the_formula():
    result = M.growth_ratio_status(50, 2020, 70, 2023, 80)
    g_o = (70 / 50) ** (1 / 3) - 1
    g_r = (80 / 50) ** (1 / 5) - 1
    assert result.observed_growth == pytest.approx(g_o)
    assert result.required_growth == pytest.approx(g_r)
    assert result.ratio == pytest.approx(g_o / g_r)
    assert result.growth_basis == "compound"


def test_down_direction_ratio_is_positive_when_falling():
    result = M.growth_ratio_status(20, 2020, 15, 2023, 10, direction="down")
    g_o, g_r = (15 / 20) ** (1 / 3) - 1, (10 / 20) ** (1 / 5) - 1
    assert g_o < 0 and g_r < 0
    assert result.ratio == pytest.approx(g_o / g_r)


def test_open_sdg_default_direction_would_score_coverage_backwards():
    """Falling coverage is 倒退 with the configured "up"; under Open SDG's default "down" it would be 达成."""
    assert M.growth_ratio_status(50, 2020, 45, 2023, 90, direction="up").status == M.DETERIORATION
    assert M.growth_ratio_status(50, 2020, 45, 2023, 90, direction="down").status == M.ACHIEVED


@pytest.mark.parametrize("direction", ["", None, "positive", "increase"])
def test_direction_must_be_explicit(direction):
    with pytest.raises(ValueError, match="期望方向"):
        M.growth_ratio_status(50, 2020, 60, 2023, 80, direction=direction)


def test_linear_fallback_when_base_is_zero():
    result = M.growth_ratio_status(0, 2020, 60, 2023, 100, limit=100.0, unit="%")
    assert result.growth_basis == "linear"
    assert result.observed_growth == pytest.approx(20.0) and result.required_growth == pytest.approx(20.0)
    assert result.ratio == pytest.approx(1.0)
    assert "线性" in result.explanation


@pytest.mark.parametrize(("ratio", "expected"), [
    (M.ON_TRACK, M.ON_TRACK_LABEL),
    (M.ON_TRACK - 1e-6, M.ACCELERATE_LABEL),
    (M.ACCELERATE, M.ACCELERATE_LABEL),
    (M.ACCELERATE - 1e-6, M.LIMITED),
    (0.0, M.LIMITED),
    (-1e-6, M.DETERIORATION),
    (1.7, M.ON_TRACK_LABEL),
])
def test_cut_offs_built_from_the_formula(ratio, expected):
    yt = y_for_ratio(ratio, y0=50.0, t=2023, target=80.0)
    result = M.growth_ratio_status(50.0, T0, yt, 2023, 80.0)
    assert result.ratio == pytest.approx(ratio, abs=1e-12)
    assert result.status == expected


@pytest.mark.parametrize(("ratio", "expected"), [
    (0.95, M.ON_TRACK_LABEL), (0.9499999999999998, M.ON_TRACK_LABEL), (0.9499, M.ACCELERATE_LABEL),
    (0.6, M.ACCELERATE_LABEL), (0.5999999999999999, M.ACCELERATE_LABEL), (0.5999, M.LIMITED),
    (0.0, M.LIMITED), (-0.0001, M.DETERIORATION),
])
def test_classify_ratio_cut_offs_are_inclusive(ratio, expected):
    assert M.classify_ratio(ratio) == expected


def test_exact_cut_offs_on_the_linear_basis():
    # base 0 → linear: required 20 a year; observed 19 a year (57 over 3 years) is exactly R = 0.95.
    assert M.growth_ratio_status(0, T0, 57, 2023, 100, limit=100.0).status == M.ON_TRACK_LABEL
    assert M.growth_ratio_status(0, T0, 36, 2023, 100, limit=100.0).status == M.ACCELERATE_LABEL  # R = 0.60


def test_cut_offs_are_data():
    assert (M.ON_TRACK, M.ACCELERATE) == (0.95, 0.60)
    assert M.STATUS_LABELS == ("达成", "进度正常", "需加快", "进展有限", "倒退", "无法评估", "无数据")
    assert (M.BASELINE_YEAR, M.TARGET_YEAR) == (2020, 2025)


ORDER = [M.DETERIORATION, M.LIMITED, M.ACCELERATE_LABEL, M.ON_TRACK_LABEL, M.ACHIEVED]


@given(st.floats(min_value=1, max_value=99), st.floats(min_value=0.5, max_value=150),
       st.floats(min_value=0.5, max_value=150), st.integers(min_value=2021, max_value=2025))
def test_status_never_falls_as_the_value_improves(y0, a, b, t):
    target = 100.0
    low, high = sorted((a, b))
    for direction, worse, better in (("up", low, high), ("down", high, low)):
        goal = target if direction == "up" else 1.0
        first = M.growth_ratio_status(y0, T0, worse, t, goal, direction=direction).status
        second = M.growth_ratio_status(y0, T0, better, t, goal, direction=direction).status
        assert ORDER.index(second) >= ORDER.index(first)


# ------------------------------------------------------------------------------------- halfway check
HALFWAY_CASES = [
    # id, y0, yt, t, target, expected status, distance share
    ("ahead", 60, 75, 2022, 80, M.HALFWAY_AHEAD, 0.75),
    ("exactly on time", 60, 68, 2022, 80, M.HALFWAY_AHEAD, 0.4),
    ("behind", 60, 65, 2023, 80, M.HALFWAY_BEHIND, 0.25),
    ("moved away", 60, 55, 2023, 80, M.DETERIORATION, -0.25),
    ("met", 60, 80, 2023, 80, M.ACHIEVED, 1.0),
    ("base year already met, then fell", 85, 78, 2023, 80, M.DETERIORATION, None),
    ("no data", None, None, 2023, 80, M.NO_DATA, None),
    ("one point", 60, None, None, 80, M.UNABLE, None),
]


@pytest.mark.parametrize(("y0", "yt", "t", "target", "expected", "share"),
                         [c[1:] for c in HALFWAY_CASES], ids=[c[0] for c in HALFWAY_CASES])
def test_halfway_check_table(y0, yt, t, target, expected, share):
    result = M.halfway_check(y0, T0, yt, t, target, unit="%")
    assert result.status == expected, result.explanation
    assert result.status in M.HALFWAY_LABELS
    assert result.method_name == "时间过半、任务过半"
    if share is not None:
        assert result.distance_share == pytest.approx(share)
    if t is not None and expected not in (M.NO_DATA, M.UNABLE):
        assert result.time_share == pytest.approx((t - T0) / (T - T0))


def test_halfway_and_growth_ratio_can_disagree():
    """Compound against linear: the compound path to a higher target is slower early, so 66 in 2023 (from
    50 to 80) is on track by the growth ratio but behind the straight line of the halfway check."""
    ratio = M.growth_ratio_status(50, T0, 66, 2023, 80)
    halfway = M.halfway_check(50, T0, 66, 2023, 80)
    assert ratio.status == M.ON_TRACK_LABEL
    assert halfway.status == M.HALFWAY_BEHIND
    assert halfway.distance_share == pytest.approx(16 / 30)


def test_halfway_wording_at_mid_term():
    assert "时间已过半而任务尚未过半" in M.halfway_check(50, T0, 60, 2023, 80).explanation
    assert "时间已过半、任务也已过半" in M.halfway_check(50, T0, 75, 2023, 80).explanation


# --------------------------------------------------------------------------------- growth vs growth
def series(values: dict[int, float]) -> pd.Series:
    return pd.Series(values, dtype=float)


@pytest.mark.parametrize(("standard_end", "expected"), [(1.30, M.ACHIEVED), (1.20, M.NOT_ACHIEVED)])
def test_growth_vs_growth_margin_sign(standard_end, expected):
    income_series = series({2020: 100.0, 2022: 121.0})  # 10 % a year
    standard = series({2020: 1.0, 2022: standard_end})
    result = M.growth_vs_growth_status(standard, income_series, since=2020)
    g_s = standard_end ** 0.5 - 1
    assert result.margin_pp == pytest.approx((g_s - 0.10) * 100)
    assert result.status == expected
    assert "增长率比值法不适用" in result.explanation


def test_growth_vs_growth_equal_growth_is_met():
    result = M.growth_vs_growth_status(series({2020: 10.0, 2023: 13.31}), series({2020: 1.0, 2023: 1.331}))
    assert result.margin_pp == pytest.approx(0.0, abs=1e-9)
    assert result.status == M.ACHIEVED


def test_growth_vs_growth_uses_the_last_common_year():
    standard = series({2020: 100.0, 2021: 110.0, 2022: 121.0, 2023: 140.0})
    incomes = series({2020: 100.0, 2021: 105.0, 2022: 110.25})
    result = M.growth_vs_growth_status(standard, incomes)
    assert result.observed_growth == pytest.approx(0.10) and result.required_growth == pytest.approx(0.05)


@pytest.mark.parametrize(("standard", "incomes", "expected"), [
    (series({}), series({}), M.NO_DATA),
    (series({2020: 1.0}), series({2020: 1.0}), M.UNABLE),
    (series({2021: 1.0, 2022: 2.0}), series({2020: 1.0, 2022: 1.1}), M.UNABLE),
])
def test_growth_vs_growth_missing(standard, incomes, expected):
    assert M.growth_vs_growth_status(standard, incomes).status == expected


@pytest.mark.parametrize(("urban", "rural", "expected", "margin"), [
    (0.5, 1.2, M.ACHIEVED, 0.5),
    (0.5, -0.3, M.NOT_ACHIEVED, -0.3),
    (0.0, 0.0, M.ACHIEVED, 0.0),
    (None, None, M.NO_DATA, None),
    (0.5, None, M.UNABLE, None),
])
def test_indicator1_needs_both_sides(urban, rural, expected, margin):
    result = M.margin_status({"urban": urban, "rural": rural}, 2020, 2022)
    assert result.status == expected
    assert result.margin_pp == margin


# -------------------------------------------------------------------------------- values vs sources
def test_indicator2_2020_is_the_published_two_thirds(values):
    row = values.loc[2]
    assert row["baseline_year"] == 2020
    assert round(row["baseline_value"], 1) == 66.7
    assert row["baseline_value"] == pytest.approx(4372 / 6552 * 100)
    assert row["baseline_status"] == "official"


def test_indicator1_2015_2020_against_income_from_the_data(annual, values):
    growth = V.indicator1_growth(annual, 2015, 2020)
    assert round(growth.at["urban", "standard_cagr_pct"], 1) == 6.2
    assert round(growth.at["rural", "standard_cagr_pct"], 1) == 10.0
    for side in ("urban", "rural"):
        expected = ((income(annual, side, 2020) / income(annual, side, 2015)) ** (1 / 5) - 1) * 100
        assert growth.at[side, "income_cagr_pct"] == pytest.approx(expected)
        margin = growth.at[side, "standard_cagr_pct"] - expected
        assert growth.at[side, "margin_pp"] == pytest.approx(margin)
        assert values.loc[1, f"{side}_baseline"] == pytest.approx(margin)
    row = values.loc[1]
    assert row["baseline_period"] == "2015–2020"
    assert row["baseline_value"] == pytest.approx(min(row["urban_baseline"], row["rural_baseline"]))


def test_indicator1_latest_uses_observed_income_only(annual, values):
    last_income = int(annual.loc[annual["indicator"] == "urban_disposable_income", "year"].max())
    row = values.loc[1]
    assert row["latest_year"] == last_income
    assert row["latest_period"] == f"2020–{last_income}"
    assert row["latest_value"] == pytest.approx(min(row["urban_latest"], row["rural_latest"]))


def test_indicator_2_latest_is_the_2024_notice_by_tier_population_weighted(annual, parameters, values, counties):
    """Indicator 2's latest value is the 2024 guidance (吉民发〔2023〕67号): rural / urban, each the mean of the
    county tiers weighted by the census rural / urban population (assumed tiers for the 36 unknown), basis named."""
    tiers = load_table("guidance_tiers")
    standards = load_table("guidance_standards")
    both = tiers.merge(standards, on=["year", "side", "tier"], how="left")
    pop = counties.set_index("code")
    weights = {"urban": pop["pop_2020_census"] * pop["urban_share_2020"],
               "rural": pop["pop_2020_census"] * (1 - pop["urban_share_2020"])}
    mean = {}
    for side in ("urban", "rural"):
        now = both[(both["year"] == 2024) & (both["side"] == side)].set_index("code")["value_month"]
        before = both[(both["year"] == 2022) & (both["side"] == side)].set_index("code")["value_month"]
        tier_before = both[(both["year"] == 2022) & (both["side"] == side)].set_index("code")["tier"]
        # an unknown 2024 tier takes its 2022 tier number (推定), valued at the 2024 structure
        structure = standards[(standards["year"] == 2024) & (standards["side"] == side)].set_index("tier")["value_month"]
        filled = now.fillna(tier_before.map(structure))
        assert filled.notna().all() and before.notna().all()
        w = weights[side].reindex(filled.index)
        mean[side] = float((filled * w).sum() / w.sum())
    assert values.loc[2, "latest_year"] == 2024
    assert values.loc[2, "basis"] == "notice"
    assert values.loc[2, "latest_value"] == pytest.approx(mean["rural"] / mean["urban"] * 100)
    assert "省定最低指导标准分档" in values.loc[2, "note"]


def test_indicator_3_is_the_documents_rule_with_the_counties_evidence(annual, parameters, values):
    multiplier = parameters["tekun_multiplier"].current.value
    assert values.loc[3, "latest_year"] == 2024
    assert values.loc[3, "latest_value"] == pytest.approx(multiplier * 100)
    assert values.loc[3, "basis"] == "rule"
    assert math.isnan(values.loc[3, "baseline_value"])
    note = values.loc[3, "note"]
    assert parameters["tekun_multiplier"].current.citation in note


def test_county_indicators_are_aggregated_and_badged(values, county, counties):
    table, status = county
    latest = int(table["year"].max())
    rows = table[table["year"] == latest]
    assert values.loc[8, "latest_value"] == pytest.approx((rows["hotline_12345"] == 1).mean() * 100)
    weights = rows["code"].map(counties.set_index("code")["pop_2020_census"]).astype(float)
    expected4 = np.average(rows["approval_delegated_share"].astype(float), weights=weights) * 100
    assert values.loc[4, "latest_value"] == pytest.approx(expected4)
    for number in (4, 8):
        assert values.loc[number, "data_status"] == status
        assert values.loc[number, "latest_year"] == latest
    if status == "illustrative":
        assert "示例数据" in values.loc[4, "note"]


def test_coverage_indicators_have_no_invented_values(values):
    for number in (5, 6, 7):
        row = values.loc[number]
        assert math.isnan(row["baseline_value"]) and math.isnan(row["latest_value"])
        assert row["basis"] == "none" and "分母" in row["note"]


def test_values_table_shape(values):
    assert list(values["number"]) == list(range(1, 9))
    assert list(values.columns) == list(V.VALUE_COLUMNS)
    assert set(values["direction"]) == {"up"}
    assert set(values["data_status"]) <= {*V.STATUS_ORDER, ""}


# ------------------------------------------------------------------------------------- statuses
def test_statuses_of_every_indicator(values):
    statuses = V.assess_indicators(values)
    assert list(statuses["number"]) == list(range(1, 9))
    assert statuses.loc[1, "method"] == "growth_vs_growth"
    assert statuses.loc[1, "halfway_status"] == M.NOT_APPLICABLE
    for number in (2, 3, 4, 8):
        assert statuses.loc[number, "method"] == "growth_ratio"
        assert statuses.loc[number, "status"] in M.STATUS_LABELS
    for number in (5, 6, 7):
        assert statuses.loc[number, "status"] == M.NO_DATA
        assert statuses.loc[number, "halfway_status"] == M.NO_DATA
    assert statuses.loc[3, "status"] == M.ACHIEVED  # the rule sets 特困 at exactly 130 %


def test_a_row_without_a_direction_is_refused(values):
    row = values.loc[2].to_dict()
    row["direction"] = ""
    with pytest.raises(ValueError, match="期望方向"):
        V.assess_row(row)


def test_indicator_table_directions_are_explicit():
    for definition in load_indicators():
        assert definition.direction in M.DIRECTIONS
    bad = [replace(d, direction="") for d in load_indicators()]
    with pytest.raises(ValueError, match="期望方向"):
        V.indicator_values(load_table("province_annual"), county_table()[0], load_parameters(),
                           definitions=bad)


def test_every_method_has_a_name_and_a_paragraph():
    assert set(M.METHODS) == {"growth_ratio", "halfway", "growth_vs_growth", "projection"}
    for method in M.METHODS.values():
        assert method.name and len(method.explanation) > 80


# ------------------------------------------------------------------------------------- projection
def test_projection_check_on_the_baseline(projections):
    check = V.projection_check(projections)
    assert list(check["number"]) == [1, 2, 3]
    assert set(check["verdict"]) <= set(M.PROJECTION_LABELS)
    for _, row in check.iterrows():
        known = [row[f"value_{p}"] for p in V.PROJECTION_PATHS]
        assert row["low"] == pytest.approx(min(known)) and row["high"] == pytest.approx(max(known))
    assert check.loc[3, "low"] == pytest.approx(130) and check.loc[3, "verdict"] == M.PROJECTED_MET
    forecast = projections["forecast"]
    assert check.loc[2, "value_forecast"] == pytest.approx(forecast.at[2025, "rural_urban_ratio"])
    assert check.loc[1, "value_forecast"] == pytest.approx(
        min(forecast.at[2025, "ind1_urban_margin_pp"], forecast.at[2025, "ind1_rural_margin_pp"]))


def fake_projection(margin: float, ratio: float, tekun: float) -> pd.DataFrame:
    return pd.DataFrame({"ind1_urban_margin_pp": [margin + 1], "ind1_rural_margin_pp": [margin],
                         "rural_urban_ratio": [ratio], "tekun_ratio": [tekun]},
                        index=pd.Index([2025], name="year"))


@pytest.mark.parametrize(("ratios", "expected"), [
    ((76.0, 75.0, 80.0), M.PROJECTED_MET),
    ((74.0, 76.0, 75.5), M.PROJECTED_UNCERTAIN),
    ((70.0, 72.0, 74.9), M.PROJECTED_UNMET),
    ((np.nan, np.nan, np.nan), M.NO_DATA),
])
def test_projection_verdicts(ratios, expected):
    frames = {p: fake_projection(0.1, r, 130.0) for p, r in zip(V.PROJECTION_PATHS, ratios, strict=True)}
    check = V.projection_check(frames)
    assert check.loc[2, "verdict"] == expected
    if expected != M.NO_DATA:
        assert (check.loc[2, "low"], check.loc[2, "high"]) == (min(ratios), max(ratios))


def test_projection_indicator1_is_met_only_when_both_margins_are_non_negative():
    margins = (0.2, -0.1, 0.0)
    frames = {p: fake_projection(m, 80.0, 130.0) for p, m in zip(V.PROJECTION_PATHS, margins, strict=True)}
    check = V.projection_check(frames)
    assert [check.loc[1, f"met_{p}"] for p in V.PROJECTION_PATHS] == [True, False, True]
    assert check.loc[1, "verdict"] == M.PROJECTED_UNCERTAIN


# --------------------------------------------------------------------- indicator behaviour as data
# The indicator table's columns limit / value_source / county_column / county_metric decide what the code
# does; these tables change a column and check that the behaviour follows.
DEFINITION_CSV = """number,code,name,name_en,unit,target_value,target_text,comparison,direction,kind,citation,limit,value_source,county_column,county_metric
{number},x,测试指标,Test,%,{target},{target},at_least,{direction},binding,吉民发〔2022〕24号,{limit},county_weighted_mean,approval_delegated_share,
"""


def definition_from_csv(target: float, limit: str, direction: str = "up", number: int = 4):
    """One definition read from CSV text as the table is (blank limit → None), through indicator_definitions."""
    from analytics.indicators import indicator_definitions

    text = DEFINITION_CSV.format(number=number, target=target, limit=limit, direction=direction)
    return indicator_definitions(pd.read_csv(io.StringIO(text)))[0]


MEETS_TARGET_CASES = [
    # id, value, target, limit ("" = blank), direction, expected
    ("99.96 meets 100 at the limit 100 (shows 100.0)", 99.96, 100, "100", "up", True),
    ("99.95 meets 100 at the limit (the rounding edge)", 99.95, 100, "100", "up", True),
    ("99.94 does not meet 100 at the limit", 99.94, 100, "100", "up", False),
    ("99.96 does not meet 100 without a limit", 99.96, 100, "", "up", False),
    ("74.99999999999 meets 75 without a limit (float rounding)", 74.99999999999, 75, "", "up", True),
    ("74.9 does not meet 75", 74.9, 75, "", "up", False),
    ("75 meets 75", 75.0, 75, "", "up", True),
    ("a target beyond the limit is capped at it", 99.97, 105, "100", "up", True),
    ("down: below the target meets it", 9.0, 10, "", "down", True),
    ("down: above the target does not", 11.0, 10, "", "down", False),
    ("no value is not met", float("nan"), 75, "", "up", False),
]


@pytest.mark.parametrize(("value", "target", "limit", "direction", "expected"),
                         [c[1:] for c in MEETS_TARGET_CASES], ids=[c[0] for c in MEETS_TARGET_CASES])
def test_meets_target_table(value, target, limit, direction, expected):
    definition = definition_from_csv(target, limit, direction)
    assert definition.limit == (float(limit) if limit else None)
    result = M.meets_target(pd.Series([value]), definition)
    assert result.dtype == bool and bool(result.iloc[0]) is expected


def test_meets_target_is_the_growth_ratios_met_rule():
    """The same values, target and limit: meets_target and growth_ratio_status agree on 达成."""
    for limit in ("", "100"):
        definition = definition_from_csv(100, limit)
        for value in (99.9, 99.94, 99.95, 99.97, 100.0, 100.2):
            status = M.growth_ratio_status(60, T0, value, 2023, 100, limit=definition.limit).status
            assert M.meets_target(pd.Series([value]), definition).iloc[0] == (status == M.ACHIEVED), (limit, value)


def test_meets_target_needs_a_level_target():
    growth = next(d for d in load_indicators() if d.comparison == "growth_vs_income")
    with pytest.raises(ValueError, match=f"指标{growth.number}"):
        M.meets_target(pd.Series([1.0]), growth)


def embedded_definitions(**changes_of_4) -> list:
    """The embedded indicator table as a frame, with indicator 4's cells changed, read into definitions."""
    from analytics.indicators import indicator_definitions

    frame = load_table("indicators_14th_fyp")
    for column, value in changes_of_4.items():
        frame[column] = frame[column].astype(object)
        frame.loc[frame["number"] == 4, column] = value
    return indicator_definitions(frame)


@pytest.mark.parametrize(("limit", "expected"), [(100.0, M.ACHIEVED), (np.nan, M.ON_TRACK_LABEL)],
                         ids=["limit 100: 99.97 is met", "limit blank: 99.97 is on track only"])
def test_the_limit_column_decides_the_met_rule(annual, parameters, counties, county, limit, expected):
    """Every county at 99.97 % delegated: indicator 4 is 达成 only when its row says the limit is 100."""
    table, _ = county
    latest = int(table["year"].max())
    nearly = table.copy()
    nearly.loc[nearly["year"] == latest, "approval_delegated_share"] = 0.9997
    definitions = embedded_definitions(limit=limit)
    values = V.indicator_values(annual, nearly, parameters, counties=counties, definitions=definitions)
    assert values.loc[4, "latest_value"] == pytest.approx(99.97)
    assert (values.loc[4, "limit"] == 100.0) if limit == 100.0 else pd.isna(values.loc[4, "limit"])
    assert V.assess_indicators(values).loc[4, "status"] == expected


def _weighted(rows: pd.DataFrame, column: str, counties: pd.DataFrame) -> float:
    weights = rows["code"].map(counties.set_index("code")["pop_2020_census"]).astype(float)
    return float(np.average(rows[column].astype(float), weights=weights) * 100)


@pytest.mark.parametrize(("source", "column", "expected"), [
    ("county_weighted_mean", "approval_delegated_share", lambda rows, c: _weighted(rows, "approval_delegated_share", c)),
    ("county_share", "hotline_12345", lambda rows, c: float((rows["hotline_12345"] == 1).mean() * 100)),
    ("county_weighted_mean", "hotline_12345", lambda rows, c: _weighted(rows, "hotline_12345", c)),
])
def test_the_county_columns_decide_the_aggregation(county, counties, source, column, expected):
    table, _ = county
    latest = int(table["year"].max())
    definitions = embedded_definitions(value_source=source, county_column=column)
    series = V.county_indicator_series(table, counties, definitions)
    assert list(series.columns) == [4, 8]
    assert series.at[latest, 4] == pytest.approx(expected(table[table["year"] == latest], counties))


def test_value_source_none_gives_no_value(annual, parameters, counties, county):
    definitions = embedded_definitions(value_source="none", county_column="")
    values = V.indicator_values(annual, county[0], parameters, counties=counties, definitions=definitions)
    assert values.loc[4, "basis"] == "none" and math.isnan(values.loc[4, "latest_value"])
    assert V.assess_indicators(values).loc[4, "status"] == M.NO_DATA


@pytest.mark.parametrize("call", ["indicator_values", "county_indicator_series", "projection_check",
                                  "observed_series"])
def test_an_unknown_value_source_is_refused_naming_the_indicator(annual, parameters, counties, county,
                                                                  projections, call):
    definitions = embedded_definitions(value_source="guessed")
    calls = {
        "indicator_values": lambda: V.indicator_values(annual, county[0], parameters, counties=counties,
                                                       definitions=definitions),
        "county_indicator_series": lambda: V.county_indicator_series(county[0], counties, definitions),
        "projection_check": lambda: V.projection_check(projections, definitions),
        "observed_series": lambda: V.observed_series(definitions[3], annual, pd.DataFrame(), pd.DataFrame()),
    }
    with pytest.raises(ValueError, match="指标4（.*）的取值方式 value_source 为「guessed」"):
        calls[call]()


def test_a_county_source_without_its_column_is_refused(county, counties):
    definitions = embedded_definitions(county_column="")
    with pytest.raises(ValueError, match="指标4.*county_column"):
        V.county_indicator_series(county[0], counties, definitions)


def test_projection_uses_the_definitions_limit():
    """A 100 % target with limit 100 is met at 99.97 in the projection too; without the limit it is not."""
    frames = {p: fake_projection(0.1, 99.97, 130.0) for p in V.PROJECTION_PATHS}
    for limit, verdict in ((100.0, M.PROJECTED_MET), (None, M.PROJECTED_UNMET)):
        definitions = [replace(d, target_value=100.0, limit=limit) if d.number == 2 else d for d in load_indicators()]
        assert V.projection_check(frames, definitions).loc[2, "verdict"] == verdict


def test_projected_indicators_are_those_whose_source_is_projected():
    frames = {p: fake_projection(0.1, 80.0, 130.0) for p in V.PROJECTION_PATHS}
    definitions = [replace(d, value_source="none") if d.number == 3 else d for d in load_indicators()]
    assert list(V.projection_check(frames, definitions)["number"]) == [1, 2]
    assert "特困标准按规则" in V.projection_check(frames).loc[3, "explanation"]


def test_the_tables_vocabulary_is_the_codes():
    """The sidecar's allowed values are exactly what the code knows: every source, county column and map
    metric it may name exists, and a level map metric shares the indicator's unit (so the met rule applies)."""
    from analytics.county_data import COLUMNS
    from analytics.county_metrics import CATEGORY, METRIC_BY_KEY
    from analytics.paths import data_dir
    from analytics.provenance import read_sidecar

    schema = read_sidecar(data_dir() / "indicators_14th_fyp.meta.yml").columns
    assert set(schema["value_source"]["allowed"]) == set(V.VALUE_SOURCES)
    county_columns = {c.code for c in COLUMNS}
    assert set(schema["county_column"]["allowed"]) - {""} <= county_columns & set(V.COUNTY_NOTES)
    assert set(schema["county_metric"]["allowed"]) - {""} <= set(METRIC_BY_KEY)
    for definition in load_indicators():
        source = V.value_source(definition)
        assert (source.aggregate is not None) == bool(definition.county_column), definition.number
        if definition.county_metric and METRIC_BY_KEY[definition.county_metric].kind != CATEGORY:
            assert METRIC_BY_KEY[definition.county_metric].unit == definition.unit
            assert definition.target_value is not None


def test_embedded_table_columns_per_indicator():
    rows = {d.number: (d.limit, d.value_source, d.county_column, d.county_metric) for d in load_indicators()}
    assert rows == {
        1: (None, "growth_vs_income", "", ""),
        2: (None, "guidance_ratio", "", "rural_urban_ratio"),
        3: (None, "rule_tekun", "", "tekun_compliance"),
        4: (100.0, "county_weighted_mean", "approval_delegated_share", "approval_delegated_share"),
        5: (100.0, "none", "", ""),
        6: (100.0, "none", "", ""),
        7: (100.0, "none", "", ""),
        8: (100.0, "county_share", "hotline_12345", "hotline_12345"),
    }
