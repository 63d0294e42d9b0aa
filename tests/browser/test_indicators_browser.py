"""十四五指标 in a real browser: an indicator's chart draws the path, the projection and the target, and the
Excel export downloads and opens with the plan's 8 rows."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.browser.conftest import VIEWPORTS

TIMEOUT_MS = 60_000
CHART = ".st-key-ind_chart_figure .js-plotly-plot"


def test_chart_draws_path_projection_and_target_and_excel_downloads(browser, dashboard_url, tmp_path):
    page = browser.new_page(viewport={"width": VIEWPORTS[1][0], "height": VIEWPORTS[1][1]})
    page.goto(f"{dashboard_url}/indicators")
    page.locator(f"{CHART} .scatterlayer .trace").first.wait_for(timeout=TIMEOUT_MS)
    # Indicator 2 (rural/urban ratio): pick it in the selector.
    page.locator(".st-key-ind_chart").click()
    page.get_by_role("option", name="2. 农村低保标准占城市低保标准比例").click()
    # Wait for indicator 2's own chart: indicator 1's also has a path and a projection, so wait on the target.
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{CHART} .textpoint')].some(t => t.textContent.includes('目标 75'))"
        f" && [...document.querySelectorAll('{CHART} .legendtext')].some(t => t.textContent.includes('达标所需路径'))"
        f" && document.querySelector('{CHART} .errorbar') !== null",
        timeout=TIMEOUT_MS,
    )
    # read in one go: plotly may redraw the legend between two locator calls
    legend = page.evaluate(f"() => [...document.querySelectorAll('{CHART} .legendtext')].map(t => t.textContent)")
    assert {"达标所需路径（基期→目标）", "2025年预测（基准情景，80%区间）", "2025年目标"} <= set(legend)
    assert page.locator(f"{CHART} .scatterlayer .trace").count() >= 4  # path, observed, projection, target
    assert page.locator(f"{CHART} .textpoint", has_text="目标 75").count() == 1

    with page.expect_download() as info:
        page.locator(".st-key-ind_xlsx button").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(load_workbook(saved).active.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 8 and rows[1][1] == "农村低保标准占城市低保标准比例"
    page.close()
