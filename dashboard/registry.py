"""The page list, as data. `app.py` builds `st.navigation` from it and the smoke tests run each entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the repository root
    title_key: str  # key in dashboard.i18n
    icon: str
    url_path: str  # the first page is the default and lives at "/" instead
    # What the browser test waits for on this page: a CSS selector that appears once drawn.
    ready_selector: str = ".js-plotly-plot .main-svg"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "page.overview", ":material/dashboard:", "overview"),
    PageSpec("pages/standards.py", "page.standards", ":material/trending_up:", "standards"),
    PageSpec("pages/county_map.py", "page.county_map", ":material/map:", "map",
             ready_selector=".st-key-county_map path.choroplethlocation"),
    PageSpec("pages/indicators.py", "page.indicators", ":material/flag:", "indicators",
             ready_selector="[data-testid='stDataFrame']"),
    PageSpec("pages/data_methods.py", "page.data_methods", ":material/dataset:", "data",
             ready_selector="[data-testid='stDataFrame']"),
    PageSpec("pages/briefing.py", "page.briefing", ":material/co_present:", "briefing",
             ready_selector=".st-key-brief_preview .js-plotly-plot .main-svg"),
    PageSpec("pages/data_admin.py", "page.data_admin", ":material/database:", "admin",
             ready_selector="[data-testid='stDataFrame']"),
)
BRIEFING = next(p for p in PAGES if p.url_path == "briefing")  # `?present=1` opens it directly, as the only page and without navigation


def page_url(spec: PageSpec) -> str:
    """The page's path under the app's base URL ("" for the default, first page)."""
    return "" if spec is PAGES[0] else spec.url_path
