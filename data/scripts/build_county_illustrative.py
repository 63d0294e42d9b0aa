"""Build the ILLUSTRATIVE county-year table (示例数据) and the template for real county data.

Why illustrative
    No county-level 低保 standards, caseloads or service figures for Jilin could be found in public
    sources. The county pages still need something to draw, so this script generates a table that is
    plausible and consistent with everything that IS published, and labels it 示例数据 everywhere. It is
    replaced by real figures as soon as a user supplies them (see analytics/county_data.py).

Inputs (all repo files, validated by analytics.loaders)
    data/counties.csv           census population, urban share, 65+ share, former poverty and border status
    data/province_annual.csv    2020 province standards (6,552 / 4,372 元/人·年), disposable incomes
    data/assistance_monthly.csv province urban/rural 低保 and 特困 recipients, latest month of each year
    data/context_points.csv     长春 2023-11 urban/rural 低保 recipients; 延吉 urban standard points
    data/parameters.yml         income ratios and lag of the guidance rule, 特困 multiplier, poverty floor

Method (the same text, in Chinese, is the sidecar's `method`)
    One numpy Generator seeded with SEED draws every random number in a fixed order: running the script
    twice writes identical bytes.

    * Recipients 2021–2024 (2020: none, the province published no 2020 caseload). Each year's province
      total is the latest month published in that year (2021-09, 2022-07, 2023-11, 2024-11). It is
      allocated to counties in proportion to urban (rural) census population × a need weight: former
      poverty counties ×1.40 (national) / ×1.25 (provincial), border counties ×1.10, × (65+ share / its
      provincial mean), × a county effect (lognormal, σ = 0.15, fixed across years) × a yearly wobble
      (lognormal, σ = 0.03). 长春's 11 counties together receive 长春's published share of 2023-11
      (53,734 / 282,462 urban; 102,519 / 516,350 rural) of every year's total, so 2023 matches 长春's
      figures exactly; the rest of the province gets the remainder. Integer persons by largest-remainder
      rounding, so county sums equal the province totals exactly. No rural population (南关区) → 0.
    * 特困 persons: the province's urban and rural 特困 totals of the same months, allocated in proportion to
      urban (rural) population × (65+ share / mean)² × need weight × county effect, each side rounded by
      largest remainder, then added. (The 2022-05 report gives only a total; 2022-07, the month used, has
      both sides.)
    * Standards 2020: the province's published 2020 standards (546.0 and 364.3 元/人·月) are the population-
      weighted means (urban weighted by urban, rural by rural population), reconciled by scaling. Spread:
      长春's districts +12 %, other prefecture-seat districts +6 %, 长春's counties +4 %, former national
      poverty counties −12 %, provincial −8 %, × lognormal noise (σ = 0.04). The rural standard is never
      below the poverty line, 4,000/12 = 333.4 元/月 (rounded up to the 角).
    * Standards 2021–2024: each county grows at the province rule's implied rate, income(t−2)/income(t−3)
      (ratio × income with lag 2, 吉民发〔2022〕24号 §三(二)1; never below 1: standards are not cut), × a seeded
      wobble of at most ±1 %. From 2022, when the rule took effect, a county below the province minimum
      guidance standard (calibrated ratio 0.21715 / 0.31801 × province income of t−2, as in
      analytics/standards.py) is raised to 0.2–3 % above it — EXCEPT 8 seeded "lagging" counties, which
      stay 1.5–7 % below it on one or both sides, so the 2024 "below the guidance" map has something to
      show. 延吉's urban standard is not modelled but anchored on its published points: 480 元/月 in
      2015-07, and 660 元/月, the standard in force until the 2025-07 rise to 760; interpolated
      geometrically (2015 → 2024 = 660). As a result 延吉 is slightly below the 2023 guidance (637.1 vs
      645.0), an effect of the anchors, not a choice.
    * 特困 standards 2021–2024 = 1.3 × the county's previous-year 低保 standard (parameter tekun_multiplier,
      rounded up to the 角), except 5 seeded counties at 1.25× in 2023–2024 (deliberately non-compliant).
      2020: none (no 2019 county standard).
    * Temporary assistance (人次/年) ≈ 0.15 × all 低保 recipients × noise. There is no province total: NOT
      reconciled, purely illustrative.
    * Service network: approval delegated to townships, social-work station coverage, village assistance
      coordinators rise from seeded 2020 levels towards 100 %; nursing-bed share towards a county target
      around 50 %; care institutions small counts, ≥ 1 from 2022 in all but 3 seeded counties (the 2022
      target); 12345 hotline 0/1, all 1 by 2023. All values seeded, clipped to [0, 1].
    Money is rounded to 0.1 元, shares to 4 decimals.

Outputs
    data/county_indicators.csv and its sidecar county_indicators.meta.yml (status: illustrative);
    data/templates/county_indicators_template.csv (UTF-8 with BOM) and .xlsx (sheet 数据 + 说明), and the
    template's sidecar. Columns, headers and the schema all come from analytics.county_data.COLUMNS.

    python data/scripts/build_county_illustrative.py    # prints the reconciliation summary
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parents[1]
REPO = DATA.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from analytics.county_data import COLUMNS, STATUS_ILLUSTRATIVE  # noqa: E402
from analytics.loaders import load_table  # noqa: E402
from analytics.parameters import PolicyParameter, load_parameters  # noqa: E402
from analytics.standards import guidance_standard, observed_incomes, observed_standards  # noqa: E402

SEED = 20261123
YEARS = tuple(range(2020, 2025))
CASELOAD_YEARS = tuple(range(2021, 2025))
RULE_FROM = 2022  # 吉民发〔2022〕24号 (2022-07-08): counties must reach the guidance standard
ANCHOR_YEAR = 2023  # 长春's caseload is published for 2023-11
CHANGCHUN = "220100"
YANJI = "222401"
SIDES = ("urban", "rural")
MONTHS = 12

POVERTY_NEED = {"national": 1.40, "provincial": 1.25, "none": 1.0}
BORDER_NEED = 1.10
COUNTY_EFFECT_SIGMA = 0.15
YEAR_WOBBLE_SIGMA = 0.03
STANDARD_NOISE_SIGMA = 0.04
STANDARD_GROWTH_WOBBLE = 0.01
LIFT_MARGIN = (0.002, 0.03)
LAGGARDS = 8
LAG_FACTOR = (0.93, 0.985)
NON_COMPLIANT_TEKUN = 5
NON_COMPLIANT_MULTIPLIER = 1.25
NON_COMPLIANT_YEARS = (2023, 2024)
TEMPORARY_PER_RECIPIENT = 0.15
CARE_LATE = 3

OUT_CSV = DATA / "county_indicators.csv"
OUT_META = DATA / "county_indicators.meta.yml"
TEMPLATES = DATA / "templates"
TEMPLATE_CSV = TEMPLATES / "county_indicators_template.csv"
TEMPLATE_XLSX = TEMPLATES / "county_indicators_template.xlsx"
TEMPLATE_META = TEMPLATES / "county_indicators_template.meta.yml"
TEMPLATE_YEAR = 2024
FIXED_ZIP_TIME = (2026, 11, 23, 0, 0, 0)


# ----------------------------------------------------------------------------------------- helpers
def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total` exactly (Hamilton's method).

    Floors of the exact quotas, then one more to the largest fractional parts; ties go to the earlier
    position, so the result is deterministic. A zero weight gets zero.
    """
    weights = np.asarray(weights, dtype=float)
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    quotas = total * weights / weights.sum()
    base = np.floor(quotas).astype(np.int64)
    short = int(total - base.sum())
    order = np.lexsort((np.arange(len(weights)), -(quotas - base)))
    base[order[:short]] += 1
    return base


def ceil1(values: np.ndarray | float) -> np.ndarray:
    """Round up to 0.1 (a standard must not fall below a line because of rounding)."""
    return np.ceil(np.round(np.asarray(values, dtype=float) * 10, 6)) / 10


def round1(values: np.ndarray | float) -> np.ndarray:
    return np.round(np.asarray(values, dtype=float), 1)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    return float(np.sum(values * weights) / np.sum(weights))


def _param(parameters: Mapping[str, PolicyParameter], name: str) -> float:
    value = parameters[name].current.value
    if value is None:
        raise SystemExit(f"parameter {name} has no value")
    return float(value)


# ----------------------------------------------------------------------------------------- inputs
def province_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per year 2021..2024 the latest published month and its urban/rural 低保 and 特困 recipients."""
    wide = monthly.pivot(index="month", columns="indicator", values="value")
    rows = {}
    for year in CASELOAD_YEARS:
        months = [m for m in wide.index if m.startswith(str(year))
                  and pd.notna(wide.loc[m, "urban_dibao_recipients"])
                  and pd.notna(wide.loc[m, "rural_dibao_recipients"])]
        if not months:
            raise SystemExit(f"no province caseload for {year}")
        month = max(months)
        row = wide.loc[month]
        if pd.notna(row.get("urban_tekun_recipients")) and pd.notna(row.get("rural_tekun_recipients")):
            tekun = {"urban": int(row["urban_tekun_recipients"]), "rural": int(row["rural_tekun_recipients"])}
        else:  # only a total (as in 2022-05): counted as rural, where nine in ten 特困 persons live
            tekun = {"urban": 0, "rural": int(row["tekun_recipients_total"])}
        rows[year] = {
            "month": month,
            "urban": int(row["urban_dibao_recipients"]),
            "rural": int(row["rural_dibao_recipients"]),
            "tekun_urban": tekun["urban"],
            "tekun_rural": tekun["rural"],
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame["tekun"] = frame["tekun_urban"] + frame["tekun_rural"]
    return frame


def context_value(context: pd.DataFrame, period: str, indicator: str) -> pd.Series:
    row = context[(context["period"] == period) & (context["indicator"] == indicator)]
    if row.empty:
        raise SystemExit(f"context_points.csv lacks {period} {indicator}")
    return row.iloc[0]


def yanji_urban_path(context: pd.DataFrame) -> dict[int, float]:
    """延吉's urban standard by year: geometric between 2015-07 (480) and the value before the 2025-07 rise.

    The 2025-07 report gives 760 元 "raised from 660": 660 was in force through 2024, so it anchors 2024.
    """
    early = float(context_value(context, "2015-07", "yanji_urban_dibao_standard_month")["value"])
    late_row = context_value(context, "2025-07", "yanji_urban_dibao_standard_month")
    match = re.search(r"raised from (\d+)", str(late_row["unit"]))
    if not match:
        raise SystemExit("context_points.csv: the 2025-07 Yanji row no longer says what it was raised from")
    before_rise = float(match.group(1))
    span = 2024 - 2015
    return {year: early * (before_rise / early) ** ((year - 2015) / span) for year in YEARS}


# ----------------------------------------------------------------------------------------- build
def build(root: Path = DATA) -> pd.DataFrame:
    """The illustrative table (one row per code-year, 60 × 5), without writing anything."""
    rng = np.random.default_rng(SEED)
    counties = load_table("counties", root).sort_values("code").reset_index(drop=True)
    monthly = load_table("assistance_monthly", root)
    context = load_table("context_points", root)
    annual = load_table("province_annual", root)
    parameters = load_parameters(root)
    totals = province_totals(monthly)

    n = len(counties)
    codes = counties["code"].to_numpy()
    pop = counties["pop_2020_census"].to_numpy(dtype=float)
    urban_share = counties["urban_share_2020"].to_numpy(dtype=float)
    population = {"urban": pop * urban_share, "rural": pop * (1 - urban_share)}
    age = counties["share_age_65plus_2020"].to_numpy(dtype=float)
    age_index = age / weighted_mean(age, pop)
    poverty = counties["poverty_county"].to_numpy()
    need = (np.array([POVERTY_NEED[p] for p in poverty])
            * np.where(counties["border_county"].to_numpy() == "yes", BORDER_NEED, 1.0) * age_index)
    changchun = counties["prefecture_code"].to_numpy() == CHANGCHUN
    district = counties["kind"].to_numpy() == "区"
    yanji = codes == YANJI

    table = pd.DataFrame({"code": np.repeat(codes, len(YEARS)), "year": np.tile(YEARS, n)})
    table.insert(1, "name", np.repeat(counties["name"].to_numpy(), len(YEARS)))
    at = {(c, y): i for i, (c, y) in enumerate(zip(table["code"], table["year"], strict=True))}

    def put(column: str, year: int, values: np.ndarray) -> None:
        rows = [at[(c, year)] for c in codes]
        if column not in table:
            table[column] = np.nan
        table.loc[rows, column] = values

    # --- 低保 recipients ---------------------------------------------------------------------------
    effect = {side: np.exp(rng.normal(0, COUNTY_EFFECT_SIGMA, n)) for side in SIDES}
    cc_share = {
        side: float(context_value(context, f"{ANCHOR_YEAR}-11", f"changchun_{side}_dibao_recipients")["value"])
        / totals.loc[ANCHOR_YEAR, side]
        for side in SIDES
    }
    recipients: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for year in CASELOAD_YEARS:
        for side in SIDES:
            wobble = np.exp(rng.normal(0, YEAR_WOBBLE_SIGMA, n))
            weight = population[side] * need * effect[side] * wobble
            total = int(totals.loc[year, side])
            cc_total = int(round(total * cc_share[side]))
            values = np.zeros(n, dtype=np.int64)
            values[changchun] = largest_remainder(cc_total, weight[changchun])
            values[~changchun] = largest_remainder(total - cc_total, weight[~changchun])
            recipients[side][year] = values
    # --- 特困 persons ------------------------------------------------------------------------------
    tekun_effect = {side: np.exp(rng.normal(0, COUNTY_EFFECT_SIGMA, n)) for side in SIDES}
    tekun: dict[int, np.ndarray] = {}
    for year in CASELOAD_YEARS:
        tekun[year] = sum(
            largest_remainder(int(totals.loc[year, f"tekun_{side}"]),
                              population[side] * age_index**2 * need * tekun_effect[side])
            for side in SIDES
        )
    # --- temporary assistance (not reconciled) ------------------------------------------------------
    temp_effect = np.exp(rng.normal(0, 0.2, n))
    temporary = {}
    for year in CASELOAD_YEARS:
        wobble = np.exp(rng.normal(0, 0.05, n))
        both = recipients["urban"][year] + recipients["rural"][year]
        temporary[year] = np.round(both * TEMPORARY_PER_RECIPIENT * temp_effect * wobble).astype(np.int64)

    # --- standards ----------------------------------------------------------------------------------
    published = observed_standards(annual)
    incomes = {side: series.reindex(range(int(series.index.min()), YEARS[-1] + 1))
               for side, series in observed_incomes(annual).items()}
    floor_month = float(ceil1(_param(parameters, "poverty_line_floor") / MONTHS))
    lag = int(_param(parameters, "dibao_income_lag_years"))
    ratios = {side: _param(parameters, f"dibao_income_ratio_{side}") for side in SIDES}
    guidance = {
        side: guidance_standard(incomes[side], ratios[side], lag,
                                _param(parameters, "poverty_line_floor") if side == "rural" else None) / MONTHS
        for side in SIDES
    }
    growth = {side: {year: max(1.0, float(incomes[side][year - lag] / incomes[side][year - lag - 1]))
                     for year in YEARS[1:]} for side in SIDES}
    yanji_path = yanji_urban_path(context)

    spread = (1 + np.where(changchun & district, 0.12, 0.0)
              + np.where(~changchun & district, 0.06, 0.0)
              + np.where(changchun & ~district, 0.04, 0.0)
              + np.where(poverty == "national", -0.12, 0.0)
              + np.where(poverty == "provincial", -0.08, 0.0))
    standard: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for side in SIDES:
        target = float(published[side][2020]) / MONTHS
        raw = target * spread * np.exp(rng.normal(0, STANDARD_NOISE_SIGMA, n))
        fixed = yanji.copy() if side == "urban" else np.zeros(n, dtype=bool)
        raw[fixed] = yanji_path[2020]
        standard[side][2020] = round1(reconcile_mean(raw, population[side], target, fixed,
                                                     floor_month if side == "rural" else None))

    candidates = np.flatnonzero((spread < 1) & ~yanji)
    laggards = np.sort(rng.choice(candidates, size=LAGGARDS, replace=False))
    lag_sides = {int(i): str(rng.choice(["urban", "rural", "both"])) for i in laggards}
    lag_factor = {int(i): rng.uniform(*LAG_FACTOR) for i in laggards}
    for year in YEARS[1:]:
        for side in SIDES:
            previous = standard[side][year - 1]
            grown = previous * growth[side][year] * (1 + rng.uniform(-STANDARD_GROWTH_WOBBLE,
                                                                             STANDARD_GROWTH_WOBBLE, n))
            line = float(guidance[side][year])
            lifted = ceil1(line * (1 + rng.uniform(*LIFT_MARGIN, n)))
            values = np.maximum(grown, previous)  # a standard is never cut
            if year >= RULE_FROM:
                values = np.maximum(values, lifted)
                for i in laggards:
                    if lag_sides[int(i)] in (side, "both"):
                        values[i] = max(previous[i], line * lag_factor[int(i)])  # raised, not enough
            if side == "urban":
                values[yanji] = yanji_path[year]
            else:
                values = np.maximum(values, floor_month)
            standard[side][year] = round1(values)

    multiplier = _param(parameters, "tekun_multiplier")
    tekun_lag = int(_param(parameters, "tekun_base_year_lag"))
    non_compliant = np.sort(rng.choice(np.flatnonzero(~yanji), size=NON_COMPLIANT_TEKUN, replace=False))
    tekun_standard: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for year in YEARS[tekun_lag:]:
        for side in SIDES:
            base = standard[side][year - tekun_lag]
            values = ceil1(multiplier * base)
            if year in NON_COMPLIANT_YEARS:
                values[non_compliant] = round1(NON_COMPLIANT_MULTIPLIER * base[non_compliant])
            tekun_standard[side][year] = values

    # --- service network ----------------------------------------------------------------------------
    services = service_network(rng, n, pop)

    # --- assemble -----------------------------------------------------------------------------------
    for year in YEARS:
        for side in SIDES:
            put(f"{side}_standard_month", year, standard[side][year])
        if year in recipients["urban"]:
            put("urban_recipients", year, recipients["urban"][year])
            put("rural_recipients", year, recipients["rural"][year])
            put("tekun_persons", year, tekun[year])
            put("temporary_assistance_cases", year, temporary[year])
        if year in tekun_standard["urban"]:
            put("tekun_urban_standard_month", year, tekun_standard["urban"][year])
            put("tekun_rural_standard_month", year, tekun_standard["rural"][year])
        for column, by_year in services.items():
            put(column, year, by_year[year])

    table = table[[c.code for c in COLUMNS]].copy()
    for column in COLUMNS:
        if column.type == "int" and column.code != "year":
            table[column.code] = table[column.code].round().astype("Int64")
        elif column.type == "float":
            digits = 4 if column.is_share else 1
            table[column.code] = table[column.code].astype("float64").round(digits)
    table["year"] = table["year"].astype("int64")
    table.attrs["laggards"] = {str(codes[i]): str(lag_sides[int(i)]) for i in laggards}
    table.attrs["non_compliant_tekun"] = [str(codes[i]) for i in non_compliant]
    table.attrs["totals"] = totals
    table.attrs["guidance"] = {side: guidance[side].to_dict() for side in SIDES}
    return table


def reconcile_mean(raw: np.ndarray, weights: np.ndarray, target: float, fixed: np.ndarray,
                   floor: float | None) -> np.ndarray:
    """Scale the free values so the weighted mean equals `target`; clipped values join `fixed`.

    Clipping at the floor raises the mean, so the remaining free values are scaled again until no new
    value reaches the floor.
    """
    values = raw.astype(float).copy()
    held = fixed.copy()
    for _ in range(100):
        free = ~held & (weights > 0)
        wanted = target * weights.sum() - np.sum(values[held] * weights[held])  # zero weights add nothing
        values[free] *= wanted / np.sum(values[free] * weights[free])
        if floor is None or not (values[free] < floor).any():
            break
        below = free & (values < floor)
        values[below] = floor
        held |= below
    if floor is not None:
        values = np.maximum(values, floor)
    return values


def _rising(rng: np.random.Generator, n: int, start: tuple[float, float], rate: tuple[float, float],
            goal: np.ndarray | float = 1.0) -> dict[int, np.ndarray]:
    """Shares approaching `goal` from seeded 2020 levels: goal − (goal − s0)·e^(−k(t−2020)), never falling."""
    s0 = rng.uniform(*start, n)
    k = rng.uniform(*rate, n)
    out, best = {}, np.zeros(n)
    for year in YEARS:
        value = goal - (goal - s0) * np.exp(-k * (year - YEARS[0])) + rng.normal(0, 0.015, n)
        best = np.maximum(best, np.clip(value, 0, 1))
        out[year] = np.round(best, 4)
    return out


def service_network(rng: np.random.Generator, n: int, pop: np.ndarray) -> dict[str, dict[int, np.ndarray]]:
    services = {
        "approval_delegated_share": _rising(rng, n, (0.35, 0.75), (0.25, 0.8)),
        "social_work_station_coverage": _rising(rng, n, (0.05, 0.35), (0.2, 0.6)),
        "village_coordinator_share": _rising(rng, n, (0.2, 0.6), (0.2, 0.7)),
        "nursing_bed_share": _rising(rng, n, (0.2, 0.4), (0.3, 0.8), goal=rng.uniform(0.45, 0.62, n)),
    }
    care = rng.poisson(0.3 + pop / 600_000)
    late = rng.choice(n, size=CARE_LATE, replace=False)
    care[late] = 0
    counts = {}
    for year in YEARS:
        if year > YEARS[0]:
            care = care + rng.binomial(1, 0.25, n)
        if year >= 2022:
            care = np.maximum(care, 1)
        if year <= 2022:
            care[late] = 0  # these reach the 2022 target a year late
        counts[year] = care.copy()
    services["care_institutions"] = counts
    adoption = rng.choice([2020, 2021, 2022, 2023], size=n, p=[0.7, 0.12, 0.1, 0.08])
    services["hotline_12345"] = {year: (adoption <= year).astype(np.int64) for year in YEARS}
    return services


# ----------------------------------------------------------------------------------------- writing
def csv_text(table: pd.DataFrame) -> str:
    """The committed CSV's exact text (UTF-8, LF, blanks for missing values)."""
    return table.to_csv(index=False, lineterminator="\n", na_rep="")


def _yaml_scalar(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if re.search(r"[:#{}\[\],&*!|>'\"%@`]|^\s|\s$", text) or text in ("yes", "no", "true", "false", ""):
        return "'" + text.replace("'", "''") + "'"
    return text


def _flow(spec: Mapping[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in spec.items()) + "}"


METHOD_ZH = """\
全部为示例数据（非统计数字），由 data/scripts/build_county_illustrative.py 以固定随机种子（{seed}）生成，重复运行结果逐字节相同。
【低保人数】2021—2024 年各取省民政厅月报中当年最新一个月（{months}）的全省城市、农村低保人数，按各县 2020 年普查城镇（乡村）人口 × 需求权重分配：原国家级贫困县 ×1.40、省级 ×1.25，边境县 ×1.10，× 65 岁及以上人口比重相对全省均值，× 县固定效应（对数正态，σ=0.15）× 年度扰动（σ=0.03）。长春市 11 个县级区划合计按长春 2023 年 11 月公布数（城市 53,734 人、农村 102,519 人）占全省的比例分得每年总数，故 2023 年与长春公布数完全一致；其余县分剩余部分。以最大余数法取整，各年各县合计与全省公布数完全相等。无乡村人口的南关区农村低保为 0。2020 年全省未公布人数，留空。
【特困人数】按当月全省城市、农村特困人数分别以城镇（乡村）人口 × （65 岁及以上比重相对均值）² × 需求权重 × 县效应分配，最大余数法取整后相加，与全省合计完全相等。
【低保标准】2020 年以全省公布标准（城市 6,552、农村 4,372 元/人·年，即 546.0、364.3 元/人·月）为按城镇（乡村）人口加权的全省均值，等比例校准；县际差异：长春市辖区 +12%，其他市辖区 +6%，长春所辖县（市）+4%，原国家级贫困县 −12%、省级 −8%，再乘对数正态扰动（σ=0.04）；农村标准不低于国家扶贫标准 4,000 元/年（按月向上取整为 333.4 元）。2021—2024 年各县按省定规则隐含的增速增长：t−2 年居民人均可支配收入的环比（比例 0.21715 / 0.31801、滞后 2 年，标准不下调），另加不超过 ±1% 的扰动；自 2022 年（吉民发〔2022〕24号施行）起低于省定最低指导标准（校准比例 × 全省 t−2 年收入）的县提高到指导标准以上 0.2%—3%，但有意保留 {laggards} 个县（随机选自原贫困县）在城市和/或农村标准上低于指导标准 1.5%—7%，使“低于指导标准”地图有内容可显示。延吉市城市标准不按模型生成，而以公布值为锚：2015 年 7 月 480 元/月，2025 年 7 月由 660 元提高到 760 元（即 2024 年为 660 元），其间按几何平均插值；因此延吉 2023 年城市标准（637.1 元）略低于当年指导标准（645.0 元），这是以公布值为锚的结果，不是有意设置。
【特困供养标准】2021—2024 年为本县上年低保标准的 1.3 倍（参数 tekun_multiplier，向上取整到角）；有意设 {non_compliant} 个县（随机选定）在 2023、2024 年仅为 1.25 倍（未达标）。2020 年缺上年县级标准，留空。
【临时救助人次】约为低保总人数 × 0.15 × 扰动；全省无公布总数，未作校准，纯属示意。
【服务网络】审批权限下放比例、乡镇社工站覆盖率、救助协理员配备比例自随机的 2020 年水平逐年趋近 100%；护理型床位占比趋近各县约 50% 的目标；照护机构数为小整数，2022 年起除 3 个县外均不少于 1 个（2022 年目标）；12345 热线接入为 0/1，2023 年起全部接入。比例均截断在 0—1 之间。金额保留 1 位小数，比例保留 4 位小数。"""

METHOD_EN = """\
Illustrative, not statistics; seeded ({seed}), byte-identical on re-run. Recipients 2021–2024: each year's
province totals (latest month: {months_en}) allocated to counties by census urban/rural population × need
(former poverty, border, ageing, lognormal county effect), Changchun's 11 counties taking Changchun's
published 2023-11 share, integer largest-remainder rounding so sums equal the province totals exactly.
Tekun persons likewise. Standards: 2020 population-weighted means equal the province's 546.0 / 364.3
yuan a month; later years grow at the province rule's implied rate (ratio × income, lag 2); from 2022
counties are lifted to the guidance standard except {laggards} deliberately lagging counties; rural never
below the poverty line; Yanji's urban standard anchored on its published 480 (2015) and 660 (until
2025-07). Tekun standards 1.3 × previous-year dibao, {non_compliant} counties at 1.25× in 2023–2024.
Temporary assistance and service-network indicators are purely illustrative (not reconciled)."""


def sidecar_text(table: pd.DataFrame, csv_bytes: bytes) -> str:
    totals = table.attrs["totals"]
    months = "、".join(totals["month"])
    fill = {"seed": SEED, "months": months, "laggards": LAGGARDS, "non_compliant": NON_COMPLIANT_TEKUN,
            "months_en": ", ".join(totals["month"])}
    units = "\n".join(f"  {c.code}: {_yaml_scalar(c.unit_text)}" for c in COLUMNS if c.unit_text)
    columns = "\n".join(f"  {c.code}: {_flow(c.schema())}" for c in COLUMNS)
    indent = "\n  ".join
    return f"""\
file: county_indicators.csv
title: 吉林省县级社会救助指标（示例数据）
title_en: Jilin county-level social-assistance indicators (ILLUSTRATIVE data)
producer: 本项目（示例数据，由 data/scripts/build_county_illustrative.py 生成）
source: >-
  由真实数据推算的示例数据：data/counties.csv（第七次人口普查分县人口、城镇化率、65岁及以上人口比重，原贫困县、边境县身份）；
  data/province_annual.csv（2020年全省城乡低保标准 6,552 / 4,372 元/人·年，全省城乡居民人均可支配收入）；
  data/assistance_monthly.csv（吉林省民政厅月报全省城乡低保、特困人数，{months}）；
  data/context_points.csv（长春市 2023年11月城乡低保人数，延吉市城市低保标准）；data/parameters.yml（省定标准规则参数、特困1.3倍）。
url: not applicable
date_accessed: '2026-11-23'
licence: 示例数据，随项目发布
status: {STATUS_ILLUSTRATIVE}
status_note: >-
  示例数据：公开来源中找不到吉林省县级低保标准、人数与服务网络数据，本表按下述方法生成，仅用于演示县域地图与对比功能，不得作为统计数据引用。
  各县低保、特困人数之和与全省公布数完全一致，长春市 2023 年合计与长春公布数一致，2020 年标准的人口加权均值等于全省公布标准；其余数值均为示意。
  导入真实数据（环境变量 JILIN_COUNTY_DATA_DIR 指向填好模板的文件夹）后本表即被替换。
method: |-
  {indent(METHOD_ZH.format(**fill).splitlines())}
method_en: >-
  {indent(METHOD_EN.format(**fill).splitlines())}
script: data/scripts/build_county_illustrative.py
seed: {SEED}
laggard_counties: {{{", ".join(f"'{c}': {side}" for c, side in table.attrs["laggards"].items())}}}
non_compliant_tekun_counties: [{", ".join(f"'{c}'" for c in table.attrs["non_compliant_tekun"])}]
units:
{units}
unique: [code, year]
row_count: {len(table)}
columns:
{columns}
sha256: {hashlib.sha256(csv_bytes).hexdigest()}
"""


def template_frame(counties: pd.DataFrame) -> pd.DataFrame:
    """The blank template: the 60 codes and names for one year, every value empty, template headers."""
    frame = pd.DataFrame({c.header: "" for c in COLUMNS}, index=range(len(counties)))
    frame[COLUMNS[0].header] = counties["code"].to_numpy()
    frame[COLUMNS[1].header] = counties["name"].to_numpy()
    frame[COLUMNS[2].header] = str(TEMPLATE_YEAR)
    return frame


def _range_text(column) -> str:
    if column.min is None and column.max is None:
        return "—" if column.type != "code" else "吉林省 60 个县级区划代码之一"
    return f"{column.min:g} 至 {column.max:g}"


def template_xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """The Excel template (sheet 数据 + sheet 说明), with fixed timestamps so the bytes are reproducible."""
    from datetime import datetime

    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([str(v) if v != "" else None for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(10, len(column.header) + 4)
        if column.code in ("code", "name"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "@"  # keep codes as text
    sheet.freeze_panes = "C2"

    notes = book.create_sheet("说明")
    notes.append(["列名（表头）", "英文代码", "含义", "单位", "允许范围", "是否必填"])
    for column in COLUMNS:
        notes.append([column.header, column.code, column.description, column.unit_text or "—",
                      _range_text(column), "必填" if column.required else "可留空"])
    notes.append([])
    for line in (
        "每行一个县级行政区的一个年份（区划代码 + 年份不得重复）；填报的每个年份须包含全部 60 个县级行政区。",
        "表头可用本模板的中英文表头、英文代码或中文列名；不需要的列可删除或留空。",
        "比例填 0 至 1 之间的小数（85% 填 0.85）；金额单位为元/人·月；人数为整数。",
        "CSV 可为 UTF-8（含 BOM）或 GBK 编码；Excel 文件只读取第一个工作表。",
        "将填好的文件放入一个文件夹，设置环境变量 JILIN_COUNTY_DATA_DIR 指向该文件夹，看板即以真实数据替换示例数据。",
    ):
        notes.append([line])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (44, 30, 60, 12, 26, 10), strict=True):
        notes.column_dimensions[letter].width = width

    fixed = datetime(*FIXED_ZIP_TIME)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "build_county_illustrative.py"
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps (openpyxl stamps the current time on save)."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_ZIP_TIME)
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            target.writestr(fixed, content)
    return out.getvalue()


def template_sidecar_text(csv_bytes: bytes, rows: int) -> str:
    """The template's sidecar; its schema is the template headers (all blank except code, name, year)."""
    prefilled = ("code", "name", "year")
    schema = {
        c.header: {"type": c.type, "pattern": c.pattern} if c.pattern
        else {"type": c.type if c.code in prefilled else "str"} if c.code in prefilled
        else {"type": "str", "required": False, "allowed": [""]}  # the committed template holds no values
        for c in COLUMNS
    }
    columns = "\n".join(f"  {_yaml_scalar(header)}: {_flow(spec)}" for header, spec in schema.items())
    return f"""\
file: {TEMPLATE_CSV.name}
title: 县级社会救助指标导入模板（空白，CSV 与 Excel）
title_en: Import template for real county-level social-assistance data (blank; CSV and Excel)
producer: 本项目（由 data/scripts/build_county_illustrative.py 生成）
source: >-
  空白模板，不含任何指标数值：列定义取自 analytics/county_data.py（COLUMNS），区划代码与名称取自 data/counties.csv。
  同一模板有两个文件：{TEMPLATE_CSV.name}（UTF-8 含 BOM，Excel 可直接打开）与 {TEMPLATE_XLSX.name}（工作表“数据”与“说明”）。
url: not applicable
date_accessed: '2026-11-23'
licence: 随项目发布
status: derived
status_note: >-
  空白模板（只预填 {TEMPLATE_YEAR} 年的 60 个区划代码与名称，数值留空），不是数据；填好后由 analytics/county_data.py 校验导入。
script: data/scripts/build_county_illustrative.py
files: [{TEMPLATE_CSV.name}, {TEMPLATE_XLSX.name}]
row_count: {rows}
columns:
{columns}
sha256: {hashlib.sha256(csv_bytes).hexdigest()}
"""


def reconciliation(table: pd.DataFrame) -> pd.DataFrame:
    """Per year: province totals used vs county sums (and 长春's 2023 figures)."""
    totals = table.attrs["totals"]
    rows = []
    for year in CASELOAD_YEARS:
        part = table[table["year"] == year]
        for column, total in (("urban_recipients", totals.loc[year, "urban"]),
                              ("rural_recipients", totals.loc[year, "rural"]),
                              ("tekun_persons", totals.loc[year, "tekun"])):
            rows.append({"year": year, "month": totals.loc[year, "month"], "indicator": column,
                         "province": int(total), "county_sum": int(part[column].sum())})
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame, counties: pd.DataFrame) -> str:
    lines = ["Reconciliation (province total used vs sum over the 60 counties):"]
    recon = reconciliation(table)
    recon["diff"] = recon["county_sum"] - recon["province"]
    lines.append(recon.to_string(index=False))
    cc = counties.loc[counties["prefecture_code"] == CHANGCHUN, "code"]
    part = table[(table["year"] == ANCHOR_YEAR) & table["code"].isin(cc)]
    lines.append(f"长春 {ANCHOR_YEAR}: urban {int(part['urban_recipients'].sum())} (published 53734), "
                 f"rural {int(part['rural_recipients'].sum())} (published 102519)")
    base = table[table["year"] == 2020].merge(counties, on=["code", "name"])
    pop = base["pop_2020_census"].astype(float)
    share = base["urban_share_2020"].astype(float)
    lines.append(
        f"2020 weighted mean standards: urban {weighted_mean(base['urban_standard_month'], pop * share):.3f} "
        f"(546.000), rural {weighted_mean(base['rural_standard_month'], pop * (1 - share)):.3f} (364.333)"
    )
    guide = table.attrs["guidance"]
    last = table[table["year"] == 2024]
    for side in SIDES:
        line = guide[side][2024]
        below = last[last[f"{side}_standard_month"] < line]
        lines.append(f"2024 {side} guidance {line:.2f}: below = "
                     + "、".join(f"{r.name}({getattr(r, f'{side}_standard_month')})" for r in below.itertuples()))
    lines.append("non-compliant 特困 (1.25×) in 2023–2024: " + "、".join(
        counties.set_index("code").loc[table.attrs["non_compliant_tekun"], "name"]))
    return "\n".join(lines)


def main() -> None:
    table = build()
    counties = load_table("counties", DATA)
    csv_bytes = csv_text(table).encode("utf-8")
    OUT_CSV.write_bytes(csv_bytes)
    OUT_META.write_text(sidecar_text(table, csv_bytes), encoding="utf-8")

    TEMPLATES.mkdir(exist_ok=True)
    template = template_frame(counties.sort_values("code"))
    template_bytes = template.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    TEMPLATE_CSV.write_bytes(template_bytes)
    TEMPLATE_XLSX.write_bytes(template_xlsx_bytes(template))
    TEMPLATE_META.write_text(template_sidecar_text(template_bytes, len(template)), encoding="utf-8")

    load_table("county_indicators", DATA)  # the written files must pass their own schemas
    load_table(TEMPLATE_CSV.stem, TEMPLATES)
    print(summary(table, counties))


if __name__ == "__main__":
    main()
