"""标准测算: the dibao standards projected on income forecasts, and next year's tiered guidance standards.

Layout for speed: what depends on the scenario (sidebar controls, key figures, projection, next year's
tiers, the counties below them, the indicator table) is one `st.fragment`, so moving a slider reruns and
redraws only that part; the income forecast, backtest, method and footer are drawn once per full run.
Everything a scenario produces comes from `dashboard.data.outcome` (one implementation, cached), and what
the fragment shows of it (figure, key figures, tier table, the counties below, notes) is built once per scenario
and language (`data.cached_view`), so a step back to a scenario only re-sends it: its script takes ~13 ms.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import province
from analytics.compliance import lifting_cost
from analytics.forecast import MODEL_LABELS
from analytics.guidance import SIDES
from analytics.guidance_report import county_table, summary
from analytics.outcome import ScenarioOutcome
from analytics.safe_export import csv_bytes
from analytics.scenario import (
    SCENARIO_FIELDS,
    Scenario,
    baseline_scenario,
    describe_changes,
    scenario_to_query,
)
from analytics.standards import annual_cost, latest_caseload, year_reaching
from dashboard import data, saved_ui
from dashboard.accounts_ui import current_account
from dashboard.cards import Card, cards_html
from dashboard.figures import PLOTLY_CONFIG, standards_projection_figure
from dashboard.guidance_ui import GuidanceView, draw_guidance, guidance_frame, guidance_view
from dashboard.registry import PAGES
from dashboard.scenario_ui import (
    COMPARE_KEY,
    FLASH_KEY,
    MAX_SAVED,
    current_scenario,
    draw_controls,
    remove_saved,
    save_current,
    saved_scenarios,
    sidebar_frame,
)
from dashboard.tables import indicator_status_markdown
from dashboard.ui import chart_note, guard, lang, page_footer, page_header, t
from store.engine import StoreUnavailable
from store.saved import SavedError

DATASETS = ("province_annual", "assistance_monthly", "parameters", "indicators_14th_fyp", "guidance_standards",
            "guidance_tiers", "county_indicators", "county_standards_observed")
KEY_YEAR = 2025  # the plan's target year
RULE_2016 = date(2016, 1, 1)  # 吉民发〔2016〕18号, the rule before the 2022 plan
LAG_WORDS = SCENARIO_FIELDS["lag"].choice_labels
CURRENT_KEY = "standards_current"
PAGE_PATH = next(p.url_path for p in PAGES if p.path == "pages/standards.py")

page_header("page.standards")

params = guard(data.parameters)
# Numbers the intro and the method note quote: the income lag in force, and the 2016 rule it replaced. The
# Chinese names a lag in words (上上年度（t−2）), the words of the scenario's lag control.
lag_now = int(params["dibao_income_lag_years"].current.value)
lag_2016 = int(params["dibao_income_lag_years"].at(RULE_2016).value)
rule_numbers = {"lag": lag_now, "lag_words": LAG_WORDS[lag_now], "lag_2016": lag_2016,
                "lag_2016_words": LAG_WORDS[lag_2016],
                "ratio_2016": params["dibao_income_ratio_rural"].at(RULE_2016).value}
st.caption(t("std.intro", **rule_numbers))
annual = guard(lambda: data.table("province_annual"))
monthly = guard(lambda: data.table("assistance_monthly"))
counties = guard(lambda: data.table("counties"))
indicators = {i.number: i for i in guard(data.indicators)}
sources = guard(data.sidecars)
forecasts = guard(data.income_forecasts)
context = guard(data.scenario_context)
local = guard(data.local_standards)

baseline = baseline_scenario(params)
observed = context.observed
caseload = latest_caseload(monthly)
caseload_month = str(caseload["month"].iloc[0])
base_year = int(caseload_month[:4])
ratio_target = indicators[2].target_value
tekun_target = indicators[3].target_value
income_statuses = list(province.series(annual, province.INCOME["urban"])["status"])
next_year = context.guidance.data.next_year
_, county_origin = guard(data.county_table)
caseload_status = "illustrative" if county_origin == "illustrative" else "official"  # recipients: no observed ones


def project(s: Scenario) -> pd.DataFrame:
    return data.outcome(s).projection


@cache
def baseline_projection(horizon: int) -> pd.DataFrame:
    """Per full run (the data it rests on can only change then), not per slider step."""
    return project(replace(baseline, horizon=horizon))


def cost_of(s: Scenario, projection: pd.DataFrame) -> pd.DataFrame:
    """Cost, and its change against the baseline scenario over the same horizon."""
    return annual_cost(projection, baseline_projection(s.horizon), caseload, base_year)


controls_slot = sidebar_frame(baseline)
saved_slot = st.container()  # opened from a saved link: who saved it, and 数据已更新 if the data moved on
top = st.container()  # link notices and key figures, filled by the scenario fragment

st.subheader(t("std.section.income"))
st.plotly_chart(guard(lambda: data.income_figure(lang())), config=PLOTLY_CONFIG, key="standards_income_chart")
for side in SIDES:
    fc = forecasts[side]
    st.caption(t("std.model_used", side=t(f"std.side.{side}"), model=MODEL_LABELS[fc.model], reason=fc.reason))
chart_note([sources["province_annual"]], income_statuses)
with st.expander(t("std.backtest.title")):
    st.caption(t("std.backtest.caption"))
    for side in SIDES:
        table = forecasts[side].backtest.pivot(index="model", columns="horizon", values="mape")
        table.index = [MODEL_LABELS.get(m, m) for m in table.index]
        table.columns = [t("std.backtest.horizon", h=h) for h in table.columns]
        st.markdown(f"**{t(f'std.side.{side}')}**")
        st.dataframe(table.style.format("{:.2f}%"), width="stretch")

# What does not depend on the scenario is drawn here, once; the fragment fills only the slots.
st.subheader(t("std.section.standards"))
chart_slot = st.container()
st.caption(t("std.standards.caption", floor=params["poverty_line_floor"].current.value, target=ratio_target))
chart_note([sources["province_annual"], sources["parameters"], sources["guidance_standards"]],
           ["derived", *income_statuses])
guidance_slots = guidance_frame(next_year, context.guidance.data, sources)
st.subheader(t("std.section.indicators"))
indicator_slot = st.container()
st.caption(t("std.ind.caption", ratio=ratio_target, tekun=tekun_target))
chart_note([sources["province_annual"], sources["parameters"], sources["indicators_14th_fyp"],
            sources["guidance_standards"]], ["derived", *income_statuses])
show_tables = st.toggle(t("std.table.title"), key="standards_show_tables", persist_state="session")
tables_slot = st.container()
st.caption(t("std.cost.assumption", month=caseload_month))


def key_figures(scenario: Scenario, projection: pd.DataFrame, cost: pd.DataFrame) -> list[Card]:
    """The scenario's four headline figures in the plan's target year (one HTML row, redrawn per step)."""
    row = projection.loc[KEY_YEAR]
    reach = year_reaching(projection, "rural_urban_ratio", ratio_target)
    reached = (t("std.metric.reach", year=reach, target=ratio_target) if reach
               else t("std.metric.no_reach", horizon=scenario.horizon, target=ratio_target))
    change = float(cost.loc[KEY_YEAR, "change_vs_baseline"])
    gap = float(row["rural_urban_ratio"] - ratio_target)
    return [
        *(Card(t(f"std.metric.{side}", year=KEY_YEAR), f"{row[f'{side}_month']:,.0f} 元",
               note=t("std.metric.year_value", value=row[f"{side}_year"])) for side in SIDES),
        Card(t("std.metric.ratio", year=KEY_YEAR), f"{row['rural_urban_ratio']:.1f}%",
             t("std.metric.ratio_delta", value=gap), gap, note=t("std.metric.ratio_note", target=ratio_target) + reached),
        Card(t("std.metric.cost", year=KEY_YEAR), f"{cost.loc[KEY_YEAR, 'total']:,.1f} 亿元",
             t("std.metric.cost_delta", value=change), change, "inverse", note=t("std.metric.cost_vs"),
             help=t("std.metric.cost_note")),
    ]


def scenario_results(s: Scenario) -> dict[str, object]:
    """The figures a scenario is judged by (the comparison's rows); also what a saved scenario keeps, to be
    set beside the same scenario on newer data."""
    run = project(s)
    gaps = data.gaps(s, (next_year,))
    lifted = summary(data.outcome(s), gaps, lifting_cost(gaps, local))
    return {
        t("std.cmp.urban", year=KEY_YEAR): float(run.loc[KEY_YEAR, "urban_month"]),
        t("std.cmp.rural", year=KEY_YEAR): float(run.loc[KEY_YEAR, "rural_month"]),
        t("std.cmp.ratio", year=KEY_YEAR): float(run.loc[KEY_YEAR, "rural_urban_ratio"]),
        t("std.cmp.reach", target=ratio_target): year_reaching(run, "rural_urban_ratio", ratio_target) or "—",
        t("std.cmp.cost", year=KEY_YEAR): float(cost_of(s, run).loc[KEY_YEAR, "change_vs_baseline"]),
        t("std.cmp.below", year=next_year): int(lifted.counties_below),
        t("std.cmp.lift", year=next_year): float(lifted.cost_year / 1e4),
        t("std.cmp.changes"): "；".join(describe_changes(s, baseline)) or "—",
    }


def save_scenario() -> None:
    """Button callback: into this session's comparison, and into the store with a short link."""
    scenario = st.session_state[CURRENT_KEY]
    save_current(scenario)
    account = current_account()
    try:
        item = saved_ui.save("scenario", scenario.name, account.name if account else "", PAGE_PATH,
                             scenario_to_query(scenario, baseline), scenario_results(scenario))
    except (SavedError, StoreUnavailable) as exc:
        st.session_state[FLASH_KEY] = ("warning", str(exc))
        return
    st.session_state[FLASH_KEY] = ("success", t("std.saved_link", name=scenario.name, link=saved_ui.short_link(item)))


def comparison() -> None:
    """Saved scenarios side by side. Outside the fragment: saving is rare, sliding is not."""
    st.subheader(t("std.section.compare"))
    saved = saved_scenarios()
    left, right = st.columns([1, 2])
    with left:
        st.button(t("std.save"), key="standards_save", icon=":material/bookmark_add:",
                  on_click=save_scenario)
        if flash := st.session_state.pop(FLASH_KEY, None):
            getattr(st, flash[0])(flash[1])
        if saved:
            drop = st.selectbox(t("std.remove_label"), list(saved), key="standards_remove_choice")
            st.button(t("std.remove"), key="standards_remove", on_click=remove_saved, args=(drop,))
    with right:  # no empty picker before anything is saved (it would say "No options to select")
        chosen = st.multiselect(t("std.compare_label"), list(saved), key=COMPARE_KEY, persist_state="session",
                                placeholder=t("std.compare_placeholder")) if saved else []
    if len(chosen) < 2:
        st.caption(t("std.compare_hint", n=MAX_SAVED))
        return
    runs = {name: project(saved[name]) for name in chosen}
    summary_table = pd.DataFrame({name: scenario_results(saved[name]) for name in chosen})
    st.dataframe(summary_table, width="stretch")
    first, *others = chosen
    st.plotly_chart(standards_projection_figure(runs[first], observed, ratio_target / 100, t,
                                                compare={name: runs[name] for name in others}, label=first),
                    config=PLOTLY_CONFIG, key="standards_compare_chart")
    chart_note([sources["province_annual"], sources["parameters"], sources["guidance_standards"]],
               ["derived", *income_statuses])
    st.download_button(t("std.download.compare"), csv_bytes(summary_table, index=True),
                       "scenario_comparison.csv", "text/csv", key="dl_compare", icon=":material/download:")


def current_csv(kind: str) -> bytes:
    """Download content, made when clicked from the scenario on screen (kept out of every slider rerun)."""
    scenario = st.session_state[CURRENT_KEY]
    projection = project(scenario)
    if kind == "projection":
        frame = projection
    elif kind == "cost":
        frame = cost_of(scenario, projection)
    else:
        gaps = data.gaps(scenario, (next_year,))
        frame = county_table(gaps, lifting_cost(gaps, local), counties, next_year)
    return csv_bytes(frame, index=kind != "counties")


@dataclass(frozen=True)
class ScenarioView:
    """What the fragment shows for one scenario in one language, built once (`data.cached_view`)."""

    figure: go.Figure
    cards: str  # the key figures' HTML
    guidance: GuidanceView
    indicators: str  # Markdown table
    projection: pd.DataFrame  # as the tables toggle shows it
    cost: pd.DataFrame


def build_view(result: ScenarioOutcome) -> ScenarioView:
    """The fragment's content for a checked scenario: everything but the widgets, which are drawn anew."""
    scenario, projection = result.scenario, result.projection
    cost = cost_of(scenario, projection)
    gaps = data.gaps(scenario, (next_year,))
    return ScenarioView(
        figure=standards_projection_figure(projection, observed, ratio_target / 100, t),
        cards=cards_html(key_figures(scenario, projection, cost)),
        guidance=guidance_view(scenario, baseline, result, gaps, lifting_cost(gaps, local), counties, sources,
                               {side: result.incomes[side] for side in SIDES}, caseload_status),
        indicators=indicator_status_markdown(projection, t), projection=projection.round(2), cost=cost.round(3))


@st.fragment
def scenario_view() -> None:
    """Everything a slider step changes, and nothing else: each element here is re-sent on every step."""
    scenario, notices = current_scenario(baseline)
    result = data.outcome(scenario)
    scenario = result.scenario  # tier values and moves as checked against the data
    st.session_state[CURRENT_KEY] = scenario  # read by the downloads and the save button
    view = data.cached_view(PAGE_PATH, scenario, lang(), lambda: build_view(result))
    # The chart goes first (the browser starts drawing it while the rest is sent), then the key figures
    # above it, the tables below it, and the controls last: their values are already in session state.
    chart_slot.plotly_chart(view.figure, config=PLOTLY_CONFIG, key="standards_projection_chart")
    with top:
        for notice in [*notices, *result.notices]:
            st.warning(notice, icon=":material/link_off:")
        st.html(view.cards)
    draw_guidance(guidance_slots, view.guidance, scenario, result, counties)
    indicator_slot.markdown(view.indicators)
    if show_tables:
        tables_slot.dataframe(view.projection, width="stretch")
        tables_slot.dataframe(view.cost, width="stretch")
    draw_controls(scenario, baseline, controls_slot)


scenario_view()
with saved_slot:
    saved_ui.stale_notice(PAGE_PATH, lambda: scenario_results(st.session_state[CURRENT_KEY]))

dl = st.columns(4)
dl[0].download_button(t("std.download.projection"), lambda: current_csv("projection"), "standards_projection.csv",
                      "text/csv", key="dl_projection", icon=":material/download:", on_click="ignore")
income_csv = pd.concat({side: fc.forecast for side, fc in forecasts.items()}, names=["side", "year"])
dl[1].download_button(t("std.download.income"), csv_bytes(income_csv, index=True), "income_forecast.csv",
                      "text/csv", key="dl_income", icon=":material/download:", on_click="ignore")
dl[2].download_button(t("std.download.cost"), lambda: current_csv("cost"), "standards_cost.csv", "text/csv",
                      key="dl_cost", icon=":material/download:", on_click="ignore")
dl[3].download_button(t("std.download.counties", year=next_year), lambda: current_csv("counties"),
                      f"guidance_{next_year}_counties.csv", "text/csv", key="dl_counties",
                      icon=":material/download:", on_click="ignore")
comparison()

with st.expander(t("std.method.title")):
    st.markdown(t("std.method.body", **rule_numbers, floor=params["poverty_line_floor"].current.value,
                  multiplier=params["tekun_multiplier"].current.value,
                  months=params["emergency_advance_months"].current.value,
                  days=params["emergency_case_close_days"].current.value,
                  latest=context.guidance.data.latest_year, next=next_year))
page_footer(sources[n] for n in DATASETS)
