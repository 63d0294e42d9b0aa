"""Chart images for briefings (PNG, SVG) through one kaleido server, with Chinese text checked at startup.

Why it is built this way:
- Each kaleido call without a server starts Chromium (1.5–2 s); one sync server per process makes an image
  cost 0.25–0.4 s. The server is started on first use, not at import, so importing this module is cheap.
- kaleido's sync server is one task queue whose results are matched to callers by order, so two threads
  rendering at once could swap images: every render holds one lock.
- plotly.js fetches `world_110m.json` from its CDN for every geo subplot, even with our own county shapes;
  offline that fails. `plotly.io.defaults.topojson` points it at the copy in dashboard/static/topojson/.
- Chromium draws Chinese as boxes when no CJK font is installed and reports nothing (Kaleido #157, #163),
  so the first render in a process is a probe: two different Chinese strings must render differently.
- An exported chart travels alone (mail, a slide, a report), so it carries its own title and a footer with
  sources, data-status marks and the date; fonts are sized for a projector.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import io
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from choreographer.errors import ChromeNotFoundError
from PIL import Image, ImageChops

from dashboard.figures import FONT_FAMILY
from exports.content import SlideContent

TOPOJSON_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "static" / "topojson"
FORMATS = ("png", "svg")
FONT_PACKAGE = "fonts-noto-cjk"
TEXT_COLOUR = "#1f2933"
MUTED_COLOUR = "#52606d"

# The font probe: two strings of the same length. Missing glyphs ("tofu") are identical boxes, so if the
# two renders are (nearly) the same image, Chromium has no CJK font; if they have no ink, nothing was drawn.
# Rendered images kept per process, keyed by the figure's JSON: Streamlit reruns rebuild the same downloads
# (a download button needs its bytes up front) and the PDF with and without notes shares its charts.
CACHE_ENTRIES = 32  # at most ≈ 30 MB of 3200×1800 PNGs
PROBE_TEXTS = ("吉林低保", "社会救助")
PROBE_SIZE = (320, 90)
PROBE_FONT_PX = 44
PROBE_MIN_INK = 400  # dark pixels four real glyphs at 44 px leave (measured ≈ 1,800–2,300)
PROBE_MIN_CHANGED = 0.25  # share of the ink that must differ between the two strings (tofu: ≈ 0)

FONT_MISSING_MESSAGE = (
    "图表导出无法显示中文：Chromium 找不到中文（CJK）字体，图片中的汉字会变成方框或空白。"
    f"请安装字体包 {FONT_PACKAGE}（Debian/Ubuntu：sudo apt-get install {FONT_PACKAGE}），然后重新启动看板。"
)
CHROME_MISSING_MESSAGE = (
    "图表导出需要 Chromium 浏览器，但没有找到。请安装 Debian 软件包 chromium（sudo apt-get install chromium）。"
)


class ExportError(RuntimeError):
    """An export cannot produce a correct file (missing font, missing browser); the message is for users."""


@dataclass(frozen=True)
class ImageStyle:
    """Font sizes (layout px) and spacing of an exported chart.

    Sizes are absolute, not relative to the image size: a slide or a page is read from a fixed distance,
    and `scale` (not `width`) is how a caller asks for more pixels.
    """

    base: int  # everything not listed below (hover is irrelevant in a still image)
    tick: int
    legend: int
    axis_title: int
    title: int  # the chart's own title, written into the image
    footer: int  # sources, status marks, date
    text_min: int  # floor for trace text and annotations that the screen figure sized smaller
    side: int = 24  # px between the image edge and the title / footer / legend
    margin_l: int = 80
    margin_r: int = 40
    line_height: float = 1.35


# Projector: at 1600×900 tick and legend text is 20 px (≥ 18 px reads from the back of a meeting room).
PROJECTOR = ImageStyle(base=20, tick=20, legend=20, axis_title=22, title=34, footer=18, text_min=18)
# A chart inside a PDF slide page (1280 px wide): the page shows title and footer as text itself.
PAGE = ImageStyle(base=16, tick=16, legend=16, axis_title=17, title=24, footer=14, text_min=14, side=12,
                  margin_l=60, margin_r=24)


class _Renderer:
    """The process's kaleido server and its font check, started once, on first use, from any thread."""

    def __init__(self) -> None:
        self._start_lock = threading.Lock()
        self._render_lock = threading.Lock()
        self._running = False
        self._font_error: ExportError | None = None
        self._font_checked = False
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[str, bytes] = OrderedDict()

    def start(self) -> None:
        """Start the server (once) and check Chinese glyphs render (once); raise ExportError if not."""
        with self._start_lock:
            if not self._running:
                pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
                kaleido.start_sync_server(mathjax=False, silence_warnings=True)
                atexit.register(self.stop)
                self._running = True
            if not self._font_checked:
                self._font_error = None if self._glyphs_render() else ExportError(FONT_MISSING_MESSAGE)
                self._font_checked = True
        if self._font_error is not None:
            raise self._font_error

    def _glyphs_render(self) -> bool:
        """The font probe: render the two probe strings and compare."""
        first, second = (self.render(_probe_figure(text), "png", *PROBE_SIZE, 1) for text in PROBE_TEXTS)
        return _glyphs_differ(first, second)

    def stop(self) -> None:
        """Stop the server (atexit, or a test); the next render starts it again."""
        with self._start_lock:
            if self._running:
                kaleido.stop_sync_server(silence_warnings=True)
                self._running = False

    def render(self, fig: dict, fmt: str, width: int, height: int, scale: float) -> bytes:
        """The image from the cache, or from one kaleido call."""
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        key = _cache_key(fig, opts)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = self._calc(fig, opts)
        with self._cache_lock:
            self._cache[key] = data
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return data

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def _calc(self, fig: dict, opts: dict) -> bytes:
        """One kaleido call, serialised: the sync server pairs results with callers by order."""
        with self._render_lock:
            try:
                return kaleido.calc_fig_sync(fig, opts=opts, topojson=pio.defaults.topojson)
            except ChromeNotFoundError as error:
                raise ExportError(CHROME_MISSING_MESSAGE) from error


_RENDERER = _Renderer()


def check_fonts() -> None:
    """Start the image server and verify Chinese renders; call at app startup to fail early and clearly."""
    _RENDERER.start()


def stop_server() -> None:
    """Stop the kaleido server (it also stops at exit)."""
    _RENDERER.stop()


def _cache_key(fig: dict, opts: dict) -> str:
    """A digest of the figure as plotly.js receives it plus the output options (≈ 30 ms for a map)."""
    text = pio.to_json({"figure": fig, "opts": opts, "topojson": pio.defaults.topojson}, validate=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _probe_figure(text: str) -> dict:
    width, height = PROBE_SIZE
    return {
        "data": [],
        "layout": {
            "width": width, "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": "white", "plot_bgcolor": "white",
            "xaxis": {"visible": False}, "yaxis": {"visible": False},
            "title": {"text": text, "x": 0.5, "xanchor": "center", "y": 0.5, "yanchor": "middle",
                      "yref": "container", "font": {"family": FONT_FAMILY, "size": PROBE_FONT_PX, "color": "black"}},
        },
    }


def _glyphs_differ(first: bytes, second: bytes) -> bool:
    """True when two probe renders both have ink and differ: real glyphs, not boxes and not blank."""
    a, b = (Image.open(io.BytesIO(data)).convert("L") for data in (first, second))
    ink = min(sum(image.histogram()[:128]) for image in (a, b))
    changed = sum(ImageChops.difference(a, b).histogram()[64:])
    return ink >= PROBE_MIN_INK and changed >= PROBE_MIN_CHANGED * ink


def text_em(text: str) -> float:
    """Approximate width of `text` in em: CJK and full-width characters 1, others about 0.58.

    Plotly annotations and titles do not wrap, so long Chinese titles are broken by this estimate.
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.58 for ch in text)


def wrap_text(text: str, max_em: float, breaks: str = "；，、　 ") -> list[str]:
    """Greedy line breaking by estimated width, preferring to break after punctuation or a space."""
    lines: list[str] = []
    line = ""
    for chunk in _chunks(text, breaks):
        if line and text_em(line + chunk) > max_em:
            lines.append(line.rstrip())
            line = chunk.lstrip()
        else:
            line += chunk
        while text_em(line) > max_em:  # a chunk longer than a line: cut it by characters
            cut = _fit(line, max_em)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _chunks(text: str, breaks: str) -> Iterable[str]:
    start = 0
    for i, ch in enumerate(text):
        if ch in breaks:
            yield text[start:i + 1]
            start = i + 1
    if start < len(text):
        yield text[start:]


def _fit(text: str, max_em: float) -> int:
    """How many leading characters of `text` fit in `max_em` (at least one)."""
    for i in range(1, len(text) + 1):
        if text_em(text[:i]) > max_em:
            return max(1, i - 1)
    return len(text)


def footer_line(sources: Iterable[str], marks: Iterable[str], day: date) -> str:
    """The provenance line under an exported chart, worded like DeckContent.footer (minus the slide number)."""
    sources, marks = tuple(sources), tuple(marks)
    parts = []
    if sources:
        parts.append("来源：" + "；".join(sources))
    if marks:
        parts.append("数据状态：" + "、".join(marks))
    parts.append(day.isoformat())
    return "　".join(parts)


def _plotly_text(lines: list[str]) -> str:
    """Lines as plotly text: escaped (plotly reads a subset of HTML) and joined with <br>."""
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _title_annotation(lines: list[str], style: ImageStyle) -> dict:
    """The chart title just above the plot area: an annotation, because layout.title carries the footer."""
    return {
        "text": f"<b>{_plotly_text(lines)}</b>", "xref": "paper", "yref": "paper", "x": 0, "y": 1,
        "xanchor": "left", "yanchor": "bottom", "yshift": style.side // 2, "showarrow": False, "align": "left",
        "font": {"size": style.title, "color": TEXT_COLOUR, "family": FONT_FAMILY},
    }


def _footer_title(lines: list[str], style: ImageStyle, width: int) -> dict:
    """The footer as layout.title pinned to the image bottom.

    A title with yref="container" and automargin pushes the bottom margin so tick labels, axis titles and
    the legend never overlap it; annotations cannot be placed relative to the image, only to the plot.
    """
    return {
        "text": _plotly_text(lines), "yref": "container", "y": 0, "yanchor": "bottom", "xref": "container",
        "x": style.side / width, "xanchor": "left", "pad": {"b": style.side // 2, "l": 0}, "automargin": True,
        "font": {"size": style.footer, "color": MUTED_COLOUR, "family": FONT_FAMILY},
    }


def _block_height(lines: int, size: int, style: ImageStyle) -> int:
    return round(lines * size * style.line_height) if lines else 0


def _still_image_traces(fig: go.Figure) -> None:
    """What only makes sense on screen: a legend-only (hidden) trace would show a greyed key for a line
    that is not drawn, and text labels default to sitting on their marker."""
    for trace in fig.data:
        if trace.visible == "legendonly":
            trace.showlegend = False
        if trace.type == "scatter" and "text" in (trace.mode or "") and trace.textposition is None:
            trace.textposition = "top center"


def _enlarge_texts(fig: go.Figure, style: ImageStyle) -> None:
    """Raise trace text and annotation fonts the screen figure set small (13 px labels) to the floor."""
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and isinstance(textfont.size, int | float) and textfont.size < style.text_min:
            textfont.size = style.text_min
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            colorbar.tickfont.size = style.tick
            colorbar.title.font.size = style.axis_title
    for annotation in fig.layout.annotations:
        if annotation.font.size is None or annotation.font.size < style.text_min:
            annotation.font.size = style.text_min
    for name in (key for key in fig.layout.to_plotly_json() if key.startswith("coloraxis")):
        # Only axes that exist: update_coloraxes() would create an empty layout.coloraxis.
        fig.layout[name].colorbar.tickfont.size = style.tick
        fig.layout[name].colorbar.title.font.size = style.axis_title


def _place_legend(fig: go.Figure, style: ImageStyle, width: int, height: int, footer_px: int) -> dict:
    """A horizontal legend goes just above the footer; a vertical one (the map's, inside it) stays put."""
    legend: dict[str, Any] = {"font": {"size": style.legend, "family": FONT_FAMILY}}
    if fig.layout.legend.orientation != "v":
        legend |= {"orientation": "h", "yref": "container", "y": (footer_px + style.side / 2) / height,
                   "yanchor": "bottom", "xref": "container", "x": style.side / width, "xanchor": "left",
                   "title": {"text": ""}}
    return legend


def styled_figure(fig: go.Figure, width: int, height: int, style: ImageStyle = PROJECTOR, *, title: str = "",
                  footer: str = "") -> go.Figure:
    """A copy of `fig` laid out for export: large fonts, optional title above and footer below the chart."""
    out = go.Figure(fig)
    title_lines = wrap_text(title, (width - style.margin_l - style.margin_r) / style.title) if title else []
    footer_lines = wrap_text(footer, (width - 2 * style.side) / style.footer) if footer else []
    footer_px = _block_height(len(footer_lines), style.footer, style) + (style.side // 2 if footer_lines else 0)
    top = style.side + _block_height(len(title_lines), style.title, style) + (style.side if title_lines else 0)
    _still_image_traces(out)
    _enlarge_texts(out, style)
    out.update_layout(
        width=width, height=height, paper_bgcolor="white",
        font={"family": FONT_FAMILY, "size": style.base, "color": TEXT_COLOUR},
        margin={"l": style.margin_l, "r": style.margin_r, "t": top, "b": style.side, "autoexpand": True},
        title=_footer_title(footer_lines, style, width) if footer_lines else {"text": ""},
        legend=_place_legend(out, style, width, height, footer_px),
    )
    if title_lines:
        out.add_annotation(_title_annotation(title_lines, style))
    axis = {"tickfont": {"size": style.tick}, "title": {"font": {"size": style.axis_title}}, "automargin": True}
    out.update_xaxes(axis)
    out.update_yaxes(axis)
    return out


def figure_image(fig: go.Figure | dict, fmt: str = "png", width: int = 1600, height: int = 900,
                 scale: float = 2) -> bytes:
    """Render a figure as it is (no restyling) to PNG or SVG bytes; width/height in layout px.

    PNG pixels are width×scale by height×scale. SVG keeps text as text but names the font without
    embedding it (Kaleido #464): it looks right where Noto Sans CJK is installed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    _RENDERER.start()
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    return _RENDERER.render(spec, fmt, width, height, scale)


def chart_image(slide: SlideContent, fmt: str = "png", width: int = 1600, height: int = 900, scale: float = 2,
                *, generated: date | None = None) -> bytes:
    """The slide's chart as a self-explaining image: title on top, sources · status marks · date below.

    `generated` is the date written in the footer (default today; pass DeckContent.generated so the image
    matches the deck).
    """
    if slide.figure is None:
        raise ValueError(f"slide {slide.kind!r} has no figure to export")
    footer = footer_line(slide.sources, slide.marks, generated or date.today())
    fig = styled_figure(slide.figure, width, height, PROJECTOR, title=slide.chart_title or slide.title,
                        footer=footer)
    return figure_image(fig, fmt, width, height, scale)
