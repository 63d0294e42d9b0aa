"""Briefing benchmark: time to the first slide, a slide change against a page change (ratio), one chart
PNG warm, and the default deck as PDF and as PPTX. Prints figures only (no assertions).

Browser timings drive a real dashboard in Debian's Chromium (as the browser tests do); the export timings
call the exporters in-process on the default deck, as the page's download buttons do.
Targets (issue 10, 2 cores): slide change ≤ 1.2× a page change; chart PNG ≤ 0.5 s warm; each export ≤ 10 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_dashboard, wait_idle  # noqa: E402

ROUNDS = 5


def browser_timings() -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_dashboard(port, ROOT / "dashboard" / "app.py")
    url = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{url}/briefing?present=1")  # warm the server's caches once
            page.locator(".brief-headline").wait_for(timeout=120_000)
            wait_idle(page)
            start = time.perf_counter()
            page.goto(f"{url}/?present=1")
            page.locator(".brief-headline").wait_for(timeout=120_000)
            page.wait_for_function("() => document.querySelectorAll('.st-key-brief_slide .js-plotly-plot svg text').length > 3")
            out["first_slide_s"] = time.perf_counter() - start
            changes = []
            for number in range(2, 9):
                start = time.perf_counter()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(f"() => document.querySelector('.brief-kicker')?.innerText.includes(' {number}/')")
                page.wait_for_function("() => !document.querySelector('.st-key-brief_slide .js-plotly-plot') || "
                                       "document.querySelectorAll('.st-key-brief_slide .js-plotly-plot svg text').length > 3")
                wait_idle(page)
                changes.append(time.perf_counter() - start)
            out["slide_change_s"] = statistics.median(changes)
            # A plain page change: the sidebar link from 概览 to 十四五指标 and back, ready when drawn.
            page.goto(url)
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
            wait_idle(page)
            pages = []
            for _ in range(ROUNDS):
                for link, ready in (("标准测算", "[data-testid='stMain'] h1:has-text('标准测算')"),
                                    ("概览", "[data-testid='stMain'] h1:has-text('概览')")):
                    start = time.perf_counter()
                    page.locator("[data-testid='stSidebarNav'] a", has_text=link).first.click()
                    page.locator(ready).wait_for()
                    page.locator(".js-plotly-plot .main-svg").first.wait_for()
                    wait_idle(page)
                    pages.append(time.perf_counter() - start)
            out["page_change_s"] = statistics.median(pages)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return out


def export_timings() -> dict[str, float]:
    from analytics.briefing import default_deck
    from dashboard.briefing_slides import deck_content, load_inputs, vocabulary
    from exports.images import chart_image
    from exports.pdf_deck import deck_pdf
    from exports.pptx_deck import deck_pptx

    inputs = load_inputs()
    deck = deck_content(default_deck(vocabulary(inputs)), inputs, "http://127.0.0.1:8501/briefing", date.today())
    chart = next(s for s in deck.slides if s.kind == "income_standards")
    chart_image(chart, "png")  # the first call starts the export server (about 3 s)
    pngs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        chart_image(chart, "png")
        pngs.append(time.perf_counter() - start)
    start = time.perf_counter()
    pdf = deck_pdf(deck, with_notes=True)
    pdf_s = time.perf_counter() - start
    start = time.perf_counter()
    pptx = deck_pptx(deck, lambda s: chart_image(s, "png"))
    pptx_s = time.perf_counter() - start
    return {"png_warm_s": statistics.median(pngs), "pdf_s": pdf_s, "pdf_kib": len(pdf) / 1024,
            "pptx_s": pptx_s, "pptx_kib": len(pptx) / 1024}


def main() -> None:
    exports = export_timings()
    browser = browser_timings()
    ratio = browser["slide_change_s"] / browser["page_change_s"]
    print(f"first slide (cold page load, warm server): {browser['first_slide_s']:.2f} s")
    print(f"slide change (median of 7): {browser['slide_change_s'] * 1000:.0f} ms; page change (median of "
          f"{2 * ROUNDS}): {browser['page_change_s'] * 1000:.0f} ms; ratio {ratio:.2f} (target ≤ 1.2)")
    print(f"chart PNG 3200×1800, warm (median of {ROUNDS}): {exports['png_warm_s']:.2f} s (target ≤ 0.5 s)")
    print(f"default deck (8 slides) as PDF with notes: {exports['pdf_s']:.1f} s, {exports['pdf_kib']:.0f} KiB "
          f"(target ≤ 10 s)")
    print(f"default deck as PPTX: {exports['pptx_s']:.1f} s, {exports['pptx_kib']:.0f} KiB (target ≤ 10 s)")


if __name__ == "__main__":
    main()
