"""县域地图 in a real browser, offline: a click on a polygon selects the county, the peer outline draws,
and the URL reproduces the view."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS

TIMEOUT_MS = 60_000
POLYGONS = ".st-key-county_map path.choroplethlocation"


def open_map(browser, url: str, viewport=VIEWPORTS[1]):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                                "blob:")) else None)
    page.goto(url)
    page.wait_for_function(f"() => document.querySelectorAll('{POLYGONS}').length === 60", timeout=TIMEOUT_MS)
    return page, outside


def test_clicking_a_polygon_selects_that_county(browser, dashboard_url):
    page, outside = open_map(browser, f"{dashboard_url}/map")
    selector = page.locator(".st-key-map_county input")
    assert "未选择" in selector.input_value()
    # The largest polygon: its bounding-box centre lies inside it, away from any border line.
    box = page.evaluate(f"""() => {{
        const boxes = [...document.querySelectorAll('{POLYGONS}')].map(p => p.getBoundingClientRect());
        const b = boxes.sort((a, c) => c.width * c.height - a.width * a.height)[0];
        return {{x: b.x + b.width / 2, y: b.y + b.height / 2}};
    }}""")
    page.mouse.click(box["x"], box["y"])
    expect(page).to_have_url(re.compile(r"map_county=22\d{4}"), timeout=TIMEOUT_MS)
    code = parse_qs(urlparse(page.url).query)["map_county"][0]
    profile = page.locator("h3", has_text="历年情况")
    profile.wait_for(timeout=TIMEOUT_MS)
    name = profile.inner_text().split("：")[0]
    expect(selector).to_have_value(re.compile(f"^{name}（"), timeout=TIMEOUT_MS)  # the selector followed
    assert re.search(r"22\d{4}", code)
    assert outside == [], f"the map fetched from outside: {outside[:3]}"
    page.close()


def test_peer_outline_draws_and_link_reproduces_the_view(browser, dashboard_url):
    url = f"{dashboard_url}/map?map_county=222404&map_peers=border&map_metric=urban_coverage"
    page, _ = open_map(browser, url)
    legend = page.locator(".st-key-county_map .legendtext")
    expect(legend.filter(has_text="边境县")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(legend.filter(has_text="所选县（市、区）")).to_have_count(1, timeout=TIMEOUT_MS)
    sentence = page.get_by_text(re.compile(r"^珲春市城市低保覆盖率为")).first
    sentence.wait_for(timeout=TIMEOUT_MS)
    first = sentence.inner_text()

    again, _ = open_map(browser, page.url, VIEWPORTS[0])
    repeat = again.get_by_text(re.compile(r"^珲春市城市低保覆盖率为")).first
    repeat.wait_for(timeout=TIMEOUT_MS)
    assert repeat.inner_text() == first
    assert "边境县中位数" in first
    page.close()
    again.close()
