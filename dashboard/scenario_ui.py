"""Scenario controls for 标准测算, built from `analytics.scenario.SCENARIO_FIELDS` (bounds as data).

The address bar is the shareable scenario. We keep it in sync through the pure, tested
`scenario_to_query` / `scenario_from_query` rather than Streamlit's `bind="query-params"`: in
Streamlit 1.67 a bound selectbox writes its *display label* to the URL (`?sc_horizon=2025年（“十四五”末）`)
and silently drops a value it cannot use, whereas planners need short, stable links and a visible
notice when a link is wrong. So: on the first run of a session the URL seeds the widgets (with Chinese
notices for anything clamped or dropped), and after every run the scenario is written back to the URL,
listing only what differs from the baseline.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.scenario import (
    QUERY_PREFIX,
    SCENARIO_FIELDS,
    Scenario,
    scenario_from_query,
    scenario_to_query,
)
from dashboard.ui import lang, t

MAX_SAVED = 5
# "No catch-up year" as a real option: a selectbox whose state is None shows "Choose an option".
NO_YEAR = 0
SAVED_KEY = "standards_saved"
COMPARE_KEY = "standards_compare"
SEEDED_KEY = "standards_seeded_from_url"
FLASH_KEY = "standards_flash"


def widget_key(field: str) -> str:
    return QUERY_PREFIX + field


def to_widget(field: str, value: Any) -> Any:
    return NO_YEAR if SCENARIO_FIELDS[field].kind == "optional_int" and value is None else value


def from_widget(field: str, value: Any) -> Any:
    return None if SCENARIO_FIELDS[field].kind == "optional_int" and value == NO_YEAR else value


def saved_scenarios() -> dict[str, Scenario]:
    """Scenarios saved in this browser session, by name (at most MAX_SAVED)."""
    return st.session_state.setdefault(SAVED_KEY, {})


def seed_from_url(baseline: Scenario) -> list[str]:
    """Once per session: put the URL's scenario (validated) into the widgets; return the notices."""
    if st.session_state.get(SEEDED_KEY):
        return []
    st.session_state[SEEDED_KEY] = True
    ours = {key: st.query_params.get_all(key) for key in st.query_params if key.startswith(QUERY_PREFIX)}
    scenario, notices = scenario_from_query(ours, baseline)
    for field in SCENARIO_FIELDS:
        st.session_state.setdefault(widget_key(field), to_widget(field, getattr(scenario, field)))
    return notices


def write_to_url(scenario: Scenario, baseline: Scenario) -> None:
    """Make the address bar describe `scenario` (only the differences from the baseline)."""
    wanted = scenario_to_query(scenario, baseline)
    for key in [k for k in st.query_params if k.startswith(QUERY_PREFIX) and k not in wanted]:
        del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def reset_to(baseline: Scenario) -> None:
    for field in SCENARIO_FIELDS:
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


def _control(field: str, *, disabled: bool = False, help: str | None = None) -> Any:
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


def current_scenario(baseline: Scenario) -> tuple[Scenario, list[str]]:
    """The scenario the controls hold, read from session state before they are drawn; and link notices.

    Reading state first lets the page send the redrawn chart ahead of the ten controls, so the browser
    draws it sooner; the widgets, drawn afterwards with the same keys, show the same values.
    """
    notices = seed_from_url(baseline)
    values: dict[str, Any] = {}
    for field in SCENARIO_FIELDS:
        key = widget_key(field)
        values[field] = from_widget(field, st.session_state.setdefault(key, to_widget(field, getattr(baseline, field))))
    values["name"] = (values["name"] or "").strip() or baseline.name
    return Scenario(**values), notices


def draw_controls(scenario: Scenario, baseline: Scenario, slot: DeltaGenerator) -> None:
    """The controls, into slot (inside the scenario fragment, so moving one reruns only the fragment),
    and the address bar brought in line with them."""
    write_to_url(scenario, baseline)
    with slot:
        for field in ("name", *(f for f in SCENARIO_FIELDS if f != "name")):  # the name heads the list
            custom_off = field == "custom_growth_pct" and scenario.income_path != "custom"
            _control(field, disabled=custom_off, help=t("std.sidebar.custom_disabled") if custom_off else None)
