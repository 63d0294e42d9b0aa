"""Progress towards the 14th Five-Year-Plan indicators (吉民发〔2022〕24号 §二(三)): values and statuses.

Three documented methods (DOMAIN.md, "Assessing progress"), each shown on the page with its name and the
paragraph in `METHODS`:

1. **Growth ratio** — Statistics Canada's progress measure, the default of Open SDG (sdg-build
   ``ProgressMeasure.py``): observed compound annual growth since the base year 2020 over the growth
   needed to reach the target by 2025, ``R = d · g_o / |g_r|`` with ``d`` = +1 for "up is good" and −1 for
   "down is good". Target already met → 达成; R ≥ 0.95 进度正常; 0.60 ≤ R < 0.95 需加快; 0 ≤ R < 0.60
   进展有限; R < 0 倒退. Adaptations, each documented where it is made:
   * the desired direction is configured for every indicator (the table's ``direction`` column) and a
     missing or unknown direction is an error: Open SDG's default is "down is good" (d = −1), which would
     score every coverage indicator here backwards;
   * a target at a natural limit (100 % of a share) is met "within rounding of 100": a value that shows
     as 100.0 at one decimal (≥ 100 − `TOLERANCE_PP`) counts as met, and a target beyond the limit is
     capped at it;
   * a base value ≤ 0 (or a latest value / target < 0) makes the compound rate undefined. Open SDG then
     replaces 0 by 0.001, which makes R depend on an arbitrary constant; we use linear yearly changes
     instead, ``(y_t − y_0)/(t − t_0)`` over ``(y_T − y_0)/(T − t_0)``, and say so in the explanation;
   * the met check comes first, as in Open SDG: a single value on the right side of the target is 达成;
     otherwise fewer than two years is 无法评估, and no value at all 无数据.
2. **时间过半、任务过半** — the mid-term check officials use: share of the distance covered,
   ``(y_t − y_0)/(y_T − y_0)``, against share of the period elapsed, ``(t − t_0)/(T − t_0)``.
3. **Growth versus growth** for indicator 1, whose target is another series' growth: the standards' CAGR
   since the base year against the same-side income CAGR over the same years; margin in percentage points.
   The growth ratio does not apply to it.
4. **Projection** for indicators 1–3: the 2025 value under the baseline scenario of 标准测算, with the
   income forecast's mean and the ends of its 80 % interval; will the target be met?

Values (`indicator_values`), decided as follows:

* Indicators 1–3 come from the province series and the standard-setting rules (`analytics.standards`):
  the province publishes its standards only for 2020 (and, derived, 2015), so 2021 onwards are the rule's
  guidance standards (calibrated ratio × income of t − lag), status at best "derived". "Latest" is the last
  year the rule gives from **observed** inputs only — never a forecast: 2024 for indicators 2 and 3 (2022
  income, lag 2); for indicator 1 also the income growth must be observed, so 2022. The 2025 value under
  the forecast is reported separately by `projection_check`, never scored as progress achieved.
* Indicator 1's base-year value is the 十三五 context 2015–2020 (the plan's own baseline: standards up
  35 % and 61 % on 2015, i.e. 6.2 % and 10.0 % a year) against income growth over the same years. Its row
  value is the smaller of the urban and rural margins (both kept in ``urban_*`` / ``rural_*`` columns).
* Indicator 3: no province 特困 standard is published. The value is the rule's 特困 standard over the
  previous year's dibao standard, which equals the multiplier (130 %) by construction: it says what the
  rule requires, not what counties pay. The note adds the (illustrative) county table's compliance count.
* Indicators 4 and 8 are aggregated from the county table (illustrative until real data is imported):
  4 = population-weighted mean of ``approval_delegated_share`` × 100 (2020 census weights, as the map's
  province figure); 8 = share of counties with ``hotline_12345`` = 1 (unweighted: the target is that the
  hotline is connected everywhere).
* Indicators 5–7 (eligible persons covered) have no measurable denominator: the number of *eligible*
  persons is not published anywhere, so the value is NaN, status 无数据. Nothing is invented.

No Streamlit here; the page formats and caches.
"""

from __future__ import annotations

from collections.abc import Mapping
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
from analytics.province import INCOME, STANDARD
from analytics.scenario import INCOME_PATH_LABELS, Scenario, baseline_scenario
from analytics.standards import SIDES, observed_incomes, observed_standards, project_standards

# --------------------------------------------------------------------------------------------- constants
BASELINE_YEAR = 2020  # the plan's base year (end of 2020 figures in 吉民发〔2022〕24号 §一(一))
TARGET_YEAR = 2025  # end of the 14th Five-Year Plan
CONTEXT_START_YEAR = 2015  # start of the 十三五 period: indicator 1's base-year context is 2015–2020

ACHIEVED = "达成"
ON_TRACK_LABEL = "进度正常"
ACCELERATE_LABEL = "需加快"
LIMITED = "进展有限"
DETERIORATION = "倒退"
UNABLE = "无法评估"
NO_DATA = "无数据"
NOT_ACHIEVED = "未达成"  # growth versus growth (indicator 1) only: a binary target, as Open SDG's binary rule
STATUS_LABELS: tuple[str, ...] = (ACHIEVED, ON_TRACK_LABEL, ACCELERATE_LABEL, LIMITED, DETERIORATION, UNABLE,
                                  NO_DATA)
GROWTH_VS_GROWTH_LABELS: tuple[str, ...] = (ACHIEVED, NOT_ACHIEVED, UNABLE, NO_DATA)

HALFWAY_AHEAD = "任务进度不慢于时间进度"
HALFWAY_BEHIND = "任务进度慢于时间进度"
NOT_APPLICABLE = "不适用"
HALFWAY_LABELS: tuple[str, ...] = (ACHIEVED, HALFWAY_AHEAD, HALFWAY_BEHIND, DETERIORATION, UNABLE, NO_DATA,
                                   NOT_APPLICABLE)

PROJECTED_MET = "预计达成"
PROJECTED_UNMET = "预计不能达成"
PROJECTED_UNCERTAIN = "不确定"
PROJECTION_LABELS: tuple[str, ...] = (PROJECTED_MET, PROJECTED_UNMET, PROJECTED_UNCERTAIN, NO_DATA)

# Growth-ratio cut-offs (Statistics Canada / Open SDG defaults).
ON_TRACK = 0.95
ACCELERATE = 0.60
# A ratio within this of a cut-off counts as on it: y values built to give R = 0.95 exactly may compute as
# 0.9499999999999998. 1e-9 is far below any difference the data can show (R is printed to 2 decimals).
RATIO_EPSILON = 1e-9
# "A 100 % target is met within rounding of 100": shares are shown to one decimal, so a value ≥ 99.95
# displays as 100.0 and counts as met. Applied only when the target sits at the natural limit.
TOLERANCE_PP = 0.05
# Any other target: met within float rounding only (a ratio computed as 74.99999999999999 is 75).
_REL_TOLERANCE = 1e-9

DIRECTIONS: dict[str, int] = {"up": 1, "down": -1}
PERCENT = 100.0

# Natural limits of the indicators whose value is a share of a whole (% of counties, of eligible persons):
# configured explicitly, by indicator number. 2 (rural/urban standard) and 3 (特困/dibao) are ratios that
# may exceed 100 %, so they have none.
NATURAL_LIMITS: dict[int, float | None] = {1: None, 2: None, 3: None, 4: 100.0, 5: 100.0, 6: 100.0, 7: 100.0,
                                           8: 100.0}

# Data-status vocabulary of the project, most trusted first; a value carries the weakest of its inputs.
STATUS_ORDER: tuple[str, ...] = ("official", "derived", "recalled", "illustrative")

# Income paths of the projection: the forecast's median and the ends of its 80 % interval.
PROJECTION_PATHS: tuple[str, ...] = ("forecast", "lower80", "upper80")
RULE_INDICATORS: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class Method:
    key: str
    name: str  # Chinese name shown on the page
    explanation: str  # one paragraph for the page


METHODS: dict[str, Method] = {
    "growth_ratio": Method(
        "growth_ratio",
        "增长率比值法（加拿大统计局方法，Open SDG 默认）",
        "以“十四五”规划基期2020年为基年，计算基年至最新有数年份的实际年均增长率，再计算从基年出发、"
        "2025年恰好达到目标所需的年均增长率，二者之比即进度比值R。最新值已达到目标的判为“达成”；否则"
        "R≥0.95为“进度正常”，0.60≤R<0.95为“需加快”，0≤R<0.60为“进展有限”，R<0为“倒退”；不足两个年份的"
        "数据为“无法评估”，没有数据为“无数据”。每个指标都明确设定了期望方向（本表八项均为“越高越好”），"
        "没有沿用Open SDG“越低越好”的默认设置，否则覆盖类指标会被判反；目标为100%的比例类指标以100%为"
        "自然上限，数值四舍五入到一位小数后为100%（≥99.95%）即视为达成；基年值为0或负数时复合增长率无定义，"
        "改用线性年均变化计算比值。",
    ),
    "halfway": Method(
        "halfway",
        "时间过半、任务过半",
        "中期评估常用的检查：任务进度 =（最新值 − 基年值）÷（目标值 − 基年值），即基年与目标之间的差距已"
        "缩小的比例；时间进度 =（最新年份 − 2020）÷（2025 − 2020），即规划期已过去的比例。任务进度不低于"
        "时间进度，说明照此直线推进可如期达到目标；低于时间进度则说明进度滞后，需要加快。与增长率比值法"
        "不同，这里按等量（直线）而不是按复合增速衡量进度，两种方法的结论可能不同。",
    ),
    "growth_vs_growth": Method(
        "growth_vs_growth",
        "增速对比（低保标准增速与居民收入增速）",
        "指标1的目标是“城乡低保标准年均增速不低于居民人均可支配收入年均增速”，目标本身是另一组数据的增速，"
        "增长率比值法不适用。做法是分别计算城市、农村低保标准自基年以来的年均增速，与同期城镇、农村居民"
        "人均可支配收入的年均增速比较（城市对城镇、农村对农村），差值以百分点表示；城乡两项均不低于收入"
        "增速为“达成”，否则为“未达成”，并给出差距。",
    ),
    "projection": Method(
        "projection",
        "基准情景预测（标准测算）",
        "对依据标准和收入测算的指标1—3，按“标准测算”页的基准情景（现行规则参数）推算2025年的数值，"
        "居民收入分别取模型预测的中位数和80%预测区间的下限、上限。三条收入路径下都达到目标为“预计达成”，"
        "都达不到为“预计不能达成”，结论取决于收入路径的为“不确定”。区间为三条路径结果的最小值和最大值："
        "低保标准按两年前的收入确定，收入增速却按当年计算，指标值并不随收入单调变化，区间两端不一定来自"
        "同一条路径。这是“情况不变”时的推算，不是预测官方将公布的数字。",
    ),
}


@dataclass(frozen=True)
class Assessment:
    """The outcome of one method for one indicator (or one side of indicator 1).

    Growths are fractions a year (0.05 = 5 %) when ``growth_basis`` is "compound", and value units a year
    when it is "linear". ``explanation`` is the Chinese sentence for this case.
    """

    method: str  # key of METHODS
    status: str
    explanation: str
    ratio: float | None = None  # growth ratio R
    observed_growth: float | None = None  # g_o; for growth vs growth: the standard's CAGR
    required_growth: float | None = None  # g_r; for growth vs growth: the income CAGR
    growth_basis: str | None = None  # "compound" / "linear"
    distance_share: float | None = None  # halfway check
    time_share: float | None = None  # halfway check
    margin_pp: float | None = None  # growth vs growth: standard − income growth, percentage points

    @property
    def method_name(self) -> str:
        return METHODS[self.method].name


# ------------------------------------------------------------------------------------------- helpers
def _sign(direction: str) -> int:
    """+1 for "up", −1 for "down"; anything else is a configuration error, never a silent default."""
    if direction not in DIRECTIONS:
        raise ValueError(
            f"指标的期望方向应为 {' / '.join(DIRECTIONS)}，实际为「{direction}」：请在指标表中明确设定"
        )
    return DIRECTIONS[direction]


def _goal(target: float, d: int, limit: float | None) -> float:
    """The target, capped at the natural limit in the desired direction (a share cannot pass 100 %)."""
    if limit is None:
        return target
    return min(target, limit) if d > 0 else max(target, limit)


def _is_met(value: float, goal: float, d: int, limit: float | None, tolerance_pp: float) -> bool:
    """On the right side of the goal; within `tolerance_pp` when the goal is the natural limit."""
    at_limit = limit is not None and goal == limit
    tol = tolerance_pp if at_limit else _REL_TOLERANCE * max(1.0, abs(goal))
    return value >= goal - tol if d > 0 else value <= goal + tol


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.2f}{unit}" if unit else f"{value:.4g}"


def _fmt_growth(growth: float, basis: str, unit: str) -> str:
    if basis == "compound":
        return f"{growth * PERCENT:.2f}%"
    step = f"{growth:.2f}个百分点" if unit == "%" else f"{growth:.4g}{unit}"
    return f"每年{step}"


def classify_ratio(ratio: float) -> str:
    """The growth-ratio category of R (not yet met): each cut-off inclusive, within `RATIO_EPSILON`."""
    if ratio >= ON_TRACK - RATIO_EPSILON:
        return ON_TRACK_LABEL
    if ratio >= ACCELERATE - RATIO_EPSILON:
        return ACCELERATE_LABEL
    if ratio >= -RATIO_EPSILON:
        return LIMITED
    return DETERIORATION


def _missing(y0: float | None, yt: float | None, t0: int, t: int | None, method: str) -> Assessment | None:
    """无数据 when there is no value at all, 无法评估 when there is only one year; None when both exist."""
    if y0 is None and yt is None:
        return Assessment(method, NO_DATA, "没有可用数据，无法判断进度。")
    if y0 is None or yt is None or t is None or t <= t0:
        if y0 is None:
            have = f"{t}年"
        elif yt is None or t is None:
            have = f"{t0}年（基年）"
        else:
            have = f"{t0}年"
        return Assessment(
            method, UNABLE, f"只有{have}一个年份的数据，至少需要基年与其后一个年份两个数据点，无法评估。"
        )
    return None


# ---------------------------------------------------------------------------------- growth ratio (1)
def growth_ratio_status(
    y0: float | None,
    t0: int,
    yt: float | None,
    t: int | None,
    target: float | None,
    direction: str = "up",
    limit: float | None = None,
    T: int = TARGET_YEAR,
    *,
    unit: str = "",
    tolerance_pp: float = TOLERANCE_PP,
) -> Assessment:
    """Statistics Canada's growth-ratio status (Open SDG's default progress measure), DOMAIN.md method 1.

    ``g_o = (y_t / y_0)^(1/(t − t_0)) − 1``, ``g_r = (y_T / y_0)^(1/(T − t_0)) − 1``, ``R = d · g_o / |g_r|``
    (d = +1 for "up", −1 for "down", as sdg-build computes it; with g_r of the desired sign this is g_o / g_r,
    and when the base year was already past the target but the latest value is not, R < 0 → 倒退).
    Order of the rules: the latest value on the right side of the (limit-capped) target → 达成, even with a
    single year; no value at all → 无数据; one year only (or t ≤ t_0) → 无法评估; else R against
    `ON_TRACK` / `ACCELERATE` / 0, each cut-off inclusive (R = 0.95 → 进度正常, R = 0.60 → 需加快, R = 0 →
    进展有限) within `RATIO_EPSILON`.

    `limit` is the natural limit (100 for a share): a target beyond it is capped to it, and a target at it
    is met within `tolerance_pp` (99.97 % meets 100 %). When y_0 ≤ 0, y_t < 0 or the target ≤ 0 the compound
    rate is undefined and linear yearly changes are used instead (documented in the module docstring).
    """
    if t0 >= T:
        raise ValueError(f"目标年份 {T} 应晚于基年 {t0}")
    d = _sign(direction)
    base, latest, goal_raw = finite_or_none(y0), finite_or_none(yt), finite_or_none(target)
    method = "growth_ratio"
    if goal_raw is None:
        return Assessment(method, UNABLE, "该指标没有量化目标值，增长率比值法不适用，无法评估。")
    goal = _goal(goal_raw, d, limit)
    if latest is not None and t is not None and _is_met(latest, goal, d, limit, tolerance_pp):
        rounded = limit is not None and goal == limit and (latest - goal) * d < 0
        within = "（在四舍五入范围内）" if rounded else ""
        return Assessment(
            method, ACHIEVED,
            f"{t}年的最新值{_fmt(latest, unit)}已达到目标{_fmt(goal, unit)}{within}，判定为“达成”。",
        )
    missing = _missing(base, latest, t0, t, method)
    if missing is not None:
        return missing
    assert base is not None and latest is not None and t is not None
    compound = base > 0 and latest >= 0 and goal > 0
    if compound:
        g_o = (latest / base) ** (1 / (t - t0)) - 1
        g_r = (goal / base) ** (1 / (T - t0)) - 1
        basis = "compound"
    else:
        g_o = (latest - base) / (t - t0)
        g_r = (goal - base) / (T - t0)
        basis = "linear"
    fallback = "" if compound else "基年值为0或负数，复合增长率无定义，改用线性年均变化计算。"
    observed = f"{t0}—{t}年实际年均增长{_fmt_growth(g_o, basis, unit)}"
    if g_r == 0:
        return Assessment(
            method, DETERIORATION,
            f"{fallback}基年值{_fmt(base, unit)}恰好等于目标，{t}年回落到{_fmt(latest, unit)}，离开了目标，"
            "判定为“倒退”。",
            observed_growth=g_o, required_growth=g_r, growth_basis=basis,
        )
    ratio = d * g_o / abs(g_r)
    status = classify_ratio(ratio)
    if d * g_r < 0:
        context = (f"基年值{_fmt(base, unit)}已达到目标{_fmt(goal, unit)}，{t}年回落到{_fmt(latest, unit)}；"
                   f"{observed}，")
    else:
        context = (f"{observed}，于{T}年达到目标{_fmt(goal, unit)}"
                   f"需要年均增长{_fmt_growth(g_r, basis, unit)}，")
    return Assessment(
        method, status,
        f"{fallback}{context}比值R = {ratio:.2f}（R≥{ON_TRACK:.2f}进度正常；"
        f"{ACCELERATE:.2f}≤R<{ON_TRACK:.2f}需加快；"
        f"0≤R<{ACCELERATE:.2f}进展有限；R<0倒退），判定为“{status}”。",
        ratio=ratio, observed_growth=g_o, required_growth=g_r, growth_basis=basis,
    )


# ------------------------------------------------------------------------------------- halfway (2)
def halfway_check(
    y0: float | None,
    t0: int,
    yt: float | None,
    t: int | None,
    target: float | None,
    T: int = TARGET_YEAR,
    *,
    direction: str = "up",
    limit: float | None = None,
    unit: str = "",
    tolerance_pp: float = TOLERANCE_PP,
) -> Assessment:
    """时间过半、任务过半 (DOMAIN.md method 2): distance share ``(y_t − y_0)/(y_T − y_0)`` against time share
    ``(t − t_0)/(T − t_0)``.

    达成 when already met (same rule and tolerance as `growth_ratio_status`); 任务进度不慢于时间进度 when the
    distance share ≥ the time share (equality keeps pace); 任务进度慢于时间进度 when below it but ≥ 0; 倒退
    when the value moved away from the target (share < 0, or the base year was already past the target);
    无数据 / 无法评估 as for the growth ratio. The measure is linear, so it can disagree with the ratio.
    """
    if t0 >= T:
        raise ValueError(f"目标年份 {T} 应晚于基年 {t0}")
    d = _sign(direction)
    base, latest, goal_raw = finite_or_none(y0), finite_or_none(yt), finite_or_none(target)
    method = "halfway"
    if goal_raw is None:
        return Assessment(method, UNABLE, "该指标没有量化目标值，无法计算任务进度。")
    goal = _goal(goal_raw, d, limit)
    if latest is not None and t is not None and _is_met(latest, goal, d, limit, tolerance_pp):
        share = None if base is None or goal == base else (latest - base) / (goal - base)
        return Assessment(
            method, ACHIEVED,
            f"{t}年的最新值{_fmt(latest, unit)}已达到目标{_fmt(goal, unit)}，判定为“达成”。",
            distance_share=share, time_share=(t - t0) / (T - t0),
        )
    missing = _missing(base, latest, t0, t, method)
    if missing is not None:
        return missing
    assert base is not None and latest is not None and t is not None
    time_share = (t - t0) / (T - t0)
    distance = goal - base
    if distance * d <= 0:
        return Assessment(method, DETERIORATION,
                          f"基年值{_fmt(base, unit)}已达到目标{_fmt(goal, unit)}，"
                          f"{t}年回落到{_fmt(latest, unit)}，"
                          "判定为“倒退”。", time_share=time_share)
    share = (latest - base) / distance
    if share < 0:
        status = DETERIORATION
    elif share >= time_share - RATIO_EPSILON:
        status = HALFWAY_AHEAD
    else:
        status = HALFWAY_BEHIND
    halfway = ""
    if time_share >= 0.5:
        halfway = "，时间已过半、任务也已过半" if share >= 0.5 else "，时间已过半而任务尚未过半"
    return Assessment(
        method, status,
        f"{t0}—{t}年从{_fmt(base, unit)}到{_fmt(latest, unit)}，完成了基年与目标{_fmt(goal, unit)}之间差距的"
        f"{share * PERCENT:.0f}%，规划期已过去{time_share * PERCENT:.0f}%{halfway}，判定为“{status}”。",
        distance_share=share, time_share=time_share,
    )


# ------------------------------------------------------------------------------ growth vs growth (3)
SIDE_ZH = {"urban": "城市", "rural": "农村"}
INCOME_SIDE_ZH = {"urban": "城镇", "rural": "农村"}


def _cagr(series: pd.Series, start: int, end: int) -> float | None:
    a, b = finite_or_none(series.get(start)), finite_or_none(series.get(end))
    if a is None or b is None or a <= 0 or b < 0 or end <= start:
        return None
    return (b / a) ** (1 / (end - start)) - 1


def _usable_years(series: pd.Series) -> set[int]:
    return {int(y) for y, v in series.items() if finite_or_none(v) is not None}


def growth_vs_growth_status(
    standard: pd.Series,
    income: pd.Series,
    since: int = BASELINE_YEAR,
    latest: int | None = None,
    *,
    side: str | None = None,
) -> Assessment:
    """Indicator 1 (DOMAIN.md method 3): CAGR of the standard against CAGR of income over the same years.

    Both Series are indexed by int year. `latest` defaults to the last year after `since` in which both have
    a value. margin_pp = (standard CAGR − income CAGR) × 100; 达成 when ≥ 0 (float rounding aside), else
    未达成 with the gap. The growth ratio does not apply (the target is itself a growth); the explanation
    says so. No value in either series → 无数据; no common year after `since` → 无法评估.
    """
    method = "growth_vs_growth"
    label, income_label = (SIDE_ZH[side], INCOME_SIDE_ZH[side]) if side else ("", "")
    std_years, inc_years = _usable_years(standard), _usable_years(income)
    if not std_years and not inc_years:
        return Assessment(method, NO_DATA, f"{label}低保标准与居民收入均无数据。")
    if latest is None:
        common = sorted(y for y in std_years & inc_years if y > since)
        latest = common[-1] if common else None
    if latest is None or since not in std_years or since not in inc_years or latest not in std_years \
            or latest not in inc_years or latest <= since:
        return Assessment(method, UNABLE,
                          f"{label}缺少{since}年或其后同一年份的低保标准与居民收入数据，无法比较增速。")
    g_s, g_i = _cagr(standard, since, latest), _cagr(income, since, latest)
    if g_s is None or g_i is None:
        return Assessment(method, UNABLE, f"{label}数值非正，年均增速无定义，无法比较。")
    margin = (g_s - g_i) * PERCENT
    status = ACHIEVED if margin >= -_REL_TOLERANCE else NOT_ACHIEVED
    relation = "不低于" if status == ACHIEVED else "低于"
    return Assessment(
        method, status,
        f"{since}—{latest}年{label}低保标准年均增长{g_s * PERCENT:.2f}%，"
        f"同期{income_label}居民人均可支配收入年均增长{g_i * PERCENT:.2f}%，"
        f"相差{margin:+.2f}个百分点，标准增速{relation}收入增速，判定为“{status}”"
        "（目标本身是增速，增长率比值法不适用）。",
        observed_growth=g_s, required_growth=g_i, margin_pp=margin,
    )


def margin_status(margins: Mapping[str, float | None], since: int, latest: int | None) -> Assessment:
    """Indicator 1 from its urban and rural margins (pp): 达成 only when both are ≥ 0; margin_pp = smaller."""
    method = "growth_vs_growth"
    values = {side: finite_or_none(margins.get(side)) for side in SIDES}
    if all(v is None for v in values.values()):
        return Assessment(method, NO_DATA, "城乡低保标准或居民收入无数据，无法比较增速。")
    if any(v is None for v in values.values()) or latest is None:
        return Assessment(method, UNABLE, "城市或农村一侧缺少可比年份的数据，无法比较增速。")
    parts = "，".join(f"{SIDE_ZH[s]}低保标准增速较{INCOME_SIDE_ZH[s]}居民收入增速{values[s]:+.2f}个百分点"
                      for s in SIDES)
    smallest = min(v for v in values.values() if v is not None)
    status = ACHIEVED if smallest >= -_REL_TOLERANCE else NOT_ACHIEVED
    verdict = "城乡两项均不低于收入增速" if status == ACHIEVED else "至少一项低于收入增速"
    return Assessment(
        method, status, f"{since}—{latest}年{parts}；{verdict}，判定为“{status}”。", margin_pp=smallest
    )


def combine_sides(urban: Assessment, rural: Assessment) -> Assessment:
    """Indicator 1 for the province: both sides must keep pace with income; the margin is the smaller one."""
    for status in (NO_DATA, UNABLE):
        if urban.status == status and rural.status == status:
            return Assessment("growth_vs_growth", status, urban.explanation)
        if status in (urban.status, rural.status):
            failed = urban if urban.status == status else rural
            return Assessment("growth_vs_growth", UNABLE, failed.explanation)
    assert urban.margin_pp is not None and rural.margin_pp is not None
    status = ACHIEVED if urban.status == ACHIEVED and rural.status == ACHIEVED else NOT_ACHIEVED
    return Assessment("growth_vs_growth", status, f"{urban.explanation}{rural.explanation}",
                      margin_pp=min(urban.margin_pp, rural.margin_pp))


# ----------------------------------------------------------------------------------------- values
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


def county_indicator_series(county_table: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """Indicators 4 and 8 by year from the county table, in % (index year, columns 4 and 8).

    4: population-weighted mean (2020 census) of approval_delegated_share × 100 over counties with a value;
    8: share of counties with hotline_12345 = 1 among counties with a value (unweighted).
    """
    weights = _county_weights(counties)
    out = {}
    for year, rows in county_table.groupby("year"):
        share = rows.set_index("code")["approval_delegated_share"].astype("float64").dropna()
        w = share.index.map(weights).to_numpy(dtype=float)
        ok = ~np.isnan(w)
        ind4 = float(np.average(share.to_numpy()[ok], weights=w[ok]) * PERCENT) if ok.any() else np.nan
        hotline = rows["hotline_12345"].astype("float64").dropna()
        ind8 = float((hotline == 1).mean() * PERCENT) if len(hotline) else np.nan
        out[int(year)] = {4: ind4, 8: ind8}
    return pd.DataFrame.from_dict(out, orient="index").rename_axis("year").sort_index()


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


VALUE_COLUMNS: tuple[str, ...] = (
    "number", "code", "name", "unit", "value_unit", "target_value", "target_text", "comparison", "direction",
    "limit", "kind", "baseline_year", "baseline_period", "baseline_value", "baseline_status", "latest_year",
    "latest_period", "latest_value", "latest_status", "basis", "data_status", "urban_baseline",
    "rural_baseline", "urban_latest", "rural_latest", "note",
)


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
    """One row per indicator 1–8 (columns `VALUE_COLUMNS`): base-year and latest value, status, notes.

    `guidance`: the notices' weighted guidance (`notice_guidance`); `notices`: what each notice rests on
    (`analytics.guidance.notice_guidance`: assumed tiers, document); `observed_counties`: the standards
    counties actually set (``county_standards_observed``), which show how the 特困 rule is applied.

    See the module docstring for the decisions. ``basis``: "published" (base year of 2 from the plan),
    "rule" (indicators 1–3 after 2020: the standard-setting rule on observed income), "county" (4, 8 from
    the county table), "none" (5–7). ``data_status`` is the weakest of the statuses behind the row
    (official < derived < recalled < illustrative). For indicator 1 the value is the smaller of the urban
    and rural margins (pp) and ``urban_*`` / ``rural_*`` hold both; the base year is the 十三五 period
    2015–2020 and the latest the rule period 2020–(last observed income year).
    """
    counties = counties if counties is not None else load_table("counties")
    definitions = definitions if definitions is not None else load_indicators()
    scenario = scenario or baseline_scenario(parameters)
    guidance = notice_guidance(counties) if guidance is None else guidance
    rules = rule_standards(annual, parameters, scenario, guidance)
    observed = observed_standards(annual)
    county = county_indicator_series(county_table, counties)
    lag, tekun_lag = scenario.lag, int(parameters["tekun_base_year_lag"].current.value or 1)

    rows: dict[int, dict[str, object]] = {}

    # Indicator 1: 2015–2020 context (published standards), then 2020–latest under the rule.
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
    rows[1] = {
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

    # Indicator 2: 2020 published; a notice year: the notice's tiers (weighted); other years the rule.
    latest23 = _last_year(rules, ["urban_year", "rural_year"])
    rural2020, urban2020 = (observed[s].get(BASELINE_YEAR, np.nan) for s in ("rural", "urban"))
    base2 = rural2020 / urban2020 * PERCENT
    latest_basis = "" if latest23 is None else str(rules.at[latest23, "basis"])
    rows[2] = {
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

    # Indicator 3: the rule as the documents state it; equals the multiplier by construction.
    multiplier = scenario.tekun_multiplier
    rows[3] = {
        "value_unit": "%",
        "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR), "baseline_value": np.nan,
        "baseline_status": "",
        "latest_year": latest23, "latest_period": str(latest23) if latest23 else "",
        "latest_value": np.nan if latest23 is None else float(rules.at[latest23, "tekun_ratio"]),
        "latest_status": "derived" if latest23 is not None else "",
        "basis": "rule",
        "note": (f"全省特困人员基本生活标准未公布，{BASELINE_YEAR}年无基年值"
                 f"（缺{BASELINE_YEAR - tekun_lag}年低保标准）。"
                 f"数值为{parameters['tekun_multiplier'].current.citation}所定规则"
                 f"“特困标准 = {multiplier:g} × 上年度低保标准”下的比值，"
                 f"按定义等于{multiplier * PERCENT:g}%，反映规则要求而非各地实际执行。"
                 + _tekun_evidence(observed_counties, multiplier)
                 + _tekun_county_note(county_table, counties, multiplier, county_status)),
    }

    # Indicators 4 and 8: the county table.
    county_notes = {
        4: "各县审批权限下放比例按2020年普查人口加权平均。",
        8: "已接入12345的县（市、区）占比（不加权）。",
    }
    badge = "示例数据，导入真实县级数据后替换。" if county_status == "illustrative" else ""
    for number in (4, 8):
        series = county[number].dropna() if number in county else pd.Series(dtype=float)
        base_year = BASELINE_YEAR if BASELINE_YEAR in series.index else None
        last = int(series.index.max()) if len(series) else None
        rows[number] = {
            "value_unit": "%",
            "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR),
            "baseline_value": float(series[base_year]) if base_year is not None else np.nan,
            "baseline_status": county_status if base_year is not None else "",
            "latest_year": last, "latest_period": str(last) if last else "",
            "latest_value": float(series[last]) if last is not None else np.nan,
            "latest_status": county_status if last is not None else "",
            "basis": "county",
            "note": county_notes[number] + badge,
        }

    # Indicators 5–7: eligible persons are not counted anywhere.
    for number in (5, 6, 7):
        rows[number] = {
            "value_unit": "%", "baseline_year": BASELINE_YEAR, "baseline_period": str(BASELINE_YEAR),
            "baseline_value": np.nan, "baseline_status": "", "latest_year": None, "latest_period": "",
            "latest_value": np.nan, "latest_status": "", "basis": "none",
            "note": ("无数据：“符合条件人员”的人数（分母）没有任何公开统计，无法计算覆盖比例；"
                     "救助人数只是分子，不能代替。"),
        }

    records = []
    for definition in definitions:
        row = rows.get(definition.number)
        if row is None:
            continue
        _sign(definition.direction)  # every indicator must declare its direction
        record = {
            "number": definition.number, "code": definition.code, "name": definition.name,
            "unit": definition.unit, "target_value": definition.target_value,
            "target_text": definition.target_text, "comparison": definition.comparison,
            "direction": definition.direction, "limit": NATURAL_LIMITS.get(definition.number),
            "kind": definition.kind,
            "urban_baseline": np.nan, "rural_baseline": np.nan,
            "urban_latest": np.nan, "rural_latest": np.nan,
            **row,
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


PROJECTION_VALUE_COLUMN = {2: "rural_urban_ratio", 3: "tekun_ratio"}
PROJECTION_COLUMNS: tuple[str, ...] = (
    "number", "year", "target_value", *(f"value_{p}" for p in PROJECTION_PATHS), "low", "high",
    *(f"met_{p}" for p in PROJECTION_PATHS), "verdict", "explanation",
)


def _projected_value(frame: pd.DataFrame, number: int, year: int) -> float:
    if year not in frame.index:
        return np.nan
    if number == 1:
        return float(min(frame.at[year, "ind1_urban_margin_pp"], frame.at[year, "ind1_rural_margin_pp"]))
    return float(frame.at[year, PROJECTION_VALUE_COLUMN[number]])


def projection_check(
    projections: Mapping[str, pd.DataFrame],
    definitions: list[IndicatorDefinition] | None = None,
    year: int = TARGET_YEAR,
) -> pd.DataFrame:
    """Indicators 1–3 in `year` under each income path of `baseline_projections` (DOMAIN.md method 4).

    Value: 1 = smaller of the urban/rural margins (pp, target ≥ 0), 2 = rural/urban standard (%), 3 = 特困 /
    previous-year dibao (%), against the table's targets. low/high = min/max over the paths (the indicator is
    not monotone in income: see `METHODS["projection"]`). Verdict: 预计达成 (met on every path), 预计不能达成
    (on none), 不确定 (depends on the path), 无数据 (no value).
    """
    definitions = definitions if definitions is not None else load_indicators()
    by_number = {d.number: d for d in definitions}
    records = []
    for number in RULE_INDICATORS:
        definition = by_number[number]
        growth_target = definition.comparison == "growth_vs_income"
        target = 0.0 if growth_target else float(definition.target_value or np.nan)
        d = _sign(definition.direction)
        values = {p: _projected_value(projections[p], number, year)
                  for p in PROJECTION_PATHS if p in projections}
        met = {p: (None if np.isnan(v) else _is_met(v, target, d, NATURAL_LIMITS.get(number), TOLERANCE_PP))
               for p, v in values.items()}
        known = [v for v in values.values() if not np.isnan(v)]
        flags = [m for m in met.values() if m is not None]
        if not flags:
            verdict = NO_DATA
        elif all(flags):
            verdict = PROJECTED_MET
        elif not any(flags):
            verdict = PROJECTED_UNMET
        else:
            verdict = PROJECTED_UNCERTAIN
        unit = "个百分点" if number == 1 else "%"
        shown = "，".join(f"收入取{INCOME_PATH_LABELS[p]}时为{values[p]:.1f}{unit}"
                         for p in values if not np.isnan(values[p]))
        what = "城乡低保标准增速较收入增速（取较小者）" if number == 1 else definition.name
        goal_text = "≥ 0个百分点" if number == 1 else f"{target:g}%"
        explanation = (f"基准情景下{year}年{what}：{shown}（目标{goal_text}），"
                       f"判定为“{verdict}”。")
        if number == 3:
            explanation += "特困标准按规则等于上年度低保标准的倍数，该比值由规则决定，不随收入变化。"
        records.append({
            "number": number, "year": year, "target_value": target,
            **{f"value_{p}": values.get(p, np.nan) for p in PROJECTION_PATHS},
            "low": min(known) if known else np.nan, "high": max(known) if known else np.nan,
            **{f"met_{p}": met.get(p) for p in PROJECTION_PATHS},
            "verdict": verdict, "explanation": explanation,
        })
    frame = pd.DataFrame.from_records(records, columns=list(PROJECTION_COLUMNS))
    return frame.set_index("number", drop=False).rename_axis(None)


def observed_series(number: int, annual: pd.DataFrame, rules: pd.DataFrame,
                    county_series: pd.DataFrame) -> pd.Series:
    """The yearly values of one indicator that the chart draws (no forecast), index int year.

    1: the smaller of the urban and rural growth margins since 2020 (the rule on observed income);
    2: rural / urban standard, published 2015 (derived) and 2020, then the rule; 3: the rule's 特困 ratio;
    4 and 8: the county table (illustrative until real data); 5–7: nothing is published.
    """
    if number == 1:
        margins = rules[["ind1_urban_margin_pp", "ind1_rural_margin_pp"]].min(axis=1)
        return margins.dropna()
    if number == 2:
        standards = observed_standards(annual)
        published = (standards["rural"] / standards["urban"] * PERCENT).dropna()
        return pd.concat([published, rules["rural_urban_ratio"].dropna()]).sort_index()
    if number == 3:
        return rules["tekun_ratio"].dropna()
    if number in county_series.columns:
        return county_series[number].dropna()
    return pd.Series(dtype="float64")
