"""标准测算 in a real browser: a slider change redraws the chart, lands in the URL, and the URL reproduces it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, settled_text, wait_idle

TIMEOUT_MS = 60_000
CHART = ".st-key-standards_projection_chart .js-plotly-plot"
RURAL_METRIC = ".jl-card[data-label^='2025年农村指导标准'] .jl-card-value"


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
    for _ in range(20):  # the first step snaps 0.30707 to the 0.001 grid (0.308), then 19 more: 0.327
        slider.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"sc_rural_ratio=0\.327\b"), timeout=TIMEOUT_MS)
    expect(page.locator(RURAL_METRIC)).not_to_have_text(before_metric, timeout=TIMEOUT_MS)
    after_metric = settled_text(page, RURAL_METRIC)
    assert chart_paths(page) != before_chart, "the standards chart did not redraw"
    assert parse_qs(urlparse(page.url).query)["sc_rural_ratio"] == ["0.327"]

    again = browser.new_page(viewport={"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})
    again.goto(page.url)
    again.locator(RURAL_METRIC).wait_for(timeout=TIMEOUT_MS)
    wait_idle(again)
    assert settled_text(again, RURAL_METRIC) == after_metric
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
