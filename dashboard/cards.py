"""Key-figure cards that a slider step redraws: a row of them is one `st.html` element.

Why not `st.metric` here: on 标准测算 the key figures sit in the scenario fragment, so every slider step
re-sends and re-renders them. Seven bordered `st.metric` elements rendered about twenty Markdown blocks
(label, delta, description, help) and their styled wrappers in the browser on each step (Chrome profiler,
issue 12: Markdown +21 ms, emotion +23 ms per step against the chart alone). The same cards as one block of
plain HTML are one element and no Markdown. Figures drawn once per full run keep `st.metric`.

A card says what `st.metric` said: label, value, a coloured delta with its arrow (`delta_color` as in
`st.metric`: "normal" up is good, "inverse" up is bad, "off" grey and no arrow), a description and a help
text (a ⓘ with the text as its tooltip and accessible name). The look comes from `CARD_STYLE`, which
`dashboard.ui.apply_style` puts on every page once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from dashboard.figures import MUTED_TEXT

DeltaColor = Literal["normal", "inverse", "off"]
GOOD, BAD, NEUTRAL = "#177233", "#b42318", MUTED_TEXT  # text on white: 6.6:1, 6.5:1, 5.4:1 (WCAG AA)
UNCHANGED = 0.005  # a delta this close to zero is shown grey, without an arrow


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str = ""
    delta_value: float = 0.0  # its sign picks the arrow and, with delta_color, the colour
    delta_color: DeltaColor = "normal"
    note: str = ""
    help: str = ""


def _tone(card: Card) -> tuple[str, str]:
    """(arrow, colour class) of a card's delta."""
    if card.delta_color == "off" or abs(card.delta_value) <= UNCHANGED:
        return "", "jl-flat"
    up = card.delta_value > 0
    good = up if card.delta_color == "normal" else not up
    return ("↑" if up else "↓"), ("jl-good" if good else "jl-bad")


def _card(card: Card) -> str:
    label = escape(card.label)
    help_mark = (f' <span class="jl-card-help" title="{escape(card.help)}" role="img" '
                 f'aria-label="{escape(card.help)}">ⓘ</span>') if card.help else ""
    parts = [f'<div class="jl-card-label">{label}{help_mark}</div>',
             f'<div class="jl-card-value">{escape(card.value)}</div>']
    if card.delta:
        arrow, tone = _tone(card)
        parts.append(f'<div class="jl-card-delta {tone}">{arrow + " " if arrow else ""}{escape(card.delta)}</div>')
    if card.note:
        parts.append(f'<div class="jl-card-note">{escape(card.note)}</div>')
    return f'<div class="jl-card" data-label="{label}">{"".join(parts)}</div>'


def cards_html(cards: Sequence[Card]) -> str:
    """One row of cards (equal widths; stacked on a phone), for `st.html`."""
    inner = "".join(_card(c) for c in cards)
    return f'<div class="jl-cards" style="--jl-cols: {len(cards)}">{inner}</div>'


CARD_STYLE = f"""
.jl-cards {{ display: grid; grid-template-columns: repeat(var(--jl-cols), minmax(0, 1fr)); gap: 1rem; }}
@media (max-width: 640px) {{ .jl-cards {{ grid-template-columns: 1fr; }} }}
.jl-card {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: calc(1rem - 1px);
  display: flex; flex-direction: column; gap: 0.25rem; }}
.jl-card-label {{ font-size: 0.95rem; line-height: 1.4; }}
.jl-card-help {{ color: {NEUTRAL}; cursor: help; }}
.jl-card-value {{ font-size: 1.9rem; line-height: 1.25; overflow-wrap: anywhere; }}
.jl-card-delta {{ font-size: 0.95rem; line-height: 1.4; }}
.jl-card-delta.jl-good {{ color: {GOOD}; }}
.jl-card-delta.jl-bad {{ color: {BAD}; }}
.jl-card-delta.jl-flat {{ color: {NEUTRAL}; }}
.jl-card-note {{ font-size: 0.875rem; line-height: 1.4; color: {NEUTRAL}; }}
"""
