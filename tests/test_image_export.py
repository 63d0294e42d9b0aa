"""Chart images (exports.images): pixel size, text inside the SVG, Chinese glyphs, maps drawn offline.

One kaleido server serves the whole test session (it is per process); the module fixture starts it once.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path

import plotly.io as pio
import pytest
from PIL import Image

from exports import images
from exports.images import ExportError, chart_image, figure_image, wrap_text
from tests.briefing_fixtures import MAP_CHART_TITLE, sample_deck_with_map
from tests.conftest import REPO_ROOT

NO_CJK_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""
PROBE_SCRIPT = "from exports import images\nimages.check_fonts()\n"


@pytest.fixture(scope="module")
def deck():
    return sample_deck_with_map()


@pytest.fixture(scope="module", autouse=True)
def kaleido_server():
    """Start the process's kaleido server and run the font probe once for every test here."""
    images.check_fonts()
    yield


@pytest.fixture(scope="module")
def no_cjk_probe(tmp_path_factory):
    """The font probe in a child process that sees no CJK font (fontconfig limited to DejaVu).

    Started as early as possible and collected by the last test: a second Chromium costs 5–9 s of a
    two-core machine, so it runs in CI (CI=true) or with EXPORTS_FULL=1, not in every local run.
    """
    if os.environ.get("CI") != "true" and os.environ.get("EXPORTS_FULL") != "1":
        yield None
        return
    if not Path("/usr/share/fonts/truetype/dejavu").is_dir():
        pytest.fail("DejaVu fonts not installed: cannot build a font set without CJK")
    folder = tmp_path_factory.mktemp("nocjk")
    conf = folder / "fonts.conf"
    conf.write_text(NO_CJK_FONTS_CONF.format(cache=folder / "cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen([sys.executable, "-c", PROBE_SCRIPT], cwd=REPO_ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield process
    if process.poll() is None:
        process.kill()


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _svg_text(svg: bytes) -> str:
    """All text drawn in the SVG (contents of <text> elements, tags removed), one string."""
    chunks = re.findall(r"<text\b[^>]*>(.*?)</text>", svg.decode("utf-8"), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", chunk)) for chunk in chunks)


def _non_white_share(image: Image.Image) -> float:
    grey = image.convert("L")
    return sum(grey.histogram()[:245]) / (grey.width * grey.height)


def test_font_probe_passes_here_and_would_catch_boxes(no_cjk_probe):
    images.check_fonts()  # cached: no second probe, no error
    blank = figure_image({"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}}},
                         "png", 320, 90, 1)
    assert not images._glyphs_differ(blank, blank)  # nothing drawn
    probe = figure_image(images._probe_figure(images.PROBE_TEXTS[0]), "png", *images.PROBE_SIZE, 1)
    assert not images._glyphs_differ(probe, probe)  # identical renders, as boxes would be


def test_png_has_the_requested_pixel_size(deck):
    png = chart_image(deck.slides[0], "png", 1600, 900, 2, generated=deck.generated)
    assert png.startswith(b"\x89PNG")
    assert _png(png).size == (3200, 1800)


def test_svg_carries_title_sources_marks_and_date_as_text(deck):
    slide = deck.slides[0]
    text = _svg_text(chart_image(slide, "svg", generated=deck.generated))
    assert slide.chart_title in text
    assert "来源：吉林省统计局（吉林统计年鉴, 2024）" in text
    assert "数据状态：推算值、示例数据" in text
    assert "2026-12-02" in text
    for words in ("农村居民人均可支配收入", "农村低保标准", "元/人·年", "年份"):
        assert words in text


def test_svg_text_is_projector_sized(deck):
    svg = chart_image(deck.slides[1], "svg").decode("utf-8")
    sizes = [float(s) for s in re.findall(r"font-size: ?([\d.]+)px", svg)]
    assert sizes and min(sizes) >= 18, sorted(set(sizes))
    assert "隐藏的对照线" not in _svg_text(svg.encode())  # a legend-only trace draws no key in a still image


def test_bar_chart_keeps_its_chinese_categories(deck):
    text = _svg_text(chart_image(deck.slides[2], "svg"))
    for category in ("已完成", "进行中", "未评估", "未完成", "目标登记"):
        assert category in text
    assert "数据状态" not in text  # that slide has no status marks


def test_map_png_draws_its_polygons_offline(deck):
    assert pio.defaults.topojson.startswith("file://")
    assert (REPO_ROOT / "dashboard" / "static" / "topojson" / "world_110m.json").is_file()
    image = _png(chart_image(deck.slides[4], "png", 1600, 900, 0.5))
    map_area = image.crop((200, 100, 600, 350))  # the middle of the plot, where Jilin is drawn
    assert _non_white_share(map_area) > 0.3
    assert len(map_area.getcolors(maxcolors=1 << 20)) > 20  # a colour scale, not one flat fill
    svg = chart_image(deck.slides[4], "svg")
    assert svg.count(b'class="choroplethlocation"') == 60
    assert MAP_CHART_TITLE in _svg_text(svg)


def test_renders_from_two_threads_do_not_swap_results(deck):
    results: dict[int, tuple[int, int]] = {}

    def render(width: int) -> None:
        results[width] = _png(figure_image(deck.slides[2].figure, "png", width, 300, 1)).size

    threads = [threading.Thread(target=render, args=(w,)) for w in (400, 520)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {400: (400, 300), 520: (520, 300)}


def test_bad_requests_are_refused(deck):
    with pytest.raises(ValueError, match="format"):
        figure_image(deck.slides[0].figure, "gif")
    with pytest.raises(ValueError, match="no figure"):
        chart_image(deck.slides[3])  # the table slide


def test_long_titles_wrap_within_the_width():
    title = "2024年农村低保指导标准相当于城市的76.9%，已超过75%的目标；全省60个县（市、区）均不低于省指导标准"
    lines = wrap_text(title, 20)
    assert "".join(lines) == title
    assert len(lines) > 1 and all(images.text_em(line) <= 20 for line in lines)


def test_missing_cjk_font_is_a_clear_error(no_cjk_probe):
    """Runs last: the child process has been starting its own Chromium meanwhile."""
    if no_cjk_probe is None:
        pytest.skip("second Chromium without CJK fonts: set EXPORTS_FULL=1 (always on when CI=true)")
    _, stderr = no_cjk_probe.communicate(timeout=120)
    assert no_cjk_probe.returncode != 0
    assert "ExportError" in stderr and images.FONT_PACKAGE in stderr
    assert ExportError.__name__ in stderr
