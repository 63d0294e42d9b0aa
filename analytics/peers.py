"""Peer groups for one county, quintile bands and the Chinese sentence that compares it with its peers.

Conventions (/work/shared/DOMAIN.md, "Comparing a county", after the best "compare your area" tools):

* Peers are the same prefecture, the same kind (区 / 县级市 / 县), the 15 former poverty counties
  (8 national + 7 provincial, 吉民发〔2016〕18号), the border counties (边境县, 吉民发〔2022〕12号), and the
  statistically similar counties: the nearest neighbours on standardised population, ageing, urban share
  and (when given) income, as the UK Office for National Statistics does for local areas ("Clustering
  similar local authorities and statistical nearest neighbours in the UK", methodology, 2025).
* Words before ranks: the value is stated against the peer median and the province in plain Chinese, and a
  difference within ±3 % is "基本持平". Quintile bands replace a 1–60 rank, which over-emphasises small
  differences.

Everything here is a pure function of the county table (`analytics.loaders.load_table("counties")`) and
Series indexed by county code; nothing reads files or imports Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from analytics.numbers import finite_or_none

# Peer group key -> label shown in the selector and the legend.
PEER_GROUPS: dict[str, str] = {
    "prefecture": "同一市（州）",
    "kind": "同类型（区/县级市/县）",
    "poverty": "原贫困县",
    "border": "边境县",
    "tier": "同一指导标准档次",
    "similar": "统计相似县（最近邻）",
}

# Peer group key -> the noun used inside a sentence ("比原贫困县中位数高 6%"): the selector labels above
# carry brackets and slashes that read badly in running text.
PEER_SENTENCE_LABELS: dict[str, str] = {
    "prefecture": "同市（州）县（市、区）",
    "kind": "同类县（市、区）",
    "poverty": "原贫困县",
    "border": "边境县",
    "tier": "同档次县（市、区）",
    "similar": "统计相似县",
}

# Kind of division -> kind used for peers. DOMAIN.md (Geography) names three kinds users compare within:
# 区 / 县级市 / 县. An 自治县 is a 县 with ethnic self-government: autonomy is an administrative and ethnic
# status, not an economic category, and the three 自治县 alone would form a group of two peers.
PEER_KIND: dict[str, str] = {"区": "区", "县级市": "县级市", "县": "县", "自治县": "县"}

# Former poverty counties: national and provincial level alike (吉民发〔2016〕18号 lists 15: 8 + 7).
POVERTY_LEVELS: tuple[str, ...] = ("national", "provincial")

# Border counties: only confirmed ones. "candidate" in data/counties.csv means the status is not yet
# confirmed by a source (counties.meta.yml status_note); a peer group must not rest on a guess.
BORDER_CONFIRMED: tuple[str, ...] = ("yes",)

# Statistically similar counties: census columns used as features (population enters as its logarithm,
# see `similarity_features`), and the default number of neighbours. Eight keeps a dot plot readable and
# matches the size of the other groups (8–20 peers).
SIMILARITY_CENSUS_FEATURES: tuple[str, ...] = ("share_age_65plus_2020", "urban_share_2020")
POPULATION_COLUMN = "pop_2020_census"
DEFAULT_NEIGHBOURS = 8
_TIE_DECIMALS = 9

# Band 1 = the top 20 % in the metric's preferred direction ... band 5 = the bottom 20 %.
BAND_LABELS: dict[int, str] = {1: "前20%", 2: "前20%–40%", 3: "中间20%", 4: "后20%–40%", 5: "后20%"}
N_BANDS = len(BAND_LABELS)

# A difference within ±3 % of the reference is "too small to matter" (DOMAIN.md: "与全省水平基本持平"
# within ±3 %).
DEFAULT_TOLERANCE = 0.03

# Units understood by `format_value`. Money is written with thousands separators and no decimals; shares
# (0–1) and percents with one decimal and "%"; persons in 万人 from 10,000 on.
MONEY_UNITS: dict[str, str] = {
    "元/人·月": "每人每月 {} 元",
    "元/人·年": "每人每年 {} 元",
    "元/月": "每月 {} 元",
    "元/年": "每年 {} 元",
    "元": "{} 元",
}
SHARE_UNITS: tuple[str, ...] = ("share", "比例", "比例（0–1）", "0–1")  # fractions, shown ×100 with "%"
PERCENT_UNITS: tuple[str, ...] = ("%", "percent")  # already in percent
PERSON_UNITS: tuple[str, ...] = ("人", "persons")
PERSONS_PER_WAN = 10_000


def _check_code(counties: pd.DataFrame, code: str) -> str:
    code = str(code)
    if code not in set(counties["code"]):
        raise ValueError(f"未知的县级行政区代码「{code}」：不是吉林省 {len(counties)} 个县（市、区）之一")
    return code


def _check_group(group: str) -> None:
    if group not in PEER_GROUPS:
        raise ValueError(f"未知的对比组「{group}」，可选：{'、'.join(PEER_GROUPS)}")


def _codes_where(counties: pd.DataFrame, mask: pd.Series) -> list[str]:
    return sorted(counties.loc[mask, "code"])


# --- statistically similar counties -------------------------------------------------------------------------


def similarity_features(counties: pd.DataFrame, features: pd.DataFrame | None = None) -> pd.DataFrame:
    """The raw (unstandardised) features, one row per county code.

    Population enters as its natural logarithm: sizes are compared by ratio, so 100,000 against 200,000 is
    as far apart as 400,000 against 800,000, and the few large urban districts do not dominate the distance
    (the shares are already on comparable 0–1 scales). `features` adds columns (e.g. a county income
    proxy) indexed by code; every county must have a numeric value, because a nearest-neighbour list built
    on a guessed value would look just as authoritative as one built on data.
    """
    frame = pd.DataFrame(
        {
            "log_population": np.log(counties[POPULATION_COLUMN].astype(float).to_numpy()),
            **{column: counties[column].astype(float).to_numpy() for column in SIMILARITY_CENSUS_FEATURES},
        },
        index=pd.Index(counties["code"].astype(str), name="code"),
    )
    if features is None:
        return frame
    extra = features.copy()
    extra.index = extra.index.astype(str)
    extra = extra.reindex(frame.index)
    for column in extra.columns:
        values = pd.to_numeric(extra[column], errors="coerce")
        missing = values.index[values.isna() | ~np.isfinite(values.astype(float))]
        if len(missing):
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            raise ValueError(
                f"相似县特征「{column}」缺少 {len(missing)} 个县的数值（{shown}），无法计算相似度"
            )
        frame[str(column)] = values.astype(float)
    return frame


def similarity_distances(counties: pd.DataFrame, features: pd.DataFrame | None = None) -> pd.DataFrame:
    """Euclidean distance between every pair of counties on z-scored features (code × code, diagonal 0).

    Each feature is standardised across the counties given (mean 0, population standard deviation 1) so
    that a share (0–1) and a log population weigh the same; a feature with no spread contributes nothing.
    One broadcast over (county, county, feature): no loop over counties.
    """
    raw = similarity_features(counties, features)
    values = raw.to_numpy(dtype=float)
    spread = values.std(axis=0)
    z = np.divide(values - values.mean(axis=0), spread, out=np.zeros_like(values), where=spread > 0)
    distances = np.sqrt(((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=2))
    return pd.DataFrame(distances, index=raw.index, columns=raw.index.rename(None))


def nearest_neighbours(distances: pd.DataFrame, code: str, k: int = DEFAULT_NEIGHBOURS) -> list[str]:
    """The k codes closest to `code` (itself excluded), nearest first; equal distances in code order.

    Fewer than k when the table has fewer other counties.
    """
    if k < 1:
        raise ValueError(f"相似县个数应至少为 1，实际为 {k}")
    row = distances.loc[code].drop(code)
    # Distances that agree to 1e-9 are ties: floating-point noise must not decide the order, the code does.
    order = pd.DataFrame({"distance": row.to_numpy().round(_TIE_DECIMALS), "code": row.index.astype(str)})
    return order.sort_values(["distance", "code"], kind="mergesort")["code"].head(k).tolist()


# --- peer groups --------------------------------------------------------------------------------------------


def peer_codes(
    counties: pd.DataFrame,
    code: str,
    group: str,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    features: pd.DataFrame | None = None,
    tiers: pd.Series | None = None,
) -> list[str]:
    """The peers of `code` in `group`, never the county itself.

    * ``prefecture``: the other counties of its 市（州）.
    * ``kind``: the other counties of its kind, with 县 and 自治县 as one kind (see `PEER_KIND`).
    * ``poverty``: the former poverty counties (national or provincial). A county that was not one still
      gets all 15: an official there compares against them as a reference group, and an empty group would
      leave the page with nothing to show.
    * ``border``: the confirmed border counties (``candidate`` excluded, see `BORDER_CONFIRMED`); same rule
      as poverty for a county outside the set.
    * ``tier``: the counties in the same guidance tier (`tiers`: tier by code, e.g. next year's urban tiers of
      the scenario on 标准测算, assumed tiers included); none when the county's tier is unknown.
    * ``similar``: the `k` nearest neighbours (`similarity_distances`), nearest first, ties by code.

    The fixed groups come in code order. Unknown code or group → ValueError in Chinese.
    """
    _check_group(group)
    code = _check_code(counties, code)
    if group == "similar":
        return nearest_neighbours(similarity_distances(counties, features), code, k)
    members = highlight_codes(counties, group, code, tiers=tiers)
    return [c for c in members if c != code]


def highlight_codes(
    counties: pd.DataFrame,
    group: str,
    code: str | None = None,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    features: pd.DataFrame | None = None,
    tiers: pd.Series | None = None,
) -> list[str]:
    """The counties to highlight on the map for a peer group.

    For ``prefecture``, ``kind`` and ``similar`` the group is relative to the selected county and includes
    it (the map shows where the county sits among its peers); with no county selected there is no group,
    so the list is empty. For ``poverty`` and ``border`` it is the whole set, whichever county is selected.
    Code order, except ``similar``: the county first, then its neighbours nearest first.
    """
    _check_group(group)
    if code is not None:
        code = _check_code(counties, code)
    if group == "poverty":
        return _codes_where(counties, counties["poverty_county"].isin(POVERTY_LEVELS))
    if group == "border":
        return _codes_where(counties, counties["border_county"].isin(BORDER_CONFIRMED))
    if code is None:
        return []
    row = counties.loc[counties["code"] == code].iloc[0]
    if group == "prefecture":
        return _codes_where(counties, counties["prefecture_code"] == row["prefecture_code"])
    if group == "kind":
        kinds = counties["kind"].map(PEER_KIND)
        return _codes_where(counties, kinds == PEER_KIND[row["kind"]])
    if group == "tier":
        if tiers is None:
            raise ValueError("同一档次对比组需要各县的档次")
        mine = tiers.get(code)
        if mine is None or pd.isna(mine):
            return [code]
        same = counties["code"].map(tiers).astype("float64") == float(mine)
        return _codes_where(counties, same)
    return [code, *nearest_neighbours(similarity_distances(counties, features), code, k)]


# --- bands and summaries ------------------------------------------------------------------------------------


def quintile_band(values: pd.Series, code: str, higher_is_better: bool = True) -> int | None:
    """Quintile band of `code` among the counties with a value: 1 = top 20 % … 5 = bottom 20 %.

    The percentile of a county is (rank − ½) / n with rank 1 the best and tied values sharing their average
    rank, so 60 distinct values give exactly 12 counties per band and a county tied with all others is in
    the middle band. Only ties can put a county exactly on a band boundary; it then goes to the band nearer
    the middle (two counties tied for the top of five are both "前20%–40%"): a tie is no evidence of a
    difference. With that rule reversing the direction always turns band b into 6 − b.
    `higher_is_better=False` ranks the lowest value first (e.g. a waiting time): "前20%" then means the
    20 % with the lowest values.
    Missing values are left out of the ranking; a county without a value has no band (None).
    """
    code = str(code)
    known = values.dropna()
    known.index = known.index.astype(str)
    if code not in set(values.index.astype(str)):
        raise ValueError(f"数据中没有县级行政区代码「{code}」")
    if code not in known.index:
        return None
    ranks = known.astype(float).rank(ascending=not higher_is_better, method="average")
    # position = percentile × 5 = (rank − ½) / n × 5, exact: an average rank is a multiple of ½.
    position = Fraction(int(round(2 * float(ranks[code]))) - 1, 2 * len(known)) * N_BANDS
    band = math.floor(position) + 1
    if position.denominator == 1 and position >= Fraction(N_BANDS, 2):
        band -= 1  # on a boundary (only with ties): the band nearer the middle, in either direction
    return min(N_BANDS, max(1, band))


def band_label(band: int) -> str:
    """Chinese label of a quintile band ("前20%" … "后20%")."""
    if band not in BAND_LABELS:
        raise ValueError(f"分段应为 1–{N_BANDS} 的整数，实际为 {band!r}")
    return BAND_LABELS[band]


def peer_summary(
    values: pd.Series, code: str, peers: Iterable[str], province_value: float
) -> dict[str, float]:
    """The numbers behind a dot plot: the county's value, the peer median, the province, the peer range.

    `min`, `max` and `peer_median` are over the peers only (the county is drawn on top of them), ignoring
    peers without a value; `n_peers` counts the peers that have one. The province value is the caller's
    (a published province figure, or a population-weighted mean of the counties): which one is right depends
    on the metric, so it is not guessed here.
    """
    values = values.copy()
    values.index = values.index.astype(str)
    peer_values = values.reindex([str(p) for p in peers]).dropna().astype(float)
    value = values.get(str(code), np.nan)
    empty = peer_values.empty
    return {
        "value": float(value) if pd.notna(value) else math.nan,
        "peer_median": math.nan if empty else float(peer_values.median()),
        "province_value": float(province_value) if pd.notna(province_value) else math.nan,
        "min": math.nan if empty else float(peer_values.min()),
        "max": math.nan if empty else float(peer_values.max()),
        "n_peers": int(len(peer_values)),
    }


# --- sentences ----------------------------------------------------------------------------------------------


def _half_up(value: float, decimals: int = 0) -> Decimal:
    """Round half away from zero, as readers do (412.5 → 413, 12.5 % → 13 %), not half-to-even.

    The value is first cut to 9 decimals so that 1035 / 1000 − 1 = 0.034999999999999 counts as 3.5 %.
    """
    exact = Decimal(repr(round(value, 9)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _number(value: float, decimals: int) -> str:
    return f"{_half_up(value, decimals):,.{decimals}f}"


def _is_share(unit: str) -> bool:
    return unit in SHARE_UNITS or unit in PERCENT_UNITS


def _as_percent(value: float, unit: str) -> float:
    return value * 100 if unit in SHARE_UNITS else value


def format_value(value: float, unit: str) -> str:
    """A value with its unit, as a Chinese reader expects it.

    Money: thousands separators, no decimals ("每人每月 412 元"). Shares and percents: one decimal and "%".
    Persons: "7.6 万人" from 10,000 on, else "8,523 人". Any other unit: the number (no decimals when it is
    whole or large, else up to two) followed by the unit.
    """
    if unit in MONEY_UNITS:
        return MONEY_UNITS[unit].format(_number(value, 0))
    if _is_share(unit):
        return f"{_number(_as_percent(value, unit), 1)}%"
    if unit in PERSON_UNITS:
        if abs(value) >= PERSONS_PER_WAN:
            return f"{_number(value / PERSONS_PER_WAN, 1)} 万人"
        return f"{_number(value, 0)} 人"
    decimals = 0 if float(value).is_integer() or abs(value) >= 100 else 2
    text = _number(value, decimals)
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}".rstrip()


_TENTHS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}
# "约为…的九成" only when the ratio is within this distance of a whole tenth; otherwise the plain
# percentage is more honest than a rounded fraction.
_TENTHS_SNAP = 0.01
# 103 / 100 − 1 is 0.030000000000000027 in floating point: the ±3 % bound is meant inclusively.
_FLOAT_SLACK = 1e-12
# From this ratio on "是…的 2.3 倍" reads better than "高 130%".
_TIMES_FROM = 2.0


def compare_clause(
    value: float, reference: float, reference_label: str, unit: str, tolerance: float = DEFAULT_TOLERANCE
) -> str | None:
    """How `value` stands against `reference`, in neutral words ("高于/低于", never "好/差").

    * |value / reference − 1| ≤ tolerance → "与{reference_label}基本持平": too small to matter.
    * Shares and percents: the gap in percentage points ("高 1.2 个百分点"): a relative "高 30%" of a rate
      is read as points by most readers.
    * Otherwise: "约为…的九成" when the ratio is within ±0.01 of a whole tenth below 1, "约为…的 2.3 倍" from
      twice on, else "比…高/低 X%" with X a whole number.
    * A reference that is zero or negative has no meaningful ratio: only "高于/低于"; a missing one: None.
    """
    if not (math.isfinite(value) and math.isfinite(reference)):
        return None
    if reference <= 0:
        if value == reference:
            return f"与{reference_label}持平"
        return f"{'高于' if value > reference else '低于'}{reference_label}"
    ratio = value / reference
    if abs(ratio - 1) <= tolerance + _FLOAT_SLACK:
        return f"与{reference_label}基本持平"
    higher = "高" if ratio > 1 else "低"
    if _is_share(unit):
        points = abs(_as_percent(value, unit) - _as_percent(reference, unit))
        # Small rates (e.g. a coverage of 0.4 %) need a second decimal to show a gap at all.
        shown = _number(points, 1 if points >= 0.1 else 2)
        if float(shown) == 0:
            return f"与{reference_label}基本持平"
        return f"比{reference_label}{higher} {shown} 个百分点"
    tenths = round(ratio * 10)
    if ratio < 1 and 1 <= tenths <= 9 and abs(ratio * 10 - tenths) <= _TENTHS_SNAP * 10:
        return f"约为{reference_label}的{_TENTHS[tenths]}成"
    if ratio >= _TIMES_FROM:
        return f"约为{reference_label}的 {_number(ratio, 1)} 倍"
    return f"比{reference_label}{higher} {_number(abs(ratio - 1) * 100, 0)}%"


def compare_sentence(
    name: str,
    metric_label: str,
    unit: str,
    value: float,
    peer_median: float,
    province_value: float,
    band: int | None,
    peer_label: str,
    n_counties: int = 60,
    tolerance: float = DEFAULT_TOLERANCE,
) -> str:
    """One Chinese sentence generated from the data, e.g.

    "农安县农村低保标准为每人每月 412 元，比同类县中位数高 6%，与全省水平基本持平，在全省 60 个县（市、区）中
    位于前20%–40%。"

    The band is the caller's `quintile_band` (its direction decides what "前" means). Parts without data are
    left out rather than guessed: no peer median → no peer clause; no band → no band clause; no value →
    "农安县暂无农村低保标准数据。".
    """
    value = finite_or_none(value)
    if value is None:
        return f"{name}暂无{metric_label}数据。"
    shown = format_value(value, unit)
    # A space before a bare number, as around every other number in the sentence ("为 17.0%", "高 6%").
    gap = " " if shown[:1].isdigit() or shown[:1] == "-" else ""
    parts = [f"{name}{metric_label}为{gap}{shown}"]
    for reference, label in ((peer_median, f"{peer_label}中位数"), (province_value, "全省水平")):
        known = finite_or_none(reference)
        clause = None if known is None else compare_clause(value, known, label, unit, tolerance)
        if clause:
            parts.append(clause)
    if band is not None:
        parts.append(f"在全省 {n_counties} 个县（市、区）中位于{band_label(band)}")
    return "，".join(parts) + "。"
