"""The tables and figures 标准测算 shows for next year's guidance: the tiers, the counties below, the cost.

Pure assembly of what `analytics.outcome` and `analytics.compliance` computed, so the page stays layout
(REVIEW.md: pivots and medians belong in analytics, not in pages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.compliance import BELOW, MET, NO_STANDARD, UNKNOWN_TIER
from analytics.guidance import SIDES, TIER_ASSUMED, TIER_MOVED
from analytics.outcome import ScenarioOutcome

MONTHS_PER_YEAR = 12
YUAN_PER_WAN = 1e4
PERCENT = 100.0


@dataclass(frozen=True)
class GuidanceSummary:
    """Next year's guidance in a few numbers (the page's key figures)."""

    year: int
    weighted_month: Mapping[str, float]  # side -> population-weighted guidance
    rule_month: Mapping[str, float]  # side -> the 24号 ratio rule's province value
    rural_urban_pct: float  # indicator 2 from the tiers (population-weighted rural / urban)
    below: Mapping[str, int]  # side -> counties below their guidance
    unknown: Mapping[str, int]  # side -> counties whose comparison is unknown (no tier / no local standard)
    assumed: Mapping[str, int]  # side -> counties whose tier is assumed (推定)
    moved: Mapping[str, int]
    cost_year: float  # 元 a year to lift every county below to its guidance
    counties_below: int  # counties below on either side
    local_year: int  # the year of the local standards compared


def summary(outcome: ScenarioOutcome, gaps: pd.DataFrame, costs: pd.DataFrame) -> GuidanceSummary:
    """`GuidanceSummary` for next year from its gaps (`guidance_gaps(..., [next_year])`) and costs."""
    year = outcome.next_year
    rows = gaps[gaps["year"] == year]
    province = outcome.guidance.province.loc[year]
    weighted = {side: float(province[f"{side}_month"]) for side in SIDES}
    by_side = {side: rows[rows["side"] == side] for side in SIDES}
    return GuidanceSummary(
        year=year, weighted_month=weighted,
        rule_month={side: float(outcome.rule.at[year, side]) for side in SIDES},
        rural_urban_pct=weighted["rural"] / weighted["urban"] * PERCENT,
        below={side: int((part["state"] == BELOW).sum()) for side, part in by_side.items()},
        unknown={side: int(part["state"].isin([UNKNOWN_TIER, NO_STANDARD]).sum()) for side, part in by_side.items()},
        assumed={side: int((part["tier_status"] == TIER_ASSUMED).sum()) for side, part in by_side.items()},
        moved={side: int((part["tier_status"] == TIER_MOVED).sum()) for side, part in by_side.items()},
        cost_year=float(costs.loc[costs["year"] == year, "cost_year"].sum()),
        counties_below=int(rows.loc[rows["state"] == BELOW, "code"].nunique()),
        local_year=int(rows["local_year"].max()) if len(rows) else year - 1,
    )


def tier_table(outcome: ScenarioOutcome, side: str, income: pd.Series, lag: int) -> pd.DataFrame:
    """One row per tier: the latest notice's value, next year's, the change, the implied income ratio and the
    number of counties in the tier next year.

    implied_ratio = next value × 12 / income(next year − lag) (the income path of the scenario), to read
    beside the 24号 rule's single ratio; the latest notice's ratio uses the published income.
    Columns tier, latest_month, next_month, change_pct, latest_ratio, next_ratio, counties, basis.
    """
    guidance = outcome.guidance
    year = guidance.next_year
    latest_year = max(y for y in guidance.notice_arrays["year"] if y < year)
    # Arrays, not frames: this table is redrawn on every slider step.
    t = guidance.tier_arrays
    upcoming = (t["year"] == year) & (t["side"] == side)
    tiers = t["tier"][upcoming].astype(int)
    latest = dict(zip(t["tier"][(t["year"] == latest_year) & (t["side"] == side)].astype(int),
                      t["value_month"][(t["year"] == latest_year) & (t["side"] == side)], strict=True))
    latest_month = np.array([latest.get(k, np.nan) for k in tiers], dtype=float)
    next_month = t["value_month"][upcoming].astype(float)
    f = guidance.future_arrays
    now = f["tier"][(f["year"] == year) & (f["side"] == side)]
    counts = np.bincount(now[~np.isnan(now)].astype(int), minlength=int(tiers.max()) + 1)
    return pd.DataFrame({
        "tier": tiers, "latest_month": latest_month, "next_month": next_month,
        "change_pct": (next_month / latest_month - 1) * PERCENT,
        "latest_ratio": latest_month * MONTHS_PER_YEAR / float(income.get(latest_year - lag, np.nan)),
        "next_ratio": next_month * MONTHS_PER_YEAR / float(income.get(year - lag, np.nan)),
        "counties": counts[tiers], "basis": pd.Series(t["basis"][upcoming], dtype=object).to_numpy()})


def county_table(gaps: pd.DataFrame, costs: pd.DataFrame, counties: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every county's guidance next year beside its current standard, both sides, one row per county and side.

    Columns code, name, prefecture, side, tier, tier_status, guidance_month, local_year, local_month,
    local_status, gap_month, state, shortfall_month, recipients, cost_wan_year (万元/年), status. Sorted with
    the counties below first (largest cost first), then by code.
    """
    # `lifting_cost` keeps the rows of `gaps` in order, so the two line up without a merge (a slider step).
    pick = (gaps["year"] == year).to_numpy()
    rows = gaps[pick]
    cost = costs[(costs["year"] == year).to_numpy()]
    if len(cost) != len(rows) or (cost["code"].to_numpy() != rows["code"].to_numpy()).any():
        cost = rows[["side", "code"]].merge(cost, on=["side", "code"], how="left")
    names = counties.set_index("code")
    codes = rows["code"].to_numpy(dtype=object)
    order = {BELOW: 0, UNKNOWN_TIER: 1, NO_STANDARD: 2, MET: 3}
    cost_year = cost["cost_year"].to_numpy(dtype=float)
    rank = np.lexsort((rows["side"].to_numpy(dtype=object).astype(str), codes.astype(str),
                       -np.nan_to_num(cost_year), np.array([order[s] for s in rows["state"]])))
    out = rows.iloc[rank].reset_index(drop=True)
    out["name"] = names["name"].reindex(out["code"]).to_numpy(dtype=object)
    out["prefecture"] = names["prefecture"].reindex(out["code"]).to_numpy(dtype=object)
    out["recipients"] = cost["recipients"].to_numpy(dtype=float)[rank]
    out["cost_wan_year"] = cost_year[rank] / YUAN_PER_WAN
    columns = ["code", "name", "prefecture", "side", "tier", "tier_status", "guidance_month", "local_year",
               "local_month", "local_status", "gap_month", "state", "shortfall_month", "recipients",
               "cost_wan_year", "status"]
    return out[columns]


def county_history(code: str, gaps: pd.DataFrame, table: pd.DataFrame, statuses: pd.DataFrame,
                   last_year: int) -> pd.DataFrame:
    """One county's standards beside its guidance, every year from the table's first to `last_year`.

    One row per (side, year): local_month and local_status (the table's value of that year; NaN after the
    table ends), tier, tier_status, guidance_month, guidance_status and gap_month (from `gaps`, NaN in a year
    with no notice), state. What the map shows when a county is clicked: its tier history and its standard
    against its tier.
    """
    rows = table[table["code"] == code]
    years = range(int(table["year"].min()), last_year + 1)
    parts = []
    for side in SIDES:
        column = f"{side}_standard_month"
        local = pd.Series(rows[column].to_numpy(dtype=float), index=rows["year"].astype(int).to_numpy())
        local_status = pd.Series(statuses.loc[rows.index, column].to_numpy(dtype=object),
                                 index=rows["year"].astype(int).to_numpy())
        mine = gaps[(gaps["code"] == code) & (gaps["side"] == side)].set_index("year")
        parts.append(pd.DataFrame({
            "side": side, "year": list(years), "local_month": local.reindex(years).to_numpy(),
            "local_status": local_status.reindex(years).fillna("").to_numpy(dtype=object),
            "tier": mine["tier"].reindex(years).astype("Int64").to_numpy(),
            "tier_status": mine["tier_status"].reindex(years).fillna("").to_numpy(dtype=object),
            "guidance_month": mine["guidance_month"].reindex(years).to_numpy(dtype=float),
            "guidance_status": mine["guidance_status"].reindex(years).fillna("").to_numpy(dtype=object),
            "gap_month": mine["gap_month"].reindex(years).to_numpy(dtype=float),
            "local_year": mine["local_year"].reindex(years).to_numpy(),
            "state": mine["state"].reindex(years).fillna("").to_numpy(dtype=object),
        }))
    return pd.concat(parts, ignore_index=True)
