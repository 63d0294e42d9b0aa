"""The progress methods for the 14th Five-Year-Plan indicators (吉民发〔2022〕24号 §二(三)): pure functions.

Four documented methods (DOMAIN.md, "Assessing progress"), each shown on the page with its name and the
paragraph in `METHODS`. This module holds the methods, their cut-offs and their status vocabulary; it knows
nothing of where an indicator's value comes from (that is `analytics.indicator_values`, driven by the
indicator table's columns).

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

The met rule (`meets_target`) is one function of the indicator's target, direction and natural limit (the
table's ``limit`` column), shared by the growth ratio, the halfway check, the projection and the county map
under the indicator chart, so "met" means the same on every part of the page.

No Streamlit here; the page formats and caches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analytics.indicators import IndicatorDefinition
from analytics.numbers import finite_or_none
from analytics.standards import SIDES

# --------------------------------------------------------------------------------------------- constants
BASELINE_YEAR = 2020  # the plan's base year (end of 2020 figures in 吉民发〔2022〕24号 §一(一))
TARGET_YEAR = 2025  # end of the 14th Five-Year Plan

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
def direction_sign(direction: str) -> int:
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


def meets_target(values: pd.Series, definition: IndicatorDefinition) -> pd.Series:
    """Which values meet the indicator's target, by the rule the progress methods use (bool, NaN → False).

    The target is capped at the definition's natural ``limit`` and met within `TOLERANCE_PP` of it (a share
    of 99.96 % shows as 100.0 and meets a 100 % target); any other target is met within float rounding only
    (a ratio computed as 74.99999999999 meets 75 %). The county map under the indicator chart counts its
    counties with this, so a county "meets the target" exactly when the province value would. Only for
    indicators with a level target: growth versus income has none (a ValueError says so).
    """
    if definition.target_value is None:
        raise ValueError(f"指标{definition.number}（{definition.name}）没有量化目标值，无法判断是否达到目标")
    d = direction_sign(definition.direction)
    goal = _goal(definition.target_value, d, definition.limit)
    return values.map(lambda v: finite_or_none(v) is not None
                      and _is_met(float(v), goal, d, definition.limit, TOLERANCE_PP)).astype(bool)


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
    d = direction_sign(direction)
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
    d = direction_sign(direction)
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


