"""The PowerPoint export: native charts hold the figures' numbers, every run names a CJK font, notes and
status marks are present, and LibreOffice renders every headline.

The deck is built once per module (tests.briefing_fixtures.sample_deck); pictures are small PIL images so
the file stays fast (kaleido is exports.images' business and is tested there).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import plotly.graph_objects as go
import pytest
from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches

from exports.content import NATIVE_CHART, DeckContent, SlideContent
from exports.pptx_deck import (
    BAR,
    CATEGORY_PLAN,
    COLUMN,
    FONT_FACE,
    LINE,
    MARKERS,
    UNSUPPORTED,
    XY_PLAN,
    chart_plan,
    deck_pptx,
    native_series,
)
from tests.briefing_fixtures import ASSESSMENTS, HEADLINES, indicator_table, sample_deck

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
SLIDE_PART = re.compile(r"^ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml$")
CHART_PART = re.compile(r"^ppt/charts/chart\d+\.xml$")
LO_TIMEOUT_S = 120


def small_png(slide: SlideContent) -> bytes:
    """A 4:3 stand-in for a rendered chart (kaleido costs seconds; the layout only needs the aspect)."""
    image = Image.new("RGB", (800, 600), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 760, 560), outline="#0072B2", width=8)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class RecordingImages:
    """image_for that remembers which slides asked for a picture."""

    def __init__(self) -> None:
        self.kinds: list[str] = []

    def __call__(self, slide: SlideContent) -> bytes:
        self.kinds.append(slide.kind)
        return small_png(slide)


@pytest.fixture(scope="module")
def deck() -> DeckContent:
    return sample_deck()


@pytest.fixture(scope="module")
def images() -> RecordingImages:
    return RecordingImages()


@pytest.fixture(scope="module")
def pptx_bytes(deck: DeckContent, images: RecordingImages) -> bytes:
    return deck_pptx(deck, images)


@pytest.fixture(scope="module")
def prs(pptx_bytes: bytes):
    return Presentation(io.BytesIO(pptx_bytes))


@pytest.fixture(scope="module")
def parts(pptx_bytes: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if SLIDE_PART.match(name) or CHART_PART.match(name)}


def _charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _pts(values_element: etree._Element) -> list[float | None]:
    """A c:xVal / c:yVal cache as a list by point index, None where a point is missing (a gap)."""
    count = int(values_element.find(".//c:ptCount", NS).get("val"))
    by_index = {int(pt.get("idx")): float(pt.find("c:v", NS).text) for pt in values_element.iterfind(".//c:pt", NS)}
    return [by_index.get(i) for i in range(count)]


def _xy_series(chart) -> list[tuple[str, list, list]]:
    """(name, x, y) per XY series read from the saved chart XML, without the exporter's end padding
    (points with neither x nor y, added for LibreOffice)."""
    out = []
    for series in chart.plots[0].series:
        x, y = _pts(series._element.find("c:xVal", NS)), _pts(series._element.find("c:yVal", NS))
        while x and x[-1] is None and y[-1] is None:
            x, y = x[:-1], y[:-1]
        out.append((series.name, x, y))
    return out


# --- native_series and chart_plan: pure, table-driven ----------------------------------------------------

NATIVE_SERIES_CASES = {
    "two lines on different years, gaps kept; band and legend-only key skipped": (
        0, [("农村居民人均可支配收入", LINE, list(range(2015, 2025)),
             [11326.0, 12123.0, 12950.0, 13748.0, None, 16067.0, 17642.0, 18134.0, 19472.0, 20280.0]),
            ("农村低保标准", LINE, list(range(2018, 2026)), [4200, 4620, 5040, None, 5880, 6300, 6720, 7140])]),
    "lines and marker-only points; the legendonly trace skipped": (
        1, [("达标所需路径（基期→目标）", LINE, [2020, 2025], [70.0, 75.0]),
            ("农村低保标准占城市比例", LINE, [2020, 2021, 2022, 2023, 2024], [70.2, 71.5, 73.0, 74.8, 76.9]),
            ("2025年预测（基准情景，80%区间）", MARKERS, [2025], [77.8]),
            ("2025年目标", MARKERS, [2025], [75.0])]),
    "grouped bars over Chinese categories, a missing bar kept as None": (
        2, [("“十四五”规划", COLUMN, ASSESSMENTS, [12, 7, 5, 2]), ("实施意见", COLUMN, ASSESSMENTS, [4, 3, None, 1])]),
}


@pytest.mark.parametrize("slide_index, expected", NATIVE_SERIES_CASES.values(), ids=NATIVE_SERIES_CASES.keys())
def test_native_series_of_the_sample_figures(deck, slide_index, expected):
    series = native_series(deck.slides[slide_index].figure)
    assert [(s.name, s.kind, s.x, s.y) for s in series] == expected


def test_native_series_keeps_colours_dashes_and_error_bars(deck):
    path, observed, projection, target = native_series(deck.slides[1].figure)
    assert (path.colour, path.dash, path.markers) == ("#009E73", "dash", False)
    assert (observed.colour, observed.dash, observed.markers) == ("#0072B2", None, True)
    assert (projection.error_plus, projection.error_minus) == ([1.2], [0.9])
    assert target.error_plus is None


SMALL_FIGURES = {
    "hidden trace": (go.Figure(go.Scatter(x=[1, 2], y=[1, 2], visible=False)), []),
    "legend-only key": (go.Figure(go.Scatter(x=[None], y=[None], name="键")), []),
    "filled band": (go.Figure(go.Scatter(x=[1, 2, 2, 1], y=[1, 1, 2, 2], fill="toself")), []),
    "mode unset, few points: lines with markers": (
        go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="甲")), [("甲", LINE, [1, 2], [3, 4], None, True)]),
    "x missing: plotly's 0, 1, 2": (
        go.Figure(go.Scatter(y=[5, 6, 7], mode="markers", name="乙")), [("乙", MARKERS, [0, 1, 2], [5, 6, 7], None, False)]),
    "point without x dropped, rgba colour not used": (
        go.Figure(go.Scatter(x=[1, None, 3], y=[1, 2, 3], mode="lines", name="丙", line={"color": "rgba(0,0,0,0.5)"})),
        [("丙", LINE, [1, 3], [1, 3], None, False)]),
    "horizontal bar: categories on y, short hex colour": (
        go.Figure(go.Bar(x=[3, 4], y=["长春", "吉林"], orientation="h", name="丁", marker_color="#fa0")),
        [("丁", BAR, [3, 4], ["长春", "吉林"], "#fa0", False)]),
    "unnamed trace gets a Chinese name": (
        go.Figure(go.Bar(x=["甲"], y=[1])), [("系列1", COLUMN, ["甲"], [1], None, False)]),
}


@pytest.mark.parametrize("fig, expected", SMALL_FIGURES.values(), ids=SMALL_FIGURES.keys())
def test_native_series_rules(fig, expected):
    assert [(s.name, s.kind, s.x, s.y, s.colour, s.markers) for s in native_series(fig)] == expected


PLAN_CASES = {
    "lines and markers": ([go.Scatter(x=[1, 2], y=[1, 2]), go.Scatter(x=[3], y=[3], mode="markers")], XY_PLAN),
    "vertical bars": ([go.Bar(x=["甲"], y=[1]), go.Bar(x=["乙"], y=[2])], CATEGORY_PLAN),
    "bars and a line": ([go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1])], None),
    "vertical and horizontal bars": ([go.Bar(x=["甲"], y=[1]), go.Bar(y=["甲"], x=[1], orientation="h")], None),
    "line over text categories": ([go.Scatter(x=["一月", "二月"], y=[1, 2])], None),
    "a map trace": ([go.Scatter(x=[1], y=[1]), go.Choropleth(locations=["a"], z=[1])], None),
    "second y axis": ([go.Scatter(x=[1], y=[1]), go.Scatter(x=[1], y=[2], yaxis="y2")], None),
    "nothing with data": ([go.Scatter(x=[None], y=[None])], None),
}


@pytest.mark.parametrize("traces, plan", PLAN_CASES.values(), ids=PLAN_CASES.keys())
def test_chart_plan(traces, plan):
    series = native_series(go.Figure(data=traces))
    assert chart_plan(series) == plan
    if any(t.type == "choropleth" for t in traces):
        assert series[-1].kind == UNSUPPORTED


# --- The saved file --------------------------------------------------------------------------------------


def test_a_cover_then_one_16_9_slide_per_content_slide_with_its_headline(deck, prs):
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == len(deck.slides) + 1
    for index, (slide, content) in enumerate(zip(list(prs.slides)[1:], deck.slides, strict=True)):
        assert slide.shapes.title.text_frame.text == content.headline
        assert deck.footer(index) in _texts(slide)


def test_cover_states_title_date_year_statuses_and_a_clickable_link(deck, prs):
    cover = prs.slides[0]
    text = _texts(cover)
    assert cover.shapes.title.text_frame.text == deck.title
    for expected in ("2026年12月2日", "数据截至 2024 年", "示例数据", "推算值", deck.link):
        assert expected in text
    links = [run.hyperlink.address for shape in cover.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs if run.hyperlink.address]
    assert links == [deck.link]


def test_every_run_names_the_east_asian_typeface(parts):
    """python-pptx writes only a:latin; without a:ea WPS and LibreOffice pick a wrong font for Chinese."""
    runs = 0
    for name, root in parts.items():
        for run in root.iterfind(".//a:r", NS):
            runs += 1
            ea = run.find("a:rPr/a:ea", NS)
            assert ea is not None and ea.get("typeface") == FONT_FACE, f"{name}: {etree.tostring(run)[:200]}"
    assert runs > 50


def test_chart_text_properties_name_the_east_asian_typeface(parts):
    charts = {name: root for name, root in parts.items() if CHART_PART.match(name)}
    assert len(charts) == 3
    for name, root in charts.items():
        assert root.find("c:txPr", NS) is not None, f"{name} has no chart-wide text properties"
        properties = root.findall(".//c:txPr//a:defRPr", NS)
        assert properties, name
        for rpr in properties:
            assert rpr.find("a:ea", NS).get("typeface") == FONT_FACE, name


def test_line_chart_holds_the_figure_data_with_gaps(deck, prs):
    (chart,) = _charts(prs.slides[1])
    expected = [(s.name, s.x, s.y) for s in native_series(deck.slides[0].figure)]
    assert _xy_series(chart) == expected
    assert chart.element.find(".//c:dispBlanksAs", NS).get("val") == "gap"


def test_marker_and_line_mix_is_one_xy_chart_with_error_bars(deck, prs):
    (chart,) = _charts(prs.slides[2])
    assert _xy_series(chart) == [(s.name, s.x, s.y) for s in native_series(deck.slides[1].figure)]
    error_bars = chart.plots[0].series[2]._element.find("c:errBars", NS)
    assert _pts(error_bars.find("c:plus", NS)) == [1.2]
    assert _pts(error_bars.find("c:minus", NS)) == [0.9]


def test_bar_chart_holds_categories_and_values(prs):
    (chart,) = _charts(prs.slides[3])
    plot = chart.plots[0]
    assert list(plot.categories) == ASSESSMENTS
    assert [(s.name, list(s.values)) for s in plot.series] == [
        ("“十四五”规划", [12.0, 7.0, 5.0, 2.0]), ("实施意见", [4.0, 3.0, None, 1.0])]


def test_table_slide_is_a_native_table_of_the_rows(prs):
    (table,) = [shape.table for shape in prs.slides[4].shapes if shape.has_table]
    frame = indicator_table()
    assert [[cell.text for cell in row.cells] for row in table.rows] == [list(frame.columns), *frame.values.tolist()]


def test_pictures_only_where_asked_scaled_into_the_chart_area(images, prs):
    assert images.kinds == ["county"]
    (picture,) = [s for s in prs.slides[5].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.width / picture.height == pytest.approx(800 / 600, rel=0.01)
    assert picture.top + picture.height < Inches(7.0)


def test_a_figure_no_native_chart_can_hold_becomes_a_picture(deck):
    mixed = go.Figure([go.Bar(x=[2023, 2024], y=[1, 2], name="柱"), go.Scatter(x=[2023, 2024], y=[2, 3], name="线")])
    one = replace(deck, slides=(replace(deck.slides[0], figure=mixed, export_as=NATIVE_CHART),))
    images = RecordingImages()
    slide = Presentation(io.BytesIO(deck_pptx(one, images))).slides[1]
    assert images.kinds == ["income"]
    assert not _charts(slide)
    assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
    assert "图片" in slide.notes_slide.notes_text_frame.text


def test_a_dot_strip_shows_no_meaningless_value_axis(deck):
    """Peer dots sit at y = 0 on a hidden axis: the native chart must hide its value axis too, not label 0–1."""
    dots = go.Figure([go.Scatter(x=[501.0, 512.5, 530.4], y=[0, 0, 0], mode="markers", name="对比组"),
                      go.Scatter(x=[505.5], y=[0], mode="markers", name="本县")])
    dots.update_yaxes(visible=False, range=[-1, 1.2])
    one = replace(deck, slides=(replace(deck.slides[0], figure=dots, export_as=NATIVE_CHART),))
    chart = _charts(Presentation(io.BytesIO(deck_pptx(one, RecordingImages()))).slides[1])[0]
    assert chart.value_axis.visible is False and chart.value_axis.has_major_gridlines is False
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (-1, 1.2)
    assert chart.category_axis.visible is True


def test_notes_on_every_slide_carry_sources_and_marks(deck, prs):
    cover_notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert "简报" in cover_notes and deck.link in cover_notes
    for slide, content in zip(list(prs.slides)[1:], deck.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert content.notes in notes
        assert all(source in notes for source in content.sources)
        assert all(mark in notes for mark in content.marks)


def test_status_marks_beside_figures_that_are_not_official(prs):
    cards = _texts(prs.slides[1])
    assert "县级标准达标率（示例数据）" in cards and "占城市标准（推算值）" in cards
    assert "农村低保指导标准（" not in cards  # official: no mark
    assert "2025年预测（情景）" in _texts(prs.slides[2])


def test_text_sizes_readable_and_boxes_inside_the_slide(prs):
    for number, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
            sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs] if shape.has_text_frame else []
            if sizes:  # the cover's accent bar has a text frame but no text
                assert shape.text_frame.word_wrap is True, (number, shape.name)
                assert min(sizes) >= 10, (number, shape.name, sizes)
        if number:
            assert min(r.font.size.pt for p in slide.shapes.title.text_frame.paragraphs for r in p.runs) >= 28
    values = [r.font.size.pt for s in prs.slides[1].shapes if s.has_text_frame
              for p in s.text_frame.paragraphs for r in p.runs if r.text in ("7,140 元/人·年", "76.9%", "100%")]
    assert len(values) == 3 and min(values) >= 24


def test_a_forty_character_headline_keeps_28_pt_or_more():
    headline = "全省60个县（市、区）农村低保标准均不低于省指导标准，其中12个县已高出指导标准一成以上"
    assert len(headline) >= 40
    content = sample_deck()
    one = replace(content, slides=(replace(content.slides[2], headline=headline),))
    title = Presentation(io.BytesIO(deck_pptx(one, small_png))).slides[1].shapes.title
    assert title.text_frame.paragraphs[0].runs[0].font.size.pt >= 28
    assert Emu(title.top + title.height) <= Inches(2.2)


# --- LibreOffice renders it ------------------------------------------------------------------------------


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} not installed (Debian: libreoffice-impress, poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_libreoffice_renders_every_headline(deck, pptx_bytes, tmp_path: Path):
    soffice, pdftotext, pdftoppm = _require("soffice"), _require("pdftotext"), _require("pdftoppm")
    source = tmp_path / "deck.pptx"
    source.write_bytes(pptx_bytes)
    profile = f"-env:UserInstallation=file:///tmp/lo_profile_{uuid.uuid4().hex}"
    try:
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=LO_TIMEOUT_S)
    finally:
        shutil.rmtree(f"/tmp/lo_profile_{profile.rsplit('_', 1)[1]}", ignore_errors=True)
    pdf = tmp_path / "deck.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    for headline in (*HEADLINES, deck.title, "示例数据"):
        assert re.sub(r"\s+", "", headline) in flat, headline
    subprocess.run([pdftoppm, "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(deck.slides) + 1
    with Image.open(pages[1]) as first:
        assert first.size[0] / first.size[1] == pytest.approx(16 / 9, rel=0.02)
