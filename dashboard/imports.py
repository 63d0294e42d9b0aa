"""The import flow of 数据管理: check a return, preview what it changes, commit it as a new vintage.

Two kinds of return: a county return (`analytics.county_return`: one county, a prefecture or all 60) and a
province table (`analytics.table_return`: incomes and standards, monthly caseloads, guidance tiers). Both
are merged and diffed by `analytics.vintage_changes` and written by `store.vintages`. The preview shows
the downstream effects a department must see before data counts: which 十四五 indicator statuses change,
which counties' compliance with the guidance changes (the scenario in force), and which saved scenarios
and decks were computed on the data being replaced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analytics.county_data import DATASET as COUNTY_DATASET
from analytics.county_data import STATUS_ILLUSTRATIVE, STATUS_OFFICIAL, upload_schema
from analytics.county_return import ReturnCheck, ReturnReference, check_county_return
from analytics.errors import DataError
from analytics.paths import data_dir
from analytics.table_return import PROVINCE_DATASETS, check_table_return
from analytics.vintage_changes import Changes, changes, merge_return, vintage_csv
from dashboard import data
from dashboard.ui import t
from store.accounts import Account

# The tables the scenario context is built from: a change to one of them refits or re-tiers every scenario.
CONTEXT_DATASETS = ("province_annual", "counties", "guidance_standards", "guidance_tiers")
IMPORTABLE = (COUNTY_DATASET, *PROVINCE_DATASETS)


@dataclass(frozen=True)
class Preview:
    """A checked return and everything confirming it would change."""

    dataset: str
    check: ReturnCheck
    file_sha256: str
    active_vintage: int
    table: pd.DataFrame  # the whole table after the import
    sources: pd.Series | None  # per-row sources (county table only)
    changes: Changes
    indicators: pd.DataFrame  # 序号, 指标, 当前状态, 导入后状态 (only those that change)
    compliance: pd.DataFrame  # 县, 城乡, 年份, 当前, 导入后 (only those that change)
    saved: tuple[str, ...]  # saved scenarios / decks computed on the vintage being replaced
    blocked: str = ""  # why the analysis cannot run on the data after the import (then it cannot be confirmed)


def reference() -> ReturnReference:
    """What a county return is checked against, from the tables in force (the store's counties and notices)."""
    from analytics.guidance import guidance_data

    return ReturnReference(schema=upload_schema(data_dir()), counties=data.table("counties"),
                           zones=data.table("development_zones"),
                           guidance=guidance_data(data.table("guidance_standards"), data.table("guidance_tiers")))


def check(raw: bytes, file_name: str, account: Account, dataset: str = COUNTY_DATASET) -> ReturnCheck:
    """The report on an upload: every problem, errors and warnings (nothing is written). Province tables
    can only be imported by editors for the whole province; a county editor's upload is refused."""
    if dataset == COUNTY_DATASET:
        active, _ = data.county_table()
        return check_county_return(raw, file_name, active=active, allowed_codes=account.counties or None,
                                   reference=reference())
    if dataset not in PROVINCE_DATASETS:
        raise ValueError(f"{dataset} cannot be imported")
    if account.counties:
        raise PermissionError("province tables need a province-wide account")
    return check_table_return(raw, file_name, data.sidecars()[dataset], data.table(dataset))


def _statuses(county: pd.DataFrame, sources: pd.Series, observed: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    from analytics.county_status import value_status

    origin = STATUS_OFFICIAL if bool((sources.fillna("") != "").all()) else STATUS_ILLUSTRATIVE
    status, _ = value_status(county, origin, None if origin == STATUS_OFFICIAL else observed, imported=sources)
    return status, origin


def _context(tables: Callable[[str], pd.DataFrame], changed: set[str]):
    """The scenario context on the candidate tables (refitting the income forecasts only if incomes changed)."""
    if not changed & set(CONTEXT_DATASETS):
        return data.scenario_context(), False
    from analytics.forecast import forecast_province_income
    from analytics.outcome import scenario_context

    annual = tables("province_annual")
    forecasts = (forecast_province_income(annual, horizon=data.FORECAST_HORIZON) if "province_annual" in changed
                 else data.income_forecasts())
    return scenario_context(annual, data.parameters(), forecasts, tables("counties"), tables("guidance_standards"),
                            tables("guidance_tiers")), True


def _downstream(overrides: dict[str, pd.DataFrame], county: pd.DataFrame, sources: pd.Series, scenario
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(indicator status changes, compliance changes) if `overrides` replaced the tables in force."""
    from analytics.compliance import guidance_gaps, local_standards
    from analytics.guidance import notice_guidance
    from analytics.indicator_values import assess_indicators, indicator_values
    from analytics.outcome import scenario_outcome

    def tables(name: str) -> pd.DataFrame:
        return overrides[name] if name in overrides else data.table(name)

    context, rebuilt = _context(tables, set(overrides))
    status, origin = _statuses(county, sources, tables("county_standards_observed"))
    values = indicator_values(
        tables("province_annual"), county, data.parameters(), counties=tables("counties"), county_status=origin,
        guidance=context.guidance.notice_province,
        notices=notice_guidance(context.guidance.data, context.guidance.weights),
        observed_counties=tables("county_standards_observed"))
    after = assess_indicators(values).set_index("number")["status"]
    now = data.indicator_results()["statuses"].set_index("number")["status"]
    names = {i.number: i.name for i in data.indicators()}
    differ = [n for n in now.index if now[n] != after.get(n)]
    indicators = pd.DataFrame({t("admin.ind.number"): differ, t("admin.ind.name"): [names.get(n, "") for n in differ],
                               t("admin.ind.now"): [now[n] for n in differ],
                               t("admin.ind.after"): [after.get(n, "") for n in differ]})

    outcome = scenario_outcome(scenario, context) if rebuilt else data.outcome(scenario)
    gaps_after = guidance_gaps(outcome.guidance, local_standards(county, status, context.guidance.codes))
    gaps_now = data.gaps(scenario)
    key = ["side", "year", "code"]
    both = gaps_now[key + ["state"]].merge(gaps_after[key + ["state"]], on=key, how="outer",
                                           suffixes=("_now", "_after"))
    moved = both[both["state_now"].fillna("") != both["state_after"].fillna("")]
    county_names = data.table("counties").set_index("code")["name"]
    def state(values: pd.Series) -> list[str]:
        return [t(f"admin.state.{v}") if isinstance(v, str) and v else "—" for v in values]

    columns = [t("admin.cell.county"), t("admin.comp.side"), t("admin.cell.year"), t("admin.comp.now"),
               t("admin.comp.after")]
    compliance = pd.DataFrame(dict(zip(columns, [
        moved["code"].map(county_names).to_numpy(), [t(f"admin.side.{v}") for v in moved["side"]],
        moved["year"].astype(int).to_numpy(), state(moved["state_now"]), state(moved["state_after"])],
        strict=True))).sort_values([columns[2], columns[1], columns[0]], kind="stable").reset_index(drop=True)
    return indicators, compliance


def preview(result: ReturnCheck, raw: bytes, scenario, dataset: str = COUNTY_DATASET) -> Preview:
    """What confirming `result` would change. A return with errors has no preview (and so no commit)."""
    from store.saved import pinned_to

    if result.errors or result.table is None:
        raise ValueError(f"{result.file} has {len(result.errors)} errors: it cannot be previewed or imported")
    digest = hashlib.sha256(raw).hexdigest()
    active_vintage = data.versions()[dataset]
    county, _ = data.county_table()
    county_sources = data.row_sources(COUNTY_DATASET).reindex(county.index).fillna("")
    if dataset == COUNTY_DATASET:
        table, sources = merge_return(county, county_sources, result.table, f"{result.file}（sha256 {digest[:12]}）")
        active, overrides, county_after, sources_after = county, {}, table, sources
    else:
        sidecar = data.sidecars()[dataset]
        active = data.table(dataset)
        table, _ = merge_return(active, pd.Series("", index=active.index), result.table, "", tuple(sidecar.unique))
        sources, overrides, county_after, sources_after = None, {dataset: table}, county, county_sources
    blocked = ""
    try:
        indicators, compliance = _downstream(overrides, county_after, sources_after, scenario)
    except (ValueError, DataError) as exc:  # the analyses' own checks, in Chinese: the data would break them
        blocked, indicators, compliance = str(exc), pd.DataFrame(), pd.DataFrame()
    return Preview(
        dataset=dataset, check=result, file_sha256=digest, active_vintage=active_vintage, table=table,
        sources=sources, changes=changes(active, table, tuple(data.sidecars()[dataset].unique) or ("code", "year")),
        indicators=indicators, compliance=compliance,
        saved=tuple(item.name for item in pinned_to(data.store_engine(), dataset, active_vintage)),
        blocked=blocked,
    )


def commit(item: Preview, account: Account, note: str) -> int:
    """Write the previewed table as the next vintage and put it in force. Returns the vintage id."""
    from store.vintages import add_vintage

    if item.blocked:
        raise DataError(item.check.file, item.blocked)

    title = data.sidecars()[item.dataset].title
    provenance = {"title": f"{title}（导入）", "producer": f"导入：{account.name}",
                  "source": f"上传文件 {item.check.file}",
                  "status": "per_value" if item.dataset == COUNTY_DATASET else "per_row",
                  "status_note": ("导入行为官方数据（出处为上传文件），其余行沿用上一版本及其状态"
                                  if item.dataset == COUNTY_DATASET else "每行的状态与出处为文件所填")}
    vintage_id = add_vintage(
        data.store_engine(), item.dataset, vintage_csv(item.table, item.sources), author=account.name,
        file_name=item.check.file, file_sha256=item.file_sha256, note=note, provenance=provenance,
        label=f"导入 {item.check.file}", expected_active=item.active_vintage)
    data.refresh_versions()
    return vintage_id
