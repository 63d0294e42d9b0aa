"""简报 in Streamlit: the deck in the session and the URL, the slide as drawn on screen, the editor's
operations and the presentation view's keys.

The deck lives in `st.session_state[DECK_KEY]` and, whenever it differs from the default deck, in the
URL (`?deck=<token>`, analytics.briefing.encode_deck), with the slide shown (`slide`, 1-based) and the
presentation switch (`present=1`). So a link reopens the same deck at the same slide, presenting or not.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from analytics.briefing import Deck, DeckError, Vocabulary, decode_deck, default_deck, encode_deck
from analytics.provenance import STATUS_MARKS
from dashboard.map_figures import MAP_CONFIG
from exports.content import SlideContent, footer_text

DECK_KEY = "brief_deck"
INDEX_KEY = "brief_index"
REVISION_KEY = "brief_revision"  # bumped on every deck change not made by the slide editor's own widgets
SAVED_KEY = "brief_saved"
SEEDED_KEY = "brief_seeded_from_url"
PRESENT_PARAM = "present"
DECK_PARAM = "deck"
SLIDE_PARAM = "slide"
MAX_SAVED_DECKS = 10
# Keys → action. Each Streamlit button takes one shortcut, so the extra keys get buttons of their own,
# visually hidden (still reachable to assistive technology, and labelled).
NAV_KEYS: dict[str, tuple[str, ...]] = {"next": ("Right", "PageDown", "Space"), "prev": ("Left", "PageUp"),
                                        "first": ("Home",), "last": ("End",), "exit": ("Esc",)}

# The presentation view: no Streamlit chrome; the slide is a 16:9 box filling the viewport; text sizes
# scale with the slide but never below the projector floor (body ≥ 24 px, chart text ≥ 18 px at 1920×1080).
PRESENT_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stSidebarNav"], [data-testid="stBottom"] { display: none !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: hidden !important; background: #ffffff; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
.st-key-brief_slide {
  position: fixed; left: var(--brief-left, 0px); top: var(--brief-top, 0px);
  width: 1920px !important; max-width: none !important; height: 1080px;
  transform: scale(var(--brief-scale, 1)); transform-origin: top left; background: #ffffff;
  padding: 28px 56px 16px 56px; box-sizing: border-box; overflow: hidden; gap: 10px;
  display: flex; flex-direction: column; flex-wrap: nowrap;
}
.st-key-brief_keys { position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip-path: inset(50%); white-space: nowrap; }
</style>
"""
# The slide's own elements, at projector size; the editor's preview scales them down (PREVIEW_CSS).
SLIDE_CSS = """
<style>
.brief-kicker { font-size: 24px; color: #3e4c59; margin: 0; }
.brief-headline { font-size: 44px; line-height: 1.28; font-weight: 700; color: #102a43; margin: 2px 0 6px; }
.brief-figures { display: flex; gap: 28px; margin: 0; }
.brief-figure { flex: 1; border-left: 7px solid #0b6e99; padding: 2px 16px; min-width: 0; }
.brief-figure .label { font-size: 24px; color: #3e4c59; }
.brief-figure .value { font-size: 40px; font-weight: 700; color: #102a43; white-space: nowrap; }
.brief-figure .note { font-size: 24px; color: #3e4c59; overflow-wrap: anywhere; }
.brief-mark { display: inline-block; font-size: 24px; font-weight: 700; color: #9b1c1c; vertical-align: middle;
  border: 2px solid #9b1c1c; border-radius: 6px; padding: 0 0.35em; margin-left: 0.4em; }
.brief-footer { font-size: 24px; line-height: 1.3; color: #3e4c59; border-top: 1px solid #cbd2d9; padding-top: 6px; }
.brief-footer .marks { color: #9b1c1c; font-weight: 700; }
.brief-table { border-collapse: collapse; width: 100%; font-size: 24px; }
.brief-table th, .brief-table td { border-bottom: 1px solid #d9e2ec; padding: 5px 12px; text-align: left; color: #102a43; }
.brief-table th { background: #f0f4f8; }
.st-key-brief_nav button p { font-size: 24px; }
.st-key-brief_nav kbd, .st-key-brief_nav kbd *, .st-key-brief_keys kbd { color: #3e4c59 !important; opacity: 1 !important;
  font-size: 18px; }
</style>
"""
PREVIEW_CSS = """
<style>
.st-key-brief_preview .brief-kicker, .st-key-brief_preview .brief-figure .label,
.st-key-brief_preview .brief-figure .note, .st-key-brief_preview .brief-mark { font-size: 14px; }
.st-key-brief_preview .brief-headline { font-size: 24px; }
.st-key-brief_preview .brief-figure .value { font-size: 22px; white-space: normal; }
.st-key-brief_preview .brief-footer, .st-key-brief_preview .brief-table { font-size: 13px; }
</style>
"""
# The slide is laid out at 1920×1080 and scaled to fit the window (letterboxed), so what fits on a
# projector fits on a laptop. F toggles full screen (the browser's own Esc leaves it). Installed once.
PRESENT_JS = """
<script>
(function () {
  const fit = () => {
    const s = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    const root = document.documentElement.style;
    root.setProperty('--brief-scale', s);
    root.setProperty('--brief-left', ((window.innerWidth - 1920 * s) / 2) + 'px');
    root.setProperty('--brief-top', ((window.innerHeight - 1080 * s) / 2) + 'px');
  };
  fit();
  if (window.__briefInstalled) return;
  window.__briefInstalled = true;
  window.addEventListener('resize', fit);
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if ((e.key === 'f' || e.key === 'F') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen();
    }
  });
})();
</script>
"""


def presenting() -> bool:
    return st.query_params.get(PRESENT_PARAM) == "1"


def current_deck(vocabulary: Vocabulary) -> tuple[Deck, list[str]]:
    """The session's deck; on the session's first run the URL's deck (checked) or the default."""
    notices: list[str] = []
    if not st.session_state.get(SEEDED_KEY):
        st.session_state[SEEDED_KEY] = True
        deck = default_deck(vocabulary)
        token = st.query_params.get(DECK_PARAM)
        if token:
            try:
                deck, notices = decode_deck(token, vocabulary)
            except DeckError as exc:
                notices = [str(exc)]
        st.session_state[DECK_KEY] = deck
        raw = st.query_params.get(SLIDE_PARAM, "1")
        index = int(raw) - 1 if raw.isdigit() and int(raw) >= 1 else 0
        if index >= len(deck.slides) or not raw.isdigit():
            notices.append(f"链接参数「slide」的值「{raw[:20]}」超出简报页数（共 {len(deck.slides)} 页），已从第 1 页开始。")
            index = 0
        st.session_state[INDEX_KEY] = index
    deck = st.session_state[DECK_KEY]
    st.session_state[INDEX_KEY] = min(max(st.session_state.get(INDEX_KEY, 0), 0), len(deck.slides) - 1)
    return deck, notices


def set_deck(deck: Deck, *, index: int | None = None) -> None:
    st.session_state[DECK_KEY] = deck
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1
    if index is not None:
        st.session_state[INDEX_KEY] = index
    st.session_state[INDEX_KEY] = min(max(st.session_state.get(INDEX_KEY, 0), 0), len(deck.slides) - 1)


def revision() -> int:
    return st.session_state.get(REVISION_KEY, 0)


def write_url(deck: Deck, vocabulary: Vocabulary) -> None:
    """The address bar describes the deck (left out when it is the default), the slide and the mode."""
    if deck == default_deck(vocabulary):
        st.query_params.pop(DECK_PARAM, None)
    else:
        token = encode_deck(deck)
        if st.query_params.get(DECK_PARAM) != token:
            st.query_params[DECK_PARAM] = token
    number = str(st.session_state[INDEX_KEY] + 1)
    if number == "1":
        st.query_params.pop(SLIDE_PARAM, None)
    elif st.query_params.get(SLIDE_PARAM) != number:
        st.query_params[SLIDE_PARAM] = number


def deck_link(deck: Deck, vocabulary: Vocabulary, base: str = "") -> str:
    """The link that reopens this deck in the presentation view."""
    from urllib.parse import urlencode

    query = {PRESENT_PARAM: "1"}
    if deck != default_deck(vocabulary):
        query[DECK_PARAM] = encode_deck(deck)
    return f"{base}/briefing?{urlencode(query)}"


def go_to(step: str) -> None:
    """A navigation action (next / prev / first / last / exit) on the session's deck."""
    count = len(st.session_state[DECK_KEY].slides)
    index = st.session_state.get(INDEX_KEY, 0)
    if step == "exit":
        st.query_params.pop(PRESENT_PARAM, None)
        return
    target = {"next": index + 1, "prev": index - 1, "first": 0, "last": count - 1}[step]
    st.session_state[INDEX_KEY] = min(max(target, 0), count - 1)


def start_presenting() -> None:
    st.query_params[PRESENT_PARAM] = "1"


def _mark(status: str) -> str:
    label = STATUS_MARKS.get(status)
    return f'<span class="brief-mark">{html.escape(label)}</span>' if label and status != "scenario" else ""


def slide_header_html(content: SlideContent, number: int, total: int) -> str:
    figures = "".join(
        f'<div class="brief-figure"><div class="label">{html.escape(f.label)}</div>'
        f'<div class="value">{html.escape(f.value)}{_mark(f.status)}</div>'
        + (f'<div class="note">{html.escape(f.note)}</div>' if f.note else "") + "</div>"
        for f in content.figures)
    return (f'<p class="brief-kicker">{html.escape(content.title)} · {number}/{total}</p>'
            f'<h1 class="brief-headline" data-testid="briefHeadline">{html.escape(content.headline)}</h1>'
            f'<div class="brief-figures">{figures}</div>')


def slide_footer_html(content: SlideContent, index: int, total: int, generated: date) -> str:
    """The footer as on every export (exports.content.footer_text), with the status marks emphasised."""
    sources = "来源：" + "；".join(content.sources) if content.sources else ""
    marks = (f'<span class="marks">数据状态：{html.escape("、".join(content.marks))}</span>　'
             if content.marks else "")
    full = footer_text(content, index, total, generated)
    return (f'<div class="brief-footer" title="{html.escape(full)}">{marks}'
            f'{generated.isoformat()} · 第 {index + 1}/{total} 页　{html.escape(sources)}</div>')


def table_html(content: SlideContent) -> str:
    frame = content.table
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f'<table class="brief-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


SLIDE_CHART_WIDTH = 1920 - 2 * 56  # px: the 1920-px canvas less its side padding (PRESENT_CSS)


def draw_slide(content: SlideContent, index: int, total: int, generated: date, *, chart_key: str,
               height: int | None = None, width: int | str = "stretch") -> None:
    """One slide: header (headline, figures), the chart or table, the footer (`index` 0-based)."""
    st.html(slide_header_html(content, index + 1, total))
    if content.figure is not None:
        figure = content.figure if height is None else go.Figure(content.figure).update_layout(height=height)
        # A fixed width on the scaled canvas: Streamlit would measure the scaled (smaller) box instead.
        st.plotly_chart(figure, config=MAP_CONFIG | {"displayModeBar": False}, key=chart_key, theme=None,
                        width=width)
    elif content.table is not None:
        st.html(table_html(content))
    st.html(slide_footer_html(content, index, total, generated))


def draw_navigation(labels: dict[str, str], on_step: Callable[[str], None]) -> None:
    """The visible prev/next/exit buttons, and hidden ones for the other keys."""
    with st.container(key="brief_nav", horizontal=True, gap="small"):
        for step in ("prev", "next", "exit"):
            st.button(labels[step], key=f"brief_{step}", on_click=on_step, args=(step,),
                      shortcut=NAV_KEYS[step][0], type="tertiary")
    with st.container(key="brief_keys"):
        for step, keys in NAV_KEYS.items():
            for extra in (keys[1:] if step in ("prev", "next", "exit") else keys):
                st.button(f"{labels[step]}（{extra}）", key=f"brief_{step}_{extra}", on_click=on_step,
                          args=(step,), shortcut=extra)
