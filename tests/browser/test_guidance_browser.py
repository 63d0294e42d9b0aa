"""Next year's tiered guidance in a real browser: raising urban tier 2 adds counties below the guidance and cost,
the link reproduces it, and the map opened with the same scenario shows the same guidance."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, settled_text, wait_idle

TIMEOUT_MS = 60_000
BELOW = ".jl-card[data-label^='2025年低于指导标准的县'] .jl-card-value"
LIFT = ".jl-card[data-label^='2025年提标资金'] .jl-card-value"
TIER2 = ".st-key-sc_urban_tiers__2 input"
POLYGONS = ".st-key-county_map path.choroplethlocation"


def number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text.split()[0]))


def set_tier(page, value: int) -> None:
    box = page.locator(TIER2)
    box.fill(str(value))
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"sc_urban_tiers=\d+%2C{value}%2C|sc_urban_tiers=\d+,{value},"),
                             timeout=TIMEOUT_MS)
    wait_idle(page)


def test_raising_tier_2_adds_counties_and_the_link_and_the_map_agree(browser, dashboard_url, artifacts):
    page = browser.new_page(viewport={"width": VIEWPORTS[1][0], "height": VIEWPORTS[1][1]})
    page.goto(f"{dashboard_url}/standards")
    page.locator(BELOW).wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)
    page.get_by_test_id("stRadioGroup").get_by_text("逐档设定").click()
    page.locator(TIER2).wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)
    set_tier(page, 600)  # below every tier-2 county's current standard
    below, lift = number(settled_text(page, BELOW)), number(settled_text(page, LIFT))
    set_tier(page, 720)
    after_below, after_lift = number(settled_text(page, BELOW)), number(settled_text(page, LIFT))
    assert after_below > below and after_lift > lift
    page.get_by_text("2025年低于指导标准的县（市、区）").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "guidance_1920.png"))
    query = parse_qs(urlparse(page.url).query)
    assert query["sc_guidance_mode"] == ["tiers"] and query["sc_urban_tiers"][0].split(",")[1] == "720"

    again = browser.new_page(viewport={"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})
    again.goto(page.url)
    again.locator(BELOW).wait_for(timeout=TIMEOUT_MS)
    wait_idle(again)
    assert number(settled_text(again, BELOW)) == after_below and number(settled_text(again, LIFT)) == after_lift
    assert again.locator("[data-testid='stAlert']").count() == 0
    again.screenshot(path=str(artifacts / "guidance_1366.png"))

    # The map with the same scenario: a tier-2 county's 2025 urban guidance is the 720 set above.
    params = {k: v[0] for k, v in query.items() if k.startswith("sc_")}
    map_url = f"{dashboard_url}/map?" + urlencode({"map_metric": "urban_guidance", "map_year": "2025",
                                                   "map_county": "220112", **params})
    atlas = browser.new_page(viewport={"width": VIEWPORTS[1][0], "height": VIEWPORTS[1][1]})
    atlas.goto(map_url)
    atlas.wait_for_function(f"() => document.querySelectorAll('{POLYGONS}').length === 60", timeout=TIMEOUT_MS)
    sentence = atlas.get_by_text(re.compile(r"^双阳区城市省定最低指导标准为")).first
    sentence.wait_for(timeout=TIMEOUT_MS)
    assert "720" in sentence.inner_text()
    assert atlas.locator("[data-testid='stAlert']").count() == 0
    atlas.screenshot(path=str(artifacts / "guidance_map_1920.png"))
    for p in (page, again, atlas):
        p.close()
