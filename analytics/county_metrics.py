"""The map's metrics, as data: what each shows, its unit, how it is coloured and how it is computed.

Every metric is a function of the county-year table (`analytics.county_data`), the county table and,
for the gap metrics, the province guidance standard of the scenario chosen on 标准测算. Values are in
display units (percent for rates and shares, 元/人·月 for standards) so the map, the table, the dot plot
and the sentences all show the same number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.county_data import coverage_rates

LEVEL, GAP, CATEGORY = "level", "gap", "category"
MET, UNMET, NO_DATA = "达标", "未达标", "无数据"
CATEGORIES = (MET, UNMET, NO_DATA)


@dataclass(frozen=True)
class MapMetric:
    key: str
    label: str
    unit: str  # display unit; "%" values are already ×100
    kind: str  # LEVEL: sequential colours; GAP: diverging around 0; CATEGORY: 达标/未达标/无数据
    group: str
    note: str  # how it is computed, shown under the map
    higher_is_better: bool = True


METRICS: tuple[MapMetric, ...] = (
    MapMetric("urban_coverage", "城市低保覆盖率", "%", LEVEL, "覆盖",
              "城市低保对象 ÷ 城镇常住人口（2020年普查人口 × 普查城镇人口比重）"),
    MapMetric("rural_coverage", "农村低保覆盖率", "%", LEVEL, "覆盖",
              "农村低保对象 ÷ 乡村常住人口（2020年普查人口 × (1 − 普查城镇人口比重)）"),
    MapMetric("urban_standard_month", "城市低保标准", "元/人·月", LEVEL, "标准", "县（市、区）城市低保标准"),
    MapMetric("rural_standard_month", "农村低保标准", "元/人·月", LEVEL, "标准", "县（市、区）农村低保标准"),
    MapMetric("urban_gap", "城市标准较指导标准", "元/人·月", GAP, "标准",
              "县城市低保标准 − 省定最低指导标准（标准测算页当前情景：比例 × t−滞后年城镇居民收入 ÷ 12）；负值为低于指导标准"),
    MapMetric("rural_gap", "农村标准较指导标准", "元/人·月", GAP, "标准",
              "县农村低保标准 − 省定最低指导标准（比例 × t−滞后年农村居民收入 ÷ 12，不低于扶贫标准）；负值为低于指导标准"),
    MapMetric("rural_urban_ratio", "农村/城市低保标准比", "%", LEVEL, "标准", "农村低保标准 ÷ 城市低保标准（指标2，目标75%）"),
    MapMetric("tekun_compliance", "特困标准达标（≥上年低保×倍数）", "", CATEGORY, "标准",
              "城市与农村特困人员基本生活标准均不低于本县上年度相应低保标准 × 特困倍数（指标3）"),
    MapMetric("approval_delegated_share", "审批权限下放乡镇比例", "%", LEVEL, "服务网络", "指标4，目标100%"),
    MapMetric("social_work_station_coverage", "乡镇社工站覆盖率", "%", LEVEL, "服务网络",
              "建有社会工作服务站的乡镇（街道）比例"),
    MapMetric("village_coordinator_share", "村级救助协理员配备率", "%", LEVEL, "服务网络",
              "配备社会救助协理员的村（社区）比例"),
    MapMetric("care_institutions", "失能特困人员照护机构", "个", LEVEL, "服务网络", "2022年目标：每县至少1个"),
    MapMetric("nursing_bed_share", "护理型床位占比", "%", LEVEL, "服务网络", "目标不低于50%"),
    MapMetric("hotline_12345", "救助热线接入12345", "", CATEGORY, "服务网络", "指标8；接入为达标"),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}
SHARE_COLUMNS = ("approval_delegated_share", "social_work_station_coverage", "village_coordinator_share",
                 "nursing_bed_share")
PERCENT = 100.0
MONTHS = 12


def province_guidance_month(income: dict[str, pd.Series], ratios: dict[str, float], lag: int, year: int,
                            rural_floor_year: float) -> dict[str, float]:
    """The province minimum guidance standard in 元/人·月 for `year`: ratio × income(year − lag) ÷ 12.

    The guidance is one figure for the province that every county must reach (吉民发〔2022〕24号 §三(二)1),
    so it is computed from province income; the rural figure is floored at the poverty line.
    """
    out = {}
    for side in ("urban", "rural"):
        base = income[side].get(year - lag, np.nan)
        value = ratios[side] * base
        if side == "rural":
            value = max(value, rural_floor_year)
        out[side] = value / MONTHS
    return out


def metric_frame(table: pd.DataFrame, counties: pd.DataFrame, metric: MapMetric, year: int,
                 guidance_month: dict[str, float] | None = None, tekun_multiplier: float | None = None,
                 ) -> pd.DataFrame:
    """One row per county (all 60, in county-table order): code, name, prefecture, value, category.

    Counties without data for the year keep a row with value NaN and category 无数据, so the map draws
    them grey and says so instead of leaving a hole.
    """
    rates = coverage_rates(table, counties)
    this = rates[rates["year"] == year].set_index("code")
    before = rates[rates["year"] == year - 1].set_index("code")
    base = counties.set_index("code")[["name", "prefecture"]].copy()
    values = pd.Series(np.nan, index=base.index, dtype="float64")
    category = pd.Series(NO_DATA, index=base.index, dtype="object")

    def col(frame: pd.DataFrame, name: str) -> pd.Series:
        return frame[name].astype("float64").reindex(base.index) if name in frame else values * np.nan

    key = metric.key
    if key in ("urban_coverage", "rural_coverage") or key in SHARE_COLUMNS:
        values = col(this, key) * PERCENT
    elif key in ("urban_standard_month", "rural_standard_month", "care_institutions"):
        values = col(this, key)
    elif key in ("urban_gap", "rural_gap"):
        side = key.split("_")[0]
        guidance = (guidance_month or {}).get(side, np.nan)
        values = col(this, f"{side}_standard_month") - guidance
    elif key == "rural_urban_ratio":
        values = col(this, "rural_standard_month") / col(this, "urban_standard_month") * PERCENT
    elif key == "tekun_compliance":
        multiplier = tekun_multiplier if tekun_multiplier is not None else np.nan
        urban = col(this, "tekun_urban_standard_month") >= multiplier * col(before, "urban_standard_month") - 0.05
        rural = col(this, "tekun_rural_standard_month") >= multiplier * col(before, "rural_standard_month") - 0.05
        known = col(this, "tekun_urban_standard_month").notna() & col(before, "urban_standard_month").notna()
        values = (urban & rural).astype("float64").where(known)
    elif key == "hotline_12345":
        values = col(this, key)
    else:
        raise KeyError(f"unknown map metric {key}")
    if metric.kind == CATEGORY:
        category = values.map(lambda v: NO_DATA if pd.isna(v) else (MET if v >= 1 else UNMET))
    else:
        category = values.map(lambda v: NO_DATA if pd.isna(v) else "")
    out = base.assign(value=values.astype("float64"), category=category)
    return out.reset_index()


def province_value(frame: pd.DataFrame, metric: MapMetric, counties: pd.DataFrame) -> float:
    """The province figure to compare a county with: population-weighted mean of the county values.

    Weighting by the 2020 census population makes the province value what a resident experiences on
    average (a simple mean would let 长白县 weigh as much as 朝阳区). For categories: the share met, in %.
    """
    weights = frame["code"].map(counties.set_index("code")["pop_2020_census"].astype("float64"))
    known = frame["value"].notna()
    if not known.any():
        return float("nan")
    value = float(np.average(frame.loc[known, "value"], weights=weights[known]))
    return value * PERCENT if metric.kind == CATEGORY else value


def ranks(frame: pd.DataFrame, metric: MapMetric) -> pd.Series:
    """Position among the counties with data (1 = highest when higher is better), ties share the best."""
    return frame["value"].rank(ascending=not metric.higher_is_better, method="min")


def all_metric_values(table: pd.DataFrame, counties: pd.DataFrame, guidance_by_year: dict[int, dict[str, float]],
                      tekun_multiplier: float) -> pd.DataFrame:
    """Every metric for every year and county, long: metric, year, code, name, prefecture, value, category.

    Computed once per data version and scenario (the page caches it) so that switching metric, year or
    county only slices this frame.
    """
    parts = []
    for year in sorted(int(y) for y in table["year"].unique()):
        for metric in METRICS:
            frame = metric_frame(table, counties, metric, year, guidance_by_year.get(year), tekun_multiplier)
            parts.append(frame.assign(metric=metric.key, year=year))
    return pd.concat(parts, ignore_index=True)
