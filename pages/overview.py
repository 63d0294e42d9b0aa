"""概览: the headline figures, each with its year, source and status, and one chart."""

from __future__ import annotations

import streamlit as st

from analytics import province
from dashboard import data
from dashboard.figures import PLOTLY_CONFIG, standards_income_figure
from dashboard.ui import chart_note, guard, page_footer, page_header, status_badge, t

DATASETS = ("province_annual", "assistance_monthly", "counties", "development_zones", "indicators_14th_fyp")

page_header("page.overview", "overview.intro")

annual = guard(lambda: data.table("province_annual"))
monthly = guard(lambda: data.table("assistance_monthly"))
counties = guard(lambda: data.table("counties"))
zones = guard(lambda: data.table("development_zones"))
indicators = {i.code: i for i in guard(data.indicators)}
sources = guard(data.sidecars)

ratio_target = indicators["rural_urban_standard_ratio"].target_value
income = {
    side: province.latest_with_growth(annual, province.INCOME[side], f"{side}_income", "元/人·年")
    for side in ("urban", "rural")
}
standards = {
    side: province.value_in(annual, province.STANDARD[side], 2020, f"{side}_standard", "元/人·年")
    for side in ("urban", "rural")
}
ratio = province.rural_urban_ratio(annual, 2020)
caseload = province.caseload_latest(monthly)
population = province.census_population(counties, zones)


def metric(column, label_key: str, fig: province.Figure, value: str, caption: str,
           delta: str | None = None) -> None:
    """A bordered card: short label, number with unit, change, period and unit, status mark."""
    with column, st.container(border=True):
        st.metric(t(label_key), value, delta, help=t("metric.source", source=fig.source))
        st.caption(caption)
        status_badge(fig.status)


st.subheader(t("overview.section.income"))
cols = st.columns(4)
for col, side in zip(cols[:2], ("urban", "rural"), strict=True):
    fig = income[side]
    metric(col, f"metric.{side}_income", fig, f"{fig.value:,.0f} 元", t("metric.period.income", period=fig.period),
           t("metric.yoy", value=fig.change_pct) if fig.change_pct is not None else None)
for col, side in zip(cols[2:], ("urban", "rural"), strict=True):
    fig = standards[side]
    metric(col, f"metric.{side}_standard", fig, f"{fig.value:,.0f} 元",
           t("metric.period.standard", period=fig.period, monthly=fig.value / 12))

st.markdown(f"**{t('chart.standards.title')}**")
chart = province.chart_frame(annual)
st.plotly_chart(standards_income_figure(chart, t), config=PLOTLY_CONFIG, key="overview_standards_chart")
st.caption(t("chart.standards.caption"))
chart_note([sources["province_annual"]], chart["status"].dropna())

st.subheader(t("overview.section.caseload"))
cols = st.columns(4)
metric(cols[0], "metric.ratio", ratio, f"{ratio.value:.1f}%",
       t("metric.period.ratio", period=ratio.period, target=ratio_target),
       t("metric.gap_to_target", value=ratio.value - ratio_target))
for col, key in zip(cols[1:3], ("dibao_persons", "tekun_persons"), strict=True):
    fig = caseload[key]
    metric(col, f"metric.{key}", fig, f"{fig.value:,.1f} 万人", t("metric.period.caseload", period=fig.period))
metric(cols[3], "metric.population", population, f"{population.value:,.1f} 万人",
       t("metric.period.census") + " · " + t("metric.counties_note", count=len(counties),
                                             prefectures=counties["prefecture_code"].nunique(), zones=len(zones)))

page_footer(sources[n] for n in DATASETS)
