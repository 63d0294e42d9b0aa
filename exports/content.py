"""What a briefing slide holds, independent of where it is shown (screen, PNG, PDF, PPTX).

The dashboard builds these (dashboard.briefing_slides) from the deck (analytics.briefing); the exporters
only lay them out. A slide's chart is a Plotly figure: the screen draws it, kaleido renders it, and the
PowerPoint exporter turns its line and bar traces into native charts holding the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

# How a slide's chart goes into PowerPoint: native chart (editable data), a native table, or a picture.
NATIVE_CHART = "chart"
NATIVE_TABLE = "table"
PICTURE = "picture"


@dataclass(frozen=True)
class KeyFigure:
    """One number on a slide, already formatted with its unit ("660 元/人·月"), and its data status."""

    label: str
    value: str
    status: str = "official"
    note: str = ""  # period or comparison, shown small under the value


@dataclass(frozen=True)
class SlideContent:
    """One slide: a headline, one chart, at most three key figures, sources and status marks."""

    kind: str  # analytics.briefing slide kind
    title: str  # short name of the view ("收入与标准"), for the deck list and the PPTX outline
    headline: str  # one sentence in Chinese generated from the data (or the user's own)
    figure: go.Figure | None
    export_as: str = NATIVE_CHART  # NATIVE_CHART, NATIVE_TABLE or PICTURE
    figures: tuple[KeyFigure, ...] = ()
    table: pd.DataFrame | None = None  # for NATIVE_TABLE slides: the rows shown
    sources: tuple[str, ...] = ()  # "publisher（title, year）" per dataset
    marks: tuple[str, ...] = ()  # status labels present in what is drawn: 示例数据, 待核实, 推算值 …
    notes: str = ""  # speaker notes: figures, sources and method
    chart_title: str = ""  # the chart's own title, written into exported images

    def __post_init__(self) -> None:
        if len(self.figures) > 3:
            raise ValueError(f"a slide shows at most three key figures, got {len(self.figures)}")


@dataclass(frozen=True)
class DeckContent:
    """A whole briefing: its slides plus what the cover and every footer state."""

    title: str
    slides: tuple[SlideContent, ...]
    as_of_year: int  # the latest year of data the deck draws on
    link: str  # the URL that reopens this deck
    generated: date = field(default_factory=date.today)
    statuses: tuple[str, ...] = ()  # status labels present anywhere in the deck

    def footer(self, index: int) -> str:
        """The footer line of slide `index` (0-based): sources, status marks, date and slide number."""
        return footer_text(self.slides[index], index, len(self.slides), self.generated)


def footer_text(slide: SlideContent, index: int, total: int, generated: date) -> str:
    """One footer for screen and files alike: sources, status marks, date, slide number."""
    parts = []
    if slide.sources:
        parts.append("来源：" + "；".join(slide.sources))
    if slide.marks:
        parts.append("数据状态：" + "、".join(slide.marks))
    parts.append(f"{generated.isoformat()} · 第 {index + 1}/{total} 页")
    return "　".join(parts)
