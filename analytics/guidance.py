"""Provincial minimum guidance standards (省定最低指导标准): the instrument the province actually sets.

Each year the civil-affairs and finance departments publish urban and rural guidance standards in a few
tiers (档次) and assign every county to a tier; a county sets its own standard at or above its tier's
value (吉民发〔2022〕15号 for 2021–2022, 吉民发〔2023〕67号 for 2024). The data are two tables:
``guidance_standards`` (year, side, tier → 元/人·月) and ``guidance_tiers`` (year, side, county → tier,
with status official / derived / unknown). This module turns them, plus a scenario, into every county's
guidance for every year the scenario covers. It is the ONE implementation of the guidance rule: 标准测算,
the map, the indicators and the benchmark all call `scenario_guidance`.

Decisions, each also stated on the pages that show the result:

* **Unknown tiers stay unknown** in the year they are unknown (2024 rural: the stored notice is cut off for
  36 counties): no guidance, shown as 未知. Only where a *future* year needs a tier (the scenario) or a
  province aggregate needs every county (a population-weighted mean) does a county take its tier from the
  latest year it is known, marked ``assumed`` (推定). Tier numbers are matched by position (tier 2 stays
  tier 2) and capped at the number of tiers of the year they are applied to.
* **Population weights**: the province's guidance level is the mean of the county guidance standards
  weighted by the 2020 census urban (rural) population, so it is the minimum an average urban (rural)
  resident's county must reach. Indicator 2 from the tiers is the ratio of these two means.
* **Next year** is the year after the latest notice in the data (today 2024 → 2025). Its tiers are either
  set by the planner tier by tier, or derived (the default) from the 24号 ratio rule: the rule's province
  value (ratio × income of t − lag, rural floored, with the catch-up path) is spread over the tiers in the
  proportions of the latest notice (each tier's value over the latest population-weighted mean), so the
  weighted mean of the derived tiers equals the rule. Years after it follow the rule's growth. Derived
  tier values are rounded to `TIER_ROUNDING_YUAN`, as the notices publish whole yuan.
* A planner may move a county to another tier from next year on (status ``moved``).

Pure functions over data frames; no Streamlit. Money in 元/人·月 unless a name ends in ``_year``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from analytics.errors import DataError
from analytics.provenance import weakest
from analytics.scenario import SCENARIO_FIELDS, Scenario

SIDES = ("urban", "rural")
MONTHS_PER_YEAR = 12
GUIDANCE_STANDARDS = "guidance_standards"
GUIDANCE_TIERS = "guidance_tiers"

# Status of a county's tier in a year.
TIER_OFFICIAL = "official"
TIER_DERIVED = "derived"
TIER_UNKNOWN = "unknown"  # not in the stored notice: shown as 未知, never filled in that year
TIER_ASSUMED = "assumed"  # 推定: taken from the latest year the county's tier is known
TIER_MOVED = "moved"  # the planner moved the county to another tier
# Where a year's tier values come from.
BASIS_NOTICE = "notice"  # published (official) or derived from a notice
BASIS_RATIO = "ratio"  # the 24号 ratio rule spread over the latest tiers
BASIS_SET = "set"  # set tier by tier by the planner
GUIDANCE_MODES = ("ratio", "tiers")
# Value status of a county guidance value, from its tier status and its tier value's basis.
STATUS_SCENARIO = "scenario"
TIER_ROUNDING_YUAN = 1.0  # the notices publish whole yuan


@dataclass(frozen=True)
class GuidanceData:
    """The two tier tables, checked against each other.

    `values`: one row per (year, side, tier) with value_month, status, document.
    `tiers`: one row per (year, side, code) with tier (Int64, <NA> = unknown) and status.
    """

    values: pd.DataFrame
    tiers: pd.DataFrame

    @cached_property
    def years(self) -> list[int]:
        """Years with published (or derived) tier values, ascending."""
        return sorted(int(y) for y in self.values["year"].unique())

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def next_year(self) -> int:
        """The year a planner decides now: the one after the latest notice in the data."""
        return self.latest_year + 1

    def structure(self, year: int, side: str) -> pd.Series:
        """Tier → value (元/人·月) of one year and side, tier 1 first."""
        rows = self.values[(self.values["year"] == year) & (self.values["side"] == side)]
        return pd.Series(rows["value_month"].to_numpy(dtype=float), index=rows["tier"].to_numpy(dtype=int),
                         name="value_month").sort_index()

    def tier_count(self, side: str, year: int | None = None) -> int:
        return self._tier_counts[(self.latest_year if year is None else year, side)]

    @cached_property
    def _tier_counts(self) -> dict[tuple[int, str], int]:
        counts = self.values.groupby(["year", "side"]).size()
        return {(int(year), str(side)): int(n) for (year, side), n in counts.items()}

    def document(self, year: int) -> str:
        rows = self.values[self.values["year"] == year]
        return str(rows["document"].iloc[0]) if len(rows) else ""

    def assignment(self, year: int, side: str, codes: Iterable[str]) -> pd.DataFrame:
        """Each county's tier in a notice year, as published: tier (<NA> = unknown) and status, by code."""
        rows = self.tiers[(self.tiers["year"] == year) & (self.tiers["side"] == side)].set_index("code")
        index = pd.Index(list(codes), name="code")
        out = pd.DataFrame({"tier": rows["tier"].reindex(index).astype("Int64"),
                            "status": rows["status"].reindex(index).fillna(TIER_UNKNOWN).astype(object)})
        out.loc[out["tier"].isna(), "status"] = TIER_UNKNOWN
        return out


def guidance_data(values: pd.DataFrame, tiers: pd.DataFrame) -> GuidanceData:
    """The tier tables as loaded (`load_table`), cross-checked: every assigned tier must have a value.

    A tier assignment without a tier value would silently give no guidance; it is a data error naming the
    file, the year and the county.
    """
    values = values.copy()
    values["year"] = values["year"].astype(int)
    values["tier"] = values["tier"].astype(int)
    tiers = tiers.copy()
    tiers["year"] = tiers["year"].astype(int)
    tiers["tier"] = tiers["tier"].astype("Int64")
    known = set(zip(values["year"], values["side"], values["tier"], strict=True))
    assigned = tiers[tiers["tier"].notna()]
    for row in assigned.itertuples(index=False):
        if (int(row.year), row.side, int(row.tier)) not in known:
            raise DataError(f"{GUIDANCE_TIERS}.csv",
                            f"{row.year}年{'城市' if row.side == 'urban' else '农村'}第 {int(row.tier)} 档在"
                            f" {GUIDANCE_STANDARDS}.csv 中没有标准值（区划代码 {row.code}）")
    return GuidanceData(values=values.sort_values(["year", "side", "tier"]).reset_index(drop=True),
                        tiers=tiers.reset_index(drop=True))


# ------------------------------------------------------------------------------------- assignments
def assume_unknown(data: GuidanceData, year: int, side: str, codes: Iterable[str]) -> pd.DataFrame:
    """The tiers of `year` with every unknown tier taken from the latest earlier notice year that knows it.

    Such a tier is marked ``assumed`` (推定) and capped at the number of tiers of `year`'s structure (or of
    the latest notice, for a year after it). A county unknown in every year stays unknown. `year` may be a
    notice year (an aggregate needs every county) or later (the scenario's years use the latest notice).
    """
    codes = list(codes)
    notice_years = [y for y in data.years if y <= year]
    if not notice_years:
        return pd.DataFrame({"tier": pd.array([pd.NA] * len(codes), dtype="Int64"),
                             "status": [TIER_UNKNOWN] * len(codes)}, index=pd.Index(codes, name="code"))
    base_year = notice_years[-1]
    out = data.assignment(base_year, side, codes)  # a later year inherits the latest notice's assignment
    cap = data.tier_count(side, base_year)
    for earlier in reversed(notice_years[:-1]):
        missing = out["tier"].isna()
        if not missing.any():
            break
        previous = data.assignment(earlier, side, codes)
        fill = missing & previous["tier"].notna()
        out.loc[fill, "tier"] = previous.loc[fill, "tier"].clip(upper=cap)
        out.loc[fill, "status"] = TIER_ASSUMED
    return out


def county_values(assignment: pd.DataFrame, structure: pd.Series) -> pd.Series:
    """Each county's guidance (元/人·月) from its tier; NaN where the tier is unknown."""
    tiers = assignment["tier"]
    values = tiers.astype("float64").map(structure.astype(float))
    return values.rename("value_month")


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    """Population-weighted mean over the counties with a value (NaN if none has one)."""
    w = weights.reindex(values.index).astype(float)
    known = values.notna() & w.notna() & (w > 0)
    if not known.any():
        return float("nan")
    return float(np.average(values[known].astype(float), weights=w[known]))


def population_weights(counties: pd.DataFrame) -> dict[str, pd.Series]:
    """Urban and rural 2020 census population by county code: the weights of every province aggregate."""
    base = counties.set_index("code")
    pop = base["pop_2020_census"].astype(float)
    share = base["urban_share_2020"].astype(float)
    return {"urban": pop * share, "rural": pop * (1 - share)}


# ------------------------------------------------------------------------------------- the notices
def notice_guidance(data: GuidanceData, weights: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Per notice year and side: the population-weighted guidance and how many tiers were assumed for it.

    Columns year, side, weighted_month, tiers, known, assumed, unknown, document, status. The weighted mean
    uses the assumed (推定) tier for a county whose tier the notice does not show; `assumed` counts them, and
    status is "assumed" when there are any, else the weakest of the tier values' and assignments' statuses.
    """
    rows = []
    for year in data.years:
        for side in SIDES:
            codes = weights[side].index
            published = data.assignment(year, side, codes)
            filled = assume_unknown(data, year, side, codes)
            values = county_values(filled, data.structure(year, side))
            assumed = int((filled["status"] == TIER_ASSUMED).sum())
            value_status = data.values.loc[(data.values["year"] == year) & (data.values["side"] == side), "status"]
            rows.append({
                "year": year, "side": side, "weighted_month": weighted_mean(values, weights[side]),
                "tiers": data.tier_count(side, year), "known": int(published["tier"].notna().sum()),
                "assumed": assumed, "unknown": int(filled["tier"].isna().sum()), "document": data.document(year),
                "status": TIER_ASSUMED if assumed else weakest(*value_status, *published["status"]),
            })
    return pd.DataFrame(rows)


def implied_ratios(data: GuidanceData, incomes: Mapping[str, pd.Series], lag: int) -> pd.DataFrame:
    """The share of income each published tier amounts to: value × 12 / income(year − lag).

    This is the ratio the province actually applied (e.g. 2022 urban tier 2: 600 × 12 / 33,396 = 21.6 %),
    to read beside the 24号 rule's single ratio. Columns year, side, tier, value_month, income_year,
    income, ratio (a share; NaN where that year's income is not published).
    """
    out = data.values[["year", "side", "tier", "value_month", "status", "document"]].copy()
    out["income_year"] = out["year"] - int(lag)
    out["income"] = [float(incomes[side].get(year, np.nan))
                     for side, year in zip(out["side"], out["income_year"], strict=True)]
    out["ratio"] = out["value_month"] * MONTHS_PER_YEAR / out["income"]
    return out.reset_index(drop=True)


def calibration(data: GuidanceData, incomes: Mapping[str, pd.Series], weights: Mapping[str, pd.Series],
                lag: int, published: Mapping[str, pd.Series], check_year: int) -> pd.DataFrame:
    """The rule's ratio calibrated on each notice year, and the published province average as a check.

    ratio = population-weighted guidance × 12 / income(year − lag) for every notice year (basis "notice"),
    plus one row per side for `check_year` (the plan's 2020 average standard, basis "average"): the average
    standard a county actually pays is at or above its guidance, so its ratio is a ceiling-side check, not
    the same quantity. Columns year, side, basis, standard_year, income_year, income, ratio, assumed.
    """
    rows = []
    notices = notice_guidance(data, weights)
    for row in notices.itertuples(index=False):
        income = float(incomes[row.side].get(row.year - lag, np.nan))
        rows.append({"year": int(row.year), "side": row.side, "basis": "notice",
                     "standard_year": row.weighted_month * MONTHS_PER_YEAR, "income_year": int(row.year - lag),
                     "income": income, "ratio": row.weighted_month * MONTHS_PER_YEAR / income,
                     "assumed": int(row.assumed)})
    for side in SIDES:
        standard = float(published[side].get(check_year, np.nan))
        income = float(incomes[side].get(check_year - lag, np.nan))
        rows.append({"year": check_year, "side": side, "basis": "average", "standard_year": standard,
                     "income_year": check_year - lag, "income": income, "ratio": standard / income, "assumed": 0})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------- the scenario
COUNTY_COLUMNS = ("side", "year", "code", "code_index", "tier", "tier_status", "value_month", "status")


@dataclass(frozen=True)
class SideBase:
    """What next year's guidance of one side starts from (computed once per data version).

    tier / status: each county's tier in the latest notice, unknown tiers assumed (`assume_unknown`);
    spread: each tier's value over the latest population-weighted guidance (`derived_tier_values`).
    """

    tier: np.ndarray  # float (NaN = unknown even after assuming), one per county code
    status: np.ndarray  # object
    spread: np.ndarray  # one per tier, tier 1 first
    tiers: np.ndarray  # the tier numbers, 1..n
    weights: np.ndarray  # population per county code


@dataclass(frozen=True)
class GuidanceInputs:
    """What the guidance of any scenario rests on, prepared once: the notices, weights, the rural floor.

    Build it with `guidance_inputs`; `scenario_guidance` then only computes the scenario's own years, which
    keeps one scenario within a few milliseconds (bench/scenario.py).
    """

    data: GuidanceData
    weights: Mapping[str, pd.Series]  # side -> population by code (the county table's order)
    floor_month: float  # the rural floor (poverty line) per month
    notice_arrays: Mapping[str, np.ndarray]  # COUNTY_COLUMNS of the notice years' county rows
    notice_tier_arrays: Mapping[str, np.ndarray]  # side, year, tier, value_month, basis of the notice years
    notice_province: pd.DataFrame  # by year: urban_month, rural_month, basis of the notice years
    base: Mapping[str, SideBase]

    @property
    def codes(self) -> list[str]:
        return list(self.weights["urban"].index)


def object_frame(columns: Mapping[str, object]) -> pd.DataFrame:
    """A frame whose text columns stay NumPy objects: pandas 3 would convert them to Arrow strings, which
    costs more than the whole scenario's arithmetic each time they are built or read."""
    return pd.DataFrame({name: pd.Series(values, dtype=object) if isinstance(values, np.ndarray)
                         and values.dtype == object else values for name, values in columns.items()})


def _county_rows(side: str, year: int, codes: list[str], assignment: pd.DataFrame, values: pd.Series,
                 statuses: np.ndarray) -> pd.DataFrame:
    n = len(codes)
    return object_frame({"side": np.full(n, side, dtype=object), "year": np.full(n, year, dtype="int64"),
                   "code": np.asarray(codes, dtype=object), "code_index": np.arange(n),
                   "tier": assignment["tier"].to_numpy(),
                   "tier_status": assignment["status"].to_numpy(dtype=object),
                   "value_month": values.to_numpy(dtype=float), "status": np.asarray(statuses, dtype=object)})


def guidance_inputs(data: GuidanceData, weights: Mapping[str, pd.Series], floor_month: float) -> GuidanceInputs:
    """Prepare the notice years and next year's starting point once per data version."""
    codes = list(weights["urban"].index)
    county, tiers, province, base = [], [], [], {}
    for year in data.years:
        for side in SIDES:
            structure = data.structure(year, side)
            published = data.assignment(year, side, codes)
            values = county_values(published, structure)
            statuses = np.where(values.isna(), "", published["status"].to_numpy(dtype=object))
            county.append(_county_rows(side, year, codes, published, values, statuses))
            n = len(structure)
            tiers.append(object_frame({"side": np.full(n, side, dtype=object), "year": np.full(n, year, dtype="int64"),
                                 "tier": structure.index.to_numpy(), "value_month": structure.to_numpy(),
                                 "basis": np.full(n, BASIS_NOTICE, dtype=object)}))
            filled = assume_unknown(data, year, side, codes)
            province.append({"year": year, "side": side,
                             "value_month": weighted_mean(county_values(filled, structure), weights[side])})
    for side in SIDES:
        structure = data.structure(data.latest_year, side)
        filled = assume_unknown(data, data.next_year, side, codes)
        level = weighted_mean(county_values(filled, structure), weights[side])
        base[side] = SideBase(tier=filled["tier"].astype("float64").to_numpy(),
                              status=filled["status"].to_numpy(dtype=object),
                              spread=structure.to_numpy() / level, tiers=structure.index.to_numpy(dtype=int),
                              weights=weights[side].reindex(codes).to_numpy(dtype=float))
    notice_county = pd.concat(county, ignore_index=True)
    notice_county["tier"] = notice_county["tier"].astype("Int64")
    long = pd.DataFrame(province)
    wide = long.pivot(index="year", columns="side", values="value_month")
    notice_province = pd.DataFrame({f"{side}_month": wide[side] for side in SIDES}).rename_axis("year")
    notice_province["basis"] = pd.Series(BASIS_NOTICE, index=notice_province.index, dtype=object)
    return GuidanceInputs(data=data, weights=weights, floor_month=float(floor_month),
                          notice_arrays=_as_arrays(notice_county),
                          notice_tier_arrays=_as_arrays(pd.concat(tiers, ignore_index=True)),
                          notice_province=notice_province, base=base)


@dataclass(frozen=True)
class ScenarioGuidance:
    """Every county's guidance under one scenario, for the notice years and next year to the horizon.

    County rows, one per (side, year, code) (`COUNTY_COLUMNS`): tier, tier_status, value_month, status (the
    value's status: official / derived for a notice, scenario for a projected year; "" where unknown). They
    are kept as arrays (`notice_arrays`, shared by every scenario, and `future_arrays`) and turned into frames
    only when asked (`county`, `frame`): a slider step needs the numbers, not a data frame of 1,000 rows.
    `tier_arrays`: (side, year, tier) → value_month, basis. `province`: by year, the population-weighted
    guidance per side (``urban_month``, ``rural_month``, with assumed tiers where a notice does not show
    one) and its basis (notice / ratio / set).
    """

    notice_arrays: Mapping[str, np.ndarray]
    future_arrays: Mapping[str, np.ndarray]
    tier_arrays: Mapping[str, np.ndarray]
    province: pd.DataFrame
    next_year: int
    codes: np.ndarray  # the county order of every (side, year) block; code_index points into it

    def arrays(self, years: Iterable[int] | None = None) -> dict[str, np.ndarray]:
        """The county rows of some years (all when None) as arrays, notice years first."""
        parts = [self.notice_arrays, self.future_arrays]
        if years is not None:
            wanted = np.asarray(list(years), dtype="int64")
            masks = [np.isin(part["year"], wanted) for part in parts]
            parts = [{k: v[m] for k, v in part.items()} for part, m in zip(parts, masks, strict=True)]
        return {k: np.concatenate([part[k] for part in parts]) for k in COUNTY_COLUMNS}

    @cached_property
    def county(self) -> pd.DataFrame:
        return _county_frame(self.arrays())

    @cached_property
    def tiers(self) -> pd.DataFrame:
        return object_frame(dict(self.tier_arrays))

    def frame(self, year: int, side: str) -> pd.DataFrame:
        """tier, tier_status, value_month, status of one year and side, indexed by code."""
        part = self.future_arrays if year >= self.next_year else self.notice_arrays
        mask = (part["year"] == year) & (part["side"] == side)
        rows = _county_frame({k: v[mask] for k, v in part.items()})
        return rows.set_index("code")[["tier", "tier_status", "value_month", "status"]]

    def structure(self, year: int, side: str) -> pd.Series:
        """Tier → value (元/人·月) of one year and side."""
        t = self.tier_arrays
        mask = (t["year"] == year) & (t["side"] == side)
        return pd.Series(t["value_month"][mask], index=t["tier"][mask].astype(int), name=side)

    @property
    def years(self) -> list[int]:
        return sorted({int(y) for y in np.unique(self.notice_arrays["year"])}
                      | {int(y) for y in np.unique(self.future_arrays["year"])})


def _county_frame(arrays: Mapping[str, np.ndarray]) -> pd.DataFrame:
    frame = object_frame({k: arrays[k] for k in COUNTY_COLUMNS})
    frame["tier"] = pd.array(np.where(np.isnan(arrays["tier"].astype(float)), np.nan, arrays["tier"]), dtype="Int64") \
        if len(frame) else pd.array([], dtype="Int64")
    return frame


def _as_arrays(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """A frame's columns as NumPy arrays (tier as float, NaN = unknown)."""
    out = {k: frame[k].to_numpy(dtype=object) if frame[k].dtype == object else frame[k].to_numpy() for k in frame}
    if "tier" in out:
        out["tier"] = frame["tier"].astype("float64").to_numpy()
    return out


def _round_tiers(values: np.ndarray) -> np.ndarray:
    return np.round(np.asarray(values, dtype=float) / TIER_ROUNDING_YUAN) * TIER_ROUNDING_YUAN


def derived_tier_values(inputs: GuidanceInputs, rule_month: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Next year's tiers from the 24号 rule: the latest notice's tier proportions scaled to the rule's value.

    spread_k = tier_k(latest) / weighted guidance(latest) (with assumed tiers), so that the weighted mean of
    the new tiers is the rule's province value; rounded to whole yuan; rural tiers floored at the poverty line.
    """
    out = {}
    for side in SIDES:
        values = _round_tiers(inputs.base[side].spread * float(rule_month[side]))
        out[side] = np.maximum(values, np.ceil(inputs.floor_month)) if side == "rural" else values
    return out


def scenario_guidance(inputs: GuidanceInputs, rule_month: pd.DataFrame, *, mode: str = "ratio",
                      set_values: Mapping[str, tuple[float, ...]] | None = None,
                      moves: Iterable[tuple[str, str, int]] = ()) -> ScenarioGuidance:
    """Every county's guidance for the notice years and for next year to the end of `rule_month`.

    `rule_month`: the 24号 ratio rule's province value by year (index int year, columns urban, rural,
    元/人·月) as `analytics.standards.ratio_rule` gives it for the scenario (its income path, lag, floor and
    catch-up already applied). `mode` "ratio" derives next year's tiers from the rule (`derived_tier_values`);
    "tiers" takes `set_values[side]` (one value per tier of the latest notice) for next year, for each side
    given (a side left empty stays derived). Either way the years after next year grow with the rule:
    tier_k(t) = tier_k(next) × rule(t) / rule(next), rounded. `moves` are (side, code, tier) triples applied
    from next year on (status ``moved``).

    The notice years keep their published tiers and values, unknown tiers unknown (status ""); the province
    means use assumed tiers for them (see `notice_guidance`). Vectorised over years and counties.
    """
    if mode not in GUIDANCE_MODES:
        raise ValueError(f"指导标准设定方式应为 {' / '.join(GUIDANCE_MODES)} 之一，实际为「{mode}」")
    next_year = inputs.data.next_year
    codes = np.asarray(inputs.codes, dtype=object)
    position = {code: i for i, code in enumerate(inputs.codes)}
    future = np.array([int(y) for y in rule_month.index if int(y) >= next_year], dtype="int64")
    if not len(future):
        return ScenarioGuidance(notice_arrays=inputs.notice_arrays,
                                future_arrays={k: v[:0] for k, v in inputs.notice_arrays.items()},
                                tier_arrays=inputs.notice_tier_arrays, province=inputs.notice_province,
                                next_year=next_year, codes=codes)
    rule = {side: rule_month[side].to_numpy(dtype=float)[-len(future):] for side in SIDES}
    first = derived_tier_values(inputs, {side: rule[side][0] for side in SIDES})
    n_years, n_codes = len(future), len(codes)
    county: dict[str, list[np.ndarray]] = {k: [] for k in COUNTY_COLUMNS}
    tiers: dict[str, list[np.ndarray]] = {k: [] for k in ("side", "year", "tier", "value_month", "basis")}
    means, year_basis = {}, np.full(n_years, BASIS_RATIO, dtype=object)
    for side in SIDES:
        base = inputs.base[side]
        chosen = tuple((set_values or {}).get(side, ())) if mode == "tiers" else ()
        bases = np.full(n_years, BASIS_RATIO, dtype=object)
        if chosen:
            if len(chosen) != len(base.tiers):
                raise ValueError(f"{side} 应有 {len(base.tiers)} 档，实际给出 {len(chosen)} 个数值")
            first[side] = np.asarray(chosen, dtype=float)
            bases[0] = year_basis[0] = BASIS_SET
        tier, status = base.tier.copy(), base.status.copy()
        for move_side, code, moved in moves:
            if move_side == side and code in position:
                tier[position[code]], status[position[code]] = float(moved), TIER_MOVED
        matrix = _round_tiers(first[side][None, :] * (rule[side] / rule[side][0])[:, None])  # years × tiers
        matrix[0] = first[side]
        if side == "rural":
            matrix = np.maximum(matrix, inputs.floor_month)
        known = ~np.isnan(tier)
        values = np.where(known[None, :], matrix[:, np.where(known, tier, 1).astype(int) - 1], np.nan)
        flat = values.ravel()
        county["side"].append(np.full(n_years * n_codes, side, dtype=object))
        county["year"].append(np.repeat(future, n_codes))
        county["code"].append(np.tile(codes, n_years))
        county["code_index"].append(np.tile(np.arange(n_codes), n_years))
        county["tier"].append(np.tile(tier, n_years))
        county["tier_status"].append(np.tile(status, n_years))
        county["value_month"].append(flat)
        county["status"].append(np.where(np.isnan(flat), "", STATUS_SCENARIO).astype(object))
        n_tiers = len(base.tiers)
        tiers["side"].append(np.full(n_years * n_tiers, side, dtype=object))
        tiers["year"].append(np.repeat(future, n_tiers))
        tiers["tier"].append(np.tile(base.tiers, n_years))
        tiers["value_month"].append(matrix.ravel())
        tiers["basis"].append(np.repeat(bases, n_tiers))
        w = np.where(known, base.weights, 0.0)
        means[side] = np.nansum(values * w[None, :], axis=1) / w.sum()
    notice_province = inputs.notice_province
    years = np.concatenate([notice_province.index.to_numpy(dtype="int64"), future])
    province = pd.DataFrame({f"{side}_month": np.concatenate([notice_province[f"{side}_month"].to_numpy(),
                                                               means[side]]) for side in SIDES},
                            index=pd.Index(years, name="year"))
    # A year is "set" when either side was set by hand; otherwise both sides share one basis.
    province["basis"] = pd.Series(np.concatenate([notice_province["basis"].to_numpy(dtype=object), year_basis]),
                                  index=province.index, dtype=object)
    return ScenarioGuidance(
        notice_arrays=inputs.notice_arrays, future_arrays={k: np.concatenate(v) for k, v in county.items()},
        tier_arrays={k: np.concatenate([inputs.notice_tier_arrays[k], *v]) for k, v in tiers.items()},
        province=province, next_year=next_year, codes=codes)


def check_scenario(scenario: Scenario, data: GuidanceData, codes: Iterable[str]) -> tuple[Scenario, list[str]]:
    """The scenario's tier values and moves checked against the data; Chinese notices for what was dropped.

    `analytics.scenario` checks a link's spelling; only the data know how many tiers the latest notice has
    and which county codes exist. A tier list of the wrong length goes back to the ratio (derived tiers); a
    move naming an unknown county or a tier the notice does not have is dropped. Never raises.
    """
    notices: list[str] = []
    changes: dict[str, object] = {}
    for side in SIDES:
        name = f"{side}_tiers"
        values = scenario.tier_values(side)
        count = data.tier_count(side)
        if values and len(values) != count:
            label = SCENARIO_FIELDS[name].label_short
            notices.append(f"「{label}」有 {len(values)} 个数值，但 {data.latest_year} 年通知分 {count} 档，"
                           "已改为按比例推算。")
            changes[name] = ()
    known = set(codes)
    kept = []
    for side, code, tier in scenario.tier_moves:
        count = data.tier_count(side)
        if code not in known:
            notices.append(f"「调整档次」中的区划代码「{code}」不是吉林省的县级区划，已忽略。")
        elif not 1 <= tier <= count:
            notices.append(f"「调整档次」中 {code} 的第 {tier} 档不存在（{data.latest_year} 年分 {count} 档），已忽略。")
        else:
            kept.append((side, code, tier))
    if len(kept) != len(scenario.tier_moves):
        changes["tier_moves"] = tuple(kept)
    return (replace(scenario, **changes) if changes else scenario), notices
