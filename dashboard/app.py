"""Streamlit entry point: `streamlit run dashboard/app.py`.

Builds the navigation from the page registry (data, not code) and sets what every page shares:
page config, the language toggle, the sidebar header.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import translate  # noqa: E402
from dashboard.registry import BRIEFING, PAGES  # noqa: E402
from dashboard.saved_ui import link_error, open_link  # noqa: E402
from dashboard.session_ui import begin_run, moved_notice, store_notice, unavailable  # noqa: E402
from dashboard.ui import LANG_KEY, apply_style, t  # noqa: E402
from store.engine import StoreUnavailable  # noqa: E402

st.set_page_config(page_title=translate("app.title"), page_icon=str(ROOT / "dashboard" / "assets" / "favicon.png"), layout="wide")

apply_style()
begin_run()
# The presentation view (`?present=1`): the briefing page, no sidebar, no navigation.
presenting = st.query_params.get("present") == "1"
if not presenting:
    with st.sidebar:
        st.markdown(f"### {t('app.title')}\n{t('app.subtitle')}")
        st.toggle(translate("app.lang_toggle"), key=LANG_KEY, bind="query-params")

pages = [
    st.Page(str(ROOT / spec.path), title=t(spec.title_key), icon=spec.icon, url_path=spec.url_path,
            default=index == 0)
    for index, spec in enumerate(PAGES)
]
page = st.navigation(pages, position="hidden" if presenting else "sidebar")
open_link(pages, PAGES)  # ?s=<id>: a saved scenario or deck opens on its own page
moved_notice()
if presenting and page.url_path != BRIEFING.url_path:  # "/?present=1" opens the briefing directly
    st.switch_page(pages[PAGES.index(BRIEFING)], query_params=st.query_params.to_dict())
link_error()
try:
    page.run()
except StoreUnavailable:  # a page that cannot run without the database: a notice, not a traceback
    unavailable()
store_notice()
