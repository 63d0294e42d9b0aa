"""The cache boundary: analytics loaders wrapped in `st.cache_data`.

Analytics stays plain and testable; only here do we cache. The data folder and each file's
modification time are part of the cache key, so an edited file (or a test's other data folder) is
re-read instead of served stale.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


def county_version() -> tuple:
    """One version stamp for everything computed from the county table (the cache key of its results)."""
    from analytics.county_data import county_folder

    root, folder = data_dir(), county_folder()
    if folder and folder.is_dir():
        files = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()))
    else:
        files = (_stamp(root, "county_indicators.csv"), _stamp(root, "county_standards_observed.csv"))
    return (str(root), str(folder or ""), files)


@st.cache_data(show_spinner=False)
def _county_status(version: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    from analytics.county_data import STATUS_OFFICIAL, county_folder
    from analytics.county_status import value_status

    table, origin = county_table()
    observed = None if origin == STATUS_OFFICIAL else load_table("county_standards_observed", Path(version[0]))
    folder = county_folder()
    source = "、".join(sorted(p.name for p in folder.iterdir() if p.is_file())) if folder and folder.is_dir() else ""
    return value_status(table, origin, observed, imported_source=source)


def county_status() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(status, source) of every value of the county table in force (see analytics.county_status)."""
    return _county_status(county_version())


def _guidance_version() -> tuple:
    root = data_dir()
    return (str(root), _stamp(root, "guidance_standards.csv"), _stamp(root, "guidance_tiers.csv"),
            _stamp(root, "province_annual.csv"), _stamp(root, "parameters.yml"), _stamp(root, "counties.csv"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _scenario_context(version: tuple):
    """Shared, never mutated (analytics functions return new frames): a resource, not a per-call copy."""
    from analytics.outcome import scenario_context

    root = Path(version[0])
    return scenario_context(load_table("province_annual", root), load_parameters(root), income_forecasts(),
                            load_table("counties", root), load_table("guidance_standards", root),
                            load_table("guidance_tiers", root))


def scenario_context():
    """What every scenario is computed on (income forecasts, tiers, weights), once per data version."""
    return _scenario_context(_guidance_version())


# Resources, not data: a scenario's results are never mutated (analytics returns new frames), and pickling a
# copy for every caller cost a slider step about 5 ms each (measured with bench/interaction.py).
@st.cache_resource(show_spinner=False, max_entries=64)
def _outcome(key: str, version: tuple, _scenario):
    from analytics.outcome import scenario_outcome

    return scenario_outcome(_scenario, scenario_context())


def outcome(scenario):
    """`analytics.outcome.scenario_outcome` for a scenario, cached by the scenario's value."""
    return _outcome(repr(scenario), _guidance_version(), scenario)


@st.cache_resource(show_spinner=False, max_entries=4)
def _local(version: tuple, guidance: tuple):
    from analytics.compliance import local_standards

    table, _ = county_table()
    statuses, _ = county_status()
    return local_standards(table, statuses, scenario_context().guidance.codes)


def local_standards():
    """The county table's standards and caseloads as arrays (analytics.compliance.LocalStandards)."""
    return _local(county_version(), _guidance_version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _gaps(key: str, version: tuple, guidance: tuple, years: tuple | None, _scenario) -> pd.DataFrame:
    from analytics.compliance import guidance_gaps

    return guidance_gaps(outcome(_scenario).guidance, local_standards(), None if years is None else list(years))


def gaps(scenario, years: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Every county against the scenario's guidance (analytics.compliance.guidance_gaps), cached."""
    return _gaps(repr(scenario), county_version(), _guidance_version(), years, scenario)


@st.cache_data(show_spinner=False, max_entries=16)
def _county_metric_values(key: str, version: tuple, guidance: tuple, _scenario) -> pd.DataFrame:
    from analytics.county_metrics import all_metric_values

    table, _ = county_table()
    statuses, _ = county_status()
    params = parameters()
    result = outcome(_scenario)  # the map shows the notice years and next year, not the later projection
    return all_metric_values(table, load_table("counties", data_dir()), statuses, gaps(_scenario),
                             float(params["tekun_multiplier"].current.value or np.nan),
                             [y for y in result.guidance.years if y <= result.next_year])


def county_metric_values(scenario) -> pd.DataFrame:
    """Every map metric for every year and county under one scenario's guidance (cached per scenario)."""
    return _county_metric_values(repr(scenario), county_version(), _guidance_version(), scenario)


@st.cache_data(show_spinner=False)
def _indicator_results(root: str, stamp_annual: int, stamp_params: int, county_key: tuple) -> dict:
    from analytics.guidance import notice_guidance
    from analytics.indicator_values import (
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
    context = scenario_context()
    guidance = context.guidance.notice_province
    notices = notice_guidance(context.guidance.data, context.guidance.weights)
    observed = load_table("county_standards_observed", Path(root))
    values = indicator_values(annual, table, parameters, counties=counties, county_status=status,
                              guidance=guidance, notices=notices, observed_counties=observed)
    return {
        "values": values,
        "statuses": assess_indicators(values),
        "projection": projection_check(baseline_projections(annual, parameters, context=context)),
        "rules": rule_standards(annual, parameters, guidance=guidance),
        "county_series": county_indicator_series(table, counties),
        "county_status": status,
    }


def indicator_results() -> dict:
    """The 8 indicators' values, statuses and 2025 projections (cached per data version)."""
    root = data_dir()
    return _indicator_results(str(root), _stamp(root, "province_annual.csv"), _stamp(root, "parameters.yml"),
                              (county_version(), _guidance_version()))


# A slide's content is immutable once built (exports.content is frozen; its figure is only read), so it is
# shared across sessions: a slide change in a presentation redraws a cached slide.
@st.cache_resource(show_spinner=False, max_entries=256)
def _slide_content(key: str, version: tuple, guidance: tuple, _slide, _scenario, lang: str):
    from dashboard.briefing_slides import load_inputs, slide_content

    return slide_content(_slide, load_inputs(_scenario, lang))


def slide_content(slide, scenario, lang: str = "zh"):
    """`dashboard.briefing_slides.slide_content` for a slide under a scenario, cached by their values."""
    return _slide_content(repr((slide, scenario, lang)), county_version(), _guidance_version(), slide, scenario, lang)
