"""The map figure: every metric draws all 60 counties once, within the size budget (issue 4: ≤ 400 KB)."""

from __future__ import annotations

import json

import pytest

from analytics.county_data import county_table
from analytics.county_metrics import CATEGORY, METRICS, metric_frame, ranks
from analytics.loaders import load_table
from dashboard.map_figures import county_map_figure, outline_coordinates
from tests.conftest import DATA

COUNTIES = load_table("counties")
TABLE, _ = county_table()
GEO = {n: json.loads((DATA / "boundaries" / f"jilin_{n}.geojson").read_text(encoding="utf-8"))
       for n in ("counties", "prefectures")}
SIZE_BUDGET = 400_000


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.key)
@pytest.mark.parametrize("year", [2020, 2024])
def test_each_county_is_drawn_exactly_once_within_budget(metric, year):
    frame = metric_frame(TABLE, COUNTIES, metric, year, {"urban": 600.0, "rural": 450.0}, 1.3)
    fig = county_map_figure(GEO["counties"], GEO["prefectures"], frame, metric, ranks(frame, metric), "示例数据",
                            ["220122", "220112"], "220122", "同一市（州）")
    drawn = [code for trace in fig.data if trace.type == "choropleth" for code in trace.locations]
    assert sorted(drawn) == sorted(COUNTIES["code"])
    shapes = [f["id"] for trace in fig.data if trace.type == "choropleth" for f in trace.geojson["features"]]
    assert sorted(shapes) == sorted(COUNTIES["code"]), "a trace carries shapes it does not draw"
    assert len(fig.to_json().encode()) <= SIZE_BUDGET
    if metric.kind == CATEGORY:
        assert {t.name for t in fig.data if t.type == "choropleth"} <= {"达标", "未达标", "无数据"}


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
