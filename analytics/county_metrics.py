"""The map's metrics, as data: what each shows, its unit, how it is coloured, how it is computed.

Every metric is a function of the county-year table (`analytics.county_data`), its value statuses
(`analytics.county_status`), the county table and, for the guidance metrics, a scenario's guidance gaps
(`analytics.compliance.guidance_gaps`, the same frame 标准测算 lists counties below the guidance from).
Values are in display units (percent for rates and shares, 元/人·月 for standards) so the map, the table,
the dot plot and the sentences all show the same number. Each value carries its status (official /
derived / assumed / scenario / illustrative) so illustrative cells can be drawn lighter and marked 示例.

How a metric is computed is data too (`MapMetric.compute` names one of the `_COMPUTE` rules), so adding a
metric is a row here, not another branch. Policy numbers in the notes are placeholders filled from the
indicator table, the parameters and the targets register (`metric_note`), never typed into the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.county_data import coverage_rates
from analytics.provenance import weakest_of

LEVEL, GAP, CATEGORY, TIER = "level", "gap", "category", "tier"
MET, UNMET, NO_DATA = "达标", "未达标", "无数据"
CATEGORIES = (MET, UNMET, NO_DATA)
UNKNOWN_TIER_LABEL = "未知"
TABLE, GUIDANCE = "table", "guidance"  # where a metric's values come from
PERCENT = 100.0
# 特困 compliance compares values rounded to 0.1 元: a standard written as 1.3 × 545.0 = 708.5 meets it.
TEKUN_TOLERANCE_YUAN = 0.05


@dataclass(frozen=True)
class MapMetric:
    key: str
    label: str
    unit: str  # display unit; "%" values are already ×100
    kind: str  # LEVEL: sequential colours; GAP: diverging around 0; CATEGORY: 达标/未达标/无数据; TIER: 第k档
    group: str
    note: str  # how it is computed, shown under the map; {placeholders} filled by `metric_note`
    compute: str  # a key of `_COMPUTE`
    column: str = ""  # the county-table column, or the side for guidance metrics
    higher_is_better: bool = True

    @property
    def source(self) -> str:
        return GUIDANCE if self.compute in ("tier", "guidance", "gap") else TABLE


METRICS: tuple[MapMetric, ...] = (
    MapMetric("urban_coverage", "城市低保覆盖率", "%", LEVEL, "覆盖",
              "城市低保对象 ÷ 城镇常住人口（2020年普查人口 × 普查城镇人口比重）", "coverage", "urban_coverage"),
    MapMetric("rural_coverage", "农村低保覆盖率", "%", LEVEL, "覆盖",
              "农村低保对象 ÷ 乡村常住人口（2020年普查人口 × (1 − 普查城镇人口比重)）", "coverage", "rural_coverage"),
    MapMetric("urban_standard_month", "城市低保标准", "元/人·月", LEVEL, "标准", "县（市、区）城市低保标准",
              "value", "urban_standard_month"),
    MapMetric("rural_standard_month", "农村低保标准", "元/人·月", LEVEL, "标准", "县（市、区）农村低保标准",
              "value", "rural_standard_month"),
    MapMetric("rural_urban_ratio", "农村/城市低保标准比", "%", LEVEL, "标准",
              "农村低保标准 ÷ 城市低保标准（指标2，目标{ind2}%）", "ratio"),
    MapMetric("tekun_compliance", "特困标准达标（≥上年低保×倍数）", "", CATEGORY, "标准",
              "城市与农村特困人员基本生活标准均不低于本县上年度相应低保标准 × {tekun_multiplier}（指标3）", "tekun"),
    MapMetric("urban_tier", "城市指导标准档次", "档", TIER, "指导标准",
              "该年省定最低指导标准通知中本县的城市档次（{documents}）；未见于通知的为“未知”", "tier", "urban",
              higher_is_better=False),
    MapMetric("rural_tier", "农村指导标准档次", "档", TIER, "指导标准",
              "该年省定最低指导标准通知中本县的农村档次（{documents}）；未见于通知的为“未知”", "tier", "rural",
              higher_is_better=False),
    MapMetric("urban_guidance", "城市省定最低指导标准", "元/人·月", LEVEL, "指导标准",
              "本县城市档次对应的省定最低指导标准（下一年度取标准测算页情景）", "guidance", "urban"),
    MapMetric("rural_guidance", "农村省定最低指导标准", "元/人·月", LEVEL, "指导标准",
              "本县农村档次对应的省定最低指导标准（下一年度取标准测算页情景）", "guidance", "rural"),
    MapMetric("urban_gap", "城市标准较指导标准差额", "元/人·月", GAP, "指导标准",
              "县城市低保标准 − 本县档次的省定最低指导标准；负值为低于指导标准。下一年度比较的是当地现行（最新年份）标准",
              "gap", "urban"),
    MapMetric("rural_gap", "农村标准较指导标准差额", "元/人·月", GAP, "指导标准",
              "县农村低保标准 − 本县档次的省定最低指导标准；负值为低于指导标准。下一年度比较的是当地现行（最新年份）标准",
              "gap", "rural"),
    MapMetric("approval_delegated_share", "审批权限下放乡镇比例", "%", LEVEL, "服务网络", "指标4，目标{ind4}%",
              "share", "approval_delegated_share"),
    MapMetric("social_work_station_coverage", "乡镇社工站覆盖率", "%", LEVEL, "服务网络",
              "建有社会工作服务站的乡镇（街道）比例", "share", "social_work_station_coverage"),
    MapMetric("village_coordinator_share", "村级救助协理员配备率", "%", LEVEL, "服务网络",
              "配备社会救助协理员的村（社区）比例", "share", "village_coordinator_share"),
    MapMetric("care_institutions", "失能特困人员照护机构", "个", LEVEL, "服务网络",
              "{T036_deadline}年目标：每县至少{T036}个", "value", "care_institutions"),
    MapMetric("nursing_bed_share", "护理型床位占比", "%", LEVEL, "服务网络", "目标不低于{T037}%", "share",
              "nursing_bed_share"),
    MapMetric("hotline_12345", "救助热线接入12345", "", CATEGORY, "服务网络", "指标8；接入为达标", "hotline",
              "hotline_12345"),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}
FRAME_COLUMNS = ("code", "name", "prefecture", "value", "category", "status", "tier_status")


def metric_note(metric: MapMetric, facts: Mapping[str, object]) -> str:
    """The metric's note with its policy numbers filled in from data (`facts`: placeholder → value)."""
    return metric.note.format_map({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in facts.items()})


def tier_label(tier: object) -> str:
    return UNKNOWN_TIER_LABEL if pd.isna(tier) else f"第{int(tier)}档"


# -------------------------------------------------------------------------------------- the rules
@dataclass(frozen=True)
class _Year:
    """One year's inputs for the rules: values and statuses of this and the previous year, gaps."""

    this: pd.DataFrame  # table rows of the year with coverage columns, by code
    before: pd.DataFrame  # the previous year's rows, by code
    status: pd.DataFrame  # value statuses of `this`, by code
    status_before: pd.DataFrame
    gaps: pd.DataFrame | None  # guidance gaps of the year (both sides), or None
    index: pd.Index
    tekun_multiplier: float


def _col(frame: pd.DataFrame, name: str, index: pd.Index) -> pd.Series:
    return frame[name].astype("float64").reindex(index) if name in frame else pd.Series(np.nan, index=index)


def _status(frame: pd.DataFrame, name: str, index: pd.Index) -> pd.Series:
    return frame[name].reindex(index).fillna("") if name in frame else pd.Series("", index=index)


def _with(values: pd.Series, status: pd.Series, tier_status: pd.Series | None = None) -> tuple:
    return values, status.where(values.notna(), ""), tier_status


def _value(m: MapMetric, y: _Year) -> tuple:
    return _with(_col(y.this, m.column, y.index), _status(y.status, m.column, y.index))


def _share(m: MapMetric, y: _Year) -> tuple:
    return _with(_col(y.this, m.column, y.index) * PERCENT, _status(y.status, m.column, y.index))


def _coverage(m: MapMetric, y: _Year) -> tuple:
    recipients = m.column.replace("coverage", "recipients")
    return _with(_col(y.this, m.column, y.index) * PERCENT, _status(y.status, recipients, y.index))


def _ratio(m: MapMetric, y: _Year) -> tuple:
    rural, urban = (_col(y.this, f"{s}_standard_month", y.index) for s in ("rural", "urban"))
    status = weakest_of(_status(y.status, "rural_standard_month", y.index).to_numpy(),
                        _status(y.status, "urban_standard_month", y.index).to_numpy())
    return _with(rural / urban * PERCENT, pd.Series(status, index=y.index))


def _tekun(m: MapMetric, y: _Year) -> tuple:
    multiplier = y.tekun_multiplier
    ok, known, statuses = None, None, []
    for side in ("urban", "rural"):
        tekun = _col(y.this, f"tekun_{side}_standard_month", y.index)
        base = _col(y.before, f"{side}_standard_month", y.index)
        met = tekun >= multiplier * base - TEKUN_TOLERANCE_YUAN
        ok = met if ok is None else ok & met
        both = tekun.notna() & base.notna()
        known = both if known is None else known & both
        statuses += [_status(y.status, f"tekun_{side}_standard_month", y.index).to_numpy(),
                     _status(y.status_before, f"{side}_standard_month", y.index).to_numpy()]
    status = statuses[0]
    for other in statuses[1:]:
        status = weakest_of(status, other)
    return _with(ok.astype("float64").where(known), pd.Series(status, index=y.index))


def _hotline(m: MapMetric, y: _Year) -> tuple:
    return _value(m, y)


def _gaps(m: MapMetric, y: _Year) -> pd.DataFrame:
    if y.gaps is None:
        return pd.DataFrame(index=y.index, columns=["tier", "tier_status", "guidance_month", "guidance_status",
                                                    "gap_month", "status"])
    return y.gaps[y.gaps["side"] == m.column].set_index("code").reindex(y.index)


def _tier(m: MapMetric, y: _Year) -> tuple:
    rows = _gaps(m, y)
    tier = rows["tier"].astype("float64")
    tier_status = rows["tier_status"].fillna("").astype(object)
    status = tier_status.where(tier_status.isin(["assumed"]), rows["guidance_status"].fillna(""))
    return tier, status.where(tier.notna(), ""), tier_status


def _guidance(m: MapMetric, y: _Year) -> tuple:
    rows = _gaps(m, y)
    return _with(rows["guidance_month"].astype("float64"), rows["guidance_status"].fillna("").astype(object),
                 rows["tier_status"].fillna("").astype(object))


def _gap(m: MapMetric, y: _Year) -> tuple:
    rows = _gaps(m, y)
    return _with(rows["gap_month"].astype("float64"), rows["status"].fillna("").astype(object),
                 rows["tier_status"].fillna("").astype(object))


_COMPUTE: dict[str, Callable[[MapMetric, _Year], tuple]] = {
    "value": _value, "share": _share, "coverage": _coverage, "ratio": _ratio, "tekun": _tekun,
    "hotline": _hotline, "tier": _tier, "guidance": _guidance, "gap": _gap,
}


def _category(metric: MapMetric, values: pd.Series) -> pd.Series:
    if metric.kind == CATEGORY:
        return values.map(lambda v: NO_DATA if pd.isna(v) else (MET if v >= 1 else UNMET))
    if metric.kind == TIER:
        return values.map(tier_label)
    return values.map(lambda v: NO_DATA if pd.isna(v) else "")


def metric_frame(table: pd.DataFrame, counties: pd.DataFrame, metric: MapMetric, year: int, *,
                 statuses: pd.DataFrame | None = None, gaps: pd.DataFrame | None = None,
                 tekun_multiplier: float | None = None) -> pd.DataFrame:
    """One row per county (all 60, in county-table order): `FRAME_COLUMNS`.

    `statuses`: the table's value statuses (`analytics.county_status.value_status`; default: every value
    illustrative); `gaps`: guidance gaps (`analytics.compliance.guidance_gaps`) for the guidance metrics.
    Counties without data for the year keep a row with value NaN and category 无数据 (or 未知 for a tier), so
    the map draws them grey and says so instead of leaving a hole.
    """
    rates = coverage_rates(table, counties)
    if statuses is None:
        from analytics.county_data import VALUE_COLUMNS

        statuses = pd.DataFrame("illustrative", index=table.index, columns=list(VALUE_COLUMNS))
        statuses = statuses.where(table[list(VALUE_COLUMNS)].notna(), "")
    base = counties.set_index("code")[["name", "prefecture"]]
    index = base.index

    def rows(y: int, frame: pd.DataFrame) -> pd.DataFrame:
        part = frame[frame["year"] == y]
        return part.set_index("code") if len(part) else pd.DataFrame(index=pd.Index([], name="code"))

    status_frame = statuses.assign(code=table["code"].to_numpy(), year=table["year"].to_numpy())
    year_gaps = None if gaps is None else gaps[gaps["year"] == year]
    inputs = _Year(this=rows(year, rates), before=rows(year - 1, rates), status=rows(year, status_frame),
                   status_before=rows(year - 1, status_frame), gaps=year_gaps, index=index,
                   tekun_multiplier=np.nan if tekun_multiplier is None else float(tekun_multiplier))
    values, status, tier_status = _COMPUTE[metric.compute](metric, inputs)
    out = base.assign(value=values.astype("float64").to_numpy(), category=_category(metric, values).to_numpy(),
                      status=status.to_numpy(dtype=object),
                      tier_status=(tier_status.to_numpy(dtype=object) if tier_status is not None else ""))
    return out.reset_index()[list(FRAME_COLUMNS)]


def metric_years(metric: MapMetric, table_years: list[int], guidance_years: list[int]) -> list[int]:
    """The years a metric can be shown for: the table's, plus (guidance metrics) the guidance years after it."""
    if metric.source == TABLE:
        return sorted(table_years)
    return sorted(set(table_years) | {y for y in guidance_years if y > max(table_years)})


def province_value(frame: pd.DataFrame, metric: MapMetric, counties: pd.DataFrame) -> float:
    """The province figure to compare a county with: population-weighted mean of the county values.

    Weighting by the 2020 census population makes the province value what a resident experiences on
    average (a simple mean would let 长白县 weigh as much as 朝阳区). For categories: the share met, in %.
    A tier has no meaningful mean: NaN.
    """
    if metric.kind == TIER:
        return float("nan")
    weights = frame["code"].map(counties.set_index("code")["pop_2020_census"].astype("float64"))
    known = frame["value"].notna()
    if not known.any():
        return float("nan")
    value = float(np.average(frame.loc[known, "value"], weights=weights[known]))
    return value * PERCENT if metric.kind == CATEGORY else value


def ranks(frame: pd.DataFrame, metric: MapMetric) -> pd.Series:
    """Position among the counties with data (1 = highest when higher is better), ties share the best."""
    return frame["value"].rank(ascending=not metric.higher_is_better, method="min")


def all_metric_values(table: pd.DataFrame, counties: pd.DataFrame, statuses: pd.DataFrame, gaps: pd.DataFrame,
                      tekun_multiplier: float, guidance_years: list[int]) -> pd.DataFrame:
    """Every metric for every year it has and every county, long: metric, year and `FRAME_COLUMNS`.

    Computed once per data version and scenario (the page caches it) so that switching metric, year or
    county only slices this frame.
    """
    table_years = sorted(int(y) for y in table["year"].unique())
    parts = []
    for metric in METRICS:
        for year in metric_years(metric, table_years, guidance_years):
            frame = metric_frame(table, counties, metric, year, statuses=statuses, gaps=gaps,
                                 tekun_multiplier=tekun_multiplier)
            parts.append(frame.assign(metric=metric.key, year=year))
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["value"].astype("float64")  # all-NaN parts must not turn the column into objects
    return out
