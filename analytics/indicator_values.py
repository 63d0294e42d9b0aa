"""The 14th Five-Year-Plan indicators' values (吉民发〔2022〕24号 §二(三)), assembled from the data.

What an indicator's value is, and how it is scored, is data in `data/indicators_14th_fyp.csv`: each row's
``value_source`` names an entry of `VALUE_SOURCES` (its table row, the yearly series the chart draws, the
columns of the 2025 projection, the county aggregation), ``limit`` its natural limit (the met rule), and
``county_column`` the county-table column a county source aggregates. No function here branches on an
indicator's number. The progress methods themselves (growth ratio, halfway check, growth versus growth, the
met rule) are in `analytics.progress_methods`; this module only feeds them.

The value sources, decided as follows:

* ``growth_vs_income``, ``guidance_ratio``, ``rule_tekun`` (indicators 1–3) come from the province series
  and the standard-setting rules (`analytics.standards`): the province publishes its standards only for
  2020 (and, derived, 2015), so 2021 onwards are the guidance standards: the notices' tiers weighted by
  population in a notice year (basis "notice"), otherwise the rule (calibrated ratio × income of t − lag),
  status at best "derived". "Latest" is the last year they give from **observed** inputs only — never a
  forecast: 2024 for indicators 2 and 3 (the 2024 guidance notice; by the rule it would need 2022 income,
  lag 2); for indicator 1 also the income growth must be observed, so 2022. The 2025 value under the forecast is
  reported separately by `projection_check`, never scored as progress achieved.
* ``growth_vs_income`` (indicator 1): the base-year value is the 十三五 context 2015–2020 (the plan's own
  baseline: standards up 35 % and 61 % on 2015, i.e. 6.2 % and 10.0 % a year) against income growth over the
  same years. Its row value is the smaller of the urban and rural margins (both kept in ``urban_*`` /
  ``rural_*`` columns).
* ``rule_tekun`` (indicator 3): no province 特困 standard is published. The value is the rule's 特困
  standard over the previous year's dibao standard, which equals the multiplier (130 %) by construction: it
  says what the rule requires, not what counties pay. The note adds the counties' published standards
  (`_tekun_evidence`) and the (illustrative) county table's compliance count.
* ``county_weighted_mean`` and ``county_share`` (indicators 4 and 8) are aggregated from the county table's
  ``county_column`` (illustrative until real data is imported): the population-weighted mean × 100 (2020
  census weights, as the map's province figure), and the share of counties with the column = 1
  (unweighted: the target is that the hotline is connected everywhere).
* ``none`` (indicators 5–7, eligible persons covered): no measurable denominator — the number of *eligible*
  persons is not published anywhere, so the value is NaN, status 无数据. Nothing is invented.

No Streamlit here; the page formats and caches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analytics.county_metrics import MET, METRIC_BY_KEY, UNMET, metric_frame
from analytics.forecast import IncomeForecast, forecast_province_income
from analytics.guidance import guidance_data, guidance_inputs, population_weights
from analytics.indicators import IndicatorDefinition, load_indicators
from analytics.loaders import load_table
from analytics.numbers import finite_or_none
from analytics.outcome import ScenarioContext, scenario_context, scenario_outcome
from analytics.parameters import PolicyParameter
from analytics.progress_methods import (
    BASELINE_YEAR,
    NO_DATA,
    NOT_APPLICABLE,
    PERCENT,
    PROJECTED_MET,
    PROJECTED_UNCERTAIN,
    PROJECTED_UNMET,
    TARGET_YEAR,
    Assessment,
    direction_sign,
    growth_ratio_status,
    growth_vs_growth_status,
    halfway_check,
    margin_status,
    meets_target,
)
from analytics.province import INCOME, STANDARD
from analytics.scenario import INCOME_PATH_LABELS, Scenario, baseline_scenario
from analytics.standards import SIDES, observed_incomes, observed_standards, project_standards

CONTEXT_START_YEAR = 2015  # start of the 十三五 period: indicator 1's base-year context is 2015–2020

# Data-status vocabulary of the project, most trusted first; a value carries the weakest of its inputs.
STATUS_ORDER: tuple[str, ...] = ("official", "derived", "recalled", "illustrative")

# Income paths of the projection: the forecast's median and the ends of its 80 % interval.
PROJECTION_PATHS: tuple[str, ...] = ("forecast", "lower80", "upper80")


# ----------------------------------------------------------------------------------------- inputs
def _weakest(statuses: list[str]) -> str:
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.index) if known else ""


def _input_status(annual: pd.DataFrame, indicator: str, year: int) -> str:
    rows = annual[(annual["indicator"] == indicator) & (annual["year"] == year)]
    return str(rows["status"].iloc[0]) if len(rows) else ""


def _income_status(annual: pd.DataFrame, years: list[int]) -> list[str]:
    return [_input_status(annual, INCOME[side], y) for side in SIDES for y in years]


def indicator1_growth(
    annual: pd.DataFrame, since: int, latest: int, standards: Mapping[str, pd.Series] | None = None
) -> pd.DataFrame:
    """Indicator 1 by side over since–latest.

    Columns standard_cagr_pct, income_cagr_pct, margin_pp, status, explanation.

    `standards` defaults to the published standards (2015 derived, 2020 official); pass rule-derived series
    to look at later years. Rows "urban" and "rural".
    """
    standards = standards or observed_standards(annual)
    incomes = observed_incomes(annual)
    rows = []
    for side in SIDES:
        a = growth_vs_growth_status(standards[side], incomes[side], since, latest, side=side)
        rows.append({
            "side": side,
            "since": since,
            "latest": latest,
            "standard_cagr_pct": np.nan if a.observed_growth is None else a.observed_growth * PERCENT,
            "income_cagr_pct": np.nan if a.required_growth is None else a.required_growth * PERCENT,
            "margin_pp": np.nan if a.margin_pp is None else a.margin_pp,
            "status": a.status,
            "explanation": a.explanation,
        })
    return pd.DataFrame(rows).set_index("side")


def notice_guidance(counties: pd.DataFrame | None = None, root=None) -> pd.DataFrame:
    """The notices' population-weighted guidance by year (urban_month, rural_month, basis "notice").

    What the province actually set (吉民发〔2022〕15号, 吉民发〔2023〕67号), from the embedded tier tables; the
    indicators use it in the years it covers instead of the ratio rule.
    """
    counties = counties if counties is not None else load_table("counties", root)
    data = guidance_data(load_table("guidance_standards", root), load_table("guidance_tiers", root))
    return guidance_inputs(data, population_weights(counties), np.nan).notice_province


def rule_standards(annual: pd.DataFrame, parameters: Mapping[str, PolicyParameter],
                   scenario: Scenario | None = None, guidance: pd.DataFrame | None = None) -> pd.DataFrame:
    """The province standards and indicators 1–3 from OBSERVED figures only (no forecast).

    `project_standards` fed with the observed income series and the notices' weighted guidance (`guidance`,
    default `notice_guidance()`): a notice year takes the notice's tiers (basis "notice"), another year the
    ratio rule on published income (basis "rule"; NaN where that income is not published), so every value
    here rests on published figures.
    """
    scenario = scenario or baseline_scenario(parameters)
    guidance = notice_guidance() if guidance is None else guidance
    return project_standards(observed_incomes(annual), scenario, parameters, observed_standards(annual),
                             start=BASELINE_YEAR + 1, guidance=guidance)


def _last_year(frame: pd.DataFrame, columns: list[str]) -> int | None:
    known = frame[columns].notna().all(axis=1)
    return int(frame.index[known].max()) if known.any() else None


def _county_weights(counties: pd.DataFrame) -> pd.Series:
    return counties.set_index("code")["pop_2020_census"].astype("float64")


def _weighted_mean_pct(rows: pd.DataFrame, column: str, weights: pd.Series) -> float:
    """Population-weighted mean (2020 census) of `column` × 100 over counties with a value and a weight."""
    share = rows.set_index("code")[column].astype("float64").dropna()
    w = share.index.map(weights).to_numpy(dtype=float)
    ok = ~np.isnan(w)
    return float(np.average(share.to_numpy()[ok], weights=w[ok]) * PERCENT) if ok.any() else np.nan


def _share_of_ones_pct(rows: pd.DataFrame, column: str, weights: pd.Series) -> float:
    """Share of counties with `column` = 1 among counties with a value, in % (unweighted: the target is
    that every county has it)."""
    flags = rows[column].astype("float64").dropna()
    return float((flags == 1).mean() * PERCENT) if len(flags) else np.nan


def _basis_years_text(rules: pd.DataFrame, latest: int | None, lag: int) -> str:
    """Which years of a rule frame stand on the notices' tiers and which on the ratio rule, in words."""
    if latest is None:
        return ""
    shown = rules.loc[:latest, "basis"]
    notice = [str(y) for y, b in shown.items() if b == "notice"]
    rule = [str(y) for y, b in shown.items() if b != "notice"]
    parts = []
    if notice:
        parts.append(f"{'、'.join(notice)}年取省定最低指导标准分档（按人口加权）")
    if rule:
        parts.append(f"{'、'.join(rule)}年按现行规则（比例为校准值、收入滞后{lag}年）由已公布的收入推算")
    return "；".join(parts) + "；"


def _notice_status(notices: pd.DataFrame | None, year: int) -> str:
    """The weakest status behind a notice year's weighted guidance (`analytics.guidance.notice_guidance`)."""
    if notices is None:
        return "derived"
    return _weakest(list(notices.loc[notices["year"] == year, "status"])) or "derived"


def _notice_note(notices: pd.DataFrame | None, year: int, rules: pd.DataFrame) -> str:
    """The basis of a notice year's indicator 2: the document, the weighted means, the assumed tiers."""
    urban, rural = (rules.at[year, f"{s}_month"] for s in ("urban", "rural"))
    text = (f"{year}年为省定最低指导标准分档（按2020年普查城镇、乡村人口加权）之比："
            f"农村 {rural:,.1f} ÷ 城市 {urban:,.1f} 元/人·月")
    if notices is not None:
        rows = notices[notices["year"] == year].set_index("side")
        document = str(rows["document"].iloc[0]).split("《")[0] if len(rows) else ""
        assumed = int(rows["assumed"].sum()) if len(rows) else 0
        text += f"（{document}"
        text += f"；其中 {assumed} 个县的档次通知存档中未见，按最近一个已知年份推定）" if assumed else "）"
    return text + "。"


def _tekun_evidence(observed: pd.DataFrame | None, multiplier: float) -> str:
    """Where counties' 特困 and dibao standards are both published: the multiple they actually apply."""
    if observed is None or observed.empty:
        return ""
    from analytics.county_status import observed_months

    months = observed_months(observed)
    wide = months.pivot_table(index=["code", "year"], columns="column", values="value_month", aggfunc="first")
    names = observed.drop_duplicates("code").set_index("code")["name"]
    found: dict[tuple, list[str]] = {}
    for (code, year), row in wide.iterrows():
        tekun = row.get("tekun_urban_standard_month")
        if pd.isna(tekun):
            continue
        before = wide["urban_standard_month"].get((code, year - 1), np.nan)
        same = row.get("urban_standard_month", np.nan)
        base, when = (before, "上年度") if pd.notna(before) else (same, "同年")
        if pd.notna(base):
            found.setdefault((int(year), float(tekun), float(base), when), []).append(str(names.get(code, code)))
    parts = [f"{'、'.join(who)}{year}年城市特困{tekun:,.0f}元，为{when}低保{base:,.0f}元的{tekun / base:.2f}倍"
             + ("" if tekun / base >= multiplier - 1e-9 else "（低于规则）")
             for (year, tekun, base, when), who in found.items()]
    return ("已公布的县级标准：" + "；".join(parts) + "。") if parts else ""


def _tekun_county_note(county_table: pd.DataFrame, counties: pd.DataFrame, multiplier: float,
                       county_status: str) -> str:
    """Compliance with the 特困 rule in the county table's latest year (illustrative unless real data)."""
    if county_table.empty:
        return ""
    year = int(county_table["year"].max())
    frame = metric_frame(county_table, counties, METRIC_BY_KEY["tekun_compliance"], year,
                         tekun_multiplier=multiplier)
    met, unmet = int((frame["category"] == MET).sum()), int((frame["category"] == UNMET).sum())
    badge = "（示例数据）" if county_status == "illustrative" else ""
    return (f"县级数据{badge}：{year}年{met}个县特困标准达到上年低保标准的{multiplier:g}倍，"
            f"{unmet}个县未达到（见县域地图）。")


# County-sourced notes: how the county column is aggregated, in the page's words.
COUNTY_NOTES: dict[str, str] = {
    "approval_delegated_share": "各县审批权限下放比例按2020年普查人口加权平均。",
    "hotline_12345": "已接入12345的县（市、区）占比（不加权）。",
}
COUNTY_BADGE = "示例数据，导入真实县级数据后替换。"

VALUE_COLUMNS: tuple[str, ...] = (
    "number", "code", "name", "unit", "value_unit", "target_value", "target_text", "comparison", "direction",
    "limit", "kind", "baseline_year", "baseline_period", "baseline_value", "baseline_status", "latest_year",
    "latest_period", "latest_value", "latest_status", "basis", "data_status", "urban_baseline",
    "rural_baseline", "urban_latest", "rural_latest", "note",
)



@dataclass(frozen=True)
class _Inputs:
    """What the value sources read, computed once per `indicator_values` call."""

    annual: pd.DataFrame
    county_table: pd.DataFrame
    counties: pd.DataFrame
    county_status: str
    parameters: Mapping[str, PolicyParameter]
    scenario: Scenario
    rules: pd.DataFrame  # `rule_standards`: the province standards from observed figures
    observed: Mapping[str, pd.Series]  # `observed_standards`: the published standards by side
    county: pd.DataFrame  # `county_indicator_series`
    notices: pd.DataFrame | None
    observed_counties: pd.DataFrame | None


# ------------------------------------------------------------------------------- the value sources
def _growth_vs_income_row(definition: IndicatorDefinition, x: _Inputs) -> dict[str, object]:
    """Indicator 1: 2015–2020 context (published standards), then 2020–latest under the rule."""
    annual, rules, observed, lag = x.annual, x.rules, x.observed, x.scenario.lag
    base_growth = indicator1_growth(annual, CONTEXT_START_YEAR, BASELINE_YEAR, observed)
    rule_std = {side: pd.concat([observed[side][observed[side].index <= BASELINE_YEAR],
                                 rules[f"{side}_year"].dropna()]) for side in SIDES}
    latest1 = _last_year(rules, ["urban_income_cagr", "rural_income_cagr", "urban_cagr", "rural_cagr"])
    latest_growth = (indicator1_growth(annual, BASELINE_YEAR, latest1, rule_std) if latest1 is not None
                     else None)
    base_status = _weakest([_input_status(annual, STANDARD[s], y) for s in SIDES
                            for y in (CONTEXT_START_YEAR, BASELINE_YEAR)]
                           + _income_status(annual, [CONTEXT_START_YEAR, BASELINE_YEAR]))
    latest_status = "" if latest1 is None else _weakest(
        ["derived"] + _income_status(annual, [BASELINE_YEAR, latest1, latest1 - lag]))
    return {
        "value_unit": "百分点（低保标准年均增速 − 同期居民收入年均增速，城乡取较小者）",
        "baseline_year": BASELINE_YEAR, "baseline_period": f"{CONTEXT_START_YEAR}–{BASELINE_YEAR}",
        "baseline_value": float(base_growth["margin_pp"].min()), "baseline_status": base_status,
        "latest_year": latest1, "latest_period": f"{BASELINE_YEAR}–{latest1}" if latest1 else "",
        "latest_value": np.nan if latest_growth is None else float(latest_growth["margin_pp"].min()),
        "latest_status": latest_status, "basis": "rule",
        "urban_baseline": float(base_growth.at["urban", "margin_pp"]),
        "rural_baseline": float(base_growth.at["rural", "margin_pp"]),
        "urban_latest": np.nan if latest_growth is None else float(latest_growth.at["urban", "margin_pp"]),
        "rural_latest": np.nan if latest_growth is None else float(latest_growth.at["rural", "margin_pp"]),
        "note": (
            f"基年栏为“十三五”期间（{CONTEXT_START_YEAR}—{BASELINE_YEAR}年）：城市低保标准年均增长"
            f"{base_growth.at['urban', 'standard_cagr_pct']:.1f}%（城镇居民收入"
            f"{base_growth.at['urban', 'income_cagr_pct']:.1f}%），农村"
            f"{base_growth.at['rural', 'standard_cagr_pct']:.1f}%（农村居民收入"
            f"{base_growth.at['rural', 'income_cagr_pct']:.1f}%），"
            f"{CONTEXT_START_YEAR}年标准由规划所述增幅倒推。"
            f"最新栏为{BASELINE_YEAR}年以来：{BASELINE_YEAR}年后的全省平均标准未公布，"
            + _basis_years_text(rules, latest1, lag)
            + "收入增速取至最后一个有统计数据的年份；2025年的预测见预测检验。"
        ),
    }


def _latest_guidance_year(rules: pd.DataFrame) -> int | None:
    """The last year with both sides' guidance standard from observed inputs (indicators 2 and 3)."""
    return _last_year(rules, ["urban_year", "rural_year"])


def _guidance_ratio_row(definition: IndicatorDefinition, x: _Inputs) -> dict[str, object]:
    """Indicator 2: 2020 published; a notice year: the notice's tiers (weighted); other years the rule."""
    annual, rules, notices, lag = x.annual, x.rules, x.notices, x.scenario.lag
    latest23 = _latest_guidance_year(rules)
    rural2020, urban2020 = (x.observed[s].get(BASELINE_YEAR, np.nan) for s in ("rural", "urban"))
    base2 = rural2020 / urban2020 * PERCENT
    latest_basis = "" if latest23 is None else str(rules.at[latest23, "basis"])
    return {
        "value_unit": "%",
        "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR), "baseline_value": float(base2),
        "baseline_status": _weakest([_input_status(annual, STANDARD[s], BASELINE_YEAR) for s in SIDES]),
        "latest_year": latest23, "latest_period": str(latest23) if latest23 else "",
        "latest_value": np.nan if latest23 is None else float(rules.at[latest23, "rural_urban_ratio"]),
        "latest_status": ("" if latest23 is None else _notice_status(notices, latest23) if latest_basis == "notice"
                          else _weakest(["derived"] + _income_status(annual, [latest23 - lag]))),
        "basis": "notice" if latest_basis == "notice" else "rule",
        "note": (f"{BASELINE_YEAR}年为规划公布的城乡低保标准（{rural2020:,.0f} ÷ {urban2020:,.0f}）；"
                 + (_notice_note(notices, latest23, rules) if latest_basis == "notice" else
                    f"其后为现行规则由{lag}年前的已公布收入推算的省定最低指导标准之比（非公布值）。")),
    }


def _rule_tekun_row(definition: IndicatorDefinition, x: _Inputs) -> dict[str, object]:
    """Indicator 3: the rule as the documents state it; equals the multiplier by construction."""
    latest23 = _latest_guidance_year(x.rules)
    multiplier = x.scenario.tekun_multiplier
    tekun_lag = int(x.parameters["tekun_base_year_lag"].current.value or 1)
    return {
        "value_unit": "%",
        "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR), "baseline_value": np.nan,
        "baseline_status": "",
        "latest_year": latest23, "latest_period": str(latest23) if latest23 else "",
        "latest_value": np.nan if latest23 is None else float(x.rules.at[latest23, "tekun_ratio"]),
        "latest_status": "derived" if latest23 is not None else "",
        "basis": "rule",
        "note": (f"全省特困人员基本生活标准未公布，{BASELINE_YEAR}年无基年值"
                 f"（缺{BASELINE_YEAR - tekun_lag}年低保标准）。"
                 f"数值为{x.parameters['tekun_multiplier'].current.citation}所定规则"
                 f"“特困标准 = {multiplier:g} × 上年度低保标准”下的比值，"
                 f"按定义等于{multiplier * PERCENT:g}%，反映规则要求而非各地实际执行。"
                 + _tekun_evidence(x.observed_counties, multiplier)
                 + _tekun_county_note(x.county_table, x.counties, multiplier, x.county_status)),
    }


def _county_row(definition: IndicatorDefinition, x: _Inputs) -> dict[str, object]:
    """Indicators 4 and 8: the county table's `county_column`, aggregated by `county_indicator_series`."""
    number, status = definition.number, x.county_status
    series = x.county[number].dropna() if number in x.county else pd.Series(dtype=float)
    base_year = BASELINE_YEAR if BASELINE_YEAR in series.index else None
    last = int(series.index.max()) if len(series) else None
    badge = COUNTY_BADGE if status == "illustrative" else ""
    return {
        "value_unit": "%",
        "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR),
        "baseline_value": float(series[base_year]) if base_year is not None else np.nan,
        "baseline_status": status if base_year is not None else "",
        "latest_year": last, "latest_period": str(last) if last else "",
        "latest_value": float(series[last]) if last is not None else np.nan,
        "latest_status": status if last is not None else "",
        "basis": "county",
        "note": COUNTY_NOTES[definition.county_column] + badge,
    }


def _no_data_row(definition: IndicatorDefinition, x: _Inputs) -> dict[str, object]:
    """Indicators 5–7: eligible persons are not counted anywhere."""
    return {
        "value_unit": "%", "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR),
        "baseline_value": np.nan, "baseline_status": "", "latest_year": None, "latest_period": "",
        "latest_value": np.nan, "latest_status": "", "basis": "none",
        "note": ("无数据：“符合条件人员”的人数（分母）没有任何公开统计，无法计算覆盖比例；"
                 "救助人数只是分子，不能代替。"),
    }


def _growth_margin_series(definition, annual, rules, county_series) -> pd.Series:
    """The smaller of the urban and rural growth margins since 2020 (the rule on observed income)."""
    return rules[["ind1_urban_margin_pp", "ind1_rural_margin_pp"]].min(axis=1).dropna()


def _guidance_ratio_series(definition, annual, rules, county_series) -> pd.Series:
    """Rural / urban standard, published 2015 (derived) and 2020, then the guidance (notices or rule)."""
    standards = observed_standards(annual)
    published = (standards["rural"] / standards["urban"] * PERCENT).dropna()
    return pd.concat([published, rules["rural_urban_ratio"].dropna()]).sort_index()


def _tekun_ratio_series(definition, annual, rules, county_series) -> pd.Series:
    return rules["tekun_ratio"].dropna()


def _county_series(definition, annual, rules, county_series) -> pd.Series:
    """The county table's aggregate (illustrative until real data)."""
    if definition.number in county_series.columns:
        return county_series[definition.number].dropna()
    return pd.Series(dtype="float64")


def _no_series(definition, annual, rules, county_series) -> pd.Series:
    return pd.Series(dtype="float64")


@dataclass(frozen=True)
class ValueSource:
    """How one kind of indicator gets its values (the indicator table's ``value_source`` names one).

    `row`: the `VALUE_COLUMNS` part of `indicator_values` the source fills; `observed`: the yearly series the
    chart draws (no forecast); `projected`: the columns of a `baseline_projections` frame whose minimum is the
    2025 value (empty: not projected), `projection_note` a sentence added to that check; `aggregate`: for a
    county source, how the county table's ``county_column`` becomes a province figure in %.
    """

    row: Callable[[IndicatorDefinition, _Inputs], dict[str, object]]
    observed: Callable[..., pd.Series]
    projected: tuple[str, ...] = ()
    projection_note: str = ""
    aggregate: Callable[[pd.DataFrame, str, pd.Series], float] | None = None


VALUE_SOURCES: dict[str, ValueSource] = {
    "growth_vs_income": ValueSource(_growth_vs_income_row, _growth_margin_series,
                                    projected=("ind1_urban_margin_pp", "ind1_rural_margin_pp")),
    "guidance_ratio": ValueSource(_guidance_ratio_row, _guidance_ratio_series, projected=("rural_urban_ratio",)),
    "rule_tekun": ValueSource(_rule_tekun_row, _tekun_ratio_series, projected=("tekun_ratio",),
                              projection_note="特困标准按规则等于上年度低保标准的倍数，该比值由规则决定，不随收入变化。"),
    "county_weighted_mean": ValueSource(_county_row, _county_series, aggregate=_weighted_mean_pct),
    "county_share": ValueSource(_county_row, _county_series, aggregate=_share_of_ones_pct),
    "none": ValueSource(_no_data_row, _no_series),
}


def value_source(definition: IndicatorDefinition) -> ValueSource:
    """The definition's `ValueSource`; an unknown one is a configuration error naming the indicator."""
    source = VALUE_SOURCES.get(definition.value_source)
    if source is None:
        raise ValueError(
            f"指标{definition.number}（{definition.name}）的取值方式 value_source 为「{definition.value_source}」，"
            f"应为 {' / '.join(VALUE_SOURCES)} 之一：请在指标表中设定"
        )
    if source.aggregate is not None and not definition.county_column:
        raise ValueError(f"指标{definition.number}（{definition.name}）取自县级数据，但未设定 county_column")
    return source


def county_indicator_series(county_table: pd.DataFrame, counties: pd.DataFrame,
                            definitions: list[IndicatorDefinition] | None = None) -> pd.DataFrame:
    """The county-sourced indicators by year, in % (index year, one column per indicator number).

    Each indicator whose source aggregates the county table (``county_weighted_mean``: population-weighted
    mean (2020 census) of its ``county_column`` × 100 over counties with a value; ``county_share``: share of
    counties with the column = 1 among counties with a value, unweighted) — indicators 4 and 8.
    """
    definitions = definitions if definitions is not None else load_indicators()
    aggregated = [(d, value_source(d).aggregate) for d in definitions]
    weights = _county_weights(counties)
    out = {}
    for year, rows in county_table.groupby("year"):
        out[int(year)] = {d.number: aggregate(rows, d.county_column, weights)
                          for d, aggregate in aggregated if aggregate is not None}
    return pd.DataFrame.from_dict(out, orient="index").rename_axis("year").sort_index()


def indicator_values(
    annual: pd.DataFrame,
    county_table: pd.DataFrame,
    parameters: Mapping[str, PolicyParameter],
    *,
    counties: pd.DataFrame | None = None,
    county_status: str = "illustrative",
    definitions: list[IndicatorDefinition] | None = None,
    scenario: Scenario | None = None,
    guidance: pd.DataFrame | None = None,
    notices: pd.DataFrame | None = None,
    observed_counties: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per indicator (columns `VALUE_COLUMNS`): base-year and latest value, status, notes.

    Each row comes from its definition's ``value_source`` (`VALUE_SOURCES`); its ``limit`` goes into the row
    for the met rule of `assess_row`. `guidance`: the notices' weighted guidance (`notice_guidance`);
    `notices`: what each notice rests on (`analytics.guidance.notice_guidance`: assumed tiers, document);
    `observed_counties`: the standards counties actually set (``county_standards_observed``), which show how
    the 特困 rule is applied.

    See the module docstring for the decisions. ``basis``: "published" (base year of 2 from the plan),
    "notice" (indicator 2 in a notice year: the notices' tiers), "rule" (indicators 1–3 after 2020: the
    standard-setting rule on observed income), "county" (4, 8 from the county table), "none" (5–7).
    ``data_status`` is the weakest of the statuses behind the row (official < derived < recalled <
    illustrative). For indicator 1 the value is the smaller of the urban and rural margins (pp) and
    ``urban_*`` / ``rural_*`` hold both; the base year is the 十三五 period 2015–2020 and the latest the
    rule period 2020–(last observed income year).
    """
    counties = counties if counties is not None else load_table("counties")
    definitions = definitions if definitions is not None else load_indicators()
    scenario = scenario or baseline_scenario(parameters)
    guidance = notice_guidance(counties) if guidance is None else guidance
    inputs = _Inputs(
        annual=annual, county_table=county_table, counties=counties, county_status=county_status,
        parameters=parameters, scenario=scenario, rules=rule_standards(annual, parameters, scenario, guidance),
        observed=observed_standards(annual),
        county=county_indicator_series(county_table, counties, definitions),
        notices=notices, observed_counties=observed_counties,
    )
    records = []
    for definition in definitions:
        direction_sign(definition.direction)  # every indicator must declare its direction
        record = {
            "number": definition.number, "code": definition.code, "name": definition.name,
            "unit": definition.unit, "target_value": definition.target_value,
            "target_text": definition.target_text, "comparison": definition.comparison,
            "direction": definition.direction, "limit": definition.limit,
            "kind": definition.kind,
            "urban_baseline": np.nan, "rural_baseline": np.nan,
            "urban_latest": np.nan, "rural_latest": np.nan,
            **value_source(definition).row(definition, inputs),
        }
        record["data_status"] = _weakest([str(record["baseline_status"]), str(record["latest_status"])])
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(VALUE_COLUMNS))
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    frame["baseline_year"] = frame["baseline_year"].astype("Int64")
    return frame.set_index("number", drop=False).rename_axis(None)


# -------------------------------------------------------------------------------------- statuses
STATUS_COLUMNS: tuple[str, ...] = (
    "number", "method", "method_name", "status", "ratio", "observed_growth", "required_growth",
    "growth_basis",
    "margin_pp", "explanation", "halfway_status", "distance_share", "time_share", "halfway_explanation",
)


def _year(value: object) -> int | None:
    number = finite_or_none(value)
    return None if number is None else int(number)


def assess_row(row: Mapping[str, object], T: int = TARGET_YEAR) -> tuple[Assessment, Assessment]:
    """The status (growth ratio, or growth vs growth for indicator 1) and the halfway check of one row."""
    t0, t = _year(row["baseline_year"]) or BASELINE_YEAR, _year(row["latest_year"])
    if row["comparison"] == "growth_vs_income":
        main = margin_status({"urban": row["urban_latest"], "rural": row["rural_latest"]}, t0, t)  # type: ignore[dict-item]
        halfway = Assessment("halfway", NOT_APPLICABLE,
                             "目标是与收入增速比较，没有固定的目标值，不适用任务进度检查。")
        return main, halfway
    limit = finite_or_none(row.get("limit"))
    direction = str(row["direction"])
    unit = str(row.get("value_unit") or row.get("unit") or "")
    target = finite_or_none(row["target_value"])
    args = (row["baseline_value"], t0, row["latest_value"], t, target)
    main = growth_ratio_status(*args, direction=direction, limit=limit, T=T, unit=unit)  # type: ignore[arg-type]
    halfway = halfway_check(*args, T, direction=direction, limit=limit, unit=unit)  # type: ignore[arg-type]
    return main, halfway


def assess_indicators(values: pd.DataFrame, T: int = TARGET_YEAR) -> pd.DataFrame:
    """One row per indicator of `indicator_values`: its status and the halfway check (`STATUS_COLUMNS`)."""
    records = []
    for _, row in values.iterrows():
        main, halfway = assess_row(row.to_dict(), T)
        records.append({
            "number": int(row["number"]), "method": main.method, "method_name": main.method_name,
            "status": main.status, "ratio": main.ratio, "observed_growth": main.observed_growth,
            "required_growth": main.required_growth, "growth_basis": main.growth_basis,
            "margin_pp": main.margin_pp, "explanation": main.explanation,
            "halfway_status": halfway.status, "distance_share": halfway.distance_share,
            "time_share": halfway.time_share, "halfway_explanation": halfway.explanation,
        })
    frame = pd.DataFrame.from_records(records, columns=list(STATUS_COLUMNS))
    return frame.set_index("number", drop=False).rename_axis(None)


# ------------------------------------------------------------------------------------ projection (4)
def baseline_projections(
    annual: pd.DataFrame,
    parameters: Mapping[str, PolicyParameter],
    forecasts: Mapping[str, IncomeForecast] | None = None,
    scenario: Scenario | None = None,
    context: ScenarioContext | None = None,
) -> dict[str, pd.DataFrame]:
    """The baseline scenario's projection for each income path in `PROJECTION_PATHS`, tiers included.

    Each path is the whole scenario (`analytics.outcome.scenario_outcome`: the notices' tiers, next year's
    tiers from the rule, the rule elsewhere), so the 2025 check reads the same numbers as 标准测算.
    `forecasts` ("urban"/"rural" `IncomeForecast`, e.g. the page's cached ones) are fitted here if not given;
    `context` is built from the embedded tables if not given.
    """
    scenario = scenario or baseline_scenario(parameters)
    horizon = max(scenario.horizon, TARGET_YEAR)
    if context is None:
        forecasts = forecasts or forecast_province_income(annual, horizon)
        context = scenario_context(annual, parameters, forecasts, load_table("counties"),
                                   load_table("guidance_standards"), load_table("guidance_tiers"))
    return {path: scenario_outcome(replace(scenario, income_path=path, horizon=horizon), context,
                                   start=BASELINE_YEAR + 1).projection for path in PROJECTION_PATHS}


PROJECTION_COLUMNS: tuple[str, ...] = (
    "number", "year", "target_value", *(f"value_{p}" for p in PROJECTION_PATHS), "low", "high",
    *(f"met_{p}" for p in PROJECTION_PATHS), "verdict", "explanation",
)


def _projected_value(frame: pd.DataFrame, columns: tuple[str, ...], year: int) -> float:
    """The smallest of the source's projected columns in `year` (indicator 1: the smaller margin)."""
    if year not in frame.index:
        return np.nan
    return float(min(frame.at[year, column] for column in columns))


def projection_check(
    projections: Mapping[str, pd.DataFrame],
    definitions: list[IndicatorDefinition] | None = None,
    year: int = TARGET_YEAR,
) -> pd.DataFrame:
    """The indicators whose source is projected (1–3) in `year` under each income path of
    `baseline_projections` (DOMAIN.md method 4).

    Value (`ValueSource.projected`): 1 = smaller of the urban/rural margins (pp, target ≥ 0), 2 = rural/urban
    standard (%), 3 = 特困 / previous-year dibao (%), against the table's targets, met by `meets_target` (the
    definition's limit). low/high = min/max over the paths (the indicator is not monotone in income: see
    `METHODS["projection"]`). Verdict: 预计达成 (met on every path), 预计不能达成 (on none), 不确定 (depends
    on the path), 无数据 (no value).
    """
    definitions = definitions if definitions is not None else load_indicators()
    records = []
    for definition in definitions:
        source = value_source(definition)
        if not source.projected:
            continue
        growth_target = definition.comparison == "growth_vs_income"
        target = 0.0 if growth_target else float(definition.target_value or np.nan)
        values = {p: _projected_value(projections[p], source.projected, year)
                  for p in PROJECTION_PATHS if p in projections}
        # Indicator 1's target is "margin ≥ 0 pp": the met rule with that as the target.
        flags = meets_target(pd.Series(values, dtype="float64"), replace(definition, target_value=target))
        met = {p: (None if np.isnan(v) else bool(flags[p])) for p, v in values.items()}
        known = [v for v in values.values() if not np.isnan(v)]
        decided = [m for m in met.values() if m is not None]
        if not decided:
            verdict = NO_DATA
        elif all(decided):
            verdict = PROJECTED_MET
        elif not any(decided):
            verdict = PROJECTED_UNMET
        else:
            verdict = PROJECTED_UNCERTAIN
        unit = "个百分点" if growth_target else "%"
        shown = "，".join(f"收入取{INCOME_PATH_LABELS[p]}时为{values[p]:.1f}{unit}"
                         for p in values if not np.isnan(values[p]))
        what = "城乡低保标准增速较收入增速（取较小者）" if growth_target else definition.name
        goal_text = "≥ 0个百分点" if growth_target else f"{target:g}%"
        explanation = (f"基准情景下{year}年{what}：{shown}（目标{goal_text}），"
                       f"判定为“{verdict}”。") + source.projection_note
        records.append({
            "number": definition.number, "year": year, "target_value": target,
            **{f"value_{p}": values.get(p, np.nan) for p in PROJECTION_PATHS},
            "low": min(known) if known else np.nan, "high": max(known) if known else np.nan,
            **{f"met_{p}": met.get(p) for p in PROJECTION_PATHS},
            "verdict": verdict, "explanation": explanation,
        })
    frame = pd.DataFrame.from_records(records, columns=list(PROJECTION_COLUMNS))
    return frame.set_index("number", drop=False).rename_axis(None)


def observed_series(definition: IndicatorDefinition, annual: pd.DataFrame, rules: pd.DataFrame,
                    county_series: pd.DataFrame) -> pd.Series:
    """The yearly values of one indicator that the chart draws (no forecast), index int year.

    From the definition's source (`ValueSource.observed`): 1: the smaller of the urban and rural growth
    margins since 2020 (the rule on observed income); 2: rural / urban standard, published 2015 (derived) and
    2020, then the guidance; 3: the rule's 特困 ratio; 4 and 8: the county table (illustrative until real
    data); 5–7: nothing is published.
    """
    return value_source(definition).observed(definition, annual, rules, county_series)
