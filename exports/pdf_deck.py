"""The briefing deck as a 16:9 PDF (WeasyPrint): a cover, one page per slide, optionally speaker notes.

Why it is built this way:
- HTML + CSS through WeasyPrint embeds subsets of the Noto CJK fonts (reportlab cannot: CFF outlines), so
  the PDF reads the same on a machine without Chinese fonts, and its text can be searched and copied.
- Charts go in as plotly's SVG: WeasyPrint draws SVG text with the page's fonts, so axis labels stay vector
  text (checked with pdftotext) and get embedded like the rest; no image is blurred by a projector. Charts
  with a colour bar (maps) go in as PNG at 2×: WeasyPrint does not draw plotly's SVG gradients.
- Slide pages are laid out with fixed boxes whose sizes are computed here from the headline length: a slide
  must stay one page (a flowing layout would push a long headline's chart onto a second page), and the
  headline font shrinks (never below 28 pt) rather than being cut off.
- Notes pages follow their slide (slide, its notes, next slide …): printed or read on screen, the notes sit
  next to what they explain. Slides without notes get no notes page. Notes flow, so a long note may take
  more than one page rather than being cut.
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import weasyprint

from analytics.provenance import STATUS_EXPLAINED, status_mark
from exports.content import NATIVE_TABLE, DeckContent, KeyFigure, SlideContent
from exports.images import PAGE, figure_image, styled_figure, text_em

FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'


@dataclass(frozen=True)
class PageGeometry:
    """The slide page in CSS px (96 per inch): 338.67 mm × 190.5 mm is PowerPoint's 13.33 in × 7.5 in."""

    width: int = 1280
    height: int = 720
    pad_x: int = 56
    pad_top: int = 34
    kicker: int = 30  # the view name above the headline
    gap: int = 18
    footer_pad: int = 20  # the footer's rule, padding and bottom margin
    figures_width: int = 300  # the key-figure column
    figures_row: int = 96  # the key-figure row above a table (a table needs the full width)
    footer_pt: float = 10.5
    footer_line_height: float = 1.35
    headline_pt: tuple[int, ...] = (32, 30, 28)  # tried in order until the headline fits
    headline_max_lines: int = 3
    line_height: float = 1.3

    @property
    def content_width(self) -> int:
        return self.width - 2 * self.pad_x

    def footer_height(self, text: str) -> int:
        """The footer's height for its text: long source lists wrap, and the body must end above them."""
        px = self.footer_pt * 96 / 72
        per_line = self.content_width / px * 0.96
        lines = max(1, math.ceil(text_em(text) / per_line))
        return math.ceil(lines * px * self.footer_line_height) + self.footer_pad


GEOMETRY = PageGeometry()
GRADIENT_TAGS = (b"<linearGradient", b"<radialGradient")
COLOUR_BAR_TRACES = {"choropleth", "choroplethmap", "heatmap", "contour", "histogram2d", "histogram2dcontour",
                     "densitymap"}
PNG_SCALE = 2
TABLE_FONT_PX = (20, 13)  # largest and smallest table text
TABLE_ROW_EM = 2.0  # row height in em, padding included (a cell may wrap once in the small sizes)

CSS = f"""
@page {{ size: 338.67mm 190.5mm; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; font-family: {FONT_STACK}; color: #1f2933; }}
a {{ color: #0b5cad; }}
.page {{ position: relative; width: {GEOMETRY.width}px; height: {GEOMETRY.height - 1}px; overflow: hidden;
         break-after: page; }}
.page:last-child {{ break-after: auto; }}
.cover {{ padding: 120px {GEOMETRY.pad_x + 24}px 0; background: #f5f7fa; border-top: 14px solid #0072B2; }}
.cover h1 {{ font-family: {FONT_STACK}; font-size: 40pt; line-height: 1.25; margin: 0 0 28px; }}
.cover .meta {{ font-size: 18pt; color: #3e4c59; margin: 0 0 10px; }}
.cover .statuses {{ margin: 36px 0 0; font-size: 14pt; color: #3e4c59; }}
.cover .statuses li {{ margin: 4px 0; }}
.cover .link {{ position: absolute; left: {GEOMETRY.pad_x + 24}px; right: {GEOMETRY.pad_x + 24}px; bottom: 56px;
                font-size: 12pt; color: #52606d; word-break: break-all; }}
.kicker {{ position: absolute; left: {GEOMETRY.pad_x}px; top: {GEOMETRY.pad_top}px; font-size: 13pt;
           color: #52606d; letter-spacing: 0.05em; }}
.headline {{ position: absolute; left: {GEOMETRY.pad_x}px; right: {GEOMETRY.pad_x}px; margin: 0;
             font-family: {FONT_STACK}; font-weight: 700; line-height: {GEOMETRY.line_height}; }}
.figures {{ position: absolute; left: {GEOMETRY.pad_x}px; width: {GEOMETRY.figures_width}px; }}
.figure {{ border-left: 6px solid #0072B2; background: #f5f7fa; padding: 12px 16px; margin: 0 0 16px; }}
.figure .label {{ font-size: 13pt; color: #3e4c59; }}
.figure .value {{ font-size: 26pt; font-weight: 700; line-height: 1.2; margin: 4px 0; }}
.figure .note {{ font-size: 11pt; color: #52606d; }}
.figures.row {{ display: flex; gap: {GEOMETRY.gap}px; }}
.figures.row .figure {{ flex: 1 1 0; margin: 0; padding: 8px 14px; }}
.figures.row .figure .value {{ font-size: 22pt; margin: 2px 0; }}
.mark {{ display: inline-block; font-size: 11pt; font-weight: 700; color: #8a4b00; background: #fff1d6;
         border: 1px solid #e6a23c; border-radius: 4px; padding: 0 6px; margin-top: 6px; }}
.chart {{ position: absolute; }}
.chart img {{ display: block; }}
table {{ border-collapse: collapse; width: 100%; font-family: {FONT_STACK}; }}
th {{ text-align: left; background: #e4e7eb; font-weight: 700; }}
th, td {{ padding: 0.3em 0.6em; border-bottom: 1px solid #cbd2d9; vertical-align: top; }}
.more {{ font-size: 11pt; color: #52606d; margin-top: 6px; }}
.footer {{ position: absolute; left: {GEOMETRY.pad_x}px; right: {GEOMETRY.pad_x}px; bottom: 14px;
           font-size: {GEOMETRY.footer_pt}pt; line-height: {GEOMETRY.footer_line_height}; color: #52606d; border-top: 1px solid #cbd2d9; padding-top: 6px; }}
.notes {{ padding: 48px {GEOMETRY.pad_x}px 40px; break-after: page; box-decoration-break: clone;
          min-height: {GEOMETRY.height - 1}px; }}
.notes:last-child {{ break-after: auto; }}
.notes h2 {{ font-size: 14pt; color: #52606d; font-weight: 400; margin: 0 0 8px; }}
.notes h3 {{ font-size: 20pt; margin: 0 0 24px; line-height: 1.3; }}
.notes p {{ font-size: 16pt; line-height: 1.6; margin: 0 0 12px; }}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def chinese_date(day: date) -> str:
    """2026年12月2日: how a Chinese government briefing dates itself."""
    return f"{day.year}年{day.month}月{day.day}日"


def headline_fit(headline: str, geometry: PageGeometry = GEOMETRY) -> tuple[int, int]:
    """(font size in pt, line count) for the headline: the largest size that keeps it within the line limit.

    At the smallest size the headline takes as many lines as it needs (the chart gets smaller), so it is
    never cut off. Widths are estimated (CJK 1 em) with a 4% safety margin against the real line breaks.
    """
    for pt in geometry.headline_pt:
        lines = _lines(headline, pt, geometry)
        if lines <= geometry.headline_max_lines:
            return pt, lines
    pt = geometry.headline_pt[-1]
    return pt, _lines(headline, pt, geometry)


def _lines(text: str, pt: int, geometry: PageGeometry) -> int:
    per_line = geometry.content_width / (pt * 96 / 72) * 0.96
    return max(1, math.ceil(text_em(text) / per_line))


def _cover(deck: DeckContent) -> str:
    statuses = "".join(f"<li><span class='mark'>{_esc(s)}</span>　{_esc(STATUS_EXPLAINED.get(s, ''))}</li>"
                       for s in deck.statuses)
    status_block = (f"<div class='statuses'>本简报中带标记的数据：<ul>{statuses}</ul></div>" if statuses else "")
    return (
        "<section class='page cover'>"
        f"<h1>{_esc(deck.title)}</h1>"
        f"<p class='meta'>{_esc(chinese_date(deck.generated))}</p>"
        f"<p class='meta'>数据截至 {deck.as_of_year} 年 · 共 {len(deck.slides)} 页</p>"
        f"{status_block}"
        f"<p class='link'>在看板中重新打开本简报：<a href='{_esc(deck.link)}'>{_esc(deck.link)}</a></p>"
        "</section>"
    )


def _key_figure(figure: KeyFigure) -> str:
    mark = "" if figure.status == "official" else f"<div><span class='mark'>{_esc(status_mark(figure.status))}</span></div>"
    note = f"<div class='note'>{_esc(figure.note)}</div>" if figure.note else ""
    return (f"<div class='figure'><div class='label'>{_esc(figure.label)}</div>"
            f"<div class='value'>{_esc(figure.value)}</div>{note}{mark}</div>")


def _chart_image(slide: SlideContent, width: int, height: int) -> str:
    """The chart at exactly its box size (1 image px = 1 CSS px, so font sizes mean what they say).

    SVG keeps chart text as embedded vector text; but WeasyPrint 70 drops plotly's colour-bar gradients
    (it misreads `<stop offset="12.5%">`), so a chart whose SVG holds a gradient goes in as PNG at 2×.
    """
    fig = styled_figure(slide.figure, width, height, PAGE)
    data = b"" if _has_colour_bar(fig) else figure_image(fig, "svg", width, height, 1)
    mime = "image/svg+xml"
    if not data or any(tag in data for tag in GRADIENT_TAGS):
        data, mime = figure_image(fig, "png", width, height, PNG_SCALE), "image/png"
    return (f"<img alt='{_esc(slide.chart_title or slide.title)}' width='{width}' height='{height}' "
            f"style='width:{width}px;height:{height}px' "
            f"src='data:{mime};base64,{base64.b64encode(data).decode('ascii')}'>")


def _has_colour_bar(fig: go.Figure) -> bool:
    """Whether plotly will draw a colour bar (a gradient): known before rendering, saving an SVG render."""
    shared: set[str] = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        shared |= {ref for ref in (getattr(trace, "coloraxis", None), getattr(marker, "coloraxis", None)) if ref}
        if trace.type in COLOUR_BAR_TRACES and not getattr(trace, "coloraxis", None) and trace.showscale is not False:
            return True
        if marker is not None and getattr(marker, "showscale", None):
            return True
    return any(fig.layout[name].showscale is not False for name in shared)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,.1f}"
    return str(value)


def _table(frame: pd.DataFrame, height: int) -> str:
    """An HTML table sized to its box: the font shrinks with the row count; rows that cannot fit are counted."""
    largest, smallest = TABLE_FONT_PX
    fits = max(1, int(height / (smallest * TABLE_ROW_EM)) - 2)  # header row and the "more" line
    shown = frame.iloc[:fits]
    font = max(smallest, min(largest, int(height / ((len(shown) + 1) * TABLE_ROW_EM))))
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{_esc(_cell(v))}</td>" for v in row) + "</tr>"
                   for row in shown.itertuples(index=False))
    more = (f"<div class='more'>另有 {len(frame) - len(shown)} 行未显示，完整表格见看板。</div>"
            if len(shown) < len(frame) else "")
    return f"<table style='font-size:{font}px'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _slide(deck: DeckContent, index: int, geometry: PageGeometry = GEOMETRY) -> str:
    """One slide page. A chart slide puts its key figures in a column beside the chart; a table slide puts
    them in a row above the table, which needs the full width to keep its cells on one line."""
    slide = deck.slides[index]
    footer = deck.footer(index)
    pt, lines = headline_fit(slide.headline, geometry)
    headline_top = geometry.pad_top + geometry.kicker
    body_top = headline_top + math.ceil(lines * pt * 96 / 72 * geometry.line_height) + geometry.gap
    body_bottom = geometry.height - geometry.footer_height(footer) - geometry.gap
    left = geometry.pad_x
    parts = [f"<div class='kicker'>{_esc(slide.title)}　{index + 1}/{len(deck.slides)}</div>",
             f"<h1 class='headline' style='top:{headline_top}px;font-size:{pt}pt'>{_esc(slide.headline)}</h1>"]
    is_table = slide.export_as == NATIVE_TABLE and slide.table is not None
    cards = "".join(_key_figure(f) for f in slide.figures)
    if slide.figures and is_table:
        parts.append(f"<div class='figures row' style='top:{body_top}px;width:{geometry.content_width}px;"
                     f"height:{geometry.figures_row}px'>{cards}</div>")
        body_top += geometry.figures_row + geometry.gap
    elif slide.figures:
        parts.append(f"<div class='figures' style='top:{body_top}px'>{cards}</div>")
        left += geometry.figures_width + 2 * geometry.gap
    width = geometry.width - geometry.pad_x - left
    body_height = body_bottom - body_top
    if is_table:
        content = _table(slide.table, body_height)
    elif slide.figure is not None:
        content = _chart_image(slide, width, body_height)
    else:
        content = ""
    parts.append(f"<div class='chart' style='left:{left}px;top:{body_top}px;width:{width}px;"
                 f"height:{body_height}px'>{content}</div>")
    parts.append(f"<div class='footer'>{_esc(footer)}</div>")
    return "<section class='page slide'>" + "".join(parts) + "</section>"


def _notes(deck: DeckContent, index: int) -> str:
    slide = deck.slides[index]
    paragraphs = "".join(f"<p>{_esc(p)}</p>" for p in slide.notes.splitlines() if p.strip())
    return (f"<section class='notes'><h2>讲稿 · 第 {index + 1}/{len(deck.slides)} 页 · {_esc(slide.title)}</h2>"
            f"<h3>{_esc(slide.headline)}</h3>{paragraphs}</section>")


def deck_html(deck: DeckContent, with_notes: bool = False) -> str:
    """The whole deck as one HTML document (what WeasyPrint lays out; useful to inspect in a browser)."""
    pages = [_cover(deck)]
    for index, slide in enumerate(deck.slides):
        pages.append(_slide(deck, index))
        if with_notes and slide.notes.strip():
            pages.append(_notes(deck, index))
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{_esc(deck.title)}</title><meta name='generator' content='jilin-assistance-dashboard'>"
            f"<style>{CSS}</style></head><body>{''.join(pages)}</body></html>")


def deck_pdf(deck: DeckContent, with_notes: bool = False) -> bytes:
    """The deck as PDF bytes: cover, then one 16:9 page per slide (each followed by its notes page if asked)."""
    return weasyprint.HTML(string=deck_html(deck, with_notes)).write_pdf()
