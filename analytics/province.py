"""Province-level series and headline figures, from the long tables as published.

Missing years stay missing: the standards are known only for 2015 (derived) and 2020 (official),
and nothing here interpolates between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

INCOME = {"urban": "urban_disposable_income", "rural": "rural_disposable_income"}
STANDARD = {"urban": "urban_dibao_standard", "rural": "rural_dibao_standard"}
CHART_SERIES = (INCOME["urban"], INCOME["rural"], STANDARD["urban"], STANDARD["rural"])


@dataclass(frozen=True)
class Figure:
    """One headline number with what a reader needs to trust it."""

    key: str
    value: float
    unit: str
    period: str
    status: str  # official / derived / recalled / illustrative
    source: str
    change_pct: float | None = None  # change on the previous period, in %


def series(annual: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One indicator's rows (year, value, status, source), sorted by year."""
    rows = annual.loc[annual["indicator"] == indicator, ["year", "value", "status", "source", "note"]]
    return rows.sort_values("year").reset_index(drop=True)


def chart_frame(annual: pd.DataFrame, indicators: tuple[str, ...] = CHART_SERIES) -> pd.DataFrame:
    """Tidy frame for the standards-vs-income chart: every year of the span for every series.

    Years without a published value are present with value NaN so that a line drawn from this frame
    breaks there instead of joining two distant points.
    """
    chosen = annual[annual["indicator"].isin(indicators)]
    years = range(int(chosen["year"].min()), int(chosen["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([list(indicators), list(years)], names=["indicator", "year"])
    frame = (
        chosen.set_index(["indicator", "year"])[["value", "status", "source"]]
        .reindex(grid)
        .reset_index()
    )
    frame["year"] = frame["year"].astype(int)
    return frame


def latest_with_growth(annual: pd.DataFrame, indicator: str, key: str, unit: str) -> Figure:
    """The latest value of a yearly series and its change on the year before (if that year exists)."""
    rows = series(annual, indicator)
    last = rows.iloc[-1]
    previous = rows[rows["year"] == last["year"] - 1]
    change = None if previous.empty else (last["value"] / previous["value"].iloc[0] - 1) * 100
    return Figure(key, float(last["value"]), unit, str(int(last["year"])), last["status"], last["source"], change)


def value_in(annual: pd.DataFrame, indicator: str, year: int, key: str, unit: str) -> Figure:
    rows = series(annual, indicator)
    row = rows[rows["year"] == year]
    if row.empty:
        raise KeyError(f"{indicator} has no value for {year}")
    r = row.iloc[0]
    return Figure(key, float(r["value"]), unit, str(year), r["status"], r["source"])


def rural_urban_ratio(annual: pd.DataFrame, year: int) -> Figure:
    """Indicator 2 of the plan: rural standard / urban standard, in %."""
    urban = value_in(annual, STANDARD["urban"], year, "urban", "")
    rural = value_in(annual, STANDARD["rural"], year, "rural", "")
    # A ratio of two published figures is itself a derived figure.
    return Figure("rural_urban_ratio", rural.value / urban.value * 100, "%", str(year), "derived", urban.source)


def caseload_latest(monthly: pd.DataFrame) -> dict[str, Figure]:
    """Latest month with both urban and rural counts: dibao and tekun persons, in 万人."""
    wanted = {
        "dibao_persons": ("urban_dibao_recipients", "rural_dibao_recipients"),
        "tekun_persons": ("urban_tekun_recipients", "rural_tekun_recipients"),
    }
    out: dict[str, Figure] = {}
    for key, parts in wanted.items():
        have = monthly[monthly["indicator"].isin(parts)].pivot(index="month", columns="indicator", values="value")
        complete = have.dropna()
        month = complete.index.max()
        source = monthly.loc[(monthly["month"] == month) & monthly["indicator"].isin(parts), "source"].iloc[0]
        out[key] = Figure(key, float(complete.loc[month].sum()) / 1e4, "万人", month, "official", source)
    return out


def census_population(counties: pd.DataFrame, zones: pd.DataFrame) -> Figure:
    """Province 2020 census population: the 60 counties plus the 9 development zones, in 万人."""
    total = int(counties["pop_2020_census"].sum()) + int(zones["pop_2020_census"].sum())
    return Figure("population", total / 1e4, "万人", "2020", "official", "第七次全国人口普查分县资料")
