"""axe-core on every page at 1366x768 and 1920x1080: no WCAG 2.0/2.1 level A or AA violation.

The whole page is checked, below the fold too (`axe_violations` stretches the viewport to the content's
height at the same width). Besides the page list, the map is checked with a county chosen: its county
charts, sentences and captions appear only then. One browser tab per viewport serves every page.
A failure lists each rule, its impact and the first offending elements with axe's reason, and keeps a
screenshot in tests/artifacts/.
"""

from __future__ import annotations

import pytest

from dashboard.registry import PAGES, page_url
from tests.browser.conftest import (
    VIEWPORTS,
    WAIT_MS,
    axe_violations,
    describe_violations,
    require_axe,
    wait_idle,
)

MAP = next(spec for spec in PAGES if spec.url_path == "map")
# (test id, spec whose ready_selector says the view is drawn, path under the app's base URL)
VIEWS = [(spec.url_path, spec, page_url(spec)) for spec in PAGES] + [
    ("map_county", MAP, f"{page_url(MAP)}?map_county=220122"),  # 农安县
]


@pytest.fixture(scope="module")
def tab(browser):
    """`tab(viewport)`: the one page (in its own context) used for every view at that viewport."""
    require_axe()  # skip (or fail under CI) before opening anything
    opened = {}

    def get(viewport: tuple[int, int]):
        if viewport not in opened:
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
            opened[viewport] = (context, context.new_page())
        return opened[viewport][1]

    yield get
    for context, _ in opened.values():
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v[0])
def test_no_wcag_aa_violations(tab, dashboard_url, artifacts, view, viewport):
    name, spec, path = view
    page = tab(viewport)
    page.goto(f"{dashboard_url}/{path}")
    page.locator(spec.ready_selector).first.wait_for(timeout=WAIT_MS)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0, f"/{path} raised an exception"

    violations = axe_violations(page)

    if violations:
        shot = artifacts / f"a11y_{name}_{viewport[0]}x{viewport[1]}.png"
        page.screenshot(path=str(shot), full_page=True)
    assert not violations, (f"axe found {len(violations)} WCAG A/AA violation(s) on /{path} at "
                            f"{viewport[0]}x{viewport[1]}:\n{describe_violations(violations)}")
