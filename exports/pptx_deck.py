"""The briefing deck as a PowerPoint file: editable text, native charts and tables, Chinese fonts set.

Why native charts: a ministry reader edits numbers and restyles charts in PowerPoint or WPS; a picture
of a chart cannot be edited and loses its data. `native_series` turns a Plotly figure's line, marker and
bar traces into plain series (the one conversion the exporter and the tests share); figures that do not
fit one PowerPoint chart type go in as a picture from the caller's `image_for`.

Why the font work: python-pptx's `font.name` writes only `a:latin`, so WPS, macOS PowerPoint and
LibreOffice pick a wrong font or boxes for Chinese (python-pptx #768, #720). `set_east_asian_font` puts
`a:latin`, `a:ea` and `a:cs` on every run this module writes, and on every text property of a chart.

Why the size estimates: PowerPoint does not shrink text that overflows a box (autofit only happens when
PowerPoint itself re-lays the slide out), so each text box picks the largest font size whose estimated
wrapped height fits (`_first_fitting`). The estimate counts CJK and full-width characters as one em,
other characters as 0.6 em plus 0.25 em at each CJK/Latin switch (LibreOffice and WPS space them), and a
line as 1.45 em: Noto Sans CJK's Windows metrics, which PowerPoint uses (LibreOffice sets it tighter,
about 1.2 em, so there the boxes have room to spare). Key-figure cards that still do not fit cut their
note, then their label, and give the full text in the speaker notes.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Run
from pptx.util import Inches, Pt

from analytics.provenance import status_mark
from exports.content import NATIVE_CHART, NATIVE_TABLE, DeckContent, KeyFigure, SlideContent

# --- Fonts, colours and labels -------------------------------------------------------------------------

FONT_FACE = "Noto Sans CJK SC"  # Debian's fonts-noto-cjk; also the first family of dashboard.figures
PRODUCER = "吉林省社会救助政策分析看板"
COLOURS = {  # RRGGBB, Okabe–Ito accents as in dashboard.figures
    "text": "1F2933",
    "muted": "52606D",
    "accent": "0072B2",
    "mark": "D55E00",
    "card": "F1F3F5",
    "grid": "E4E7EB",
    "axis": "9AA5B1",
    "header_text": "FFFFFF",
    "band": "F5F7FA",
    "white": "FFFFFF",
}

# --- Geometry (inches): a 16:9 slide, a kicker + headline band, a body, a footer ------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches from the top-left corner."""

    left: float
    top: float
    width: float
    height: float


SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
CONTENT_W = SLIDE_W - 2 * MARGIN
KICKER = Box(MARGIN, 0.26, CONTENT_W, 0.38)
HEADLINE = Box(MARGIN, 0.64, CONTENT_W, 1.44)
BODY_TOP = 2.2
FOOTER_BOTTOM = 7.38
FOOTER_MIN_H = 0.5
GAP = 0.25
FIGURE_COLUMN_W = 3.5
FIGURE_COLUMN_MAX_W = 4.4
CARD_GAP = 0.15
CARD_MAX_H = 1.6
COVER_TITLE = Box(0.9, 1.55, 11.9, 1.75)
COVER_INFO = Box(0.9, 3.4, 11.9, 1.95)
COVER_LINK = Box(0.9, 5.45, 11.9, 0.95)
COVER_PRODUCER = Box(0.9, 6.6, 11.9, 0.45)
COVER_BAR = Box(0.5, 1.65, 0.12, 4.7)

# Font sizes (pt), largest first: each box takes the first that fits.
HEADLINE_SIZES = (32, 30, 28, 26, 24, 22, 20)
COVER_TITLE_SIZES = (44, 40, 36, 32, 28)
FOOTER_SIZES = (12, 11, 10)
CARD_SIZES = ((32, 14, 12), (28, 14, 12), (28, 12, 11), (24, 12, 11), (24, 11, 10), (24, 10, 10))  # value, label, note
TABLE_SIZES = (16, 14, 13, 12, 11, 10)
LINK_SIZES = (16, 14, 12, 11)
KICKER_SIZE = 14
NOTES_SIZE = 12
CHART_TEXT_SIZE = 12
CHART_TITLE_SIZE = 14
MAX_TABLE_ROWS = 10

# Text-size estimate (see the module docstring).
LINE_HEIGHT_EM = 1.45
WRAP_SLACK = 1.08  # word wrap and line-start punctuation rules leave lines a little short
TEXT_INSET = 0.06  # inches, each side of a text box
CELL_INSET_X, CELL_INSET_Y = 0.06, 0.03

TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template


# --- The one font helper ---------------------------------------------------------------------------------

# Children of a:rPr / a:defRPr that must come after a:latin, a:ea and a:cs (CT_TextCharacterProperties).
_AFTER_FONTS = tuple(qn(t) for t in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"))


def set_east_asian_font(rpr: etree._Element, typeface: str = FONT_FACE) -> None:
    """Name `typeface` as the Latin, East-Asian and complex-script font of a run (a:rPr, a:defRPr …).

    The East-Asian slot is what PowerPoint, WPS and LibreOffice use for Chinese characters; python-pptx
    has no API for it. Inserted in schema order, so files stay valid for PowerPoint.
    """
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    anchor = next((child for child in rpr if child.tag in _AFTER_FONTS), None)
    for tag in ("a:latin", "a:ea", "a:cs"):
        font = OxmlElement(tag)
        font.set("typeface", typeface)
        if anchor is None:
            rpr.append(font)
        else:
            anchor.addprevious(font)


def style_run(run: _Run, size: float, *, bold: bool = False, colour: str = COLOURS["text"]) -> None:
    """Size, weight, colour and the CJK typeface of one run: every run in the deck goes through here."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    set_east_asian_font(run._r.get_or_add_rPr())


# --- Text layout -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with one style; `link` makes it a clickable hyperlink."""

    text: str
    size: float
    bold: bool = False
    colour: str = COLOURS["text"]
    link: str | None = None


Paragraph = tuple[Run, ...]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WFA"


def text_em(text: str) -> float:
    """Estimated width of `text` in ems: CJK, full-width and ambiguous-width characters take one em,
    others 0.6 em; each switch between the two adds 0.25 em, the gap LibreOffice (and WPS) put between
    Chinese and Latin text."""
    width = 0.0
    previous: bool | None = None
    for char in text:
        if char == " ":
            width += 0.3
            previous = None
            continue
        wide = _is_wide(char)
        width += 1.0 if wide else 0.6
        if previous is not None and wide != previous:
            width += 0.25
        previous = wide
    return width


def _line_count(runs: Sequence[Run], width_in: float) -> int:
    """Lines a paragraph wraps to in a box `width_in` wide (inside the insets)."""
    points = sum(text_em(r.text) * r.size for r in runs) * WRAP_SLACK
    return max(1, math.ceil(points / (width_in * 72)))


def _paragraphs_height(paragraphs: Sequence[Paragraph], width_in: float, inset: float = TEXT_INSET) -> float:
    """Estimated height in inches of `paragraphs` set in a box `width_in` wide, insets included."""
    inner = width_in - 2 * inset
    points = sum(_line_count(p, inner) * max(r.size for r in p) * LINE_HEIGHT_EM for p in paragraphs if p)
    return points / 72 + 2 * inset


def _first_fitting(candidates: Sequence[list[Paragraph]], box: Box, inset: float = TEXT_INSET) -> list[Paragraph]:
    """The first (largest) candidate layout whose estimated height fits `box`, else the lowest one."""
    for paragraphs in candidates:
        if _paragraphs_height(paragraphs, box.width, inset) <= box.height:
            return paragraphs
    return min(candidates, key=lambda paragraphs: _paragraphs_height(paragraphs, box.width, inset))


def _fill_text_frame(frame: TextFrame, paragraphs: Sequence[Paragraph], *, inset: float = TEXT_INSET,
                     anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    """Write `paragraphs` into a frame that wraps, never auto-resizes, and has known insets."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(inset)
    write_paragraphs(frame, paragraphs, align)


def write_paragraphs(frame: TextFrame, paragraphs: Sequence[Paragraph], align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    """Write `paragraphs` into a frame (first one reused), every run styled by `style_run`."""
    for index, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_before = paragraph.space_after = Pt(0)
        for spec in runs:
            run = paragraph.add_run()
            run.text = spec.text
            style_run(run, spec.size, bold=spec.bold, colour=spec.colour)
            if spec.link:
                run.hyperlink.address = spec.link
                run.font.underline = True


def _add_text_box(slide: Slide, box: Box, paragraphs: Sequence[Paragraph], *, fill: str | None = None,
                  anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, inset: float = TEXT_INSET) -> None:
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    _fill_text_frame(shape.text_frame, paragraphs, inset=inset, anchor=anchor)


def _one_line(text: Any) -> str:
    """Text for a single paragraph: line breaks and runs of ASCII whitespace become one space (the
    ideographic space U+3000, which the footer uses as a separator, is kept)."""
    return re.sub(r"[ \t\r\n\v\f]+", " ", str(text)).strip()


def chinese_date(day: date) -> str:
    """2026-12-02 → 2026年12月2日, as dates are written in government documents."""
    return f"{day.year}年{day.month}月{day.day}日"


# --- From a Plotly figure to native series ---------------------------------------------------------------

LINE, MARKERS, COLUMN, BAR, UNSUPPORTED = "line", "markers", "column", "bar", "unsupported"
BAND_FILLS = ("toself", "tonext")  # closed polygons: intervals drawn as shapes, not series of values
DASH_STYLES = {
    "dash": MSO_LINE_DASH_STYLE.DASH,
    "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
    "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT,
    "longdash": MSO_LINE_DASH_STYLE.LONG_DASH,
    "longdashdot": MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
}
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PLOTLY_DEFAULT_POINTS = 20  # plotly draws "lines+markers" below this many points when mode is unset


@dataclass(frozen=True)
class Series:
    """One trace's data as a native chart holds it.

    `x`, `y` are the trace's own values (for horizontal bars `y` holds the categories); None marks a gap.
    `colour` is the trace's colour when it is a plain hex string, else None (the chart theme chooses).
    `error_plus` / `error_minus` are absolute y error-bar lengths per point, or None.
    """

    name: str
    kind: str  # LINE, MARKERS, COLUMN (vertical bars), BAR (horizontal bars) or UNSUPPORTED
    x: list[Any]
    y: list[Any]
    colour: str | None = None
    markers: bool = False  # a LINE series also draws its points
    dash: str | None = None  # plotly dash name ("dash", "dot" …) for LINE series
    error_plus: list[float | None] | None = None
    error_minus: list[float | None] | None = None

    @property
    def categories(self) -> list[Any]:
        """A bar series' categories (its x, or its y when horizontal)."""
        return self.y if self.kind == BAR else self.x

    @property
    def values(self) -> list[Any]:
        """A bar series' values (its y, or its x when horizontal)."""
        return self.x if self.kind == BAR else self.y


def _plain(value: Any) -> Any:
    """A numpy / pandas scalar as a plain Python value; NaN, NA and NaT as None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _values(sequence: Any) -> list[Any]:
    return [] if sequence is None else [_plain(v) for v in list(sequence)]


def _hex(colour: Any) -> str | None:
    """The colour if it is a plain hex string ("#0072B2", "#fff"), else None (arrays, rgba, names)."""
    return colour if isinstance(colour, str) and HEX_COLOUR.match(colour) else None


def _rgb(colour: str | None) -> RGBColor | None:
    """A Series colour ("#0072B2" or "#fff") as python-pptx's RGBColor."""
    if not colour:
        return None
    digits = colour.lstrip("#")
    return RGBColor.from_string((digits if len(digits) == 6 else "".join(d * 2 for d in digits)).upper())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _carries_data(trace: Any) -> bool:
    """False for what draws no values of its own: hidden traces, legend-only keys and filled bands."""
    if trace.visible in (False, "legendonly"):
        return False
    if trace.type in ("scatter", "scattergl", "bar"):
        if getattr(trace, "fill", None) in BAND_FILLS:
            return False
        return any(v is not None for v in _values(trace.x) + _values(trace.y))
    return True  # other trace types draw something a native chart cannot hold


def _index_default(values: list[Any], other: list[Any], start: Any = 0, step: Any = 1) -> list[Any]:
    """Plotly's implied coordinates (x0 + i·dx) when a trace gives only one of x and y."""
    if values:
        return values
    return [(start or 0) + i * (step or 1) for i in range(len(other))]


def _error_bars(trace: Any, y: list[Any]) -> tuple[list[float | None], list[float | None]] | None:
    """A scatter trace's y error bars as absolute plus / minus lengths per point (plotly's rules)."""
    error = trace.error_y
    if error is None or error.visible is False:
        return None
    kind = error.type or ("data" if error.array is not None else None)
    if kind == "data" and error.array is not None:
        plus = _values(error.array)
        symmetric = error.arrayminus is None if error.symmetric is None else error.symmetric
        minus = plus if symmetric else _values(error.arrayminus)
    elif kind in ("constant", "percent") and error.value is not None:
        symmetric = error.valueminus is None if error.symmetric is None else error.symmetric
        up, down = error.value, (error.value if symmetric else (error.valueminus or 0))
        scale = [(abs(v) / 100 if kind == "percent" else 1) if _is_number(v) else None for v in y]
        plus = [None if s is None else up * s for s in scale]
        minus = [None if s is None else down * s for s in scale]
    else:
        return None
    pad = [None] * len(y)
    return (plus + pad)[: len(y)], (minus + pad)[: len(y)]


def _scatter_series(trace: Any, name: str) -> Series:
    y = _values(trace.y)
    x = _index_default(_values(trace.x), y, trace.x0, trace.dx)
    y = _index_default(y, x, trace.y0, trace.dy)
    mode = trace.mode or ("lines+markers" if len(y) < PLOTLY_DEFAULT_POINTS else "lines")
    lines, markers = "lines" in mode, "markers" in mode
    if not (lines or markers):  # text-only traces are annotations, not values
        return Series(name, UNSUPPORTED, x, y)
    errors = _error_bars(trace, y)
    keep = [i for i, value in enumerate(x) if value is not None]  # a point without x cannot be placed
    colour = _hex(trace.line.color) if lines else None
    colour = colour or _hex(trace.marker.color) or _hex(trace.line.color)
    return Series(
        name=name,
        kind=LINE if lines else MARKERS,
        x=[x[i] for i in keep],
        y=[y[i] for i in keep],
        colour=colour,
        markers=lines and markers,
        dash=trace.line.dash if lines and trace.line.dash in DASH_STYLES else None,
        error_plus=None if errors is None else [errors[0][i] for i in keep],
        error_minus=None if errors is None else [errors[1][i] for i in keep],
    )


def _bar_series(trace: Any, name: str) -> Series:
    horizontal = trace.orientation == "h"
    x, y = _values(trace.x), _values(trace.y)
    if horizontal:
        y = _index_default(y, x, trace.y0, trace.dy)
    else:
        x = _index_default(x, y, trace.x0, trace.dx)
    categories, values = (y, x) if horizontal else (x, y)
    keep = [i for i, c in enumerate(categories) if c is not None]
    categories, values = [categories[i] for i in keep], [values[i] for i in keep]
    x, y = (values, categories) if horizontal else (categories, values)
    return Series(name, BAR if horizontal else COLUMN, x, y, _hex(trace.marker.color))


def native_series(fig: go.Figure) -> list[Series]:
    """The data a native chart of `fig` holds: one Series per trace that draws values of its own.

    Skipped: hidden and legend-only traces, keys with no data (all-None x/y), filled bands. Traces of
    other types, or on a second axis, come back as UNSUPPORTED so the caller falls back to a picture
    rather than drop them silently.
    """
    out = []
    for index, trace in enumerate(fig.data):
        if not _carries_data(trace):
            continue
        name = trace.name if trace.name else f"系列{index + 1}"
        secondary = (getattr(trace, "xaxis", None) or "x") != "x" or (getattr(trace, "yaxis", None) or "y") != "y"
        if trace.type in ("scatter", "scattergl") and not secondary:
            out.append(_scatter_series(trace, name))
        elif trace.type == "bar" and not secondary:
            out.append(_bar_series(trace, name))
        else:
            out.append(Series(name, UNSUPPORTED, [], []))
    return out


XY_PLAN, CATEGORY_PLAN = "xy", "category"


def chart_plan(series: Sequence[Series]) -> str | None:
    """Which native chart holds all of `series`: XY (lines / markers on numeric x), category (bars of one
    orientation), or None when no single PowerPoint chart can (then the slide gets a picture)."""
    kinds = {s.kind for s in series}
    if not series or UNSUPPORTED in kinds:
        return None
    if kinds <= {LINE, MARKERS}:
        numeric = all(_is_number(v) for s in series for v in s.x) and any(
            _is_number(v) for s in series for v in s.y)
        return XY_PLAN if numeric else None
    if kinds in ({COLUMN}, {BAR}):
        return CATEGORY_PLAN
    return None


# --- Native charts ---------------------------------------------------------------------------------------

# plotly tickformat → Excel number format, for axis labels (unknown formats fall back to General).
NUMBER_FORMATS = {
    ",.0f": "#,##0", ",d": "#,##0", "d": "0", ".0f": "0", ",.1f": "#,##0.0", ".1f": "0.0",
    ",.2f": "#,##0.00", ".2f": "0.00", ".0%": "0%", ".1%": "0.0%",
}
XY_MAJOR_UNITS = ((15, 1), (30, 2), (75, 5))  # integer x spanning ≤ N → tick every U (years)


def _number_format(axis_layout: Any) -> str:
    return NUMBER_FORMATS.get(axis_layout.tickformat or "", "General")


def _category_label(value: Any) -> str:
    """Category text as the figure's axis shows it: 2024.0 → "2024"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _category_data(series: Sequence[Series], number_format: str) -> CategoryChartData:
    """Bars aligned on the union of categories, in first-seen order; a missing bar is a gap."""
    labels: list[str] = []
    for s in series:
        labels += [c for c in map(_category_label, s.categories) if c not in labels]
    data = CategoryChartData(number_format=number_format)
    data.categories = labels
    for s in series:
        by_label = dict(zip(map(_category_label, s.categories), s.values, strict=True))
        data.add_series(s.name, [by_label.get(label) for label in labels])
    return data


def _xy_data(series: Sequence[Series], number_format: str) -> XyChartData:
    """Each series with its own x values, padded at the end with empty points to the longest one.

    The padding works around LibreOffice, which drops an XY series that has fewer points than a later
    one (seen in LibreOffice 7.4 Impress, headless PDF export); empty points draw nothing anywhere.
    """
    data = XyChartData()
    length = max(len(s.x) for s in series)
    for s in series:
        xy = data.add_series(s.name, number_format=number_format)
        for x, y in zip(s.x, s.y, strict=True):
            xy.add_data_point(x, y)
        for _ in range(length - len(s.x)):
            xy.add_data_point(None, None)
    return data


def _bar_chart_type(series: Sequence[Series], barmode: str | None) -> XL_CHART_TYPE:
    stacked = barmode in ("stack", "relative")
    if series[0].kind == BAR:
        return XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    return XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED


def _style_xy_series(chart: Chart, series: Sequence[Series]) -> None:
    """Per series: colour, dash, markers, no line for marker-only series, error bars."""
    for spec, native in zip(series, chart.plots[0].series, strict=True):
        colour = _rgb(spec.colour)
        if spec.kind == MARKERS:
            native.format.line.fill.background()
        else:
            native.format.line.width = Pt(2.25)
            if colour:
                native.format.line.color.rgb = colour
            if spec.dash:
                native.format.line.dash_style = DASH_STYLES[spec.dash]
        if spec.kind == MARKERS or spec.markers:
            native.marker.style = XL_MARKER_STYLE.CIRCLE
            native.marker.size = 9 if spec.kind == MARKERS else 7
            if colour:
                native.marker.format.fill.solid()
                native.marker.format.fill.fore_color.rgb = colour
                native.marker.format.line.color.rgb = colour
        else:
            native.marker.style = XL_MARKER_STYLE.NONE
        if spec.error_plus is not None:
            _add_error_bars(native._element, spec, colour)


def _num_lit(values: Sequence[float | None]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
    return f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{points}</c:numLit>'


def _add_error_bars(ser: etree._Element, spec: Series, colour: RGBColor | None) -> None:
    """Custom y error bars (c:errBars), which python-pptx has no API for; they go before c:xVal."""
    line = f'<c:spPr><a:ln w="25400"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr>' if colour else ""
    xml = (
        f'<c:errBars {nsdecls("c", "a")}><c:errDir val="y"/><c:errBarType val="both"/>'
        '<c:errValType val="cust"/><c:noEndCap val="0"/>'
        f"<c:plus>{_num_lit(spec.error_plus or [])}</c:plus><c:minus>{_num_lit(spec.error_minus or [])}</c:minus>"
        f"{line}</c:errBars>"
    )
    ser.find(qn("c:xVal")).addprevious(etree.fromstring(xml))


def _style_bar_series(chart: Chart, series: Sequence[Series], stacked: bool) -> None:
    plot = chart.plots[0]
    plot.gap_width = 80
    for spec, native in zip(series, plot.series, strict=True):
        colour = _rgb(spec.colour)
        if colour:
            native.format.fill.solid()
            native.format.fill.fore_color.rgb = colour
    if sum(len(s.values) for s in series) <= 24:  # few bars: print the numbers on them
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(CHART_TEXT_SIZE)
        labels.number_format = chart.value_axis.tick_labels.number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END


def _axis_title(axis: Any, text: str | None) -> None:
    if not text:
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.paragraphs[0].text = ""
    run = frame.paragraphs[0].add_run()
    run.text = _one_line(text)
    style_run(run, CHART_TEXT_SIZE, colour=COLOURS["muted"])


def _style_axes(chart: Chart, fig: go.Figure, plan: str, series: Sequence[Series]) -> None:
    """Tick fonts and formats, gridlines, titles from the figure; XY x axes scaled to the data."""
    horizontal = plan == CATEGORY_PLAN and series[0].kind == BAR
    x_layout, y_layout = (fig.layout.yaxis, fig.layout.xaxis) if horizontal else (fig.layout.xaxis, fig.layout.yaxis)
    category, value = chart.category_axis, chart.value_axis
    for axis in (category, value):
        axis.tick_labels.font.size = Pt(CHART_TEXT_SIZE)
        axis.format.line.color.rgb = RGBColor.from_string(COLOURS["axis"])
    category.has_major_gridlines = False
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = RGBColor.from_string(COLOURS["grid"])
    value.tick_labels.number_format = _number_format(y_layout)
    value.tick_labels.number_format_is_linked = False
    if y_layout.rangemode == "tozero":
        value.minimum_scale = 0
    if y_layout.visible is False:  # a dot strip: its y positions carry no meaning, so show no value axis
        value.visible = False
        value.has_major_gridlines = False
        if y_layout.range:
            value.minimum_scale, value.maximum_scale = y_layout.range
    if plan == XY_PLAN:
        xs = [v for s in series for v in s.x]
        low, high = min(xs), max(xs)
        if low == high:  # one x value: PowerPoint needs a non-empty axis range
            low, high = low - 1, high + 1
        category.minimum_scale, category.maximum_scale = low, high
        if all(float(v).is_integer() for v in xs):
            category.tick_labels.number_format = "0"
            category.tick_labels.number_format_is_linked = False
            unit = next((u for span, u in XY_MAJOR_UNITS if high - low <= span), None)
            if unit:
                category.major_unit = unit
    _axis_title(category, x_layout.title.text)
    _axis_title(value, y_layout.title.text)


def apply_chart_fonts(chart: Chart) -> None:
    """Give every text property of a chart the CJK typeface: chart default, legend, axes, labels, titles.

    Charts carry their own text properties (c:txPr) which ignore the slide's runs; without an `a:ea`
    there, Chinese series names and axis titles fall back to a wrong font or boxes.
    """
    chart.font.size = Pt(CHART_TEXT_SIZE)  # creates the chart-wide c:txPr
    root = chart.element
    for run in root.iter(qn("a:r")):
        run.get_or_add_rPr()
    for tag in ("a:defRPr", "a:rPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            set_east_asian_font(rpr)


def add_native_chart(slide: Slide, fig: go.Figure, series: Sequence[Series], plan: str, box: Box,
                     chart_title: str = "") -> Chart:
    """A PowerPoint chart holding `series` (from `native_series(fig)`), styled like the dashboard."""
    if plan == XY_PLAN:
        chart_type = XL_CHART_TYPE.XY_SCATTER_LINES if any(s.kind == LINE for s in series) else XL_CHART_TYPE.XY_SCATTER
        data = _xy_data(series, _number_format(fig.layout.yaxis))
    else:
        chart_type = _bar_chart_type(series, fig.layout.barmode)
        value_layout = fig.layout.xaxis if series[0].kind == BAR else fig.layout.yaxis
        data = _category_data(series, _number_format(value_layout))
    frame = slide.shapes.add_chart(chart_type, Inches(box.left), Inches(box.top), Inches(box.width),
                                   Inches(box.height), data)
    chart = frame.chart
    chart.has_title = bool(chart_title)
    if chart_title:
        paragraph = chart.chart_title.text_frame.paragraphs[0]
        run = paragraph.add_run()
        run.text = _one_line(chart_title)
        style_run(run, CHART_TITLE_SIZE, bold=True)
    chart.has_legend = len(series) > 1 or plan == XY_PLAN
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_TEXT_SIZE)
    _style_axes(chart, fig, plan, series)
    if plan == XY_PLAN:
        _style_xy_series(chart, series)
    else:
        _style_bar_series(chart, series, fig.layout.barmode in ("stack", "relative"))
    apply_chart_fonts(chart)
    return chart


# --- Tables and pictures ---------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return "—"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(round(value, 2), "f").rstrip("0").rstrip(".")
    return _one_line(value)


def _column_widths(cells: list[list[str]], width: float) -> list[float]:
    """Column widths in proportion to their longest text, so short codes do not take half the table."""
    weights = [min(18.0, max(2.0, max(text_em(row[c]) for row in cells))) for c in range(len(cells[0]))]
    return [width * w / sum(weights) for w in weights]


def _row_heights(cells: list[list[str]], widths: list[float], size: float) -> list[float]:
    inner = [w - 2 * CELL_INSET_X for w in widths]
    return [
        max(_line_count((Run(text, size),), inner[c]) for c, text in enumerate(row)) * size * LINE_HEIGHT_EM / 72
        + 2 * CELL_INSET_Y
        for row in cells
    ]


def add_table(slide: Slide, table: pd.DataFrame, box: Box) -> list[str]:
    """A native table of at most MAX_TABLE_ROWS rows at the largest size that fits `box`.

    Returns notes for the speaker (rows left out), which also show under the table.
    """
    shown = table.head(MAX_TABLE_ROWS)
    cells = [[_one_line(c) for c in shown.columns]] + [[_cell_text(v) for v in row] for row in shown.itertuples(index=False)]
    notes = [] if len(table) <= MAX_TABLE_ROWS else [f"表中仅显示前 {MAX_TABLE_ROWS} 行，共 {len(table)} 行。"]
    caption_h = 0.4 if notes else 0.0
    widths = _column_widths(cells, box.width)
    size, heights = TABLE_SIZES[-1], _row_heights(cells, widths, TABLE_SIZES[-1])
    for candidate in TABLE_SIZES:
        candidate_heights = _row_heights(cells, widths, candidate)
        if sum(candidate_heights) <= box.height - caption_h:
            size, heights = candidate, candidate_heights
            break
    shape = slide.shapes.add_table(len(cells), len(widths), Inches(box.left), Inches(box.top),
                                   Inches(box.width), Inches(sum(heights)))
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) for c in shown.columns]
    for c, width in enumerate(widths):
        shape.table.columns[c].width = Inches(width)
    for r, row in enumerate(cells):
        shape.table.rows[r].height = Inches(heights[r])
        for c, text in enumerate(row):
            _fill_cell(shape.table.cell(r, c), text, size, header=r == 0, band=r % 2 == 0, right=numeric[c])
    if notes:
        _add_text_box(slide, Box(box.left, box.top + sum(heights) + 0.05, box.width, caption_h - 0.05),
                      [(Run(notes[0], 11, colour=COLOURS["muted"]),)])
    return notes


def _fill_cell(cell: Any, text: str, size: float, *, header: bool, band: bool, right: bool) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(COLOURS["accent"] if header else COLOURS["band"] if band else COLOURS["white"])
    cell.margin_left = cell.margin_right = Inches(CELL_INSET_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_INSET_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    colour = COLOURS["header_text"] if header else COLOURS["text"]
    cell.text_frame.word_wrap = True
    write_paragraphs(cell.text_frame, [(Run(text, size, bold=header, colour=colour),)],
                     PP_ALIGN.RIGHT if right and not header else PP_ALIGN.LEFT)


def add_picture(slide: Slide, png: bytes, box: Box) -> None:
    """The image scaled to fit `box` with its aspect ratio kept, centred across and top-aligned."""
    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    scale = min(box.width / width_px, box.height / height_px)
    width, height = width_px * scale, height_px * scale
    slide.shapes.add_picture(io.BytesIO(png), Inches(box.left + (box.width - width) / 2), Inches(box.top),
                             Inches(width), Inches(height))


# --- Slides ----------------------------------------------------------------------------------------------


def _new_presentation() -> Any:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    return deck


def _set_title(slide: Slide, box: Box, paragraphs: Sequence[Paragraph]) -> None:
    """Text in the slide's title placeholder, so PowerPoint's outline and screen readers read it."""
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (Inches(v) for v in (box.left, box.top, box.width, box.height))
    _fill_text_frame(title.text_frame, paragraphs, anchor=MSO_ANCHOR.MIDDLE)


def _sized(text: str, sizes: Sequence[float], box: Box, *, bold: bool = False, colour: str = COLOURS["text"]) -> list[Paragraph]:
    """One paragraph of `text` at the largest of `sizes` that fits `box`."""
    return _first_fitting([[(Run(text, size, bold, colour),)] for size in sizes], box)


def _figure_card(figure: KeyFigure, sizes: tuple[int, int, int], label: str, note: str) -> list[Paragraph]:
    value_size, label_size, note_size = sizes
    first: list[Run] = [Run(label, label_size, colour=COLOURS["muted"])]
    if figure.status != "official":
        first.append(Run(f"（{status_mark(figure.status)}）", label_size, bold=True, colour=COLOURS["mark"]))
    paragraphs = [tuple(first), (Run(_one_line(figure.value), value_size, bold=True, colour=COLOURS["accent"]),)]
    if note:
        paragraphs.append((Run(note, note_size, colour=COLOURS["muted"]),))
    return paragraphs


def _shortened(text: str, keep: int = 0) -> list[str]:
    """`text`, then ever shorter cuts of it ending in an ellipsis, down to `keep` characters (or nothing)."""
    cuts = [text[:n].rstrip() + "…" for n in range(len(text) - 1, max(keep, 1) - 1, -1)]
    return [text, *cuts] + ([] if keep else [""])


CARD_INSET = 0.1
MIN_LABEL_CHARS = 6  # a label is never cut shorter: a number without its name means nothing


def _card_layouts(figure: KeyFigure) -> list[list[Paragraph]]:
    """Card layouts from largest to smallest: first by size, then (at the smallest size) with the note and
    then the label cut short, so a card never spills out of its box."""
    label, note = _one_line(figure.label), _one_line(figure.note)
    layouts = [_figure_card(figure, sizes, label, note) for sizes in CARD_SIZES]
    smallest = CARD_SIZES[-1]
    layouts += [_figure_card(figure, smallest, label, cut) for cut in _shortened(note)[1:]]
    layouts += [_figure_card(figure, smallest, cut, "") for cut in _shortened(label, MIN_LABEL_CHARS)[1:]]
    return layouts


def _was_cut(paragraphs: list[Paragraph], figure: KeyFigure) -> bool:
    shown = "".join(r.text for p in paragraphs for r in p)
    return _one_line(figure.label) not in shown or _one_line(figure.note) not in shown


def figure_column_width(figures: Sequence[KeyFigure]) -> float:
    """The figure column's width: FIGURE_COLUMN_W, widened (up to FIGURE_COLUMN_MAX_W) so the longest
    value stays on one line at 28 pt; the chart takes the rest."""
    longest = max(text_em(_one_line(f.value)) for f in figures)
    needed = longest * 28 * WRAP_SLACK / 72 + 2 * CARD_INSET
    return min(FIGURE_COLUMN_MAX_W, max(FIGURE_COLUMN_W, needed))


def add_key_figures(slide: Slide, figures: Sequence[KeyFigure], column: Box) -> list[str]:
    """Up to three figure cards stacked in the left column, each an editable text box.

    Returns speaker-note lines giving in full any figure whose label or note had to be cut.
    """
    height = min(CARD_MAX_H, (column.height - CARD_GAP * (len(figures) - 1)) / len(figures))
    notes = []
    for index, figure in enumerate(figures):
        box = Box(column.left, column.top + index * (height + CARD_GAP), column.width, height)
        paragraphs = _first_fitting(_card_layouts(figure), box, CARD_INSET)
        _add_text_box(slide, box, paragraphs, fill=COLOURS["card"], anchor=MSO_ANCHOR.MIDDLE, inset=CARD_INSET)
        if _was_cut(paragraphs, figure):
            notes.append(f"关键数字（页面上有删节）：{figure.label}：{figure.value}（{status_mark(figure.status)}）"
                         + (f"，{figure.note}" if figure.note else ""))
    return notes


def add_footer(slide: Slide, text: str) -> float:
    """The footer at the largest size ≥ 10 pt that fits; a long one grows upward. Returns its top."""
    text = _one_line(text)
    size = next((s for s in FOOTER_SIZES if _paragraphs_height([(Run(text, s),)], CONTENT_W) <= FOOTER_MIN_H),
                FOOTER_SIZES[-1])
    height = max(FOOTER_MIN_H, _paragraphs_height([(Run(text, size),)], CONTENT_W))
    box = Box(MARGIN, FOOTER_BOTTOM - height, CONTENT_W, height)
    _add_text_box(slide, box, [(Run(text, size, colour=COLOURS["muted"]),)], anchor=MSO_ANCHOR.BOTTOM)
    return box.top


def write_notes(slide: Slide, lines: Sequence[str]) -> None:
    """Speaker notes, one paragraph per line, in the CJK typeface like every other run."""
    paragraphs = [(Run(line, NOTES_SIZE),) for text in lines for line in str(text).splitlines() if line.strip()]
    write_paragraphs(slide.notes_slide.notes_text_frame, paragraphs)


def _add_visual(slide: Slide, content: SlideContent, box: Box, image_for: Callable[[SlideContent], bytes]) -> list[str]:
    """The slide's chart as a native chart, a native table or a picture; returns notes on what was done."""
    if content.export_as == NATIVE_TABLE and content.table is not None:
        return add_table(slide, content.table, box)
    if content.figure is None:
        return []
    notes: list[str] = []
    if content.export_as == NATIVE_CHART:
        series = native_series(content.figure)
        plan = chart_plan(series)
        if plan:
            add_native_chart(slide, content.figure, series, plan, box, content.chart_title)
            return notes
        notes.append("此图含有原生图表无法容纳的图形，以图片插入；数据见看板。")
    add_picture(slide, image_for(content), box)
    return notes


def add_content_slide(deck: Any, content: DeckContent, index: int, image_for: Callable[[SlideContent], bytes]) -> Slide:
    """One briefing slide: kicker, headline, key figures, chart, footer and speaker notes."""
    item = content.slides[index]
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.element.cSld.set("name", item.title or f"第{index + 1}页")
    if item.title:
        _add_text_box(slide, KICKER, [(Run(_one_line(item.title), KICKER_SIZE, bold=True, colour=COLOURS["accent"]),)])
    _set_title(slide, HEADLINE, _sized(_one_line(item.headline), HEADLINE_SIZES, HEADLINE, bold=True))
    footer_top = add_footer(slide, content.footer(index))
    body = Box(MARGIN, BODY_TOP, CONTENT_W, footer_top - 0.12 - BODY_TOP)
    visual, cut = body, []
    if item.figures:
        column_w = figure_column_width(item.figures)
        cut = add_key_figures(slide, item.figures, Box(body.left, body.top, column_w, body.height))
        offset = column_w + GAP
        visual = Box(body.left + offset, body.top, body.width - offset, body.height)
    extra = _add_visual(slide, item, visual, image_for)
    write_notes(slide, [item.notes, *_provenance_lines(item), *cut, *extra])
    return slide


def _provenance_lines(item: SlideContent) -> list[str]:
    lines = []
    if item.sources:
        lines.append("来源：" + "；".join(item.sources))
    if item.marks:
        lines.append("数据状态：" + "、".join(status_mark(m) for m in item.marks))
    return lines


def add_cover(deck: Any, content: DeckContent) -> Slide:
    """The cover: title, date, data year, statuses present and the link that reopens the deck."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.element.cSld.set("name", "封面")
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in (COVER_BAR.left, COVER_BAR.top, COVER_BAR.width, COVER_BAR.height)))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(COLOURS["accent"])
    bar.line.fill.background()
    _set_title(slide, COVER_TITLE, _sized(_one_line(content.title), COVER_TITLE_SIZES, COVER_TITLE, bold=True))
    statuses = [status_mark(s) for s in content.statuses]
    info: list[Paragraph] = [
        (Run(f"生成日期：{chinese_date(content.generated)}", 20),),
        (Run(f"数据截至 {content.as_of_year} 年", 20),),
    ]
    if statuses:
        info.append((Run("数据状态：", 20), Run("、".join(statuses), 20, bold=True, colour=COLOURS["mark"])))
        info.append((Run("标有状态的数字不是官方统计，引用前请核对各页备注中的来源。", 14, colour=COLOURS["muted"]),))
    _add_text_box(slide, COVER_INFO, info)
    link_runs = [[(Run("在看板中打开这份简报：", size, colour=COLOURS["muted"]),
                   Run(content.link, size, colour=COLOURS["accent"], link=content.link))] for size in LINK_SIZES]
    _add_text_box(slide, COVER_LINK, _first_fitting(link_runs, COVER_LINK))
    _add_text_box(slide, COVER_PRODUCER, [(Run(PRODUCER, 14, colour=COLOURS["muted"]),)])
    write_notes(slide, _cover_notes(content, statuses))
    return slide


def _cover_notes(content: DeckContent, statuses: Sequence[str]) -> list[str]:
    lines = [
        f"这是{PRODUCER}生成的简报“{_one_line(content.title)}”：{len(content.slides)} 页内容，"
        f"数据截至 {content.as_of_year} 年，生成于 {chinese_date(content.generated)}。",
        "各页标题是由数据生成的结论；关键数字、图表数据与来源见各页，方法见各页备注。",
    ]
    if statuses:
        lines.append("本简报含有以下状态的数据，不是官方统计：" + "、".join(statuses) + "。")
    lines += [f"第 {i + 1} 页 {s.title}：{_one_line(s.headline)}" for i, s in enumerate(content.slides)]
    lines.append(f"重新打开：{content.link}")
    return lines


def deck_pptx(deck: DeckContent, image_for: Callable[[SlideContent], bytes]) -> bytes:
    """The briefing as a 16:9 .pptx: a cover, then one slide per SlideContent.

    `image_for` returns PNG bytes of a slide's figure; it is called only for PICTURE slides and for
    charts that cannot become native charts, so the caller keeps control of kaleido and its server.
    """
    presentation = _new_presentation()
    add_cover(presentation, deck)
    for index in range(len(deck.slides)):
        add_content_slide(presentation, deck, index, image_for)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
