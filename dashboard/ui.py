"""Shared UI pieces: the language in force, status badges, source notes, the page footer, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import streamlit as st

from analytics.errors import DataError
from analytics.provenance import Sidecar
from dashboard.cards import CARD_STYLE
from dashboard.figures import MUTED_TEXT
from dashboard.i18n import translate

T = TypeVar("T")
LANG_KEY = "lang_en"  # bound to the URL (?lang_en=true), so a shared link keeps the language
STATUS_COLOURS = {"official": "green", "derived": "blue", "recalled": "orange", "illustrative": "red",
                  "not_set": "gray", "assumed": "violet", "scenario": "gray"}
STATUS_ICONS = {"official": ":material/verified:", "derived": ":material/calculate:",
                "recalled": ":material/help:", "illustrative": ":material/science:",
                "not_set": ":material/remove:", "assumed": ":material/history:", "scenario": ":material/tune:"}


def lang() -> str:
    return "en" if st.session_state.get(LANG_KEY) else "zh"


def t(key: str, **values: object) -> str:
    return translate(key, lang(), **values)


def status_label(status: str) -> str:
    return t(f"status.{status}")


def status_badge(status: str) -> None:
    """A visible mark for any value that is not plainly official (待核实, 推算值, 示例数据)."""
    if status == "official":
        return
    st.badge(status_label(status), color=STATUS_COLOURS.get(status, "gray"), icon=STATUS_ICONS.get(status))


def guard(load: Callable[[], T]) -> T:
    """Run a data load; on bad data show the Chinese message naming the file and stop this page only."""
    try:
        return load()
    except DataError as exc:
        st.error(f"**{t('error.data_title')}**\n\n{exc}\n\n{t('error.data_hint')}", icon=":material/error:")
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers honest


# Metric values sized so "2,407.3 万人" fits a quarter of a 1366-px screen; less top padding so a
# 1366x768 laptop shows the map and the first charts above the fold; a metric's description wraps
# instead of being cut to an ellipsis. Captions and disabled widget labels in MUTED_TEXT (WCAG AA: 5.4:1 on
# the page, 5.0:1 on the sidebar): Streamlit fades captions with `opacity: 0.6` (4.0:1), which also faded the
# status badges and inline code in a caption below 3:1, and draws disabled labels in 40% text (2.3:1).
STYLE = """
<style>
[data-testid="stCaptionContainer"] { opacity: 1; color: MUTED_TEXT; }
[data-testid="stWidgetLabel"][disabled], [data-testid="stWidgetLabel"][disabled] p { color: MUTED_TEXT; }
[data-testid="stMetricValue"] { font-size: 1.9rem; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stMetricLabel"] p { font-size: 0.95rem; }
div:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap; row-gap: 0.15rem; }
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
CARD_STYLE</style>
""".replace("MUTED_TEXT", MUTED_TEXT).replace("CARD_STYLE", CARD_STYLE.lstrip())


def apply_style() -> None:
    st.html(STYLE)


def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))


def badge_markup(status: str) -> str:
    """Inline markdown for a status badge, so a note and its marks are one element (cheap to redraw)."""
    icon = STATUS_ICONS.get(status, "")
    return f":{STATUS_COLOURS.get(status, 'gray')}-badge[{icon} {status_label(status)}]"


def chart_note(sidecars: Iterable[Sidecar], statuses: Iterable[str]) -> None:
    """Under every chart: where its numbers come from, and a mark for each non-official status in it."""
    st.caption(chart_note_text(sidecars, statuses))


def chart_note_text(sidecars: Iterable[Sidecar], statuses: Iterable[str]) -> str:
    """`chart_note`'s Markdown, for a caption built once and drawn on every slider step."""
    names = "；".join(f"{s.producer}（{s.title if lang() == 'zh' else s.title_en or s.title}）" for s in sidecars)
    present = set(statuses)
    marks = " ".join(badge_markup(s) for s in ("recalled", "derived", "assumed", "scenario", "illustrative")
                     if s in present)
    return t("metric.source", source=names) + (f"  \n{marks}" if marks else "")


def page_footer(sidecars: Iterable[Sidecar]) -> None:
    """Every page ends with the sources of what it showed."""
    st.divider()
    lines = [
        "- " + t("footer.line", title=s.title if lang() == "zh" else (s.title_en or s.title),
                 producer=s.producer, licence=s.licence, date=s.date_accessed)
        for s in sidecars
    ]
    st.markdown(f"**{t('footer.title')}**\n\n" + "\n".join(lines) + f"\n\n{t('footer.more')}")
