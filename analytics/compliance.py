"""Counties against their guidance: met, below by how much, or unknown; and the cost of lifting them.

A county's local standard must be at least its tier's guidance standard (吉民发〔2022〕15号, 吉民发〔2023〕67号).
`guidance_gaps` puts the county table beside a scenario's guidance (`analytics.guidance.ScenarioGuidance`)
for every guidance year: the same function feeds the map's gap metric and 标准测算's list of counties
below next year's guidance, so the two can never disagree. For a year after the county table's last year
(next year), the local standard is the latest one in the table (what the county pays today).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.guidance import SIDES, ScenarioGuidance
from analytics.guidance import object_frame as _frame
from analytics.provenance import weakest_of

MONTHS_PER_YEAR = 12
# A standard equal to its guidance meets it even when floating point gives 599.9999999.
MET_TOLERANCE_YUAN = 1e-6

MET = "met"
BELOW = "below"
UNKNOWN_TIER = "unknown_tier"  # no guidance: the county's tier is not in the stored notice
NO_STANDARD = "no_standard"  # no local standard for that year
COMPLIANCE_STATES = (MET, BELOW, UNKNOWN_TIER, NO_STANDARD)
STANDARD_COLUMN = {"urban": "urban_standard_month", "rural": "rural_standard_month"}
RECIPIENTS_COLUMN = {"urban": "urban_recipients", "rural": "rural_recipients"}

GAP_COLUMNS = ("side", "year", "code", "local_year", "local_month", "local_status", "tier", "tier_status",
               "guidance_month", "guidance_status", "gap_month", "state", "shortfall_month", "status")


def _states(local: np.ndarray, guide: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The compliance rule on arrays: (state, shortfall). The one implementation behind both functions below."""
    gap = local - guide
    state = np.select([np.isnan(guide), np.isnan(local), gap >= -MET_TOLERANCE_YUAN],
                      [UNKNOWN_TIER, NO_STANDARD, MET], BELOW).astype(object)
    shortfall = np.where(state == BELOW, -gap, np.where(state == MET, 0.0, np.nan))
    return state, shortfall


def compliance(local_month: pd.Series, guidance_month: pd.Series) -> pd.DataFrame:
    """Local standard against guidance, county by county: state, gap (local − guidance) and shortfall.

    state: ``met`` (local ≥ guidance), ``below`` (shortfall = guidance − local > 0), ``unknown_tier`` (no
    guidance), ``no_standard`` (no local standard). An unknown is reported as such, never as met or below;
    its shortfall is NaN, a met county's 0. Both Series are indexed by county code (元/人·月).
    """
    codes = guidance_month.index.union(local_month.index, sort=False)
    local = local_month.reindex(codes).to_numpy(dtype=float)
    guide = guidance_month.reindex(codes).to_numpy(dtype=float)
    state, shortfall = _states(local, guide)
    return pd.DataFrame({"local_month": local, "guidance_month": guide, "gap_month": local - guide,
                         "state": state, "shortfall_month": shortfall}, index=codes)


@dataclass(frozen=True)
class LocalStandards:
    """The county table's standards and caseloads as year × county arrays (built once per data version).

    The county axis follows `codes` (the county table's order, the same as the guidance's); a county or
    year missing from the table is NaN / "".
    """

    codes: np.ndarray
    years: np.ndarray  # ascending

    def codes_match(self, guidance: ScenarioGuidance) -> bool:
        """Same county order as the guidance: its rows' code_index can address these arrays directly."""
        return len(self.codes) == len(guidance.codes) and bool((self.codes == guidance.codes).all())
    value: Mapping[str, np.ndarray]  # side -> years × codes, 元/人·月
    status: Mapping[str, np.ndarray]  # side -> years × codes, the value's status
    recipients: Mapping[str, np.ndarray]  # side -> years × codes, persons


def local_standards(table: pd.DataFrame, value_status: pd.DataFrame, codes: list[str]) -> LocalStandards:
    """`LocalStandards` from the county table and its value statuses (`analytics.county_status`)."""
    years = np.array(sorted(int(y) for y in table["year"].unique()), dtype="int64")
    row = pd.Index(years).get_indexer(table["year"].astype(int))
    col = pd.Index(codes).get_indexer(table["code"])
    ok = col >= 0

    def grid(values: np.ndarray, fill: object, dtype: object) -> np.ndarray:
        out = np.full((len(years), len(codes)), fill, dtype=dtype)
        out[row[ok], col[ok]] = values[ok]
        return out

    return LocalStandards(
        codes=np.asarray(codes, dtype=object), years=years,
        value={side: grid(table[c].to_numpy(dtype=float), np.nan, float) for side, c in STANDARD_COLUMN.items()},
        status={side: grid(value_status[c].to_numpy(dtype=object), "", object)
                for side, c in STANDARD_COLUMN.items()},
        recipients={side: grid(table[c].astype("float64").to_numpy(), np.nan, float)
                    for side, c in RECIPIENTS_COLUMN.items()})


def guidance_gaps(guidance: ScenarioGuidance, local: LocalStandards, years: list[int] | None = None
                  ) -> pd.DataFrame:
    """Every county against its guidance for each guidance year (default: all of them), long (`GAP_COLUMNS`).

    local_year is the year of the local standard compared: the same year while the county table has it,
    else its latest year (for next year and after). status is the weakest of the local value's status
    (`analytics.county_status.value_status`) and the guidance value's (assumed / scenario / official ...).
    A guidance year before the table's first year, or between its years without a row, is left out.
    Vectorised: one pass over all the rows asked for.
    """
    rows = guidance.arrays(years)
    year = rows["year"].astype("int64")
    local_year = np.where(np.isin(year, local.years), year, np.where(year > local.years[-1], local.years[-1], -1))
    keep = local_year >= local.years[0]
    rows = {k: v[keep] for k, v in rows.items()}
    year, local_year = year[keep], local_year[keep]
    y = np.searchsorted(local.years, local_year)
    c = rows["code_index"].astype(int) if local.codes_match(guidance) else \
        pd.Index(local.codes).get_indexer(rows["code"])
    side = rows["side"]
    local_value = np.full(len(year), np.nan)
    local_status = np.full(len(year), "", dtype=object)
    for name in SIDES:
        mask = (side == name) & (c >= 0)
        local_value[mask] = local.value[name][y[mask], c[mask]]
        local_status[mask] = local.status[name][y[mask], c[mask]]
    guide = rows["value_month"].astype(float)
    state, shortfall = _states(local_value, guide)
    tier = rows["tier"].astype(float)
    out = _frame({
        "side": side, "year": year, "code": rows["code"], "local_year": local_year,
        "local_month": local_value, "local_status": local_status, "tier": tier,
        "tier_status": rows["tier_status"], "guidance_month": guide,
        "guidance_status": rows["status"], "gap_month": local_value - guide, "state": state,
        "shortfall_month": shortfall, "status": weakest_of(local_status, rows["status"])})
    out["tier"] = pd.array(np.where(np.isnan(tier), np.nan, tier), dtype="Int64")
    return out


def lifting_cost(gaps: pd.DataFrame, local: LocalStandards) -> pd.DataFrame:
    """Yearly cost (元) of lifting every county below its guidance up to it, per county and side.

    cost = recipients × shortfall × 12, with the recipients of the local standard's year (the table's
    latest year for next year). Assumes the caseload stays as it is and each recipient's gap payment (差额补助)
    rises by the shortfall; households a higher standard makes newly eligible are not counted, so this is a
    lower bound. Columns side, year, code, recipients, shortfall_month, cost_year.
    """
    y = np.searchsorted(local.years, gaps["local_year"].to_numpy(dtype="int64"))
    c = pd.Index(local.codes).get_indexer(gaps["code"].to_numpy(dtype=object))
    side = gaps["side"].to_numpy(dtype=object)
    recipients = np.full(len(gaps), np.nan)
    for name in SIDES:
        mask = (side == name) & (c >= 0)
        recipients[mask] = local.recipients[name][y[mask], c[mask]]
    shortfall = gaps["shortfall_month"].fillna(0.0).to_numpy(dtype=float)
    return _frame({"side": side, "year": gaps["year"].to_numpy(), "code": gaps["code"].to_numpy(dtype=object),
                   "recipients": recipients, "shortfall_month": shortfall,
                   "cost_year": recipients * shortfall * MONTHS_PER_YEAR})
