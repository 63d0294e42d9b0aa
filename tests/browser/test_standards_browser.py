"""标准测算 in a real browser: a slider change redraws the chart, lands in the URL, and the URL reproduces it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS

TIMEOUT_MS = 60_000
CHART = ".st-key-standards_projection_chart .js-plotly-plot"
RURAL_METRIC = "[data-testid='stMetric']:has-text('2025年农村低保标准') [data-testid='stMetricValue']"


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)


def chart_paths(page) -> str:
    return page.eval_on_selector(f"{CHART} .scatterlayer", "el => el.innerHTML")


def test_slider_redraws_chart_updates_url_and_reload_reproduces(browser, dashboard_url):
    page = browser.new_page(viewport={"width": VIEWPORTS[1][0], "height": VIEWPORTS[1][1]})
    page.goto(f"{dashboard_url}/standards")
    page.locator(CHART).wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)
    before_metric = page.locator(RURAL_METRIC).inner_text()
    before_chart = chart_paths(page)

    slider = page.get_by_role("slider", name="农村比例（比例）")
    slider.focus()
    for _ in range(20):  # 20 steps of 0.001
        slider.press("ArrowRight")
    expect(page.locator(RURAL_METRIC)).not_to_have_text(before_metric, timeout=TIMEOUT_MS)
    wait_idle(page)
    after_metric = page.locator(RURAL_METRIC).inner_text()
    assert chart_paths(page) != before_chart, "the standards chart did not redraw"

    query = parse_qs(urlparse(page.url).query)
    assert "sc_rural_ratio" in query, page.url
    assert float(query["sc_rural_ratio"][0]) > 0.318

    again = browser.new_page(viewport={"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})
    again.goto(page.url)
    again.locator(RURAL_METRIC).wait_for(timeout=TIMEOUT_MS)
    wait_idle(again)
    assert again.locator(RURAL_METRIC).inner_text() == after_metric
    assert again.locator("[data-testid='stAlert']").count() == 0  # a link we wrote is a valid link
    page.close()
    again.close()


def test_bad_link_shows_a_notice_in_the_browser(browser, dashboard_url):
    page = browser.new_page(viewport={"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})
    page.goto(f"{dashboard_url}/standards?sc_rural_ratio=abc&sc_urban_ratio=9")
    page.get_by_text("链接参数「农村比例」的值「abc」无法识别").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("链接参数「城市比例」的值「9」超出范围").wait_for(timeout=TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
