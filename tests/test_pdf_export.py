"""The deck as PDF (exports.pdf_deck), checked with poppler: pages, text, embedded fonts, rendering.

The PDFs are built once per module (each renders four charts through the shared kaleido server). Without
poppler-utils the checks are skipped locally and fail in CI (CI=true), where a skip would hide a gap.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from analytics.provenance import OFFICIAL_LABEL, STATUS_MARKS
from exports import images
from exports.content import NATIVE_TABLE, SlideContent
from exports.pdf_deck import CSS, GEOMETRY, deck_html, deck_pdf, headline_fit
from tests.briefing_fixtures import sample_deck_with_map

POPPLER = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm")
MAP_PAGE = 6  # cover + five slides: the county map is the last page without notes


def _need_poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        message = f"poppler-utils missing ({', '.join(missing)}): apt-get install poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M).group(1))


def _text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text with all whitespace removed (pdftotext breaks a wrapped headline into lines)."""
    where = ("-f", str(page), "-l", str(page)) if page else ()
    return re.sub(r"\s+", "", _run("pdftotext", *where, "-layout", pdf, "-"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def deck():
    return sample_deck_with_map()


@pytest.fixture(scope="module")
def pdfs(deck, tmp_path_factory) -> dict[bool, Path]:
    """Both PDFs, without and with speaker notes, written once."""
    _need_poppler()
    images.check_fonts()
    folder = tmp_path_factory.mktemp("pdf")
    written = {}
    for with_notes in (False, True):
        path = folder / f"deck_notes_{with_notes}.pdf"
        path.write_bytes(deck_pdf(deck, with_notes=with_notes))
        written[with_notes] = path
    return written


def test_one_page_per_slide_after_the_cover(deck, pdfs):
    assert _pages(pdfs[False]) == len(deck.slides) + 1
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", pdfs[False]), re.M)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (960, 540)  # 338.67 × 190.5 mm


def test_notes_pages_follow_their_slides(deck, pdfs):
    with_notes = [s for s in deck.slides if s.notes.strip()]
    assert _pages(pdfs[True]) == len(deck.slides) + 1 + len(with_notes)
    notes_page = _text(pdfs[True], 3)  # cover, slide 1, its notes
    assert "讲稿" in notes_page and _squash(deck.slides[0].notes) in notes_page


def test_text_has_every_headline_the_cover_and_the_footers(deck, pdfs):
    text = _text(pdfs[False])
    for slide in deck.slides:
        assert _squash(slide.headline) in text
    assert deck.link in text
    for words in (deck.title, "2026年12月2日", "数据截至2024年", *deck.statuses):
        assert words in text
    for index in range(len(deck.slides)):
        assert _squash(deck.footer(index)) in text
    assert "数据状态：示例数据" in text


def test_key_figures_show_their_status_marks(deck, pdfs):
    first_slide = _text(pdfs[False], 2)
    for figure in deck.slides[0].figures:
        assert _squash(figure.label) in first_slide and _squash(figure.value) in first_slide
    assert STATUS_MARKS["illustrative"] in first_slide and STATUS_MARKS["derived"] in first_slide
    assert OFFICIAL_LABEL not in first_slide  # official numbers carry no mark


def test_chart_text_is_vector_text_and_tables_are_tables(pdfs):
    assert "元/人·年" in _text(pdfs[False], 2)  # axis title of the SVG chart
    assert "年份" in _text(pdfs[False], 2)
    table_page = _text(pdfs[False], 5)
    for cell in ("农村低保标准占城市比例", "≥75%", "进行中（示例数据）"):
        assert cell in table_page


def test_all_fonts_are_embedded_noto_cjk(pdfs):
    rows = [line.split() for line in _run("pdffonts", pdfs[True]).splitlines()[2:] if line.strip()]
    assert rows
    assert any("Noto-Sans-CJK" in row[0] or "NotoSansCJK" in row[0] for row in rows)
    for row in rows:
        emb = row[-5]  # columns: name … type … encoding, emb, sub, uni, object, ID
        assert emb == "yes", row


def test_every_page_renders_and_the_map_is_drawn(deck, pdfs, tmp_path):
    _run("pdftoppm", "-r", "40", "-png", pdfs[False], tmp_path / "page")
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(deck.slides) + 1
    map_page = Image.open(pages[MAP_PAGE - 1]).convert("L")
    width, height = map_page.size
    middle = map_page.crop((width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    assert sum(middle.histogram()[:230]) / (middle.width * middle.height) > 0.2


def test_every_font_family_names_noto_sans_cjk_first(deck):
    families = re.findall(r"font-family:\s*([^;}]+)", CSS)
    assert families
    for family in families:
        assert family.strip().startswith('"Noto Sans CJK SC"'), family


def test_text_is_escaped_and_long_headlines_shrink_but_stay_whole(deck):
    hostile = SlideContent(kind="x", title="<b>标题</b>", headline="A&B <script>alert(1)</script>" + "很长" * 60,
                           figure=None, export_as=NATIVE_TABLE, notes="注意 <i>")
    page = deck_html(replace(deck, slides=(hostile,), link="http://x/?a=1&b=<2>"), with_notes=True)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;标题" in page
    assert "a=1&amp;b=&lt;2&gt;" in page
    pt, lines = headline_fit(hostile.headline)
    assert pt == min(GEOMETRY.headline_pt) and lines > GEOMETRY.headline_max_lines
    assert headline_fit(deck.slides[0].headline) == (max(GEOMETRY.headline_pt), 2)


def _words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, top, bottom) of every word on a page, in points from the top (pdftotext -bbox)."""
    page_xml = _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
    return [(html.unescape(w), float(y0), float(y1)) for y0, y1, w in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page_xml)]


def test_a_table_slide_with_figures_and_a_long_footer_ends_above_the_footer(deck, tmp_path):
    """The table's last row must sit above the footer even when the sources wrap to three lines and the
    slide has key figures (they go above the table, which keeps the full width)."""
    _need_poppler()
    table = deck.slides[3].table.copy()
    table.loc[len(table)] = ["末行标记", "100%", "88%", "进行中"]
    crowded = replace(deck.slides[3], table=table, figures=deck.slides[0].figures,
                      sources=tuple(f"吉林省民政厅（第{i}号通知，2024年，含各县（市、区）公布的标准）" for i in range(9)))
    path = tmp_path / "table.pdf"
    path.write_bytes(deck_pdf(replace(deck, slides=(crowded,))))
    words = _words(path, 2)
    last_row = next(bottom for word, _, bottom in words if "末行标记" in word)
    footer_top = min(top for word, top, _ in words if word.startswith("来源"))
    figures_bottom = max(bottom for word, _, bottom in words if "县级标准达标率" in word)
    header_top = min(top for word, top, _ in words if word == "2025年目标")
    assert last_row < footer_top
    assert figures_bottom < header_top  # key figures above the table, not beside it
