"""Saved scenarios and decks in the store: save, open by ``?s=<id>``, and say 数据已更新 when the data
they were computed on has a newer vintage, with the saved and today's results side by side."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.ui import t
from store.engine import StoreUnavailable
from store.saved import Saved, SavedError, get_item, newer_data, save_item

OPENED_KEY = "saved_opened"  # the item this session was opened with (?s=<id>)
LINK_ERROR_KEY = "saved_link_error"
LINK_PARAM = "s"


def open_link(pages: list, specs: tuple) -> None:
    """In app.py, before the page runs: ``?s=<id>`` switches to the saved item's page with its URL state.

    A bad or unknown id leaves the user on the page they asked for, with a Chinese message naming it.
    """
    item_id = st.query_params.get(LINK_PARAM)
    if not item_id:
        return
    try:
        item = get_item(data.store_engine(), item_id)
    except (SavedError, StoreUnavailable) as exc:
        st.session_state[LINK_ERROR_KEY] = str(exc)
        del st.query_params[LINK_PARAM]
        return
    st.session_state[OPENED_KEY] = item
    target = next((p for p, spec in zip(pages, specs, strict=True) if spec.url_path == item.page), pages[0])
    st.switch_page(target, query_params=item.query)


def link_error() -> None:
    if message := st.session_state.pop(LINK_ERROR_KEY, None):
        st.error(message)


def save(kind: str, name: str, author: str, page: str, query: dict[str, str], results: dict) -> Saved:
    """Store the item pinned to the vintages in force; raises SavedError for a bad name."""
    return save_item(data.store_engine(), kind, name, author, page, query, data.versions(), results)


def short_link(item: Saved) -> str:
    return f"?{LINK_PARAM}={item.id}"


def opened(page: str) -> Saved | None:
    item = st.session_state.get(OPENED_KEY)
    return item if item is not None and item.page == page else None


def stale_notice(page: str, current: Callable[[], dict]) -> None:
    """On the page a saved item opened: who saved it when, and if its data has a newer vintage, 数据已更新
    with the results then and now side by side."""
    item = opened(page)
    if item is None:
        return
    when = pd.Timestamp(item.created_at).strftime("%Y-%m-%d")
    changed = newer_data(item, data.versions())
    if not changed:
        st.caption(t("saved.opened", name=item.name, author=item.author, date=when))
        return
    titles = data.sidecars()
    st.warning(t("saved.stale", name=item.name, author=item.author, date=when,
                 datasets="、".join(titles[n].title if n in titles else n for n in changed)))
    now = current()  # computed only when the data did move on
    labels = list(dict.fromkeys([*item.results, *now]))
    st.dataframe(pd.DataFrame({t("saved.then"): [_shown(item.results.get(k)) for k in labels],
                               t("saved.now"): [_shown(now.get(k)) for k in labels]}, index=labels),
                 width="stretch", key=f"saved_compare_{page}")


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)
