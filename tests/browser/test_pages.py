"""Every page in a real Chromium at 1366x768 and 1920x1080: no exception, Chinese title rendered in
a CJK font, the chart or table drawn, no request leaving the machine. Screenshots are kept in
tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import pytest

from dashboard.i18n import ZH
from dashboard.registry import PAGES, page_url
from tests.browser.conftest import VIEWPORTS

LOAD_TIMEOUT_MS = 45_000


def platform_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium actually used to draw an element's text (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"] for f in fonts}


def open_page(browser, url: str, viewport: tuple[int, int]):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                                "blob:")) else None)
    page.goto(url)
    return page, outside


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_page_renders(browser, dashboard_url, artifacts, spec, viewport):
    page, outside = open_page(browser, f"{dashboard_url}/{page_url(spec)}", viewport)
    title = ZH[spec.title_key]
    heading = page.locator("[data-testid='stMain'] h1", has_text=title)
    heading.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(spec.ready_selector).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=LOAD_TIMEOUT_MS)
    page.screenshot(path=str(artifacts / f"{spec.url_path}_{viewport[0]}x{viewport[1]}.png"))

    assert page.locator("[data-testid='stException']").count() == 0
    assert heading.is_visible()
    fonts = platform_fonts(page, "[data-testid='stMain'] h1")
    assert any("CJK" in f for f in fonts), f"Chinese title drawn with {fonts}, not a CJK font"
    assert outside == [], f"requests left the machine: {outside[:5]}"
    page.close()


def test_overview_chart_draws_income_lines_and_standard_points(browser, dashboard_url):
    page, _ = open_page(browser, dashboard_url, VIEWPORTS[0])
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 4",
        timeout=LOAD_TIMEOUT_MS,
    )
    # The urban income line has 9 yearly points (2014-2022); the standards only 2015 and 2020.
    points = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')]"
        ".map(t => t.querySelectorAll('.points path').length)"
    )
    assert points[:4] == [9, 9, 2, 2]
    legend = [t.text_content() for t in page.locator(".js-plotly-plot .legendtext").all()]
    assert "城市低保标准" in legend and "空心点：待核实" in legend
    page.close()


def test_english_link_opens_in_english(browser, dashboard_url):
    page, _ = open_page(browser, f"{dashboard_url}/?lang_en=true", VIEWPORTS[0])
    heading = page.locator("[data-testid='stMain'] h1", has_text="Overview")
    heading.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert heading.is_visible()
    label = page.get_by_text("Urban dibao standard", exact=True).first
    label.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert label.is_visible()
    page.close()


def test_dataset_download_gives_the_file(browser, dashboard_url, tmp_path):
    page, _ = open_page(browser, f"{dashboard_url}/data", VIEWPORTS[1])
    page.locator("[data-testid='stMain'] h1", has_text=ZH["page.data_methods"]).wait_for(timeout=LOAD_TIMEOUT_MS)
    button = page.locator("[data-testid='stDownloadButton'] button").first
    button.wait_for(timeout=LOAD_TIMEOUT_MS)
    with page.expect_download() as info:
        button.click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    from tests.conftest import DATA

    original = next(p for p in DATA.rglob(download.suggested_filename) if "scripts" not in p.parts)
    assert saved.read_bytes() == original.read_bytes()
    page.close()
