"""URL state, in one place: page choices (metric, year, county …) and the scenario, read and written alike.

Why not Streamlit's `bind="query-params"`: in Streamlit 1.67 a bound selectbox writes its *display label*
into the URL (`?sc_horizon=2025年（“十四五”末）`) and silently drops a value it cannot use, whereas people need
short, stable links and a visible notice when a link is wrong. So: on the first run of a session the URL
seeds the widgets (validated, with Chinese notices for anything clamped or dropped), and after every run the
current choices are written back, leaving defaults out (as OWID's url_persist does).

Keys: each page has its own prefix (``map_`` for 县域地图, ``ind_`` for 十四五指标); the scenario's fields
have ``sc_`` (`analytics.scenario.QUERY_PREFIX`) and belong to no page: every page that shows a guidance
standard reads the scenario from the same session keys and writes it into its own URL, so a link made on
any of them reproduces the same guidance (`page_link`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analytics.scenario import QUERY_PREFIX, Scenario, scenario_from_query, scenario_to_query

NONE_TEXT = "none"
NOTICE_VALUE_MAX_CHARS = 40
SCENARIO_SEEDED_KEY = "scenario_seeded_from_url"


def _text(value: Any) -> str:
    return NONE_TEXT if value is None else str(value)


# ------------------------------------------------------------------------------------ page choices
def seed_choices(page: str, choices: Mapping[str, tuple[Sequence[Any], Any, str]]) -> list[str]:
    """Once per session and page: widget state from the URL. `choices`: key -> (options, default, label).

    A value that is not one of the options leaves the default in place and returns a notice naming the
    control and the value.
    """
    flag = f"{page}_seeded_from_url"
    if st.session_state.get(flag):
        return []
    st.session_state[flag] = True
    notices = []
    for key, (options, default, label) in choices.items():
        raw = st.query_params.get(key)
        if raw is None:
            continue
        by_text = {_text(o): o for o in options}
        if raw in by_text:
            st.session_state[key] = by_text[raw]
        else:
            shown = raw if len(raw) <= NOTICE_VALUE_MAX_CHARS else raw[:NOTICE_VALUE_MAX_CHARS] + "…"
            notices.append(f"链接参数「{label}」的值「{shown}」无法识别，已使用默认值「{_text(default)}」。")
    return notices


def write_choices(values: Mapping[str, tuple[Any, Any]]) -> None:
    """Write key -> (value, default) into the URL, dropping keys at their default."""
    for key, (value, default) in values.items():
        if value == default:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != _text(value):
            st.query_params[key] = _text(value)


# ---------------------------------------------------------------------------------------- scenario
def scenario_from_url(baseline: Scenario) -> tuple[Scenario, list[str]] | None:
    """Once per session (whichever page is opened first): the URL's scenario and its notices; else None."""
    if st.session_state.get(SCENARIO_SEEDED_KEY):
        return None
    st.session_state[SCENARIO_SEEDED_KEY] = True
    ours = {key: st.query_params.get_all(key) for key in st.query_params if key.startswith(QUERY_PREFIX)}
    return scenario_from_query(ours, baseline)


def write_scenario(scenario: Scenario, baseline: Scenario) -> None:
    """Make the address bar describe `scenario` (only its differences from the baseline)."""
    wanted = scenario_to_query(scenario, baseline)
    for key in [k for k in st.query_params if k.startswith(QUERY_PREFIX) and k not in wanted]:
        del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def page_link(url_path: str, params: Mapping[str, Any] | None = None, *, scenario: Scenario | None = None,
              baseline: Scenario | None = None) -> str:
    """A relative link to another page carrying `params` and, when given, the scenario (its differences).

    The one way pages link to each other: the query string is encoded here, never assembled by f-string,
    and a link made where a scenario is in force shows that scenario's guidance where it lands.
    """
    query = {k: _text(v) for k, v in (params or {}).items()}
    if scenario is not None and baseline is not None:
        query |= scenario_to_query(scenario, baseline)
    return f"/{url_path}" + (f"?{urlencode(query)}" if query else "")
