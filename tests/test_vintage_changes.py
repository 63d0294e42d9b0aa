"""Merging a partial county return and diffing two versions (analytics.vintage_changes)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from analytics.loaders import load_table, read_csv_text, validate_table
from analytics.provenance import read_sidecar
from analytics.vintage_changes import SOURCE_COLUMN, changes, merge_return, vintage_csv
from tests.conftest import DATA


def _table() -> pd.DataFrame:
    return load_table("county_indicators")


def test_a_one_county_return_replaces_its_rows_and_carries_every_other():
    active = _table()
    sources = pd.Series("", index=active.index, dtype=object)
    row = active[(active["code"] == "220102") & (active["year"] == 2024)].copy()
    row["rural_standard_month"] = 999.0
    row["urban_recipients"] = pd.NA
    table, new_sources = merge_return(active, sources, row, "return.csv")
    assert len(table) == len(active) and list(table.columns) == list(active.columns)
    assert (table.dtypes == active.dtypes).all()
    mine = (table["code"] == "220102") & (table["year"] == 2024)
    assert table.loc[mine, "rural_standard_month"].item() == 999.0
    assert pd.isna(table.loc[mine, "urban_recipients"].item())  # the row is replaced whole, blank included
    assert new_sources[mine].tolist() == ["return.csv"] and (new_sources[~mine] == "").all()
    d = changes(active, table)
    assert set(d.changed["column"]) == {"rural_standard_month", "urban_recipients"} or \
        set(d.changed["column"]) == {"rural_standard_month"}
    assert d.added.empty and d.removed.empty
    assert d.changed.loc[d.changed["column"] == "rural_standard_month", "new"].item() == 999.0


def test_a_new_year_is_added_rows_and_nothing_else_changes():
    active = _table()
    new_year = active[active["year"] == active["year"].max()].copy()
    new_year["year"] = new_year["year"] + 1
    table, sources = merge_return(active, pd.Series("", index=active.index), new_year, "2025.xlsx")
    d = changes(active, table)
    assert len(d.added) == 60 and d.changed.empty and d.removed.empty
    assert d.unchanged_rows == len(active)
    new = table["year"] == new_year["year"].iloc[0]
    assert (sources[new] == "2025.xlsx").all() and (sources[~new] == "").all()
    assert table[["code", "year"]].equals(table.sort_values(["code", "year"])[["code", "year"]])


def test_equal_numbers_and_blanks_are_not_changes():
    a = pd.DataFrame({"code": ["1", "2"], "year": [2020, 2020], "x": [620.0, np.nan], "n": pd.array([1, None], "Int64")})
    b = pd.DataFrame({"code": ["1", "2"], "year": [2020, 2020], "x": [620, np.nan], "n": pd.array([1, None], "Int64")})
    d = changes(a, b)
    assert d.empty and d.unchanged_cells == 4 and d.unchanged_rows == 2


def test_a_vintage_round_trips_through_the_schema_with_its_sources():
    active = _table()
    sources = pd.Series("", index=active.index, dtype=object)
    sources.iloc[3] = "return.csv"
    raw = vintage_csv(active, sources)
    frame = read_csv_text(raw, "v2")
    assert frame[SOURCE_COLUMN].iloc[3] == "return.csv"
    again = validate_table(frame, read_sidecar(DATA / "county_indicators.meta.yml"))
    pd.testing.assert_frame_equal(again, active)
    assert SOURCE_COLUMN not in pd.read_csv(io.BytesIO(vintage_csv(active))).columns
