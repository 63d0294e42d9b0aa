"""The cache boundary: analytics loaders wrapped in `st.cache_data`, tables read from the store.

Analytics stays plain and testable; only here do we cache. Every table comes from the store (`store`):
the vintage in force of each dataset, cached by vintage id, so an import or a rollback is a new cache key
and every session sees it on its next rerun (within STORE_POLL_S). A table the store does not hold (its
embedded file fails its checksum, or a test points at another data folder's file) is read from its file
as before, keyed by the file's modification time, and its DataError is shown by `ui.guard`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import streamlit as st

from analytics.indicators import IndicatorDefinition, indicator_definitions
from analytics.loaders import load_geojson, load_table, read_csv_text, validate_table
from analytics.parameters import PolicyParameter, load_parameters
from analytics.paths import data_dir
from analytics.provenance import Sidecar, all_sidecars, read_sidecar
from analytics.vintage_changes import SOURCE_COLUMN

T = TypeVar("T")

# How long a session may read another session's activation late: the version lookup is cached this long.
STORE_POLL_S = 2.0


def _stamp(root: Path, name: str) -> int:
    path = root / name
    return path.stat().st_mtime_ns if path.exists() else 0


def store_engine():
    """The store's engine (created, migrated and seeded on first use in this process)."""
    from store.engine import get_engine

    return get_engine()


@st.cache_data(show_spinner=False, ttl=STORE_POLL_S)
def _versions(url: str) -> dict[str, int]:
    from store.engine import get_engine
    from store.vintages import active_versions

    return active_versions(get_engine(url))


_known_versions: dict[str, dict[str, int]] = {}  # per store URL: the last versions read, for an outage
STORE_DOWN_KEY = "store_down_this_run"


def versions() -> dict[str, int]:
    """{dataset: vintage id in force}: the data version every cached result is keyed by.

    If the database cannot be reached (restarting), the last versions this process read are used: its
    cached tables keep the pages working, and the session is told (`session_ui.store_notice`). A process
    that never reached the database raises StoreUnavailable, which the page shows in Chinese.
    """
    from sqlalchemy.exc import DBAPIError

    from store.config import database_url
    from store.engine import StoreUnavailable, unreachable

    url = database_url()
    try:
        current = _versions(url)
    except (DBAPIError, StoreUnavailable) as exc:
        if isinstance(exc, DBAPIError) and not unreachable(exc):
            raise
        if url not in _known_versions:
            raise StoreUnavailable() from exc
        st.session_state[STORE_DOWN_KEY] = True
        return _known_versions[url]
    if url not in _known_versions:
        _known_versions[url] = current
        _preload(current)
    _known_versions[url] = current
    return current


def _preload(current: dict[str, int]) -> None:
    """Once per process: read every stored table, so that a database restart later finds them all in
    memory and every page keeps working (each is parsed once anyway; together about 0.1 s)."""
    root = data_dir()
    for name, vintage_id in current.items():
        if (root / f"{name}.meta.yml").exists():
            _stored_table(name, vintage_id, str(root), _stamp(root, f"{name}.meta.yml"))


def refresh_versions() -> None:
    """After this session activated a vintage: see it now, not STORE_POLL_S later."""
    _versions.clear()


@st.cache_data(show_spinner=False)
def _raw_vintage(url: str, vintage_id: int) -> pd.DataFrame:
    from store.engine import get_engine
    from store.vintages import content

    raw = content(get_engine(url), vintage_id)
    return read_csv_text(raw, f"vintage {vintage_id}").assign(_sha=hashlib.sha256(raw).hexdigest())


@st.cache_data(show_spinner=False)
def _row_sources(url: str, vintage_id: int) -> pd.Series:
    frame = _raw_vintage(url, vintage_id)
    return frame[SOURCE_COLUMN] if SOURCE_COLUMN in frame.columns else pd.Series("", index=frame.index)


@st.cache_data(show_spinner=False)
def _stored_table(name: str, vintage_id: int, root: str, stamp_meta: int) -> pd.DataFrame:
    from store.config import database_url

    sidecar = read_sidecar(Path(root) / f"{name}.meta.yml")
    frame = _raw_vintage(database_url(), vintage_id)
    if frame["_sha"].iloc[0] != sidecar.sha256:  # an imported vintage may add years: no fixed row count
        sidecar = dataclasses.replace(sidecar, row_count=None)
    return validate_table(frame.drop(columns=["_sha"]), sidecar, file=sidecar.file)


@st.cache_data(show_spinner=False)
def _table(name: str, root: str, stamp_csv: int, stamp_meta: int) -> pd.DataFrame:
    return load_table(name, Path(root))


def _default_root(folder: Path | None) -> bool:
    return folder is None or Path(folder).resolve() == data_dir().resolve()


def table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A validated table: the store's vintage in force, else the file (data/ or a subfolder); raises
    DataError, shown by `ui.guard`. Each call gets its own copy (st.cache_data unpickles one per call)."""
    root = folder or data_dir()
    vintage_id = versions().get(name) if _default_root(folder) else None
    if vintage_id is not None:
        return _stored_table(name, vintage_id, str(root), _stamp(root, f"{name}.meta.yml"))
    return _table(name, str(root), _stamp(root, f"{name}.csv"), _stamp(root, f"{name}.meta.yml"))


def row_sources(name: str) -> pd.Series:
    """Per-row source of a stored table's imported rows ("" for rows carried from the embedded data)."""
    from store.config import database_url

    vintage_id = versions().get(name)
    if vintage_id is None:
        return pd.Series(dtype=object)
    return _row_sources(database_url(), vintage_id)


@st.cache_data(show_spinner=False)
def _vintage_labels(url: str, current: tuple) -> dict[str, str]:
    from store.engine import get_engine
    from store.vintages import vintage

    engine = get_engine(url)
    out = {}
    for name, vintage_id in current:
        info = vintage(engine, vintage_id)
        out[name] = f"第 {info.number} 版（{info.label}，{info.created_at:%Y-%m-%d}）"
    return out


def vintage_labels() -> dict[str, str]:
    """{dataset: "第 2 版（导入 x.csv，2026-12-02）"} for the vintage in force of each stored dataset."""
    from store.config import database_url

    return _vintage_labels(database_url(), tuple(sorted(versions().items())))


def stamp(*names: str) -> tuple:
    """The version of some datasets: vintage ids in force, plus the files' times for unstored ones."""
    root, current = data_dir(), versions()
    return tuple((n, current.get(n), _stamp(root, f"{n}.csv"), _stamp(root, f"{n}.meta.yml")) for n in names)


@st.cache_data(show_spinner=False)
def _parameters(root: str, stamp: int) -> dict[str, PolicyParameter]:
    return load_parameters(Path(root))


def parameters() -> dict[str, PolicyParameter]:
    root = data_dir()
    return _parameters(str(root), _stamp(root, "parameters.yml"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _indicators(version: tuple) -> tuple[IndicatorDefinition, ...]:
    return tuple(indicator_definitions(table("indicators_14th_fyp")))


def indicators() -> list[IndicatorDefinition]:
    """The 8 indicator definitions (frozen), built once per data version and shared by every session."""
    return list(_indicators(stamp("indicators_14th_fyp")))


# A figure is only read once built (st.plotly_chart serialises it; the briefing's cached slides rely on the
# same): built once per data version and language, not for every new session (bench/load.py).
@st.cache_resource(show_spinner=False, max_entries=8)
def _income_figure(version: tuple, lang: str):
    from dashboard.figures import income_forecast_figure
    from dashboard.i18n import translate

    forecasts = income_forecasts()
    return income_forecast_figure(forecasts, max(fc.forecast.index.max() for fc in forecasts.values()),
                                  lambda key, **values: translate(key, lang, **values))


def income_figure(lang: str):
    """标准测算's income forecast chart (observed, forecast, 80% / 95% intervals)."""
    return _income_figure(stamp("province_annual"), lang)


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
def _forecasts(root: str, version: tuple) -> dict:
    from store.computed import code_digest, shared

    def fit() -> dict:
        from analytics.forecast import forecast_province_income  # statsmodels: import only when needed

        return forecast_province_income(table("province_annual"), horizon=FORECAST_HORIZON)

    vintage_id = versions().get("province_annual")
    if vintage_id is None:  # read from a file, not the store: nothing to share it under
        return fit()
    key = f"income_forecasts:v{vintage_id}:h{FORECAST_HORIZON}:{code_digest(FORECAST_CODE)}"
    return shared(store_engine(), key, fit)


# The source files the forecasts are computed by: a change to any of them is a new shared result.
FORECAST_CODE = tuple(Path(__file__).resolve().parents[1] / "analytics" / name
                      for name in ("forecast.py", "loaders.py"))


FORECAST_HORIZON = 2030


def income_forecasts() -> dict:
    """Urban and rural income forecasts to 2030 (fitted once per data version, then cached)."""
    return _forecasts(str(data_dir()), stamp("province_annual"))


@st.cache_data(show_spinner=False)
def _county_folder_table(root: str, folder: str, stamp: int) -> tuple[pd.DataFrame, str]:
    from analytics.county_data import county_table as load

    return load(Path(root), Path(folder) if folder else None)


def county_table() -> tuple[pd.DataFrame, str]:
    """The county-year table in force and its status: "official" when every row was imported (from the
    store, or a folder named by JILIN_COUNTY_DATA_DIR), else "illustrative" (values then carry their own
    status: `county_status`)."""
    from analytics.county_data import DATASET, STATUS_ILLUSTRATIVE, STATUS_OFFICIAL, county_folder

    root, folder = data_dir(), county_folder()
    if folder is not None:
        stamp_ = max((p.stat().st_mtime_ns for p in folder.iterdir()), default=0) if folder.is_dir() else 0
        return _county_folder_table(str(root), str(folder), stamp_)
    sources = row_sources(DATASET)
    imported = len(sources) > 0 and bool((sources.fillna("") != "").all())
    return table(DATASET), STATUS_OFFICIAL if imported else STATUS_ILLUSTRATIVE


def county_version() -> tuple:
    """One version stamp for everything computed from the county table (the cache key of its results)."""
    from analytics.county_data import county_folder

    root, folder = data_dir(), county_folder()
    if folder and folder.is_dir():
        files = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()))
    else:
        files = stamp("county_indicators", "county_standards_observed", "counties")
    return (str(root), str(folder or ""), files)


@st.cache_data(show_spinner=False)
def _county_status(version: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    from analytics.county_data import DATASET, STATUS_OFFICIAL, county_folder
    from analytics.county_status import value_status

    county, origin = county_table()
    observed = None if origin == STATUS_OFFICIAL else table("county_standards_observed")
    folder = county_folder()
    if folder is not None:
        source = "、".join(sorted(p.name for p in folder.iterdir() if p.is_file())) if folder.is_dir() else ""
        return value_status(county, origin, observed, imported_source=source)
    return value_status(county, origin, observed, imported=row_sources(DATASET).reindex(county.index))


def county_status() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(status, source) of every value of the county table in force (see analytics.county_status)."""
    return _county_status(county_version())


def _guidance_version() -> tuple:
    root = data_dir()
    return (str(root), stamp("guidance_standards", "guidance_tiers", "province_annual", "counties"),
            _stamp(root, "parameters.yml"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _scenario_context(version: tuple):
    """Shared, never mutated (analytics functions return new frames): a resource, not a per-call copy."""
    from analytics.outcome import scenario_context

    root = Path(version[0])
    return scenario_context(table("province_annual"), load_parameters(root), income_forecasts(),
                            table("counties"), table("guidance_standards"), table("guidance_tiers"))


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

    county, _ = county_table()
    statuses, _ = county_status()
    return local_standards(county, statuses, scenario_context().guidance.codes)


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


# A page's view of a scenario (its figure, strings and frames in one language) is only read once built, like
# the results above: a slider step back to a scenario re-sends it without rebuilding (bench/interaction.py).
@st.cache_resource(show_spinner=False, max_entries=64)
def _view(page: str, key: str, version: tuple, lang: str, _build: Callable[[], T]) -> T:
    return _build()


def cached_view(page: str, scenario, lang: str, build: Callable[[], T]) -> T:
    """`build()` once per page, scenario, data version and language; `build` must depend on nothing else."""
    return _view(page, repr(scenario), (_guidance_version(), county_version()), lang, build)


@st.cache_data(show_spinner=False, max_entries=16)
def _county_metric_values(key: str, version: tuple, guidance: tuple, _scenario) -> pd.DataFrame:
    from analytics.county_metrics import all_metric_values

    county, _ = county_table()
    statuses, _ = county_status()
    params = parameters()
    result = outcome(_scenario)  # the map shows the notice years and next year, not the later projection
    return all_metric_values(county, table("counties"), statuses, gaps(_scenario),
                             float(params["tekun_multiplier"].current.value or np.nan),
                             [y for y in result.guidance.years if y <= result.next_year])


def county_metric_values(scenario) -> pd.DataFrame:
    """Every map metric for every year and county under one scenario's guidance (cached per scenario)."""
    return _county_metric_values(repr(scenario), county_version(), _guidance_version(), scenario)


@st.cache_data(show_spinner=False)
def _indicator_results(root: str, stamp_annual: tuple, stamp_params: int, county_key: tuple) -> dict:
    from analytics.guidance import notice_guidance
    from analytics.indicator_values import (
        assess_indicators,
        baseline_projections,
        county_indicator_series,
        indicator_values,
        projection_check,
        rule_standards,
    )

    annual = table("province_annual")
    parameters = load_parameters(Path(root))
    counties = table("counties")
    county, status = county_table()
    context = scenario_context()
    guidance = context.guidance.notice_province
    notices = notice_guidance(context.guidance.data, context.guidance.weights)
    observed = table("county_standards_observed")
    values = indicator_values(annual, county, parameters, counties=counties, county_status=status,
                              guidance=guidance, notices=notices, observed_counties=observed)
    return {
        "values": values,
        "statuses": assess_indicators(values),
        "projection": projection_check(baseline_projections(annual, parameters, context=context)),
        "rules": rule_standards(annual, parameters, guidance=guidance),
        "county_series": county_indicator_series(county, counties),
        "county_status": status,
    }


def indicator_results() -> dict:
    """The 8 indicators' values, statuses and 2025 projections (cached per data version)."""
    root = data_dir()
    return _indicator_results(str(root), stamp("province_annual"), _stamp(root, "parameters.yml"),
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
