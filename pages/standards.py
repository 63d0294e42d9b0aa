"""标准测算: the dibao standard rule projected on income forecasts, for a scenario shared by URL."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import province
from analytics.forecast import MODEL_LABELS
from analytics.scenario import Scenario, baseline_scenario, describe_changes
from analytics.standards import (
    annual_cost,
    income_path,
    latest_caseload,
    observed_standards,
    project_standards,
    year_reaching,
)
from dashboard import data
from dashboard.figures import (
    PLOTLY_CONFIG,
    income_forecast_figure,
    indicator_status_figure,
    standards_projection_figure,
)
from dashboard.scenario_ui import (
    COMPARE_KEY,
    FLASH_KEY,
    MAX_SAVED,
    remove_saved,
    save_current,
    saved_scenarios,
    scenario_controls,
)
from dashboard.ui import chart_note, guard, page_footer, page_header, t

DATASETS = ("province_annual", "assistance_monthly", "parameters", "indicators_14th_fyp")
KEY_YEAR = 2025  # the plan's target year

page_header("page.standards", "std.intro")

params = guard(data.parameters)
annual = guard(lambda: data.table("province_annual"))
monthly = guard(lambda: data.table("assistance_monthly"))
indicators = {i.number: i for i in guard(data.indicators)}
sources = guard(data.sidecars)
forecasts = guard(data.income_forecasts)

baseline = baseline_scenario(params)
scenario, notices = scenario_controls(baseline)
for notice in notices:
    st.warning(notice, icon=":material/link_off:")

observed = observed_standards(annual)
caseload = latest_caseload(monthly)
ratio_target = indicators[2].target_value
tekun_target = indicators[3].target_value


def project(s: Scenario) -> pd.DataFrame:
    incomes = {side: income_path(forecasts[side], s.income_path, s.custom_growth_pct, s.horizon)
               for side in ("urban", "rural")}
    return project_standards(incomes, s, params, observed)


base = replace(baseline, horizon=scenario.horizon)
baseline_projection = project(base)
projection = project(scenario)
caseload_month = str(caseload["month"].iloc[0])
base_year = int(caseload_month[:4])
cost = annual_cost(projection, baseline_projection, caseload, base_year)
reach = year_reaching(projection, "rural_urban_ratio", ratio_target)

# Key figures for the plan's target year.
row = projection.loc[KEY_YEAR]
cols = st.columns(4)
for col, side in zip(cols[:2], ("urban", "rural"), strict=True):
    with col, st.container(border=True):
        st.metric(t(f"std.metric.{side}", year=KEY_YEAR), f"{row[f'{side}_month']:,.0f} 元")
        st.caption(t("std.metric.year_value", value=row[f"{side}_year"]))
with cols[2], st.container(border=True):
    st.metric(t("std.metric.ratio", year=KEY_YEAR), f"{row['rural_urban_ratio']:.1f}%",
              t("std.metric.ratio_delta", value=row["rural_urban_ratio"] - ratio_target))
    reached = t("std.metric.reach", year=reach) if reach else t("std.metric.no_reach", horizon=scenario.horizon)
    st.caption(t("std.metric.ratio_note", target=ratio_target) + reached)
with cols[3], st.container(border=True):
    change = cost.loc[KEY_YEAR, "change_vs_baseline"]
    st.metric(t("std.metric.cost", year=KEY_YEAR), f"{cost.loc[KEY_YEAR, 'total']:,.1f} 亿元",
              t("std.metric.cost_delta", value=change), delta_color="inverse" if abs(change) > 0.005 else "off")
    st.caption(t("std.metric.cost_note"))

# (a) Income forecasts.
st.subheader(t("std.section.income"))
st.plotly_chart(income_forecast_figure(forecasts, scenario.horizon, t), config=PLOTLY_CONFIG,
                key="standards_income_chart")
for side in ("urban", "rural"):
    fc = forecasts[side]
    st.caption(t("std.model_used", side=t(f"std.side.{side}"), model=MODEL_LABELS[fc.model], reason=fc.reason))
chart_note([sources["province_annual"]], province.series(annual, province.INCOME["urban"])["status"])
with st.expander(t("std.backtest.title")):
    st.caption(t("std.backtest.caption"))
    for side in ("urban", "rural"):
        table = forecasts[side].backtest.pivot(index="model", columns="horizon", values="mape")
        table.index = [MODEL_LABELS.get(m, m) for m in table.index]
        table.columns = [t("std.backtest.horizon", h=h) for h in table.columns]
        st.markdown(f"**{t(f'std.side.{side}')}**")
        st.dataframe(table.style.format("{:.2f}%"), width="stretch")

# (b) Standards.
st.subheader(t("std.section.standards"))
st.plotly_chart(standards_projection_figure(projection, observed, ratio_target / 100, t), config=PLOTLY_CONFIG,
                key="standards_projection_chart")
st.caption(t("std.standards.caption", lag=scenario.lag))
chart_note([sources["province_annual"], sources["parameters"]], ["derived"])

# (c) Indicators 1-3.
st.subheader(t("std.section.indicators"))


def cell(met: bool, text: str) -> tuple[bool, str]:
    return bool(met), f"{text}<br>{t('std.ind.met') if met else t('std.ind.unmet')}"


grid = pd.DataFrame(
    {
        year: {
            t("std.ind.1u"): cell(r["ind1_urban_margin_pp"] >= 0, f"{r['ind1_urban_margin_pp']:+.1f}"),
            t("std.ind.1r"): cell(r["ind1_rural_margin_pp"] >= 0, f"{r['ind1_rural_margin_pp']:+.1f}"),
            t("std.ind.2"): cell(r["ind2_met"], f"{r['rural_urban_ratio']:.1f}%"),
            t("std.ind.3"): cell(r["ind3_met"], f"{r['tekun_ratio']:.0f}%"),
        }
        for year, r in projection.iterrows()
    }
)
st.plotly_chart(indicator_status_figure(grid, t), config=PLOTLY_CONFIG, key="standards_indicator_chart")
st.caption(t("std.ind.caption", ratio=ratio_target, tekun=tekun_target))

# Tables and downloads.
with st.expander(t("std.table.title")):
    shown = projection.round(2)
    st.dataframe(shown, width="stretch")
    st.dataframe(cost.round(3), width="stretch")
    st.caption(t("std.cost.assumption", month=caseload_month))
dl = st.columns(3)
dl[0].download_button(t("std.download.projection"), projection.to_csv().encode("utf-8-sig"),
                      "standards_projection.csv", "text/csv", key="dl_projection", icon=":material/download:")
dl[1].download_button(t("std.download.income"), pd.concat(
    {side: fc.forecast for side, fc in forecasts.items()}, names=["side", "year"]).to_csv().encode("utf-8-sig"),
    "income_forecast.csv", "text/csv", key="dl_income", icon=":material/download:")
dl[2].download_button(t("std.download.cost"), cost.to_csv().encode("utf-8-sig"), "standards_cost.csv",
                      "text/csv", key="dl_cost", icon=":material/download:")

# Scenario comparison.
st.subheader(t("std.section.compare"))
saved = saved_scenarios()
left, right = st.columns([1, 2])
with left:
    st.button(t("std.save", name=scenario.name), key="standards_save", icon=":material/bookmark_add:",
              on_click=save_current, args=(scenario,))
    if flash := st.session_state.pop(FLASH_KEY, None):
        getattr(st, flash[0])(flash[1])
    if saved:
        drop = st.selectbox(t("std.remove_label"), list(saved), key="standards_remove_choice")
        st.button(t("std.remove"), key="standards_remove", on_click=remove_saved, args=(drop,))
with right:
    chosen = st.multiselect(t("std.compare_label"), list(saved), key=COMPARE_KEY, persist_state="session")
if len(chosen) >= 2:
    runs = {name: project(saved[name]) for name in chosen}
    costs = {name: annual_cost(runs[name], project(replace(baseline, horizon=saved[name].horizon)), caseload,
                               base_year) for name in chosen}
    summary = pd.DataFrame(
        {
            name: {
                t("std.cmp.urban"): runs[name].loc[KEY_YEAR, "urban_month"],
                t("std.cmp.rural"): runs[name].loc[KEY_YEAR, "rural_month"],
                t("std.cmp.ratio"): runs[name].loc[KEY_YEAR, "rural_urban_ratio"],
                t("std.cmp.reach"): year_reaching(runs[name], "rural_urban_ratio", ratio_target) or "—",
                t("std.cmp.cost"): costs[name].loc[KEY_YEAR, "change_vs_baseline"],
                t("std.cmp.changes"): "；".join(describe) if (describe := describe_changes(saved[name], baseline)) else "—",
            }
            for name in chosen
        }
    )
    st.dataframe(summary, width="stretch")
    st.plotly_chart(standards_projection_figure(projection, observed, ratio_target / 100, t, compare=runs),
                    config=PLOTLY_CONFIG, key="standards_compare_chart")
    st.download_button(t("std.download.compare"), summary.to_csv().encode("utf-8-sig"), "scenario_comparison.csv",
                       "text/csv", key="dl_compare", icon=":material/download:")
else:
    st.caption(t("std.compare_hint", n=MAX_SAVED))

with st.expander(t("std.method.title")):
    st.markdown(t("std.method.body"))

page_footer(sources[n] for n in DATASETS)
