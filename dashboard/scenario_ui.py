"""Scenario controls, built from `analytics.scenario.SCENARIO_FIELDS` (bounds as data), and the scenario in
session state that every page reads.

The scenario lives in session state under the ``sc_<field>`` keys (the widgets' keys on 标准测算), so the map
and the indicators show the guidance of the scenario the planner is working on; the address bar carries it
through `dashboard.url_state` (the one URL module). Next year's tier values, in "set tier by tier" mode,
are one number input per tier (``sc_urban_tiers__1`` …); tier moves are a list kept under ``sc_tier_moves``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.scenario import QUERY_PREFIX, SCENARIO_FIELDS, Scenario
from dashboard.ui import lang, t
from dashboard.url_state import scenario_from_url, write_scenario

MAX_SAVED = 5
# "No catch-up year" as a real option: a selectbox whose state is None shows "Choose an option".
NO_YEAR = 0
SAVED_KEY = "standards_saved"
COMPARE_KEY = "standards_compare"
FLASH_KEY = "standards_flash"
NOTICES_KEY = "scenario_link_notices"
# Fields drawn by their own controls on the page (tier inputs, the tier-move list), not in the sidebar.
PAGE_FIELDS = ("guidance_mode", "urban_tiers", "rural_tiers", "tier_moves")
LIST_KINDS = ("values", "moves")


def widget_key(field: str) -> str:
    return QUERY_PREFIX + field


def tier_key(side: str, tier: int) -> str:
    """The number input of one tier of next year's guidance (kept in session state like the widgets)."""
    return f"{widget_key(side + '_tiers')}__{tier}"


def to_widget(field: str, value: Any) -> Any:
    return NO_YEAR if SCENARIO_FIELDS[field].kind == "optional_int" and value is None else value


def from_widget(field: str, value: Any) -> Any:
    return None if SCENARIO_FIELDS[field].kind == "optional_int" and value == NO_YEAR else value


def saved_scenarios() -> dict[str, Scenario]:
    """Scenarios saved in this browser session, by name (at most MAX_SAVED)."""
    return st.session_state.setdefault(SAVED_KEY, {})


def _seed(scenario: Scenario) -> None:
    """Put a scenario into the session keys (only where a key is not set yet)."""
    for field in SCENARIO_FIELDS:
        if SCENARIO_FIELDS[field].kind == "values":
            side = field.removesuffix("_tiers")
            for tier, value in enumerate(getattr(scenario, field), start=1):
                st.session_state.setdefault(tier_key(side, tier), float(value))
            continue
        st.session_state.setdefault(widget_key(field), to_widget(field, getattr(scenario, field)))


def seed_from_url(baseline: Scenario) -> list[str]:
    """Once per session: put the URL's scenario (validated) into the session keys; return the notices."""
    seeded = scenario_from_url(baseline)
    if seeded is None:
        return []
    scenario, notices = seeded
    _seed(scenario)
    return notices


def reset_to(baseline: Scenario) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and "_tiers__" in k]:
        del st.session_state[key]
    for field in SCENARIO_FIELDS:
        if SCENARIO_FIELDS[field].kind != "values":
            st.session_state[widget_key(field)] = to_widget(field, getattr(baseline, field))


def save_current(scenario: Scenario) -> None:
    """Button callback: keep the scenario under its name and add it to the comparison."""
    saved = saved_scenarios()
    if scenario.name not in saved and len(saved) >= MAX_SAVED:
        st.session_state[FLASH_KEY] = ("warning", t("std.save_full", n=MAX_SAVED))
        return
    saved[scenario.name] = scenario
    chosen = [n for n in st.session_state.get(COMPARE_KEY, []) if n in saved]
    st.session_state[COMPARE_KEY] = [*chosen, scenario.name] if scenario.name not in chosen else chosen
    st.session_state[FLASH_KEY] = ("success", t("std.saved", name=scenario.name))


def remove_saved(name: str) -> None:
    saved_scenarios().pop(name, None)
    st.session_state[COMPARE_KEY] = [n for n in st.session_state.get(COMPARE_KEY, []) if n != name]


def control(field: str, *, disabled: bool = False, help: str | None = None, horizontal: bool = False) -> Any:
    """One widget; its value lives in session state under `sc_<field>` (seeded before any widget is drawn)."""
    spec = SCENARIO_FIELDS[field]
    en = lang() == "en"
    short, unit, about, choice_labels, none_label = (
        (spec.label_short_en, spec.unit_en, spec.label_en, spec.choice_labels_en, spec.none_label_en) if en
        else (spec.label_short, spec.unit, spec.label_zh, spec.choice_labels, spec.none_label))
    label = (f"{short} ({unit})" if en else f"{short}（{unit}）") if unit else short
    common = {"key": widget_key(field), "help": help or about, "disabled": disabled,
              "persist_state": "session"}  # the scenario survives a visit to another page
    if spec.kind == "float":
        return st.slider(label, min_value=float(spec.min), max_value=float(spec.max), step=float(spec.ui_step),
                         format=f"%.{spec.ui_decimals}f", **common)
    if spec.kind == "choice" and horizontal:
        return st.radio(label, list(spec.choices), format_func=lambda v: choice_labels.get(v, str(v)),
                        horizontal=True, **common)
    if spec.kind == "choice":
        return st.selectbox(label, list(spec.choices), format_func=lambda v: choice_labels.get(v, str(v)), **common)
    if spec.kind == "optional_int":
        options = [NO_YEAR, *range(int(spec.min), int(spec.max) + 1)]
        year = "{}" if en else "{}年"
        chosen = st.selectbox(label, options, format_func=lambda v: none_label if v == NO_YEAR else year.format(v),
                              **common)
        return from_widget(field, chosen)
    return st.text_input(label, max_chars=spec.max_length, **common)


def sidebar_frame(baseline: Scenario) -> DeltaGenerator:
    """The sidebar's fixed parts (title, reset, link hint), drawn once per full run; returns the slot the
    scenario fragment fills with the controls, so a slider step re-sends only the controls themselves."""
    with st.sidebar:
        st.markdown(f"**{t('std.sidebar.title')}**")
        slot = st.container()
        st.button(t("std.sidebar.reset"), on_click=reset_to, args=(baseline,), key="standards_reset",
                  icon=":material/restart_alt:")
        st.caption(t("std.sidebar.link"))
    return slot


def _tier_values(side: str, mode: str) -> tuple[float, ...]:
    """Next year's tier values as the inputs hold them; () (derived from the ratio) until they exist."""
    if mode != "tiers":
        return ()
    values, tier = [], 1
    while tier_key(side, tier) in st.session_state:
        values.append(float(st.session_state[tier_key(side, tier)]))
        tier += 1
    return tuple(values)


def current_scenario(baseline: Scenario) -> tuple[Scenario, list[str]]:
    """The scenario the session holds (seeded once from the URL), read before any control is drawn; and the
    link notices of this run.

    Every page calls this: 标准测算 before drawing its controls (so the redrawn chart is sent ahead of them),
    the map and the indicators to show the same scenario's guidance. The widgets, drawn later with the same
    keys, show the same values.
    """
    notices = seed_from_url(baseline)
    values: dict[str, Any] = {}
    for field, spec in SCENARIO_FIELDS.items():
        if spec.kind == "values":
            continue
        key = widget_key(field)
        values[field] = from_widget(field, st.session_state.setdefault(key, to_widget(field, getattr(baseline, field))))
    for side in ("urban", "rural"):
        values[f"{side}_tiers"] = _tier_values(side, values["guidance_mode"])
    values["tier_moves"] = tuple(values["tier_moves"] or ())
    values["name"] = (values["name"] or "").strip() or baseline.name
    return Scenario(**values), notices


def move_county(side: str, code: str, tier: int) -> None:
    """Button callback: move a county to another tier from next year on (replacing an earlier move of it)."""
    moves = [m for m in st.session_state.get(widget_key("tier_moves"), ()) if (m[0], m[1]) != (side, code)]
    st.session_state[widget_key("tier_moves")] = tuple(sorted([*moves, (side, code, int(tier))]))


def undo_move(side: str, code: str) -> None:
    moves = st.session_state.get(widget_key("tier_moves"), ())
    st.session_state[widget_key("tier_moves")] = tuple(m for m in moves if (m[0], m[1]) != (side, code))


def draw_controls(scenario: Scenario, baseline: Scenario, slot: DeltaGenerator) -> None:
    """The sidebar controls, into slot (inside the scenario fragment, so moving one reruns only the fragment),
    and the address bar brought in line with the scenario."""
    write_scenario(scenario, baseline)
    with slot:
        sidebar = [f for f in SCENARIO_FIELDS if f not in PAGE_FIELDS and f != "name"]
        for field in ("name", *sidebar):  # the name heads the list
            custom_off = field == "custom_growth_pct" and scenario.income_path != "custom"
            control(field, disabled=custom_off, help=t("std.sidebar.custom_disabled") if custom_off else None)
