"""Plain URL state for pages whose choices are keys (metric, year, county, peer group).

`bind="query-params"` writes a selectbox's display label into the URL and silently drops unknown values;
we want short codes (`?map_county=220122`) and a visible notice for a bad link, so: the first run of a
session seeds each widget from the URL (validated against its options), and every run writes the
current choices back, omitting defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

NONE_TEXT = "none"


def _text(value: Any) -> str:
    return NONE_TEXT if value is None else str(value)


def seed_from_url(page: str, choices: dict[str, tuple[Sequence[Any], Any, str]]) -> list[str]:
    """Once per session and page: widget state from the URL. `choices`: key -> (options, default, label)."""
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
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            notices.append(f"链接参数「{label}」的值「{shown}」无法识别，已使用默认值「{_text(default)}」。")
    return notices


def write_to_url(values: dict[str, tuple[Any, Any]]) -> None:
    """Write key -> (value, default) into the URL, dropping keys at their default."""
    for key, (value, default) in values.items():
        if value == default:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != _text(value):
            st.query_params[key] = _text(value)
