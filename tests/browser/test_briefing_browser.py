"""简报's presentation view in a real Chromium at 1920×1080 and 1366×768: no Streamlit chrome, the keys
move between slides, text sizes measured from the DOM meet the projector floor, nothing overflows the
slide, and axe-core finds no WCAG 2.1 A/AA violation. Screenshots of every slide go to tests/artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, axe_violations, describe_violations, wait_idle

LOAD_MS = 60_000
SLIDES = 8  # the default deck
CHROME = ["header[data-testid='stHeader']", "[data-testid='stSidebar']", "[data-testid='stToolbar']",
          "[data-testid='stStatusWidget']", "[data-testid='stSidebarNav']", "[data-testid='stMainMenu']"]
BODY_MIN_PX = 24
CHART_MIN_PX = 18

# Per visible text element: its computed font size in screen pixels (the slide is scaled to the window).
MEASURE = """() => {
  const slide = document.querySelector('.st-key-brief_slide');
  const scale = slide.getBoundingClientRect().width / slide.offsetWidth;
  const box = slide.getBoundingClientRect();
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const size = (sel) => [...slide.querySelectorAll(sel)].filter(visible)
      .map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
  const body = size('.brief-headline, .brief-figure .label, .brief-figure .value, .brief-figure .note, .brief-table td, .brief-table th');
  const chart = size('.js-plotly-plot svg text');
  const outside = [...slide.querySelectorAll('.brief-headline, .brief-figure, .brief-footer, .js-plotly-plot, .brief-table, .st-key-brief_nav')]
      .filter(visible).map(e => e.getBoundingClientRect())
      .filter(r => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1).length;
  const clipped = [...slide.querySelectorAll('.brief-headline, .brief-figure .value, .brief-footer')]
      .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 8).length;  // a descender's few px are not a cut
  return {scale, body: Math.min(...body), chart: chart.length ? Math.min(...chart) : null, outside, clipped,
          inWindow: box.right <= window.innerWidth + 1 && box.bottom <= window.innerHeight + 1,
          headline: slide.querySelector('.brief-headline').innerText, kicker: slide.querySelector('.brief-kicker').innerText};
}"""


def open_present(browser, url: str, viewport: tuple[int, int]):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
    page.goto(url)
    page.locator(".st-key-brief_slide .brief-headline").wait_for(timeout=LOAD_MS)
    wait_idle(page)
    return page


def wait_slide(page, number: int) -> None:
    page.wait_for_function(f"() => (document.querySelector('.brief-kicker')||{{}}).innerText?.includes(' {number}/')",
                           timeout=LOAD_MS)
    wait_idle(page)
    page.wait_for_function("() => !document.querySelector('.st-key-brief_slide .js-plotly-plot') || "
                           "document.querySelectorAll('.st-key-brief_slide .js-plotly-plot svg text').length > 3", timeout=LOAD_MS)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def test_presentation_view_every_slide(browser, dashboard_url, artifacts, viewport):
    page = open_present(browser, f"{dashboard_url}/?present=1", viewport)
    assert "/briefing" in page.url  # "/?present=1" opens the briefing directly
    for selector in CHROME:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"Streamlit chrome visible while presenting: {selector}"
    headlines = []
    for number in range(1, SLIDES + 1):
        wait_slide(page, number)
        m = page.evaluate(MEASURE)
        page.screenshot(path=str(artifacts / f"briefing_present_{number}_{viewport[0]}x{viewport[1]}.png"))
        assert m["inWindow"], f"slide {number} larger than the window"
        assert m["outside"] == 0 and m["clipped"] == 0, f"slide {number}: {m}"
        if viewport == (1920, 1080):
            assert m["body"] >= BODY_MIN_PX - 0.01, f"slide {number}: body text {m['body']:.1f}px"
            if m["chart"] is not None:
                assert m["chart"] >= CHART_MIN_PX - 0.01, f"slide {number}: chart text {m['chart']:.1f}px"
        headlines.append(m["headline"])
        if number < SLIDES:
            page.keyboard.press("ArrowRight" if number % 3 else ("PageDown" if number % 2 else "Space"))
    assert len(set(headlines)) == SLIDES, headlines
    assert "slide=8" in page.url
    page.keyboard.press("Home")
    wait_slide(page, 1)
    page.keyboard.press("End")
    wait_slide(page, SLIDES)
    page.keyboard.press("ArrowLeft")
    wait_slide(page, SLIDES - 1)
    page.keyboard.press("PageUp")
    wait_slide(page, SLIDES - 2)
    page.keyboard.press("Escape")
    page.locator("[data-testid='stMain'] h1", has_text="简报").wait_for(timeout=LOAD_MS)
    assert "present" not in page.url
    page.close()


def test_presentation_view_charts_stay_interactive(browser, dashboard_url):
    page = open_present(browser, f"{dashboard_url}/briefing?present=1&slide=2", VIEWPORTS[1])
    wait_slide(page, 2)
    point = page.locator(".st-key-brief_slide .js-plotly-plot .scatterlayer .point").first
    point.hover(force=True)
    hover = page.locator(".js-plotly-plot .hoverlayer .hovertext").first
    hover.wait_for(timeout=10_000)
    text = hover.text_content()  # an SVG group: text_content, not inner_text
    assert "年" in text and "元" in text, text  # the point's year and value, in Chinese
    page.close()


def test_presentation_view_has_no_accessibility_violations(browser, dashboard_url):
    page = open_present(browser, f"{dashboard_url}/briefing?present=1&slide=4", VIEWPORTS[1])
    wait_slide(page, 4)
    violations = axe_violations(page, whole_page=False)
    assert violations == [], describe_violations(violations)
    page.close()


def test_a_broken_deck_link_opens_the_default_deck_with_a_notice(browser, dashboard_url):
    page = browser.new_page(viewport={"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]}, locale="zh-CN")
    page.goto(f"{dashboard_url}/briefing?deck=broken!!&slide=99")
    broken = page.get_by_text("简报链接中的 deck 参数已损坏").first
    broken.wait_for(timeout=LOAD_MS)
    assert broken.is_visible()
    assert page.get_by_text("超出简报页数").first.is_visible()
    # The default deck is shown instead, from its first slide (drawn after the notices: wait for it).
    expect(page.get_by_role("heading", name="第 1 页：概览")).to_have_count(1, timeout=LOAD_MS)
    page.close()
