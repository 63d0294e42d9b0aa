"""The default deck on the embedded data, end to end: content rules, and the PDF and PowerPoint files
(page count, every headline in Chinese, CJK fonts embedded, native chart data equal to the figure's)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date

import pytest

from analytics.briefing import default_deck
from dashboard.briefing_slides import deck_content, load_inputs, vocabulary
from exports.content import NATIVE_CHART, PICTURE

TOOLS = ("pdftotext", "pdffonts", "pdfinfo")


@pytest.fixture(scope="module")
def deck():
    inputs = load_inputs()
    return deck_content(default_deck(vocabulary(inputs)), inputs, "http://127.0.0.1:8501/briefing?present=1",
                        today=date(2026, 12, 2))


def need_tools() -> None:
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"poppler-utils missing: {missing}")
        pytest.skip(f"poppler-utils missing: {missing}")


def test_default_deck_content(deck) -> None:
    assert len(deck.slides) == 8
    for slide in deck.slides:
        assert slide.headline and len(slide.figures) <= 3 and slide.sources and slide.notes
        assert slide.figure is not None or slide.table is not None
    marks = {s.kind: s.marks for s in deck.slides}
    assert "示例数据" in marks["map"] and "示例数据" in marks["county_peers"]  # illustrative county data
    assert marks["income_standards"] and "示例数据" not in marks["income_standards"]
    assert "示例数据" in deck.statuses and deck.as_of_year == 2024
    assert {s.kind: s.export_as for s in deck.slides}["map"] == PICTURE
    indicator = next(s for s in deck.slides if s.kind == "indicator_path")
    assert indicator.headline == "2024年农村低保指导标准相当于城市的70.7%，距75%的目标还差4.3个百分点"


def test_default_deck_as_pdf(deck, tmp_path) -> None:
    need_tools()
    from exports.pdf_deck import deck_pdf

    path = tmp_path / "deck.pdf"
    path.write_bytes(deck_pdf(deck))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(len(deck.slides) + 1)  # cover + slides
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for slide in deck.slides:
        assert "".join(slide.headline.split()) in flat, slide.headline
    assert "示例数据" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert any("CJK" in f for f in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts if line.strip()), fonts  # emb column


def test_default_deck_as_pptx(deck) -> None:
    from pptx import Presentation

    from exports.images import chart_image
    from exports.pptx_deck import deck_pptx, native_series

    made = Presentation(io.BytesIO(deck_pptx(deck, lambda s: chart_image(s, "png", scale=1))))
    assert len(made.slides) == len(deck.slides) + 1
    texts = ["".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in made.slides]
    for slide, text in zip(deck.slides, texts[1:], strict=True):
        assert "".join(slide.headline.split()) in "".join(text.split())
    charts = [sh.chart for s in made.slides for sh in s.shapes if sh.has_chart]
    natives = [s for s in deck.slides if s.export_as == NATIVE_CHART and s.figure is not None]
    assert charts, "line and bar charts go in as native charts"
    targets = next(s for s in natives if s.kind == "targets")
    bar = next(c for c in charts if list(c.plots[0].categories) == list(native_series(targets.figure)[0].x))
    assert list(bar.plots[0].series[0].values) == list(native_series(targets.figure)[0].y)
    for s in made.slides:
        assert s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()
