"""Build the county-year table (示例数据，含各县实际标准) and the template for real county data.

What is real, what is illustrative
    County caseloads and service figures for Jilin are not published, and county 低保 standards only in
    scattered notices. The county pages still need a full table, so this script generates one that is
    plausible and consistent with everything that IS published, and labels it 示例数据 everywhere. The
    standards counties actually set (data/county_standards_observed.csv) are part of it: every observed value
    of a county-year in the table is written UNCHANGED (a value published per year is divided by 12 and
    rounded to 0.01 元, nothing else), and the script invents only the gaps, obeying the real rules around
    the real values. The status therefore belongs to each cell (sidecar status ``per_value``;
    analytics.county_status.value_status says which cells are real). The whole table is replaced by real
    figures as soon as a user supplies them (see analytics/county_data.py).

Inputs (all repo files, validated by analytics.loaders)
    data/counties.csv                   census population, urban share, 65+ share, kind, prefecture, former
                                        poverty and border status
    data/province_annual.csv            2020 province standards (6,552 / 4,372 元/人·年), disposable incomes
    data/assistance_monthly.csv         province urban/rural 低保 and 特困 recipients, latest month of each year
    data/context_points.csv             长春 2023-11 urban/rural 低保 recipients
    data/county_standards_observed.csv  standards counties set: the 2018 provincial approval table (urban 59
                                        counties, rural 24) and county notices (延吉 2015–2017, 2024 derived,
                                        2025; 德惠 2017; 龙井 2020; 吉林市's districts 2022; 临江 2023 derived,
                                        2024), 特困 standards among them
    data/guidance_standards.csv,        the provincial minimum guidance standards (省定最低指导标准) by tier for
    data/guidance_tiers.csv             2021 (derived = 2022), 2022 and 2024, and each county's tier, read with
                                        analytics.guidance (assume_unknown: the 36 rural tiers of 2024 the
                                        stored notice does not show are taken from 2022, 推定)
    data/parameters.yml                 income lag of the guidance rule, 特困 multiplier and base-year lag,
                                        poverty-line floor

Method (the same text, in Chinese, is the sidecar's `method`)
    One numpy Generator seeded with SEED draws every random number in a fixed order (caseloads, 特困 persons,
    temporary assistance, service network, then standards): running the script twice writes identical
    bytes, and a change to the standards leaves the other columns as they are. Years 2018–2024, all 60
    counties every year. 2018 and 2019 rows hold the 低保 standards only: nothing supports county caseloads,
    特困 standards or service figures for them, so those cells are blank.

    * Recipients 2021–2024 (2020: none, the province published no 2020 caseload). Each year's province
      total is the latest month published in that year (2021-09, 2022-07, 2023-11, 2024-11). It is
      allocated to counties in proportion to urban (rural) census population × a need weight: former
      poverty counties ×1.40 (national) / ×1.25 (provincial), border counties ×1.10, × (65+ share / its
      provincial mean), × a county effect (lognormal, σ = 0.15, fixed across years) × a yearly wobble
      (lognormal, σ = 0.03). 长春's 11 counties together receive 长春's published share of 2023-11
      (53,734 / 282,462 urban; 102,519 / 516,350 rural) of every year's total, so 2023 matches 长春's
      figures exactly; the rest of the province gets the remainder. Integer persons by largest-remainder
      rounding, so county sums equal the province totals exactly. No rural population (南关区) → 0.
    * 特困 persons 2021–2024: the province's urban and rural 特困 totals of the same months, allocated in
      proportion to urban (rural) population × (65+ share / mean)² × need weight × county effect, each side
      rounded by largest remainder, then added. (The 2022-05 report gives only a total; 2022-07, the month
      used, has both sides.)
    * Temporary assistance 2021–2024 (人次/年) ≈ 0.15 × all 低保 recipients × noise. There is no province
      total: NOT reconciled, purely illustrative.
    * Service network 2020–2024: approval delegated to townships, social-work station coverage, village
      assistance coordinators rise from seeded 2020 levels towards 100 %; nursing-bed share towards a county
      target around 50 %; care institutions small counts, ≥ 1 from 2022 in all but 3 seeded counties (the
      2022 target); 12345 hotline 0/1, all 1 by 2023. All values seeded, clipped to [0, 1].
    * 低保 standards. The rules every value obeys, real or invented (checked while building; the tests
      check them again):
        - never cut from one year to the next; real values outside the table's years (延吉 2015–2017 and
          2025, 德惠 2017) bound the series too;
        - in 2021, 2022 and 2024 at least the county's guidance from its tier (2024 rural: the assumed tier
          where the notice is cut off);
        - rural at least the poverty line, 4,000 元/年 (parameter poverty_line_floor; 333.4 元/月, rounded
          up to the 角), from 2020 on only: the real 2018 table still has rural standards of 3,600 元/年.
      So each invented value lies between a lower bound (the previous year's value, the largest real value
      of an earlier year, the guidance, the floor) and an upper bound (the smallest real value of a later
      year). Where real values leave no room (a real value below an earlier real value, or below what the
      guidance requires of an earlier year), the script stops with SystemExit naming the county and the
      years. Years are filled in the order 2018, 2020, 2019, 2021, 2022, 2024, 2023:
        - 2018, the real provincial approval table (urban 59 counties, rural 24). 江源区's urban standard,
          absent from the stored table, is the mean of the real values of its prefecture's counties of
          the same kind (浑江区: 540). The 36 missing rural standards = the median real 2018 rural standard
          of its kind (districts 317; counties and county-level cities 304.17 元/月) × a seeded factor
          0.97–1.03, within the range of the real 2018 rural values (300–410 元/月) and not below an
          earlier real value (延吉 2017: 4,400 元/年). Outside 长春's core districts the real 2018 rural
          standards are all 300–317 元/月, whatever the urban standard, so no urban-based model is used.
        - 2020: the province's published 2020 standards (546.0 and 364.33 元/人·月) are the population-
          weighted means (urban weighted by urban, rural by rural census population). Every free county
          moves from its 2018 value the same share θ of the way towards its 2021 guidance (× lognormal
          noise, σ = 0.03), clipped to its bounds (at least its 2018 value, and the floor for rural; at most
          a later real value); θ is found by bisection so that the weighted mean over all 60 counties, the
          real 2020 values (龙井) included, equals the province's standard.
        - 2019: between its neighbours, 2018 + u × (2020 − 2018), u uniform in [0.25, 0.75].
        - 2021, 2022, 2024: the previous value grown at the province rule's implied rate,
          income(t−2)/income(t−3) (parameter dibao_income_lag_years; never below 1; 2024 grows from 2022
          over two years), × a seeded wobble of at most ±1 %, and at least the guidance raised by a seeded
          0.2–3 %. Where a later real value is lower than that, the value is the largest the real value
          allows, never below the guidance (吉林市's districts 2021 = 600 / 410, 临江 2021–2022 = 550 / 410,
          延吉 urban 2021–2023 = 660, its real 2024 value).
        - 2023 (no guidance notice found): 2022 grown at the 2023 rate × wobble, kept between 2022 and 2024.
    * 特困 standards 2021–2024 (none before): the observed ones are kept (吉林市's districts 2022, 临江 2024);
      the rest = 1.3 × the county's previous-year 低保 standard in the table (parameters tekun_multiplier and
      tekun_base_year_lag), rounded up to the 角.
    Invented money is rounded to 0.1 元, real standards to 0.01 元, shares to 4 decimals.

Outputs
    data/county_indicators.csv and its sidecar county_indicators.meta.yml (status: per_value);
    data/templates/county_indicators_template.csv (UTF-8 with BOM) and .xlsx (sheet 数据 + 说明), and the
    template's sidecar. Columns, headers and the schema all come from analytics.county_data.COLUMNS.

    python data/scripts/build_county_illustrative.py    # prints the reconciliation summary
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parents[1]
REPO = DATA.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from analytics.county_data import COLUMNS  # noqa: E402
from analytics.county_status import observed_months  # noqa: E402
from analytics.guidance import assume_unknown, county_values, guidance_data  # noqa: E402
from analytics.loaders import load_table  # noqa: E402
from analytics.parameters import PolicyParameter, load_parameters  # noqa: E402
from analytics.standards import observed_incomes, observed_standards  # noqa: E402

SEED = 20261123
YEARS = tuple(range(2018, 2025))
BASE_YEAR = 2018  # the real provincial approval table
RECONCILE_YEAR = 2020  # the province's published standards are the weighted means
SERVICE_YEARS = tuple(range(2020, 2025))
CASELOAD_YEARS = tuple(range(2021, 2025))
TEKUN_YEARS = tuple(range(2021, 2025))
FLOOR_FROM = 2020  # the rural floor (poverty line) holds from 2020; the 2018 table has 3,600 元/年
# The order the standards are filled in: 2019 and 2023 lie between neighbours filled before them.
FILL_ORDER = (2018, 2020, 2019, 2021, 2022, 2024, 2023)
ANCHOR_YEAR = 2023  # 长春's caseload is published for 2023-11
CHANGCHUN = "220100"
CHANGCHUN_CORE = ("220102", "220103", "220104", "220105", "220106")  # one 2018 row: 长春市(不含双阳区、九台区)
SIDES = ("urban", "rural")
MONTHS = 12
STANDARD_COLUMN = {side: f"{side}_standard_month" for side in SIDES}
TEKUN_COLUMN = {side: f"tekun_{side}_standard_month" for side in SIDES}
REAL_DIGITS = 2  # observed values: 元/人·年 ÷ 12, rounded to 0.01 元 (the only change made to them)
TOLERANCE = 1e-6

POVERTY_NEED = {"national": 1.40, "provincial": 1.25, "none": 1.0}
BORDER_NEED = 1.10
COUNTY_EFFECT_SIGMA = 0.15
YEAR_WOBBLE_SIGMA = 0.03
ANCHOR_NOISE_SIGMA = 0.03
RURAL_BASE_FACTOR = (0.97, 1.03)  # 2018 rural gaps: the median real value of the kind × this
BETWEEN_SHARE = (0.25, 0.75)
STANDARD_GROWTH_WOBBLE = 0.01
LIFT_MARGIN = (0.002, 0.03)
TEMPORARY_PER_RECIPIENT = 0.15
CARE_LATE = 3

OUT_CSV = DATA / "county_indicators.csv"
OUT_META = DATA / "county_indicators.meta.yml"
TEMPLATES = DATA / "templates"
TEMPLATE_CSV = TEMPLATES / "county_indicators_template.csv"
TEMPLATE_XLSX = TEMPLATES / "county_indicators_template.xlsx"
TEMPLATE_META = TEMPLATES / "county_indicators_template.meta.yml"
TEMPLATE_YEAR = 2024
FIXED_ZIP_TIME = (2026, 11, 23, 0, 0, 0)


# ----------------------------------------------------------------------------------------- helpers
def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total` exactly (Hamilton's method).

    Floors of the exact quotas, then one more to the largest fractional parts; ties go to the earlier
    position, so the result is deterministic. A zero weight gets zero.
    """
    weights = np.asarray(weights, dtype=float)
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    quotas = total * weights / weights.sum()
    base = np.floor(quotas).astype(np.int64)
    short = int(total - base.sum())
    order = np.lexsort((np.arange(len(weights)), -(quotas - base)))
    base[order[:short]] += 1
    return base


def ceil1(values: np.ndarray | float) -> np.ndarray:
    """Round up to 0.1 (a standard must not fall below a line because of rounding)."""
    return np.ceil(np.round(np.asarray(values, dtype=float) * 10, 6)) / 10


def floor1(values: np.ndarray | float) -> np.ndarray:
    """Round down to 0.1 (a standard must not rise above a later real value because of rounding)."""
    return np.floor(np.round(np.asarray(values, dtype=float) * 10, 6)) / 10


def round1(values: np.ndarray | float) -> np.ndarray:
    return np.round(np.asarray(values, dtype=float), 1)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    return float(np.sum(values * weights) / np.sum(weights))


def _param(parameters: Mapping[str, PolicyParameter], name: str) -> float:
    value = parameters[name].current.value
    if value is None:
        raise SystemExit(f"parameter {name} has no value")
    return float(value)


# ----------------------------------------------------------------------------------------- inputs
def province_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per year 2021..2024 the latest published month and its urban/rural 低保 and 特困 recipients."""
    wide = monthly.pivot(index="month", columns="indicator", values="value")
    rows = {}
    for year in CASELOAD_YEARS:
        months = [m for m in wide.index if m.startswith(str(year))
                  and pd.notna(wide.loc[m, "urban_dibao_recipients"])
                  and pd.notna(wide.loc[m, "rural_dibao_recipients"])]
        if not months:
            raise SystemExit(f"no province caseload for {year}")
        month = max(months)
        row = wide.loc[month]
        if pd.notna(row.get("urban_tekun_recipients")) and pd.notna(row.get("rural_tekun_recipients")):
            tekun = {"urban": int(row["urban_tekun_recipients"]), "rural": int(row["rural_tekun_recipients"])}
        else:  # only a total (as in 2022-05): counted as rural, where nine in ten 特困 persons live
            tekun = {"urban": 0, "rural": int(row["tekun_recipients_total"])}
        rows[year] = {
            "month": month,
            "urban": int(row["urban_dibao_recipients"]),
            "rural": int(row["rural_dibao_recipients"]),
            "tekun_urban": tekun["urban"],
            "tekun_rural": tekun["rural"],
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame["tekun"] = frame["tekun_urban"] + frame["tekun_rural"]
    return frame


def context_value(context: pd.DataFrame, period: str, indicator: str) -> pd.Series:
    row = context[(context["period"] == period) & (context["indicator"] == indicator)]
    if row.empty:
        raise SystemExit(f"context_points.csv lacks {period} {indicator}")
    return row.iloc[0]


def observed_cells(observed: pd.DataFrame) -> pd.DataFrame:
    """The observed standards in the table's units (analytics.county_status.observed_months), rounded to
    0.01 元: code, year, column, value_month, status, source. All years, including those outside YEARS."""
    months = observed_months(observed)
    months["value_month"] = months["value_month"].round(REAL_DIGITS)
    return months.sort_values(["column", "code", "year"]).reset_index(drop=True)


def real_matrix(cells: pd.DataFrame, column: str, codes: np.ndarray) -> pd.DataFrame:
    """The observed values of one column: one row per county code (table order), one column per year."""
    part = cells[cells["column"] == column]
    wide = part.pivot(index="code", columns="year", values="value_month")
    return wide.reindex(pd.Index(codes, name="code")).sort_index(axis=1)


def guidance_by_year(root: Path, codes: np.ndarray) -> tuple[dict[str, dict[int, np.ndarray]],
                                                             dict[str, dict[int, np.ndarray]]]:
    """Each county's guidance (元/人·月, NaN = unknown) and the status of its tier, per side and notice year.

    analytics.guidance.assume_unknown: a tier the notice does not show (2024 rural, 36 counties) is taken
    from the latest earlier notice year that shows it (status ``assumed``).
    """
    data = guidance_data(load_table("guidance_standards", root), load_table("guidance_tiers", root))
    values: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    status: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for year in data.years:
        if year not in YEARS:
            continue
        for side in SIDES:
            tiers = assume_unknown(data, year, side, list(codes))
            values[side][year] = county_values(tiers, data.structure(year, side)).to_numpy(dtype=float)
            status[side][year] = tiers["status"].to_numpy(dtype=object)
    return values, status


# ----------------------------------------------------------------------------------------- standards
class SideSeries:
    """The 低保 standard of one side being filled in: values by year as they are settled, the real values.

    (A plain class, not a dataclass, so that the tests can load this script by path.)
    """

    def __init__(self, side: str, real: pd.DataFrame, codes: np.ndarray, names: np.ndarray) -> None:
        self.side = side
        self.real = real  # code × year (every observed year, in the table or not), NaN = not observed
        self.codes = codes
        self.names = names
        self.values: dict[int, np.ndarray] = {}
        self.capped: list[dict[str, object]] = []  # invented values a later real value caps

    def real_in(self, year: int) -> np.ndarray:
        return (self.real[year].to_numpy(dtype=float) if year in self.real.columns
                else np.full(len(self.codes), np.nan))

    def _extreme(self, years: list[int], largest: bool) -> tuple[np.ndarray, np.ndarray]:
        n = len(self.codes)
        if not years:
            return np.full(n, -np.inf if largest else np.inf), np.zeros(n, dtype=int)
        block = self.real[years].to_numpy(dtype=float)
        filled = np.where(np.isnan(block), -np.inf if largest else np.inf, block)
        where = filled.argmax(axis=1) if largest else filled.argmin(axis=1)
        return filled[np.arange(n), where], np.asarray(years)[where]

    def earlier_real(self, year: int) -> tuple[np.ndarray, np.ndarray]:
        """The largest real value of a year before `year` (−inf if none) and its year."""
        return self._extreme([y for y in self.real.columns if y < year], largest=True)

    def later_real(self, year: int) -> tuple[np.ndarray, np.ndarray]:
        """The smallest real value of a year after `year` (+inf if none) and its year."""
        return self._extreme([y for y in self.real.columns if y > year], largest=False)

    def check_real_never_cut(self) -> None:
        """Real values alone must not fall from one observed year to a later one."""
        for code, name, row in zip(self.codes, self.names, self.real.to_numpy(dtype=float), strict=True):
            seen = [(int(y), v) for y, v in zip(self.real.columns, row, strict=True) if not np.isnan(v)]
            for (y1, v1), (y2, v2) in zip(seen, seen[1:], strict=False):
                if v2 < v1 - TOLERANCE:
                    raise SystemExit(f"{name} ({code}) {self.side} dibao standard: the real value of {y2} "
                                     f"({v2:g}) is below the real value of {y1} ({v1:g}); a cut between "
                                     f"{y1} and {y2} cannot be avoided")

    def settle(self, year: int, wanted: np.ndarray, lower: Mapping[str, np.ndarray],
               upper: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """The year's values: real where observed, else `wanted` on the 0.1 grid within the bounds.

        Lower bounds (named, for the message): the real values of earlier years always, plus `lower`;
        upper bounds: the real values of later years, plus `upper`. A county whose bounds cross stops
        the build, naming the county, the years and the bounds.
        """
        real = self.real_in(year)
        free = np.isnan(real)
        earlier, earlier_year = self.earlier_real(year)
        later, later_year = self.later_real(year)
        lows = {"real value of an earlier year": earlier, **lower}
        highs = {"real value of a later year": later, **(upper or {})}
        lo = np.max(np.vstack([np.where(np.isnan(v), -np.inf, v) for v in lows.values()]), axis=0)
        hi = np.min(np.vstack([np.where(np.isnan(v), np.inf, v) for v in highs.values()]), axis=0)
        crossed = free & (lo > hi + TOLERANCE)
        if crossed.any():
            i = int(np.flatnonzero(crossed)[0])
            need = "; ".join(f"{k} {v[i]:g}" + (f" ({earlier_year[i]})" if k.startswith("real") else "")
                             for k, v in lows.items() if (-np.inf if np.isnan(v[i]) else v[i]) > hi[i] + TOLERANCE)
            cap = "; ".join(f"{k} {v[i]:g}" + (f" ({later_year[i]})" if k.startswith("real") else "")
                            for k, v in highs.items() if (np.inf if np.isnan(v[i]) else v[i]) < lo[i] - TOLERANCE)
            raise SystemExit(f"{self.names[i]} ({self.codes[i]}) {self.side} dibao standard {year}: it must be "
                             f"at least {lo[i]:g} ({need}) but at most {hi[i]:g} ({cap}); the real values force "
                             f"a cut or a value below the rules")
        grid_lo, grid_hi = ceil1(lo), floor1(hi)  # ±inf stay infinite
        chosen = np.clip(round1(wanted), grid_lo, grid_hi)
        tight = grid_lo > grid_hi  # no 0.1 step between the bounds: the bound itself (a real value, 0.01)
        chosen[tight] = np.round(lo[tight], REAL_DIGITS)
        for i in np.flatnonzero(free & (round1(wanted) > grid_hi + TOLERANCE) & np.isfinite(later)
                                & (later <= hi + TOLERANCE)):
            self.capped.append({"code": str(self.codes[i]), "name": str(self.names[i]), "year": year,
                                "side": self.side, "value": float(chosen[i]), "real_year": int(later_year[i]),
                                "real": float(later[i])})
        out = np.where(free, chosen, real)
        self.values[year] = out
        return out


def base_year_standards(rng: np.random.Generator, series: Mapping[str, SideSeries], counties: pd.DataFrame,
                        district: np.ndarray) -> tuple[dict[str, str], dict[str, float]]:
    """2018: the real approval table, its gaps filled from real peers (see the module docstring).

    Returns the peers each invented urban value was taken from (by code) and the median real rural
    standards used (by kind: district / county).
    """
    urban, rural = series["urban"], series["rural"]
    real_u, real_r = urban.real_in(BASE_YEAR), rural.real_in(BASE_YEAR)
    prefecture = counties["prefecture_code"].to_numpy()
    kind = counties["kind"].to_numpy()
    known = ~np.isnan(real_u)
    wanted_u = real_u.copy()
    peers_of: dict[str, str] = {}
    for i in np.flatnonzero(~known):
        for peers in (known & (prefecture == prefecture[i]) & (kind == kind[i]),
                      known & (prefecture == prefecture[i]), known):
            if peers.any():
                wanted_u[i] = float(np.mean(real_u[peers]))
                peers_of[str(urban.codes[i])] = "、".join(urban.names[peers])
                break
    urban.settle(BASE_YEAR, wanted_u, {})
    has_rural = ~np.isnan(real_r)
    median = {group: float(np.median(real_r[has_rural & members]))
              for group, members in (("district", district), ("county", ~district))}
    factor = rng.uniform(*RURAL_BASE_FACTOR, len(real_r))
    wanted_r = np.clip(np.where(district, median["district"], median["county"]) * factor,
                       np.nanmin(real_r), np.nanmax(real_r))
    rural.settle(BASE_YEAR, wanted_r, {})
    return peers_of, median


def reconcile_year(s: SideSeries, target: float, weights: np.ndarray, anchor: np.ndarray,
                   floor: float | None) -> tuple[np.ndarray, float]:
    """2020: every free county moves the same share θ from its 2018 value towards `anchor` (its 2021
    guidance × noise), within its bounds, θ chosen so the weighted mean of all counties equals `target`."""
    year = RECONCILE_YEAR
    real = s.real_in(year)
    free = np.isnan(real)
    start = s.values[BASE_YEAR]
    earlier, _ = s.earlier_real(year)
    later, _ = s.later_real(year)
    lo = np.maximum(np.maximum(start, earlier), floor if floor is not None else -np.inf)
    hi = later
    gap = np.maximum(anchor - start, 0.0)

    def values(theta: float) -> np.ndarray:
        return np.where(free, np.clip(start + theta * gap, lo, hi), real)

    def mean(theta: float) -> float:
        return weighted_mean(values(theta), weights)

    if mean(0.0) > target + TOLERANCE:
        raise SystemExit(f"{s.side} {year}: the lower bounds alone give a weighted mean of {mean(0.0):.3f}, "
                         f"above the province's {target:.3f}")
    top = 1.0
    while mean(top) < target and top < 2**20:
        top *= 2
    if mean(top) < target - TOLERANCE:
        raise SystemExit(f"{s.side} {year}: the upper bounds allow at most a weighted mean of {mean(top):.3f}, "
                         f"below the province's {target:.3f}")
    bottom = 0.0
    for _ in range(200):
        middle = (bottom + top) / 2
        bottom, top = (middle, top) if mean(middle) < target else (bottom, middle)
    theta = (bottom + top) / 2
    lower = {"2018 value": start} | ({"poverty floor": np.full(len(start), floor)} if floor is not None else {})
    return s.settle(year, values(theta), lower), theta


def fill_standards(rng: np.random.Generator, counties: pd.DataFrame, population: Mapping[str, np.ndarray],
                   cells: pd.DataFrame, annual: pd.DataFrame, parameters: Mapping[str, PolicyParameter],
                   guidance: Mapping[str, Mapping[int, np.ndarray]]) -> tuple[dict[str, SideSeries], dict]:
    """The 低保 standards of every county and year (see the module docstring), by side."""
    codes = counties["code"].to_numpy()
    names = counties["name"].to_numpy()
    district = counties["kind"].to_numpy() == "区"
    series = {side: SideSeries(side, real_matrix(cells, STANDARD_COLUMN[side], codes), codes, names)
              for side in SIDES}
    for s in series.values():
        s.check_real_never_cut()
    n = len(codes)
    published = observed_standards(annual)
    incomes = observed_incomes(annual)
    lag = int(_param(parameters, "dibao_income_lag_years"))
    growth = {side: {year: max(1.0, float(incomes[side][year - lag] / incomes[side][year - lag - 1]))
                     for year in YEARS[1:]} for side in SIDES}
    floor_month = float(ceil1(_param(parameters, "poverty_line_floor") / MONTHS))
    floors = {"urban": None, "rural": floor_month}
    info: dict[str, object] = {"floor_month": floor_month, "growth": growth}

    info["peers_2018"], info["rural_median_2018"] = base_year_standards(rng, series, counties, district)

    info["theta"] = {}
    for side in SIDES:
        anchor = guidance[side][2021] * np.exp(rng.normal(0, ANCHOR_NOISE_SIGMA, n))
        target = float(published[side][RECONCILE_YEAR]) / MONTHS
        _, info["theta"][side] = reconcile_year(series[side], target, population[side], anchor, floors[side])

    for side in SIDES:  # 2019: between 2018 and 2020
        s = series[side]
        share = rng.uniform(*BETWEEN_SHARE, n)
        before, after = s.values[2018], s.values[2020]
        s.settle(2019, before + share * (after - before), {"2018 value": before}, {"2020 value": after})

    previous_year = {2021: 2020, 2022: 2021, 2024: 2022, 2023: 2022}
    for year in FILL_ORDER[3:]:
        for side in SIDES:
            s = series[side]
            base_year = previous_year[year]
            previous = s.values[base_year]
            rate = float(np.prod([growth[side][y] for y in range(base_year + 1, year + 1)]))
            wanted = previous * rate * (1 + rng.uniform(-STANDARD_GROWTH_WOBBLE, STANDARD_GROWTH_WOBBLE, n))
            lower: dict[str, np.ndarray] = {f"{base_year} value": previous}
            upper: dict[str, np.ndarray] = {}
            if year in guidance[side]:
                line = guidance[side][year]
                lifted = ceil1(line * (1 + rng.uniform(*LIFT_MARGIN, n)))
                wanted = np.fmax(wanted, lifted)
                lower["guidance"] = line
            if floors[side] is not None and year >= FLOOR_FROM:
                lower["poverty floor"] = np.full(n, floors[side])
            if year == 2023:  # no notice: between 2022 and 2024
                upper["2024 value"] = s.values[2024]
            s.settle(year, wanted, lower, upper)
    info["capped"] = sorted(series["urban"].capped + series["rural"].capped,
                            key=lambda c: (c["code"], c["year"], SIDES.index(c["side"])))
    return series, info


def tekun_standards(series: Mapping[str, SideSeries], cells: pd.DataFrame, multiplier: float,
                    lag: int) -> dict[str, dict[int, np.ndarray]]:
    """特困 standards 2021–2024: observed ones kept, the rest ceil1(multiplier × 低保 standard of t − lag)."""
    out: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for side in SIDES:
        s = series[side]
        real = real_matrix(cells, TEKUN_COLUMN[side], s.codes)
        for year in TEKUN_YEARS:
            invented = ceil1(multiplier * s.values[year - lag])
            observed = real[year].to_numpy(dtype=float) if year in real.columns else np.full(len(s.codes), np.nan)
            out[side][year] = np.where(np.isnan(observed), invented, observed)
    return out


# ----------------------------------------------------------------------------------------- build
def build(root: Path = DATA) -> pd.DataFrame:
    """The county table (one row per code-year, 60 × 7), without writing anything."""
    rng = np.random.default_rng(SEED)
    counties = load_table("counties", root).sort_values("code").reset_index(drop=True)
    monthly = load_table("assistance_monthly", root)
    context = load_table("context_points", root)
    annual = load_table("province_annual", root)
    cells = observed_cells(load_table("county_standards_observed", root))
    parameters = load_parameters(root)
    totals = province_totals(monthly)

    n = len(counties)
    codes = counties["code"].to_numpy()
    guidance, guidance_status = guidance_by_year(root, codes)
    pop = counties["pop_2020_census"].to_numpy(dtype=float)
    urban_share = counties["urban_share_2020"].to_numpy(dtype=float)
    population = {"urban": pop * urban_share, "rural": pop * (1 - urban_share)}
    age = counties["share_age_65plus_2020"].to_numpy(dtype=float)
    age_index = age / weighted_mean(age, pop)
    poverty = counties["poverty_county"].to_numpy()
    need = (np.array([POVERTY_NEED[p] for p in poverty])
            * np.where(counties["border_county"].to_numpy() == "yes", BORDER_NEED, 1.0) * age_index)
    changchun = counties["prefecture_code"].to_numpy() == CHANGCHUN

    table = pd.DataFrame({"code": np.repeat(codes, len(YEARS)), "year": np.tile(YEARS, n)})
    table.insert(1, "name", np.repeat(counties["name"].to_numpy(), len(YEARS)))
    at = {(c, y): i for i, (c, y) in enumerate(zip(table["code"], table["year"], strict=True))}

    def put(column: str, year: int, values: np.ndarray) -> None:
        rows = [at[(c, year)] for c in codes]
        if column not in table:
            table[column] = np.nan
        table.loc[rows, column] = values

    # --- 低保 recipients ---------------------------------------------------------------------------
    effect = {side: np.exp(rng.normal(0, COUNTY_EFFECT_SIGMA, n)) for side in SIDES}
    cc_share = {
        side: float(context_value(context, f"{ANCHOR_YEAR}-11", f"changchun_{side}_dibao_recipients")["value"])
        / totals.loc[ANCHOR_YEAR, side]
        for side in SIDES
    }
    recipients: dict[str, dict[int, np.ndarray]] = {side: {} for side in SIDES}
    for year in CASELOAD_YEARS:
        for side in SIDES:
            wobble = np.exp(rng.normal(0, YEAR_WOBBLE_SIGMA, n))
            weight = population[side] * need * effect[side] * wobble
            total = int(totals.loc[year, side])
            cc_total = int(round(total * cc_share[side]))
            values = np.zeros(n, dtype=np.int64)
            values[changchun] = largest_remainder(cc_total, weight[changchun])
            values[~changchun] = largest_remainder(total - cc_total, weight[~changchun])
            recipients[side][year] = values
    # --- 特困 persons ------------------------------------------------------------------------------
    tekun_effect = {side: np.exp(rng.normal(0, COUNTY_EFFECT_SIGMA, n)) for side in SIDES}
    tekun: dict[int, np.ndarray] = {}
    for year in CASELOAD_YEARS:
        tekun[year] = sum(
            largest_remainder(int(totals.loc[year, f"tekun_{side}"]),
                              population[side] * age_index**2 * need * tekun_effect[side])
            for side in SIDES
        )
    # --- temporary assistance (not reconciled) ------------------------------------------------------
    temp_effect = np.exp(rng.normal(0, 0.2, n))
    temporary = {}
    for year in CASELOAD_YEARS:
        wobble = np.exp(rng.normal(0, 0.05, n))
        both = recipients["urban"][year] + recipients["rural"][year]
        temporary[year] = np.round(both * TEMPORARY_PER_RECIPIENT * temp_effect * wobble).astype(np.int64)

    # --- service network ----------------------------------------------------------------------------
    services = service_network(rng, n, pop)

    # --- standards ----------------------------------------------------------------------------------
    series, info = fill_standards(rng, counties, population, cells, annual, parameters, guidance)
    multiplier = _param(parameters, "tekun_multiplier")
    tekun_lag = int(_param(parameters, "tekun_base_year_lag"))
    tekun_standard = tekun_standards(series, cells, multiplier, tekun_lag)

    # --- assemble -----------------------------------------------------------------------------------
    for year in YEARS:
        for side in SIDES:
            put(STANDARD_COLUMN[side], year, series[side].values[year])
        if year in recipients["urban"]:
            put("urban_recipients", year, recipients["urban"][year])
            put("rural_recipients", year, recipients["rural"][year])
            put("tekun_persons", year, tekun[year])
            put("temporary_assistance_cases", year, temporary[year])
        if year in TEKUN_YEARS:
            for side in SIDES:
                put(TEKUN_COLUMN[side], year, tekun_standard[side][year])
        if year in SERVICE_YEARS:
            for column, by_year in services.items():
                put(column, year, by_year[year])

    table = table[[c.code for c in COLUMNS]].copy()
    for column in COLUMNS:
        if column.type == "int" and column.code != "year":
            table[column.code] = table[column.code].round().astype("Int64")
        elif column.type == "float":  # invented money is on the 0.1 grid already; real values keep 0.01
            digits = 4 if column.is_share else REAL_DIGITS
            table[column.code] = table[column.code].astype("float64").round(digits)
    table["year"] = table["year"].astype("int64")
    # Side results for the sidecar and the summary, as plain Python (pandas compares and copies attrs).
    written = cells[cells["year"].isin(YEARS) & cells["code"].isin(codes)].reset_index(drop=True)
    table.attrs["observed"] = written.to_dict("records")
    table.attrs["observed_all"] = cells.to_dict("records")
    table.attrs["totals"] = totals.rename_axis("year").reset_index().to_dict("records")
    table.attrs["guidance"] = {side: {y: dict(zip(codes, v.tolist(), strict=True)) for y, v in by_year.items()}
                               for side, by_year in guidance.items()}
    table.attrs["guidance_status"] = {side: {y: dict(zip(codes, v.tolist(), strict=True))
                                             for y, v in by_year.items()} for side, by_year in guidance_status.items()}
    table.attrs["info"] = info
    table.attrs["tekun"] = {"multiplier": multiplier, "lag": tekun_lag}
    return table


def _rising(rng: np.random.Generator, n: int, start: tuple[float, float], rate: tuple[float, float],
            goal: np.ndarray | float = 1.0) -> dict[int, np.ndarray]:
    """Shares approaching `goal` from seeded 2020 levels: goal − (goal − s0)·e^(−k(t−2020)), never falling."""
    s0 = rng.uniform(*start, n)
    k = rng.uniform(*rate, n)
    out, best = {}, np.zeros(n)
    for year in SERVICE_YEARS:
        value = goal - (goal - s0) * np.exp(-k * (year - SERVICE_YEARS[0])) + rng.normal(0, 0.015, n)
        best = np.maximum(best, np.clip(value, 0, 1))
        out[year] = np.round(best, 4)
    return out


def service_network(rng: np.random.Generator, n: int, pop: np.ndarray) -> dict[str, dict[int, np.ndarray]]:
    services = {
        "approval_delegated_share": _rising(rng, n, (0.35, 0.75), (0.25, 0.8)),
        "social_work_station_coverage": _rising(rng, n, (0.05, 0.35), (0.2, 0.6)),
        "village_coordinator_share": _rising(rng, n, (0.2, 0.6), (0.2, 0.7)),
        "nursing_bed_share": _rising(rng, n, (0.2, 0.4), (0.3, 0.8), goal=rng.uniform(0.45, 0.62, n)),
    }
    care = rng.poisson(0.3 + pop / 600_000)
    late = rng.choice(n, size=CARE_LATE, replace=False)
    care[late] = 0
    counts = {}
    for year in SERVICE_YEARS:
        if year > SERVICE_YEARS[0]:
            care = care + rng.binomial(1, 0.25, n)
        if year >= 2022:
            care = np.maximum(care, 1)
        if year <= 2022:
            care[late] = 0  # these reach the 2022 target a year late
        counts[year] = care.copy()
    services["care_institutions"] = counts
    adoption = rng.choice([2020, 2021, 2022, 2023], size=n, p=[0.7, 0.12, 0.1, 0.08])
    services["hotline_12345"] = {year: (adoption <= year).astype(np.int64) for year in SERVICE_YEARS}
    return services


# ----------------------------------------------------------------------------------------- writing
def csv_text(table: pd.DataFrame) -> str:
    """The committed CSV's exact text (UTF-8, LF, blanks for missing values)."""
    return table.to_csv(index=False, lineterminator="\n", na_rep="")


def _yaml_scalar(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if re.search(r"[:#{}\[\],&*!|>'\"%@`]|^\s|\s$", text) or text in ("yes", "no", "true", "false", ""):
        return "'" + text.replace("'", "''") + "'"
    return text


def _flow(spec: Mapping[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in spec.items()) + "}"




SIDE_ZH = {"urban": "城市", "rural": "农村"}
COLUMN_ZH = {c.code: c.zh for c in COLUMNS}

METHOD_ZH = """\
本表为示例数据（非统计数字），但含各县实际执行的标准：data/county_standards_observed.csv 中年份在本表范围内的 {n_real} 个数值（{real_list}）原样写入（按年公布的标准除以 12，保留 2 位小数，此外不作任何改动），其余数值由 data/scripts/build_county_illustrative.py 以固定随机种子（{seed}）生成，重复运行结果逐字节相同。年份为 2018—2024 年，每年 60 个县级区划；2018、2019 年只有城乡低保标准，人数、特困标准与服务网络数据没有任何依据，留空。
【低保人数】2021—2024 年各取省民政厅月报中当年最新一个月（{months}）的全省城市、农村低保人数，按各县 2020 年普查城镇（乡村）人口 × 需求权重分配：原国家级贫困县 ×1.40、省级 ×1.25，边境县 ×1.10，× 65 岁及以上人口比重相对全省均值，× 县固定效应（对数正态，σ=0.15）× 年度扰动（σ=0.03）。长春市 11 个县级区划合计按长春 2023 年 11 月公布数（城市 53,734 人、农村 102,519 人）占全省的比例分得每年总数，故 2023 年与长春公布数完全一致；其余县分剩余部分。以最大余数法取整，各年各县合计与全省公布数完全相等。无乡村人口的南关区农村低保为 0。2020 年全省未公布人数，留空。
【特困人数】按当月全省城市、农村特困人数分别以城镇（乡村）人口 × （65 岁及以上比重相对均值）² × 需求权重 × 县效应分配，最大余数法取整后相加，与全省合计完全相等。
【低保标准】实际值与生成值都遵守以下规则（生成时逐一检查）：标准逐年不下调（本表年份以外的实际值，即延吉市 2015—2017 年与 2025 年、德惠市 2017 年的标准，也作为上下限）；2021、2022、2024 年不低于本县所属档次的省定最低指导标准（guidance_standards.csv、guidance_tiers.csv；2024 年农村有 {assumed} 个县的档次因存档通知截断而未知，按 2022 年档次推定）；2020 年起农村标准不低于国家扶贫标准 4,000 元/年（按月向上取整为 {floor} 元；2018 年核准表中仍有 3,600 元/年的农村标准，故 2018、2019 年不适用）。因此每个生成值都介于下限（上年数值、此前年份的实际值、指导标准、扶贫标准）与上限（此后年份实际值中的最小者）之间；若实际值之间不留余地（实际值低于此前的实际值，或低于指导标准要求此前年份达到的数值），脚本即报错并指明县与年份。各年按 2018、2020、2019、2021、2022、2024、2023 年的顺序生成。2018 年为省民政厅、省财政厅核准表中的实际值（城市 {n_urban_2018} 个、农村 {n_rural_2018} 个县级区划）；存档表中缺少的城市标准取同市同类县级区划实际值的平均（{peers}）；缺少的 {n_rural_missing} 个农村标准 = 同类县级区划 2018 年实际农村标准的中位数（市辖区 {median_d} 元，县和县级市 {median_c} 元；实际农村标准在长春市区以外只有 {rmin_outer}—{rmax_outer} 元/月，几乎不随城市标准变化）× 随机系数 0.97—1.03，并限制在 2018 年实际农村标准的范围内（{rmin}—{rmax} 元/月），且不低于此前年份的实际值（延吉市 2017 年 4,400 元/年）。2020 年以全省公布标准（城市 6,552、农村 4,372 元/人·年，即 546.0、364.33 元/人·月）为按城镇（乡村）人口加权的全省均值：各县自 2018 年数值向本县 2021 年指导标准（乘对数正态扰动，σ=0.03）移动同一比例 θ（城市 {theta_u}，农村 {theta_r}），并受上下限约束（不低于 2018 年数值，农村不低于扶贫标准；不高于此后的实际值），θ 以二分法求得，使 60 个县（含龙井市 2020 年的实际值）的加权均值等于全省标准。2019 年介于 2018 与 2020 年之间：2018 年数值 + u ×（2020 年数值 − 2018 年数值），u 在 0.25—0.75 之间均匀分布。2021、2022、2024 年按省定规则隐含的增速增长（t−2 年居民人均可支配收入的环比，不低于 1；2024 年自 2022 年起算两年），另加不超过 ±1% 的扰动，且不低于本县指导标准上浮 0.2%—3%（随机）；若此后年份的实际值更低，则取该实际值允许的最大值（仍不低于指导标准）：{capped}。2023 年未见指导标准通知：自 2022 年按 2023 年增速和扰动增长，并介于 2022 与 2024 年之间。
【特困供养标准】2021—2024 年：实际值原样保留（{tekun_real}）；其余为本县上年低保标准的 {multiplier:g} 倍（参数 tekun_multiplier、tekun_base_year_lag，向上取整到角）。2018—2020 年留空。
【临时救助人次】2021—2024 年约为低保总人数 × 0.15 × 扰动；全省无公布总数，未作校准，纯属示意。
【服务网络】2020—2024 年：审批权限下放比例、乡镇社工站覆盖率、救助协理员配备比例自随机的 2020 年水平逐年趋近 100%；护理型床位占比趋近各县约 50% 的目标；照护机构数为小整数，2022 年起除 3 个县外均不少于 1 个（2022 年目标）；12345 热线接入为 0/1，2023 年起全部接入。比例均截断在 0—1 之间。生成的金额保留 1 位小数，实际标准保留 2 位小数，比例保留 4 位小数。"""

METHOD_EN = """\
Illustrative, not statistics, except the {n_real} real standards of data/county_standards_observed.csv
whose county-year is in the table, written unchanged (per-year values / 12, to 0.01 yuan); the rest is
seeded ({seed}) and byte-identical on re-run. Years 2018-2024; 2018 and 2019 hold dibao standards only.
Recipients 2021-2024: each year's province totals (latest month: {months_en}) allocated to counties by
census urban/rural population x need (former poverty, border, ageing, lognormal county effect),
Changchun's 11 counties taking Changchun's published 2023-11 share, integer largest-remainder rounding so
sums equal the province totals exactly. Tekun persons likewise. Dibao standards, real and invented alike:
never cut, at least the county's guidance tier in 2021, 2022 and 2024 (2024 rural: assumed tier where the
notice is cut off), rural at least the poverty line from 2020; invented values lie between the previous
value and the smallest later real value, and the script stops if real values leave no room. 2018 is the
real provincial approval table, gaps from same-kind real peers (rural: the median real rural standard
of the kind x 0.97-1.03); 2020 moves every free county the same share of the way from 2018 towards its 2021 guidance so that
the population-weighted means equal the province's 546.0 / 364.33 yuan a month; 2019 lies between 2018
and 2020; 2021, 2022 and 2024 grow at the province rule's implied rate (income t-2 over t-3) with a 1 %
wobble, lifted to 0.2-3 % above the guidance unless a later real value caps them; 2023 lies between 2022
and 2024. Tekun standards 2021-2024: real ones kept, the rest {multiplier:g} x the previous-year dibao
standard. Temporary assistance and service-network indicators (2020-2024) are purely illustrative."""


def _real_list(observed: pd.DataFrame) -> str:
    """「城市低保标准 2018 年 59 个、…」: how many real values each column and year holds."""
    counts = observed.groupby(["column", "year"]).size()
    order = [c.code for c in COLUMNS]
    parts = []
    for column in sorted(counts.index.get_level_values(0).unique(), key=order.index):
        years = "、".join(f"{year} 年 {count} 个" for year, count in counts[column].items())
        parts.append(f"{COLUMN_ZH[column]} {years}")
    return "；".join(parts)


def _capped_text(capped: list[dict[str, object]]) -> str:
    groups: dict[tuple, list[str]] = {}
    for c in capped:
        groups.setdefault((c["side"], c["real_year"], c["real"], c["value"]), []).append((c["name"], c["year"]))
    parts = []
    for (side, real_year, real, value), members in groups.items():
        names = list(dict.fromkeys(name for name, _ in members))
        years = sorted({year for _, year in members})
        span = f"{years[0]} 年" if len(years) == 1 else f"{years[0]}—{years[-1]} 年"
        parts.append(f"{'、'.join(names)} {span}{SIDE_ZH[side]} {value:g} 元（{real_year} 年实际值 {real:g} 元）")
    return "；".join(parts) if parts else "无"


def _fill(table: pd.DataFrame) -> dict[str, object]:
    totals = attr_frame(table, "totals")
    info = table.attrs["info"]
    observed = attr_frame(table, "observed")
    base = observed[observed["year"] == 2018]
    peers = "、".join(
        f"{table.loc[table['code'] == code, 'name'].iloc[0]} ← {names}："
        f"{float(table.loc[(table['code'] == code) & (table['year'] == 2018), 'urban_standard_month'].iloc[0]):g} 元"
        for code, names in info["peers_2018"].items())
    real_r = base.loc[base["column"] == "rural_standard_month", "value_month"]
    outer = real_r[~base.loc[real_r.index, "code"].isin(CHANGCHUN_CORE)]
    tekun = observed[observed["column"].str.startswith("tekun")]
    tekun_real = "、".join(dict.fromkeys(
        f"{table.loc[table['code'] == code, 'name'].iloc[0]} {year} 年" for code, year in zip(
            tekun["code"], tekun["year"], strict=True)))
    assumed = sum(s == "assumed" for s in table.attrs["guidance_status"]["rural"][2024].values())
    n_urban = int((base["column"] == "urban_standard_month").sum())
    return {
        "seed": SEED, "months": "、".join(totals["month"]), "months_en": ", ".join(totals["month"]),
        "n_real": len(observed), "real_list": _real_list(observed), "assumed": assumed,
        "floor": f"{info['floor_month']:g}", "n_urban_2018": n_urban, "n_rural_2018": len(real_r),
        "peers": peers or "无", "n_rural_missing": len(table.loc[table["year"] == 2018]) - len(real_r),
        "median_d": f"{info['rural_median_2018']['district']:g}",
        "median_c": f"{info['rural_median_2018']['county']:g}",
        "rmin": f"{real_r.min():g}", "rmax": f"{real_r.max():g}",
        "rmin_outer": f"{outer.min():g}", "rmax_outer": f"{outer.max():g}",
        "theta_u": f"{info['theta']['urban']:.3f}", "theta_r": f"{info['theta']['rural']:.3f}",
        "capped": _capped_text(info["capped"]), "tekun_real": tekun_real or "无",
        "multiplier": table.attrs["tekun"]["multiplier"],
    }


def sidecar_text(table: pd.DataFrame, csv_bytes: bytes) -> str:
    fill = _fill(table)
    units = "\n".join(f"  {c.code}: {_yaml_scalar(c.unit_text)}" for c in COLUMNS if c.unit_text)
    columns = "\n".join(f"  {c.code}: {_flow(c.schema())}" for c in COLUMNS)
    indent = "\n  ".join
    return f"""\
file: county_indicators.csv
title: 吉林省县级社会救助指标（示例数据，含各县实际标准）
title_en: Jilin county-level social-assistance indicators (ILLUSTRATIVE data, with the standards counties actually set)
producer: 本项目（示例数据，由 data/scripts/build_county_illustrative.py 生成；实际标准来自各县及省民政厅、省财政厅的通知，见 county_standards_observed.csv）
citation: 县级示例数据（本项目生成，非官方统计；含各县公布的标准）  # short form for chart footers and briefings
source: >-
  由真实数据推算的示例数据，并原样写入各县实际标准：data/county_standards_observed.csv（各县实际执行的城乡低保标准与特困人员供养标准：2018年省级核准表及若干县的通知）；
  data/guidance_standards.csv、data/guidance_tiers.csv（2021、2022、2024年省定最低指导标准及各县所属档次）；
  data/counties.csv（第七次人口普查分县人口、城镇化率、65岁及以上人口比重，县级区划类别，原贫困县、边境县身份）；
  data/province_annual.csv（2020年全省城乡低保标准 6,552 / 4,372 元/人·年，全省城乡居民人均可支配收入）；
  data/assistance_monthly.csv（吉林省民政厅月报全省城乡低保、特困人数，{fill["months"]}）；
  data/context_points.csv（长春市 2023年11月城乡低保人数）；data/parameters.yml（收入滞后年数、特困1.3倍及其基数年份、扶贫标准）。
url: not applicable
date_accessed: '2026-12-01'
licence: 示例数据随项目发布；实际标准为政府公开信息（注明出处使用）
status: per_value
status_note: >-
  逐值标注：本表数值均为示例数据（illustrative），唯一的例外是 data/county_standards_observed.csv 所载、年份在本表范围内的各县实际标准（{fill["n_real"]} 个数值：{fill["real_list"]}），
  这些单元格原样写入，保留该文件逐行记录的状态（official / derived）与出处（analytics/county_status.py 的 value_status 逐值给出）。
  公开来源中找不到吉林省县级低保人数与服务网络数据，县级标准也只零散可见，示例数值仅用于演示县域地图与对比功能，不得作为统计数据引用。
  各县低保、特困人数之和与全省公布数完全一致，长春市 2023 年合计与长春公布数一致，2020 年标准的人口加权均值等于全省公布标准；
  生成的标准逐年不下调，2021、2022、2024 年不低于本县的省定最低指导标准，2020 年起农村标准不低于扶贫标准。
  导入真实数据（环境变量 JILIN_COUNTY_DATA_DIR 指向填好模板的文件夹）后本表即被替换。
method: |-
  {indent(METHOD_ZH.format(**fill).splitlines())}
method_en: >-
  {indent(METHOD_EN.format(**fill).splitlines())}
script: data/scripts/build_county_illustrative.py
seed: {SEED}
units:
{units}
unique: [code, year]
row_count: {len(table)}
columns:
{columns}
sha256: {hashlib.sha256(csv_bytes).hexdigest()}
"""


def template_frame(counties: pd.DataFrame) -> pd.DataFrame:
    """The blank template: the 60 codes and names for one year, every value empty, template headers."""
    frame = pd.DataFrame({c.header: "" for c in COLUMNS}, index=range(len(counties)))
    frame[COLUMNS[0].header] = counties["code"].to_numpy()
    frame[COLUMNS[1].header] = counties["name"].to_numpy()
    frame[COLUMNS[2].header] = str(TEMPLATE_YEAR)
    return frame


def _range_text(column) -> str:
    if column.min is None and column.max is None:
        return "—" if column.type != "code" else "吉林省 60 个县级区划代码之一"
    return f"{column.min:g} 至 {column.max:g}"


def template_xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """The Excel template (sheet 数据 + sheet 说明), with fixed timestamps so the bytes are reproducible."""
    from datetime import datetime

    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([str(v) if v != "" else None for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(10, len(column.header) + 4)
        if column.code in ("code", "name"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "@"  # keep codes as text
    sheet.freeze_panes = "C2"

    notes = book.create_sheet("说明")
    notes.append(["列名（表头）", "英文代码", "含义", "单位", "允许范围", "是否必填"])
    for column in COLUMNS:
        notes.append([column.header, column.code, column.description, column.unit_text or "—",
                      _range_text(column), "必填" if column.required else "可留空"])
    notes.append([])
    for line in (
        "每行一个县级行政区的一个年份（区划代码 + 年份不得重复）；填报的每个年份须包含全部 60 个县级行政区。",
        "表头可用本模板的中英文表头、英文代码或中文列名；不需要的列可删除或留空。",
        "比例填 0 至 1 之间的小数（85% 填 0.85）；金额单位为元/人·月；人数为整数。",
        "CSV 可为 UTF-8（含 BOM）或 GBK 编码；Excel 文件只读取第一个工作表。",
        "将填好的文件放入一个文件夹，设置环境变量 JILIN_COUNTY_DATA_DIR 指向该文件夹，看板即以真实数据替换示例数据。",
    ):
        notes.append([line])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (44, 30, 60, 12, 26, 10), strict=True):
        notes.column_dimensions[letter].width = width

    fixed = datetime(*FIXED_ZIP_TIME)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "build_county_illustrative.py"
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps (openpyxl stamps the current time on save)."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_ZIP_TIME)
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            target.writestr(fixed, content)
    return out.getvalue()


def template_sidecar_text(csv_bytes: bytes, rows: int) -> str:
    """The template's sidecar; its schema is the template headers (all blank except code, name, year)."""
    prefilled = ("code", "name", "year")
    schema = {
        c.header: {"type": c.type, "pattern": c.pattern} if c.pattern
        else {"type": c.type if c.code in prefilled else "str"} if c.code in prefilled
        else {"type": "str", "required": False, "allowed": [""]}  # the committed template holds no values
        for c in COLUMNS
    }
    columns = "\n".join(f"  {_yaml_scalar(header)}: {_flow(spec)}" for header, spec in schema.items())
    return f"""\
file: {TEMPLATE_CSV.name}
title: 县级社会救助指标导入模板（空白，CSV 与 Excel）
title_en: Import template for real county-level social-assistance data (blank; CSV and Excel)
producer: 本项目（由 data/scripts/build_county_illustrative.py 生成）
source: >-
  空白模板，不含任何指标数值：列定义取自 analytics/county_data.py（COLUMNS），区划代码与名称取自 data/counties.csv。
  同一模板有两个文件：{TEMPLATE_CSV.name}（UTF-8 含 BOM，Excel 可直接打开）与 {TEMPLATE_XLSX.name}（工作表“数据”与“说明”）。
url: not applicable
date_accessed: '2026-11-23'
licence: 随项目发布
status: derived
status_note: >-
  空白模板（只预填 {TEMPLATE_YEAR} 年的 60 个区划代码与名称，数值留空），不是数据；填好后由 analytics/county_data.py 校验导入。
script: data/scripts/build_county_illustrative.py
files: [{TEMPLATE_CSV.name}, {TEMPLATE_XLSX.name}]
row_count: {rows}
columns:
{columns}
sha256: {hashlib.sha256(csv_bytes).hexdigest()}
"""


def attr_frame(table: pd.DataFrame, key: str) -> pd.DataFrame:
    """A side result of `build` (stored in table.attrs as records) as a frame; totals indexed by year."""
    frame = pd.DataFrame(table.attrs[key])
    return frame.set_index("year") if key == "totals" else frame


def reconciliation(table: pd.DataFrame) -> pd.DataFrame:
    """Per year: province totals used vs county sums (and 长春's 2023 figures)."""
    totals = attr_frame(table, "totals")
    rows = []
    for year in CASELOAD_YEARS:
        part = table[table["year"] == year]
        for column, total in (("urban_recipients", totals.loc[year, "urban"]),
                              ("rural_recipients", totals.loc[year, "rural"]),
                              ("tekun_persons", totals.loc[year, "tekun"])):
            rows.append({"year": year, "month": totals.loc[year, "month"], "indicator": column,
                         "province": int(total), "county_sum": int(part[column].sum())})
    return pd.DataFrame(rows)


def guidance_report(table: pd.DataFrame) -> pd.DataFrame:
    """Every 低保 standard of a guidance year beside its county's guidance: code, name, year, side, value,
    guidance, tier_status, real (observed cell), margin (value / guidance − 1)."""
    observed = attr_frame(table, "observed")
    real = set(zip(observed["code"], observed["year"], observed["column"], strict=True))
    rows = []
    for side in SIDES:
        for year, by_code in table.attrs["guidance"][side].items():
            part = table[table["year"] == year]
            status = table.attrs["guidance_status"][side][year]
            for code, name, value in zip(part["code"], part["name"], part[STANDARD_COLUMN[side]], strict=True):
                line = by_code[code]
                rows.append({"code": code, "name": name, "year": year, "side": side, "value": float(value),
                             "guidance": line, "tier_status": status[code],
                             "real": (code, year, STANDARD_COLUMN[side]) in real,
                             "margin": float(value) / line - 1 if line == line else float("nan")})
    return pd.DataFrame(rows)


def tekun_report(table: pd.DataFrame) -> pd.DataFrame:
    """Every observed 特困 standard beside multiplier × the previous-year 低保 standard (in the table if that
    year is in it, else the observed 低保 value of that year, if any)."""
    multiplier, lag = table.attrs["tekun"]["multiplier"], table.attrs["tekun"]["lag"]
    cells = attr_frame(table, "observed_all")
    wide = table.set_index(["code", "year"])
    rows = []
    for cell in cells[cells["column"].str.startswith("tekun_")].itertuples(index=False):
        side = cell.column.split("_")[1]
        key = (cell.code, cell.year - lag)
        if key in wide.index:
            base, where = float(wide.loc[key, STANDARD_COLUMN[side]]), "table"
        else:
            prior = cells[(cells["code"] == cell.code) & (cells["year"] == cell.year - lag)
                          & (cells["column"] == STANDARD_COLUMN[side])]
            base, where = (float(prior["value_month"].iloc[0]), "observed") if len(prior) else (float("nan"), "none")
        rows.append({"code": cell.code, "year": cell.year, "side": side, "tekun": cell.value_month,
                     "base_year": cell.year - lag, "base": base, "base_from": where,
                     "rule": multiplier * base, "ratio": cell.value_month / base if base == base else float("nan"),
                     "in_table": cell.year in YEARS})
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame, counties: pd.DataFrame) -> str:
    lines = ["Reconciliation (province total used vs sum over the 60 counties):"]
    recon = reconciliation(table)
    recon["diff"] = recon["county_sum"] - recon["province"]
    lines.append(recon.to_string(index=False))
    cc = counties.loc[counties["prefecture_code"] == CHANGCHUN, "code"]
    part = table[(table["year"] == ANCHOR_YEAR) & table["code"].isin(cc)]
    lines.append(f"长春 {ANCHOR_YEAR}: urban {int(part['urban_recipients'].sum())} (published 53734), "
                 f"rural {int(part['rural_recipients'].sum())} (published 102519)")
    base = table[table["year"] == RECONCILE_YEAR].merge(counties, on=["code", "name"])
    pop = base["pop_2020_census"].astype(float)
    share = base["urban_share_2020"].astype(float)
    info = table.attrs["info"]
    lines.append(
        f"2020 weighted mean standards: urban {weighted_mean(base['urban_standard_month'], pop * share):.3f} "
        f"(546.000), rural {weighted_mean(base['rural_standard_month'], pop * (1 - share)):.3f} (364.333); "
        f"θ urban {info['theta']['urban']:.4f}, rural {info['theta']['rural']:.4f}")

    observed = attr_frame(table, "observed")
    counts = observed.pivot_table(index="column", columns="year", values="value_month", aggfunc="size",
                                  fill_value=0)
    counts = counts.reindex([c.code for c in COLUMNS if c.code in counts.index])
    counts["total"] = counts.sum(axis=1)
    lines.append(f"Real values written unchanged (county_standards_observed.csv, {len(observed)} cells; "
                 f"statuses {observed['status'].value_counts().to_dict()}):")
    lines.append(counts.to_string())
    outside = attr_frame(table, "observed_all")
    outside = outside[~outside["year"].isin(YEARS)]
    lines.append(f"Observed values outside 2018–2024 (bounds only, not written): {len(outside)} "
                 f"({', '.join(sorted({str(y) for y in outside['year']}))})")
    lines.append("2018 gaps: urban " + ("; ".join(f"{code} ← {names}" for code, names in info["peers_2018"].items())
                                        or "none")
                 + f"; rural = median real rural of the kind (district {info['rural_median_2018']['district']:g}, "
                 f"county {info['rural_median_2018']['county']:g}) × U{RURAL_BASE_FACTOR}")

    report = guidance_report(table)
    for (year, side), group in report.groupby(["year", "side"], sort=True):
        invented = group[~group["real"]]
        real = group[group["real"]]
        below = invented[invented["value"] < invented["guidance"] - TOLERANCE]
        real_below = real[real["value"] < real["guidance"] - TOLERANCE]
        assumed = int((group["tier_status"] == "assumed").sum())
        lines.append(
            f"guidance {year} {side}: invented {len(invented)} (below {len(below)}, min margin "
            f"{invented['margin'].min():+.4f}), real {len(real)} (below {len(real_below)}"
            + ("" if real.empty else ", at guidance: " + "、".join(
                f"{r.name}{r.value:g}" for r in real.itertuples() if abs(r.value - r.guidance) < TOLERANCE))
            + ")" + (f"; {assumed} assumed tiers" if assumed else ""))
    capped = info["capped"]
    lines.append(f"Invented values capped by a later real value ({len(capped)}): " + "; ".join(
        f"{c['name']} {c['year']} {c['side']} {c['value']:g} (≤ {c['real']:g} in {c['real_year']})" for c in capped))
    lines.append("Observed 特困 standards vs 1.3 × previous-year 低保 standard:")
    tekun = tekun_report(table)
    tekun["name"] = tekun["code"].map(counties.set_index("code")["name"])
    for r in tekun.itertuples():
        verdict = "equal" if abs(r.tekun - r.rule) < 0.005 else f"NOT equal (ratio {r.ratio:.4f})"
        lines.append(f"  {r.name} {r.year} {r.side}: {r.tekun:g} vs 1.3 × {r.base:g} ({r.base_year}, "
                     f"{r.base_from}) = {r.rule:.2f}: {verdict}" + ("" if r.in_table else " [outside the table]"))
    return "\n".join(lines)


def main() -> None:
    table = build()
    counties = load_table("counties", DATA)
    csv_bytes = csv_text(table).encode("utf-8")
    OUT_CSV.write_bytes(csv_bytes)
    OUT_META.write_text(sidecar_text(table, csv_bytes), encoding="utf-8")

    TEMPLATES.mkdir(exist_ok=True)
    template = template_frame(counties.sort_values("code"))
    template_bytes = template.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    TEMPLATE_CSV.write_bytes(template_bytes)
    TEMPLATE_XLSX.write_bytes(template_xlsx_bytes(template))
    TEMPLATE_META.write_text(template_sidecar_text(template_bytes, len(template)), encoding="utf-8")

    load_table("county_indicators", DATA)  # the written files must pass their own schemas
    load_table(TEMPLATE_CSV.stem, TEMPLATES)
    print(summary(table, counties))


if __name__ == "__main__":
    main()
