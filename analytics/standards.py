"""Dibao and 特困 standards under a scenario: the standard-setting rules, vectorised over years and counties.

The rules (all constants come from `analytics.parameters`; nothing here writes 1.3, 0.75 or 4,000):

* The 24号 ratio rule (吉民发〔2022〕24号 §三(二)1): the urban and rural dibao minimum guidance standards
  are a ratio of the per-capita disposable income of year t − lag (urban income for urban, rural for rural;
  lag 2 = 上上年度 since 2022, lag 1 under 吉民发〔2016〕18号 §二(一)). The plan publishes no ratio: the
  defaults are calibrated on the latest guidance notice (`analytics.guidance.calibration`), and are
  therefore estimates, not policy. The province applies the rule through tiers (档次) of guidance standards;
  `analytics.guidance` holds those, and where a year has tiers the province standard here is their
  population-weighted mean (`project_standards(guidance=...)`).
* Poverty-line floor (吉民发〔2016〕18号 §二(一); 吉民发〔2022〕24号 §一(一)): the rural standard is never
  below the national poverty line (parameter ``poverty_line_floor``).
* 特困 standard (吉民发〔2022〕4号 §二(五); 24号 §二(三) indicator 3): at least the multiplier × the dibao
  standard of the previous year (parameter ``tekun_base_year_lag``).
* Emergency advance (吉民发〔2022〕24号 §三(三)2): an applicant may receive at once the local urban
  standard for ``emergency_advance_months`` months.

Years are plain ints everywhere; money is 元/人·年 unless a name ends in ``_month`` (元/人·月 = annual / 12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

import numpy as np
import pandas as pd

from analytics.forecast import IncomeForecast
from analytics.parameters import PolicyParameter
from analytics.province import INCOME, STANDARD
from analytics.scenario import INCOME_PATHS, Scenario

SIDES = ("urban", "rural")
MONTHS_PER_YEAR = 12
YUAN_PER_YI = 1e8  # 亿元
BASIS_RULE = "rule"  # a province standard from the 24号 ratio rule (no tiered guidance for that year)
# Relative tolerance for "reaches the target": a standard set to exactly urban × 0.75 must count as 75 %
# even when floating-point division gives 74.99999999999999.
_REL_TOLERANCE = 1e-9

PROJECTION_COLUMNS = (
    "urban_year",
    "rural_year",
    "urban_month",
    "rural_month",
    "basis",
    "urban_rule_year",
    "rural_rule_year",
    "rural_urban_ratio",
    "ind2_met",
    "urban_cagr",
    "rural_cagr",
    "urban_income_cagr",
    "rural_income_cagr",
    "ind1_urban_margin_pp",
    "ind1_rural_margin_pp",
    "ind1_met",
    "tekun_urban_year",
    "tekun_rural_year",
    "tekun_ratio",
    "ind3_met",
    "emergency_advance",
)
COST_COLUMNS = ("urban_dibao", "rural_dibao", "tekun", "total", "total_baseline", "change_vs_baseline")

# Caseload programme -> (recipients indicator, average-benefit indicator, projection column whose change
# scales the benefit). 特困 benefits follow the 特困 standard, dibao benefits the dibao standard.
CASELOAD_PROGRAMMES: dict[str, tuple[str, str, str]] = {
    "urban_dibao": ("urban_dibao_recipients", "urban_dibao_avg_benefit_month", "urban_year"),
    "rural_dibao": ("rural_dibao_recipients", "rural_dibao_avg_benefit_month", "rural_year"),
    "urban_tekun": ("urban_tekun_recipients", "urban_tekun_avg_benefit_month", "tekun_urban_year"),
    "rural_tekun": ("rural_tekun_recipients", "rural_tekun_avg_benefit_month", "tekun_rural_year"),
}

# Income path -> column of IncomeForecast.forecast ("custom" is computed, not read).
FORECAST_COLUMN = {"forecast": "mean", "lower80": "lower80", "upper80": "upper80"}

Frame = TypeVar("Frame", pd.Series, pd.DataFrame)


def _param(parameters: Mapping[str, PolicyParameter], name: str) -> float:
    value = parameters[name].current.value
    if value is None:
        raise ValueError(f"参数「{name}」未设定数值，无法测算标准")
    return float(value)


def _at_least(values: np.ndarray | pd.Series, threshold: float) -> np.ndarray:
    """values ≥ threshold within float rounding; NaN is never "met"."""
    arr = np.asarray(values, dtype=float)
    return arr >= threshold - _REL_TOLERANCE * max(1.0, abs(threshold))


def _shift_years(values: Frame, lag: int) -> Frame:
    """Value of year t − lag placed at year t (same shape; NaN where t − lag is absent).

    Label-based, not positional: gaps in the years cannot silently pair the wrong years.
    """
    if isinstance(values, pd.DataFrame):
        years = values.columns
        if not pd.api.types.is_integer_dtype(years):
            raise TypeError("县级数据框的列应为整数年份")
        return values.reindex(columns=years - lag).set_axis(years, axis=1)
    years = values.index
    if not pd.api.types.is_integer_dtype(years):
        raise TypeError("序列的索引应为整数年份")
    return values.reindex(years - lag).set_axis(years)


def ratio_rule_standard(
    income: Frame, ratio: float | pd.Series, lag: int, floor: float | None = None
) -> Frame:
    """The 24号 ratio rule: standard(t) = ratio × income(t − lag), raised to `floor` if given (元/人·年).

    吉民发〔2022〕24号 §三(二)1 sets the standard from the 上上年度 income (lag 2); 吉民发〔2016〕18号 §二(一)
    used the previous year's (lag 1). `floor` is the poverty line for the rural standard.

    `income` is a Series indexed by int year, or a frame with one row per county (index = county code) and
    int-year columns; the result has the same shape, with NaN where income(t − lag) is missing. A Series
    `ratio` is aligned on the rows: years for a Series, counties for a frame (e.g. a higher ratio for the
    former poverty counties). One shift and one multiply: no loop over counties.
    """
    if lag < 0:
        raise ValueError(f"收入滞后年数应为非负整数，实际为 {lag}")
    shifted = _shift_years(income, int(lag))
    if isinstance(ratio, pd.Series) and isinstance(shifted, pd.DataFrame):
        return _apply_rule(shifted.mul(ratio, axis=0), 1.0, floor)
    return _apply_rule(shifted, ratio, floor)


def _apply_rule(lagged_income, ratio: float, floor: float | None):
    """ratio × the lagged income, raised to `floor`: the rule's arithmetic, for frames, Series or arrays.

    NaN income stays NaN (np.maximum propagates it): a missing income never becomes the floor.
    """
    standard = lagged_income * ratio
    return standard if floor is None else np.maximum(standard, floor)


def tekun_standard(dibao: Frame, multiplier: float, lag: int) -> Frame:
    """特困 basic living standard(t) = multiplier × dibao standard(t − lag).

    吉民发〔2022〕4号 §二(五) and indicator 3 of 吉民发〔2022〕24号 refer to the previous year's (上年度) dibao
    standard, hence parameter ``tekun_base_year_lag`` = 1. Same shapes as `ratio_rule_standard`.
    """
    return _shift_years(dibao, int(lag)) * multiplier


def calibrated_ratio(observed_standard: float, income: pd.Series, year: int, lag: int) -> float:
    """The ratio that makes the rule reproduce a published standard exactly: standard(year) / income(year − lag).

    The plan (吉民发〔2022〕24号 §三(二)1) gives the rule but not the ratio; calibrating on the 2020
    standards (6,552 / 4,372 元) with 2018 income gives the default ratios, which are derived, not official.
    """
    base = year - lag
    if base not in income.index or pd.isna(income[base]):
        raise KeyError(f"缺少 {base} 年收入，无法校准 {year} 年标准的比例")
    return float(observed_standard) / float(income[base])


def rural_catch_up_ratio(
    years: Iterable[int], start_year: int, start_ratio: float, target_ratio: float, target_year: int | None
) -> pd.Series:
    """Required rural/urban standard ratio by year (a share, not %), for the catch-up scenario rule.

    Indicator 2 of 吉民发〔2022〕24号 asks for rural = 75 % of urban; the plan gives no path. The scenario
    closes the gap linearly from the observed (start_year, start_ratio) to (target_year, target_ratio) and
    holds the target after it (years before start_year keep start_ratio). `target_year` None means no
    catch-up rule: all NaN, i.e. no constraint.
    """
    index = pd.Index([int(y) for y in years], dtype="int64", name="year")
    if target_year is None:
        return pd.Series(np.nan, index=index, name="catch_up_ratio")
    if target_year <= start_year:
        values = np.full(len(index), float(target_ratio))
    else:
        values = np.interp(index.to_numpy(dtype=float), [start_year, target_year], [start_ratio, target_ratio])
    return pd.Series(values, index=index, name="catch_up_ratio")


def income_path(forecast: IncomeForecast, path: str, custom_growth_pct: float, horizon: int) -> pd.Series:
    """Observed income followed by the chosen path, indexed by every int year through `horizon` (元/人·年).

    "forecast" uses the model mean, "lower80"/"upper80" the 80 % interval bounds (a pessimistic or
    optimistic income path feeding the rule), "custom" grows the last observed value by a constant
    `custom_growth_pct` % a year. Years no source covers stay NaN rather than being filled in.
    """
    if path not in INCOME_PATHS:
        raise ValueError(f"收入路径应为 {' / '.join(INCOME_PATHS)} 之一，实际为「{path}」")
    # NumPy rather than pandas concat/reindex: this runs on every slider step (bench/scenario.py).
    history = forecast.history.dropna()
    hist_years = history.index.to_numpy().astype("int64")
    hist_values = history.to_numpy(dtype=float)
    last_year = int(hist_years.max())
    if path == "custom":
        future_years = np.arange(last_year + 1, max(horizon, last_year) + 1, dtype="int64")
        future_values = hist_values[hist_years.argmax()] * (1 + custom_growth_pct / 100) ** (future_years - last_year)
    else:
        column = forecast.forecast[FORECAST_COLUMN.get(path, path)]
        future_years = column.index.to_numpy().astype("int64")
        future_values = column.to_numpy(dtype=float)
    first = int(hist_years.min())
    values = np.full(max(horizon - first + 1, 0), np.nan)
    for years, numbers in ((hist_years, hist_values), (future_years[future_years > last_year],
                                                         future_values[future_years > last_year])):
        inside = years <= horizon
        values[years[inside] - first] = numbers[inside]
    return pd.Series(values, index=pd.RangeIndex(first, horizon + 1, name="year"), name=forecast.indicator)


def observed_standards(annual: pd.DataFrame) -> dict[str, pd.Series]:
    """Published province standards by year ("urban"/"rural"), from the province_annual long table."""
    return {side: _yearly(annual, STANDARD[side]) for side in SIDES}


def observed_incomes(annual: pd.DataFrame) -> dict[str, pd.Series]:
    """Observed province disposable income by year ("urban"/"rural"), from the province_annual long table."""
    return {side: _yearly(annual, INCOME[side]) for side in SIDES}


def _yearly(annual: pd.DataFrame, indicator: str) -> pd.Series:
    rows = annual[annual["indicator"] == indicator]
    values = pd.Series(rows["value"].to_numpy(dtype=float), index=rows["year"].to_numpy(dtype="int64"))
    return values.sort_index().rename_axis("year").rename(indicator)


def _cagr_pct(values: np.ndarray, base: float, periods: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return ((values / base) ** (1 / periods) - 1) * 100


def ratio_rule(
    incomes: Mapping[str, pd.Series],
    scenario: Scenario,
    parameters: Mapping[str, PolicyParameter],
    observed: Mapping[str, pd.Series],
    years: Iterable[int],
) -> pd.DataFrame:
    """The 24号 ratio rule for the province, by year (元/人·年): columns urban_year, rural_year.

    urban = ratio × urban income(t − lag); rural = max(ratio × rural income(t − lag), ``poverty_line_floor``)
    and, with a catch-up year, at least urban × the linear catch-up ratio of `rural_catch_up_ratio`, which
    starts from the latest published rural/urban ratio before the first year (2020). The ONE place the rule
    is applied to a scenario: the projection and the tiered guidance (`analytics.guidance`) both read it.
    """
    years = np.asarray(list(years), dtype="int64")
    if scenario.lag < 0:
        raise ValueError(f"收入滞后年数应为非负整数，实际为 {scenario.lag}")
    floor = _param(parameters, "poverty_line_floor")
    ratio_target = _param(parameters, "rural_urban_ratio_target")
    # Arrays, not shifted Series: this runs on every slider step (bench/scenario.py).
    lagged = {side: incomes[side].reindex(years - int(scenario.lag)).to_numpy(dtype=float) for side in SIDES}
    urban = _apply_rule(lagged["urban"], scenario.urban_ratio, None)
    rural = _apply_rule(lagged["rural"], scenario.rural_ratio, floor)
    if scenario.catch_up_year is not None:
        base_year, base_std = _base(observed, int(years.min()))
        path = rural_catch_up_ratio(
            years, base_year, base_std["rural"] / base_std["urban"], ratio_target, scenario.catch_up_year
        )
        rural = np.maximum(rural, urban * path.to_numpy())  # NaN income stays NaN
    return pd.DataFrame({"urban_year": urban, "rural_year": rural}, index=pd.Index(years, name="year"))


def _base(observed: Mapping[str, pd.Series], start: int) -> tuple[int, dict[str, float]]:
    """The latest year before `start` with both published standards, and those standards (元/人·年)."""
    rural = set(observed["rural"].dropna().index)
    before = [int(y) for y in observed["urban"].dropna().index if y < start and y in rural]
    if not before:
        raise ValueError(f"缺少 {start} 年之前城乡低保标准的公布值，无法作为比较基年")
    base_year = max(before)
    return base_year, {side: float(observed[side][base_year]) for side in SIDES}


def project_standards(
    incomes: Mapping[str, pd.Series],
    scenario: Scenario,
    parameters: Mapping[str, PolicyParameter],
    observed: Mapping[str, pd.Series],
    start: int = 2021,
    *,
    tekun_target_pct: float | None = None,
    guidance: pd.DataFrame | None = None,
    rule: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Province standards and indicators 1–3 for each year start..scenario.horizon under a scenario.

    `incomes["urban"/"rural"]`: income by int year, history and the chosen path (see `income_path`).
    `observed["urban"/"rural"]`: published standards; the latest year before `start` (2020) is the base of
    the growth comparison and the dibao standard the first 特困 year refers to.
    `guidance`: the population-weighted tiered guidance by year (columns urban_month, rural_month and basis,
    `analytics.guidance.ScenarioGuidance.province`); where it has both sides, the province standard is the
    guidance (the notices' tiers, or the scenario's tiers from next year), elsewhere the ratio rule.

    Columns (PROJECTION_COLUMNS):
    - urban_year, rural_year (元/人·年) and *_month: the province standard (see `guidance`); basis says which
      ("notice" / "ratio" / "set" from the tiers, "rule" from `ratio_rule`); urban_rule_year and
      rural_rule_year: the 24号 ratio rule itself (`ratio_rule`), for the side-by-side comparison.
    - rural_urban_ratio (%) and ind2_met (≥ ``rural_urban_ratio_target`` × 100, indicator 2).
    - urban_cagr, rural_cagr: % a year since the base year, from the observed base standard; *_income_cagr:
      same-side income over the same years; ind1_*_margin_pp = standard − income growth in percentage
      points; ind1_met when both margins ≥ 0 (indicator 1 compares growth with growth).
    - tekun_urban_year, tekun_rural_year = scenario multiplier × dibao(t − ``tekun_base_year_lag``)
      (吉民发〔2022〕4号 §二(五)); tekun_ratio = urban 特困 / previous-year urban dibao in %; ind3_met when
      ≥ `tekun_target_pct`. Its default is the official ``tekun_multiplier`` parameter × 100, which is the
      plan's indicator-3 target (130 % in indicators_14th_fyp.csv); pass the table's value to override.
    - emergency_advance (元): urban_month × ``emergency_advance_months`` (吉民发〔2022〕24号 §三(三)2).
    """
    ratio_target = _param(parameters, "rural_urban_ratio_target")
    tekun_lag = int(_param(parameters, "tekun_base_year_lag"))
    advance_months = _param(parameters, "emergency_advance_months")
    if tekun_target_pct is None:
        tekun_target_pct = _param(parameters, "tekun_multiplier") * 100

    years = np.arange(start, scenario.horizon + 1, dtype="int64")
    if len(years) == 0:
        raise ValueError(f"预测期末年 {scenario.horizon} 早于起始年 {start}")
    base_year, base_std = _base(observed, start)
    if rule is None or not rule.index.equals(pd.Index(years)):
        rule = ratio_rule(incomes, scenario, parameters, observed, years)
    standard = {side: rule[f"{side}_year"].to_numpy(copy=True) for side in SIDES}
    basis = np.full(len(years), BASIS_RULE, dtype=object)
    if guidance is not None:
        tiers = guidance.reindex(years)
        use = (tiers["urban_month"].notna() & tiers["rural_month"].notna()).to_numpy()
        for side in SIDES:
            standard[side][use] = tiers[f"{side}_month"].to_numpy(dtype=float)[use] * MONTHS_PER_YEAR
        basis[use] = tiers["basis"].to_numpy(dtype=object)[use]
    urban, rural = standard["urban"], standard["rural"]

    periods = (years - base_year).astype(float)
    cagr = {side: _cagr_pct(standard[side], base_std[side], periods) for side in SIDES}
    income_cagr = {}
    for side in SIDES:
        income_base = incomes[side].get(base_year, np.nan)
        now = incomes[side].reindex(years).to_numpy(dtype=float)
        income_cagr[side] = _cagr_pct(now, float(income_base), periods)
    margin = {side: cagr[side] - income_cagr[side] for side in SIDES}

    # 特困 refers to the previous year's dibao: the observed base year for the first projected year.
    tekun, referred = {}, {}
    for side in SIDES:
        known = {int(y): float(v) for y, v in observed[side].items() if y < start}
        back = years - tekun_lag
        inside = back >= start
        referred[side] = np.where(inside, standard[side][np.clip(back - start, 0, len(years) - 1)],
                                  [known.get(int(y), np.nan) for y in back])
        tekun[side] = scenario.tekun_multiplier * referred[side]
    with np.errstate(divide="ignore", invalid="ignore"):
        tekun_ratio = tekun["urban"] / referred["urban"] * 100
        rural_urban = rural / urban * 100

    frame = pd.DataFrame(
        {
            "urban_year": urban,
            "rural_year": rural,
            "urban_month": urban / MONTHS_PER_YEAR,
            "rural_month": rural / MONTHS_PER_YEAR,
            "basis": basis,
            "urban_rule_year": rule["urban_year"].to_numpy(),
            "rural_rule_year": rule["rural_year"].to_numpy(),
            "rural_urban_ratio": rural_urban,
            "ind2_met": _at_least(rural_urban, ratio_target * 100),
            "urban_cagr": cagr["urban"],
            "rural_cagr": cagr["rural"],
            "urban_income_cagr": income_cagr["urban"],
            "rural_income_cagr": income_cagr["rural"],
            "ind1_urban_margin_pp": margin["urban"],
            "ind1_rural_margin_pp": margin["rural"],
            "ind1_met": _at_least(margin["urban"], 0.0) & _at_least(margin["rural"], 0.0),
            "tekun_urban_year": tekun["urban"],
            "tekun_rural_year": tekun["rural"],
            "tekun_ratio": tekun_ratio,
            "ind3_met": _at_least(tekun_ratio, tekun_target_pct),
            "emergency_advance": urban / MONTHS_PER_YEAR * advance_months,
        },
        index=pd.Index(years, name="year"),
    )
    return frame


def year_reaching(projection: pd.DataFrame, column: str, threshold: float) -> int | None:
    """First year whose `column` is ≥ `threshold` (within float rounding); None if not within the projection.

    E.g. the year the rural/urban ratio reaches 75 % (indicator 2), or None → "not by <horizon>".
    """
    reached = _at_least(projection[column], threshold)
    return int(projection.index[reached.argmax()]) if reached.any() else None


def latest_caseload(monthly: pd.DataFrame) -> pd.DataFrame:
    """Recipients and average benefit of the latest month that reports all four programmes.

    Returns one row per programme (urban_dibao, rural_dibao, urban_tekun, rural_tekun) with recipients
    (persons), avg_benefit_month (元/人·月, the published 补助水平), month ('YYYY-MM') and source. A month
    missing any of the eight figures is skipped so that the cost estimate never mixes months.
    """
    needed = [ind for rec, ben, _ in CASELOAD_PROGRAMMES.values() for ind in (rec, ben)]
    rows = monthly[monthly["indicator"].isin(needed)]
    wide = rows.pivot(index="month", columns="indicator", values="value").reindex(columns=needed).dropna()
    if wide.empty:
        raise ValueError("月度数据中没有同时包含城乡低保与特困人数及补助水平的月份，无法估算支出")
    month = str(wide.index.max())
    in_month = rows[rows["month"] == month].set_index("indicator")["source"]
    records = []
    for programme, (rec, ben, _) in CASELOAD_PROGRAMMES.items():
        sources = dict.fromkeys([str(in_month[rec]), str(in_month[ben])])
        records.append(
            {
                "programme": programme,
                "recipients": float(wide.at[month, rec]),
                "avg_benefit_month": float(wide.at[month, ben]),
                "month": month,
                "source": "；".join(sources),
            }
        )
    return pd.DataFrame.from_records(records).set_index("programme")


def _programme_costs(
    projection: pd.DataFrame, reference: pd.DataFrame, caseload: pd.DataFrame, base_year: int
) -> dict[str, np.ndarray]:
    """urban_dibao, rural_dibao, tekun and total (亿元/年) for one projection, scaled on `reference`'s base year.

    Arrays, not frames: this runs twice on every slider step.
    """
    recipients = caseload["recipients"].to_dict()
    benefit = caseload["avg_benefit_month"].to_dict()
    row = reference.index.get_loc(base_year)
    costs = {}
    for programme, (_, _, column) in CASELOAD_PROGRAMMES.items():
        base_cost = recipients[programme] * benefit[programme] * MONTHS_PER_YEAR / YUAN_PER_YI
        costs[programme] = base_cost * projection[column].to_numpy(dtype=float) / float(
            reference[column].to_numpy(dtype=float)[row])
    out = {"urban_dibao": costs["urban_dibao"], "rural_dibao": costs["rural_dibao"],
           "tekun": costs["urban_tekun"] + costs["rural_tekun"]}
    out["total"] = out["urban_dibao"] + out["rural_dibao"] + out["tekun"]
    return out


def annual_cost(
    projection: pd.DataFrame, baseline_projection: pd.DataFrame, caseload: pd.DataFrame, base_year: int
) -> pd.DataFrame:
    """Rough annual outlay (亿元/年) on dibao and 特困 benefits under the projection, against the baseline.

    cost_t = recipients × average benefit (元/人·月) × 12 × standard_t / baseline standard in `base_year`,
    per programme, from `latest_caseload` (the month of the caseload should fall in `base_year`).

    ASSUMPTIONS, to be shown with the figures:
    - recipients stay at the latest month's number (no change in caseload);
    - the average benefit moves in proportion to the standard. A dibao benefit is a gap payment (standard
      minus household income, 差额补助), so a higher standard raises it by more than proportionally for
      households with income and adds newly eligible households: the estimate is an approximation, not a
      budget. 特困 benefits scale with the 特困 standard in the same way;
    - the base is the BASELINE scenario's standard in `base_year`, so a scenario that sets higher standards
      in `base_year` itself already costs more in that year.
    Columns: urban_dibao, rural_dibao, tekun (urban + rural), total, total_baseline, change_vs_baseline.
    """
    if base_year not in baseline_projection.index:
        raise ValueError(f"基准情景不含 {base_year} 年，无法以该年标准为支出基数")
    costs = _programme_costs(projection, baseline_projection, caseload, base_year)
    baseline = _programme_costs(baseline_projection, baseline_projection, caseload, base_year)
    total_baseline = pd.Series(baseline["total"], index=baseline_projection.index).reindex(projection.index)
    costs["total_baseline"] = total_baseline.to_numpy()
    costs["change_vs_baseline"] = costs["total"] - costs["total_baseline"]
    return pd.DataFrame(costs, index=pd.Index(projection.index, name="year"))
