"""标准测算's instrument: next year's provincial minimum guidance standards, tier by tier, and who falls short.

Split like the rest of the page: `guidance_frame` draws what does not depend on the scenario once per full
run and returns the slots; `guidance_view` builds what a scenario shows (once per scenario: the page caches
it) and `draw_guidance` fills the slots with it inside the scenario fragment on every step. The numbers come
from `analytics.guidance_report`; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.compliance import BELOW
from analytics.guidance import BASIS_SET, SIDES, TIER_ASSUMED, TIER_MOVED, GuidanceData
from analytics.guidance_report import GuidanceSummary, county_table, summary, tier_table
from analytics.outcome import ScenarioOutcome
from analytics.provenance import Sidecar
from analytics.scenario import SCENARIO_FIELDS, Scenario
from dashboard.cards import Card, cards_html
from dashboard.scenario_ui import control, move_county, tier_key, undo_move
from dashboard.ui import badge_markup, chart_note_text, status_label, t
from dashboard.url_state import page_link

MOVE_CODE_KEY = "standards_move_code"
MOVE_SIDE_KEY = "standards_move_side"
MOVE_TIER_KEY = "standards_move_tier"


@dataclass(frozen=True)
class GuidanceSlots:
    head: DeltaGenerator  # mode, tier inputs, key figures, tier table, rule note: one slot, one wrapper per step
    below: DeltaGenerator
    counties: DeltaGenerator
    moves: DeltaGenerator
    note: DeltaGenerator
    details: bool  # the 60-county table and the tier moves are drawn (a toggle: they cost every slider step)


DETAILS_KEY = "standards_show_guidance_details"


def guidance_frame(next_year: int, data: GuidanceData, sources: Mapping[str, Sidecar]) -> GuidanceSlots:
    """The section's heading, explanation and empty slots (drawn once per full run)."""
    latest = data.latest_year
    st.subheader(t("gd.section", year=next_year))
    st.caption(t("gd.intro", latest=latest, document=data.document(latest).split("《")[0],
                 urban=data.tier_count("urban"), rural=data.tier_count("rural"), year=next_year))
    head = st.container()
    st.markdown(f"**{t('gd.below_title', year=next_year)}**")
    below = st.container()
    st.caption(t("gd.cost_assumption"))
    note = st.container()
    details = st.toggle(t("gd.details_toggle", year=next_year), key=DETAILS_KEY, persist_state="session")
    counties, moves = st.container(), st.container()
    if details:
        with counties:
            st.markdown(f"**{t('gd.all_title', year=next_year)}**")
        counties = counties.container()
        with moves:
            st.markdown(f"**{t('gd.moves_title')}**")
        moves = moves.container()
    return GuidanceSlots(head=head, below=below, counties=counties, moves=moves, note=note, details=details)


def _tier_texts(tiers: pd.Series, statuses: pd.Series) -> list[str]:
    """`_tier_text` for a column: one translation per distinct (tier, status), not one per row."""
    pairs = list(zip(tiers.astype("float64").fillna(-1).to_numpy(), statuses, strict=True))
    labels = {pair: _tier_text(np.nan if pair[0] < 0 else pair[0], pair[1]) for pair in set(pairs)}
    return [labels[pair] for pair in pairs]


def _mapped(values: pd.Series, label) -> list[str]:
    """`label` applied once per distinct value (a translation per row costs a slider step milliseconds)."""
    labels = {v: label(v) for v in set(values)}
    return [labels[v] for v in values]


def _tier_text(tier: object, status: str) -> str:
    if pd.isna(tier):
        return t("gd.tier_unknown")
    mark = {TIER_ASSUMED: t("gd.mark_assumed"), TIER_MOVED: t("gd.mark_moved")}.get(status, "")
    return t("gd.tier", tier=int(tier)) + mark


def _tier_inputs(slot: DeltaGenerator, result: ScenarioOutcome) -> None:
    """One number input per tier and side, seeded with the ratio-derived values the first time."""
    spec = SCENARIO_FIELDS["urban_tiers"]
    with slot:
        for side in SIDES:
            structure = result.guidance.structure(result.next_year, side)
            cols = st.columns(len(structure))
            for col, (tier, value) in zip(cols, structure.items(), strict=True):
                key = tier_key(side, int(tier))
                kwargs = {} if key in st.session_state else {"value": float(value)}
                col.number_input(t("gd.input", side=t(f"std.area.{side}"), tier=int(tier)), min_value=spec.min,
                                 max_value=spec.max, step=spec.ui_step, format="%.0f", key=key,
                                 persist_state="session", **kwargs)


def _figures(s: GuidanceSummary) -> list[Card]:
    """Three cards: the counties below next year's guidance, the cost of lifting them, and how many tiers
    rest on an assumption or a move (the weighted guidance itself is in the key figures)."""
    changed = s.assumed["urban"] + s.assumed["rural"] + s.moved["urban"] + s.moved["rural"]
    return [
        Card(t("gd.metric.below", year=s.year), t("gd.metric.counties", n=s.counties_below),
             note=t("gd.metric.below_note", urban=s.below["urban"], rural=s.below["rural"], year=s.local_year)),
        Card(t("gd.metric.cost_label", year=s.year), t("gd.metric.cost_value", value=s.cost_year / 1e8),
             note=t("gd.metric.cost_note"), help=t("gd.cost_assumption")),
        Card(t("gd.metric.assumed", year=s.year), t("gd.metric.counties", n=changed),
             note=t("gd.metric.assumed_note", au=s.assumed["urban"], ar=s.assumed["rural"],
                    moved=s.moved["urban"] + s.moved["rural"])),
    ]


def _tiers_markdown(result: ScenarioOutcome, incomes: Mapping[str, pd.Series], lag: int) -> str:
    latest = max(y for y in result.guidance.notice_arrays["year"] if y < result.next_year)
    area = {side: t(f"std.area.{side}") for side in SIDES}
    header = [t("gd.col.tier"), *(t("gd.col.side_year", side=area[side], year=y)
                                   for side in SIDES for y in (latest, result.next_year)),
              *(t("gd.col.ratio", side=area[side]) for side in SIDES),
              *(t("gd.col.count", side=area[side]) for side in SIDES)]
    tables = {side: tier_table(result, side, incomes[side], lag).to_dict("records") for side in SIDES}
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for urban, rural in zip(tables["urban"], tables["rural"], strict=True):
        cells = [t("gd.tier", tier=int(urban["tier"]))]
        for row in (urban, rural):
            mark = " ✎" if row["basis"] == BASIS_SET else ""
            cells += [f"{row['latest_month']:,.0f}", f"**{row['next_month']:,.0f}**{mark}（{row['change_pct']:+.1f}%）"]
        cells += [f"{row['latest_ratio'] * 100:.1f}% → {row['next_ratio'] * 100:.1f}%" for row in (urban, rural)]
        cells += [str(int(row["counties"])) for row in (urban, rural)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _below_frame(table: pd.DataFrame, caseload_status: str) -> pd.DataFrame:
    """The counties below, one row per county and side; the caseload's status is named in its header."""
    below = table[table["state"] == BELOW]
    mark = f"（{status_label(caseload_status)}）" if caseload_status and caseload_status != "official" else ""
    return pd.DataFrame({
        t("gd.col.county"): below["name"] + "（" + below["prefecture"] + "）",
        t("gd.col.side"): _mapped(below["side"], lambda s: t(f"std.area.{s}")),
        t("gd.col.tier"): _tier_texts(below["tier"], below["tier_status"]),
        t("gd.col.guidance"): below["guidance_month"].round(0),
        t("gd.col.local"): below["local_month"].round(1),
        t("gd.col.local_status"): _mapped(below["local_status"], status_label_or_blank),
        t("gd.col.shortfall"): below["shortfall_month"].round(1),
        t("gd.col.recipients") + mark: below["recipients"],
        t("gd.col.cost") + mark: below["cost_wan_year"].round(1),
    })


def status_label_or_blank(status: str) -> str:
    return status_label(status) if status else ""


def _all_frame(table: pd.DataFrame) -> pd.DataFrame:
    state = {"met": t("gd.state.met"), "below": t("gd.state.below"), "unknown_tier": t("gd.state.unknown"),
             "no_standard": t("gd.state.no_standard")}
    return pd.DataFrame({
        t("gd.col.code"): table["code"], t("gd.col.county"): table["name"],
        t("gd.col.side"): _mapped(table["side"], lambda s: t(f"std.area.{s}")),
        t("gd.col.tier"): _tier_texts(table["tier"], table["tier_status"]),
        t("gd.col.guidance"): table["guidance_month"].round(0),
        t("gd.col.local"): table["local_month"].round(1),
        t("gd.col.local_status"): _mapped(table["local_status"], status_label_or_blank),
        t("gd.col.state"): _mapped(table["state"], state.get),
        t("gd.col.shortfall"): table["shortfall_month"].round(1),
    })


def _moves(slot: DeltaGenerator, scenario: Scenario, result: ScenarioOutcome, counties: pd.DataFrame) -> None:
    names = dict(zip(counties["code"], counties["name"], strict=True))
    # Values in session state before the widgets exist: their labels change with the language, and a
    # selectbox whose state is only its formatted default would not survive the switch.
    # Labels are looked up now, not inside format_func: a format_func that reads the language when called
    # would turn a value into the other language's label right after the language toggle.
    side_labels = {side: t(f"std.area.{side}") for side in SIDES}
    with slot:
        st.caption(t("gd.moves_hint", year=result.next_year))
        cols = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
        code = cols[0].selectbox(t("gd.move.county"), list(names), format_func=lambda c: f"{names[c]}（{c}）",
                                 key=MOVE_CODE_KEY)
        side = cols[1].selectbox(t("gd.move.side"), list(SIDES), format_func=side_labels.get,
                                 key=MOVE_SIDE_KEY)
        count = len(result.guidance.structure(result.next_year, side))
        current = result.guidance.frame(result.next_year, side)["tier"].get(code)
        tiers = list(range(1, count + 1))
        tier_labels = {k: t("gd.tier", tier=k) for k in tiers}
        tier = cols[2].selectbox(t("gd.move.tier"), tiers, format_func=tier_labels.get,
                                 index=tiers.index(int(current)) if pd.notna(current) else 0,
                                 key=f"{MOVE_TIER_KEY}_{side}_{code}")
        cols[3].button(t("gd.move.apply"), key="standards_move_apply", on_click=move_county,
                       args=(side, code, tier), icon=":material/swap_vert:")
        for move_side, move_code, move_tier in scenario.tier_moves:
            line = st.columns([6, 1], vertical_alignment="center")
            line[0].markdown(t("gd.move.line", name=names.get(move_code, move_code),
                               side=t(f"std.area.{move_side}"), tier=move_tier))
            line[1].button(t("gd.move.undo"), key=f"standards_undo_{move_side}_{move_code}", on_click=undo_move,
                           args=(move_side, move_code))


@dataclass(frozen=True)
class GuidanceView:
    """What the section shows for one scenario in one language, ready to draw: built once per scenario (the
    page caches it), so a slider step that returns to a scenario only re-sends it."""

    cards: str  # HTML
    tiers: str  # Markdown table
    rule_note: str  # and, when tiers rest on an assumption, a second line saying how many
    below: pa.Table | None  # the counties below (None: none); Arrow, so a step re-sends it unconverted
    none_below: str
    note: str  # sources and status marks (Markdown caption)
    map_link: str  # Markdown link to the map of next year's gaps
    table: pd.DataFrame  # every county (`county_table`), for the details toggle


def guidance_view(scenario: Scenario, baseline: Scenario, result: ScenarioOutcome, gaps: pd.DataFrame,
                  costs: pd.DataFrame, counties: pd.DataFrame, sources: Mapping[str, Sidecar],
                  incomes: Mapping[str, pd.Series], caseload_status: str = "illustrative") -> GuidanceView:
    """Everything the section shows for the scenario, in the language in force."""
    s = summary(result, gaps, costs)
    latest = max(y for y in result.guidance.years if y < s.year)
    before = {side: float(result.guidance.province.at[latest, f"{side}_month"]) for side in SIDES}
    rule_note = t(
        "gd.rule_note", year=s.year, latest=latest, urban_w=s.weighted_month["urban"],
        rural_w=s.weighted_month["rural"],
        urban_rise=(s.weighted_month["urban"] / before["urban"] - 1) * 100,
        rural_rise=(s.weighted_month["rural"] / before["rural"] - 1) * 100, ind2=s.rural_urban_pct,
        u_ratio=scenario.urban_ratio * 100, r_ratio=scenario.rural_ratio * 100, lag=scenario.lag,
        urban=s.rule_month["urban"], rural=s.rule_month["rural"],
        **{f"{side}_diff": round(s.weighted_month[side] - s.rule_month[side]) + 0.0 for side in SIDES})
    n_assumed = s.assumed["rural"] + s.assumed["urban"]
    table = county_table(gaps, costs, counties, s.year)
    below = _below_frame(table, caseload_status)
    statuses = set(table["local_status"]) | set(table["status"])
    marks = [m for m in ("illustrative", "derived", "assumed", "scenario") if m in statuses]
    link = page_link("map", {"map_metric": "urban_gap", "map_year": s.year}, scenario=scenario, baseline=baseline)
    return GuidanceView(
        cards=cards_html(_figures(s)), tiers=_tiers_markdown(result, incomes, scenario.lag),
        rule_note=rule_note + (f"  \n{badge_markup('assumed')} {t('gd.assumed_note', n=n_assumed)}" if n_assumed else ""),
        below=pa.Table.from_pandas(below, preserve_index=False) if len(below) else None,
        none_below=t("gd.none_below", year=s.year),
        note=chart_note_text([sources["guidance_standards"], sources["guidance_tiers"],
                              sources["county_indicators"], sources["county_standards_observed"]], marks),
        map_link=f"[{t('gd.open_map', year=s.year)}]({link})", table=table)


def draw_guidance(slots: GuidanceSlots, view: GuidanceView, scenario: Scenario, result: ScenarioOutcome,
                  counties: pd.DataFrame) -> None:
    """Fill the section's slots (inside the scenario fragment): the view, and the widgets beside it."""
    # One slot for the adjacent parts: each outside slot a fragment writes costs a wrapper block per step.
    with slots.head:
        control("guidance_mode", horizontal=True)
        if scenario.guidance_mode == "tiers":
            _tier_inputs(slots.head, result)
        st.html(view.cards)
        st.markdown(view.tiers)
        st.caption(view.rule_note)
    if view.below is None:
        slots.below.success(view.none_below, icon=":material/check_circle:")
    else:
        slots.below.dataframe(view.below, hide_index=True, width="stretch", key="standards_below_table")
    with slots.note:
        st.caption(view.note)
        st.markdown(view.map_link)
    if slots.details:
        slots.counties.dataframe(_all_frame(view.table), hide_index=True, width="stretch",
                                 key="standards_guidance_table")
        _moves(slots.moves, scenario, result, counties)
