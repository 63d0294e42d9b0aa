"""The cache boundary: analytics loaders wrapped in `st.cache_data`.

Analytics stays plain and testable; only here do we cache. The data folder and each file's
modification time are part of the cache key, so an edited file (or a test's other data folder) is
re-read instead of served stale.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.indicators import IndicatorDefinition, indicator_definitions
from analytics.loaders import load_geojson, load_table
from analytics.parameters import PolicyParameter, load_parameters
from analytics.paths import data_dir
from analytics.provenance import Sidecar, all_sidecars


def _stamp(root: Path, name: str) -> int:
    path = root / name
    return path.stat().st_mtime_ns if path.exists() else 0


@st.cache_data(show_spinner=False)
def _table(name: str, root: str, stamp_csv: int, stamp_meta: int) -> pd.DataFrame:
    return load_table(name, Path(root))


def table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A validated embedded table (in data/ or a subfolder); raises DataError, shown by `ui.guard`."""
    root = folder or data_dir()
    return _table(name, str(root), _stamp(root, f"{name}.csv"), _stamp(root, f"{name}.meta.yml")).copy()


@st.cache_data(show_spinner=False)
def _parameters(root: str, stamp: int) -> dict[str, PolicyParameter]:
    return load_parameters(Path(root))


def parameters() -> dict[str, PolicyParameter]:
    root = data_dir()
    return _parameters(str(root), _stamp(root, "parameters.yml"))


def indicators() -> list[IndicatorDefinition]:
    return indicator_definitions(table("indicators_14th_fyp"))


@st.cache_data(show_spinner=False)
def _sidecars(root: str, stamp: int) -> list[Sidecar]:
    return all_sidecars(Path(root))


def sidecars() -> dict[str, Sidecar]:
    """Every dataset's provenance, keyed by dataset name (file stem)."""
    root = data_dir()
    newest = max((p.stat().st_mtime_ns for p in root.rglob("*.meta.yml")), default=0)
    return {s.name: s for s in _sidecars(str(root), newest)}


@st.cache_data(show_spinner=False)
def _geojson(relative: str, root: str, stamp: int) -> dict:
    return load_geojson(relative, Path(root))


def geojson(relative: str) -> dict:
    """A validated GeoJSON FeatureCollection from the data folder (e.g. boundaries/jilin_counties.geojson)."""
    root = data_dir()
    return _geojson(relative, str(root), _stamp(root, relative))


def record_count(sidecar: Sidecar) -> int:
    """Rows of a table, features of a GeoJSON, entries of the parameter file."""
    relative = sidecar.data_path.relative_to(data_dir()).as_posix()
    if relative.endswith(".geojson"):
        return len(geojson(relative)["features"])
    if relative == "parameters.yml":
        return len(parameters())
    return len(table(sidecar.name, sidecar.path.parent))


@st.cache_data(show_spinner=False)
def _forecasts(root: str, stamp: int) -> dict:
    from analytics.forecast import forecast_province_income  # statsmodels: import only when needed

    return forecast_province_income(load_table("province_annual", Path(root)), horizon=FORECAST_HORIZON)


FORECAST_HORIZON = 2030


def income_forecasts() -> dict:
    """Urban and rural income forecasts to 2030 (fitted once per data version, then cached)."""
    root = data_dir()
    return _forecasts(str(root), _stamp(root, "province_annual.csv"))


@st.cache_data(show_spinner=False)
def _county_table(root: str, folder: str, stamp: int) -> tuple[pd.DataFrame, str]:
    from analytics.county_data import county_table as load

    return load(Path(root), Path(folder) if folder else None)


def county_table() -> tuple[pd.DataFrame, str]:
    """The county-year table in force and its status ("illustrative" unless real files are configured)."""
    from analytics.county_data import county_folder

    root, folder = data_dir(), county_folder()
    stamp = max((p.stat().st_mtime_ns for p in folder.iterdir()), default=0) if folder and folder.is_dir() else \
        _stamp(root, "county_indicators.csv")
    return _county_table(str(root), str(folder or ""), stamp)


@st.cache_data(show_spinner=False, max_entries=16)
def county_metric_values(root: str, stamp: int, ratios: tuple[float, float], lag: int, floor: float,
                         multiplier: float) -> pd.DataFrame:
    """Every map metric for every year and county under one scenario's guidance (cached per scenario)."""
    from analytics.county_metrics import all_metric_values, province_guidance_month
    from analytics.standards import income_path

    table, _ = county_table()
    counties = load_table("counties", Path(root))
    forecasts = income_forecasts()
    income = {side: income_path(forecasts[side], "forecast", 0.0, FORECAST_HORIZON) for side in ("urban", "rural")}
    years = sorted(int(y) for y in table["year"].unique())
    guidance = {y: province_guidance_month(income, {"urban": ratios[0], "rural": ratios[1]}, lag, y, floor)
                for y in years}
    return all_metric_values(table, counties, guidance, multiplier)


@st.cache_data(show_spinner=False)
def _indicator_results(root: str, stamp_annual: int, stamp_params: int, county_key: tuple) -> dict:
    from analytics.progress import (
        assess_indicators,
        baseline_projections,
        county_indicator_series,
        indicator_values,
        projection_check,
        rule_standards,
    )

    annual = load_table("province_annual", Path(root))
    parameters = load_parameters(Path(root))
    counties = load_table("counties", Path(root))
    table, status = county_table()
    values = indicator_values(annual, table, parameters, counties=counties, county_status=status)
    return {
        "values": values,
        "statuses": assess_indicators(values),
        "projection": projection_check(baseline_projections(annual, parameters, forecasts=income_forecasts())),
        "rules": rule_standards(annual, parameters),
        "county_series": county_indicator_series(table, counties),
        "county_status": status,
    }


def indicator_results() -> dict:
    """The 8 indicators' values, statuses and 2025 projections (cached per data version)."""
    root = data_dir()
    table, status = county_table()
    return _indicator_results(str(root), _stamp(root, "province_annual.csv"), _stamp(root, "parameters.yml"),
                              (status, len(table), float(table.select_dtypes("number").sum().sum())))
