"""The map figure: every metric draws all 60 counties once, within the size budget (issue 4: ≤ 400 KB)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics.compliance import guidance_gaps, local_standards
from analytics.county_data import county_table
from analytics.county_metrics import CATEGORY, METRICS, TIER, metric_frame, ranks
from analytics.county_status import value_status
from analytics.forecast import forecast_province_income
from analytics.loaders import load_table
from analytics.outcome import scenario_context, scenario_outcome
from analytics.parameters import load_parameters
from analytics.scenario import baseline_scenario
from dashboard.map_figures import county_map_figure, guidance_history_figure, outline_coordinates
from tests.conftest import DATA

COUNTIES = load_table("counties")
TABLE, ORIGIN = county_table()
STATUSES, _ = value_status(TABLE, ORIGIN, load_table("county_standards_observed"))


@pytest.fixture(scope="module")
def gaps():
    annual, params = load_table("province_annual"), load_parameters()
    context = scenario_context(annual, params, forecast_province_income(annual), COUNTIES,
                               load_table("guidance_standards"), load_table("guidance_tiers"))
    result = scenario_outcome(baseline_scenario(params), context)
    return guidance_gaps(result.guidance, local_standards(TABLE, STATUSES, context.guidance.codes))
GEO = {n: json.loads((DATA / "boundaries" / f"jilin_{n}.geojson").read_text(encoding="utf-8"))
       for n in ("counties", "prefectures")}
SIZE_BUDGET = 400_000


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.key)
@pytest.mark.parametrize("year", [2020, 2024, 2025])
def test_each_county_is_drawn_exactly_once_within_budget(metric, year, gaps):
    frame = metric_frame(TABLE, COUNTIES, metric, year, statuses=STATUSES, gaps=gaps, tekun_multiplier=1.3)
    fig = county_map_figure(GEO["counties"], GEO["prefectures"], frame, metric, ranks(frame, metric), "示例数据",
                            ["220122", "220112"], "220122", "同一市（州）")
    drawn = [code for trace in fig.data if trace.type == "choropleth" for code in trace.locations]
    assert sorted(drawn) == sorted(COUNTIES["code"])
    shapes = [f["id"] for trace in fig.data if trace.type == "choropleth" for f in trace.geojson["features"]]
    assert sorted(shapes) == sorted(COUNTIES["code"]), "a trace carries shapes it does not draw"
    assert len(fig.to_json().encode()) <= SIZE_BUDGET
    if metric.kind == CATEGORY:
        assert {t.name for t in fig.data if t.type == "choropleth"} <= {"达标", "未达标", "无数据"}
    if metric.kind == TIER:
        assert {t.name for t in fig.data if t.type == "choropleth"} <= {"第1档", "第2档", "第3档", "第4档", "未知"}


def _opacities(fig) -> dict[str, float]:
    out = {}
    for trace in fig.data:
        if trace.type != "choropleth":
            continue
        opacity = trace.marker.opacity
        values = opacity if isinstance(opacity, list | tuple) else [opacity] * len(trace.locations)
        out |= dict(zip(trace.locations, values, strict=True))
    return out


def test_illustrative_cells_are_lighter_and_real_ones_opaque(gaps):
    """2018 urban standards are real for 59 counties: only 江源区 is illustrative and drawn lighter."""
    from analytics.county_metrics import METRIC_BY_KEY

    metric = METRIC_BY_KEY["urban_standard_month"]
    frame = metric_frame(TABLE, COUNTIES, metric, int(TABLE["year"].min()), statuses=STATUSES, gaps=gaps)
    fig = county_map_figure(GEO["counties"], GEO["prefectures"], frame, metric, ranks(frame, metric), "x")
    opacity = _opacities(fig)
    illustrative = set(frame.loc[frame["status"] == "illustrative", "code"])
    assert all(opacity[c] < 1 for c in illustrative) and all(opacity[c] == 1 for c in set(opacity) - illustrative)
    hover = [t.customdata for t in fig.data if t.type == "choropleth"]
    texts = [x for part in hover for x in part]
    assert sum("示例数据" in x for x in texts) == len(illustrative)


def test_guidance_history_marks_assumed_tiers(gaps):
    from analytics.guidance_report import county_history

    history = county_history("222401", gaps, TABLE, STATUSES, 2025)  # 延吉: 2024 rural tier unknown
    fig = guidance_history_figure(history, "延吉市")
    labels = [x for trace in fig.data if trace.mode == "markers+text" for x in trace.text]
    assert any("推定" in x for x in labels)
    rural_2024 = history[(history["side"] == "rural") & (history["year"] == 2024)].iloc[0]
    assert pd.isna(rural_2024["tier"]) and pd.isna(rural_2024["guidance_month"])  # unknown stays unknown


def test_outline_rings_are_separated():
    lons, lats = outline_coordinates(GEO["prefectures"]["features"], step=3)
    assert len(lons) == len(lats) and lons.count(None) >= 9


def test_served_shapes_are_the_checksummed_file():
    """The browser draws the copy in dashboard/static/; it must be the file data/ vouches for."""
    served = DATA.parent / "dashboard" / "static" / "boundaries" / "jilin_counties.geojson"
    assert served.read_bytes() == (DATA / "boundaries" / "jilin_counties.geojson").read_bytes()


def test_page_figure_references_the_shapes_instead_of_embedding_them():
    from dashboard.map_figures import COUNTY_GEOJSON_URL, example_figure

    fig = example_figure()
    assert {t.geojson for t in fig.data if t.type == "choropleth"} == {COUNTY_GEOJSON_URL}
    assert len(fig.to_json().encode()) < 100_000
