"""The guidance-standard tables reproduce the notices; the observed county standards are kept as published.

Everything here reads data/ through `analytics.loaders.load_table` (so the schemas and checksums are
checked too). Only the rebuild checks at the end read the research group's shared folder, and they are
skipped where it does not exist (CI): the committed files are the data, the script is how they were made.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analytics.loaders import load_table
from analytics.provenance import read_sidecar
from tests.conftest import DATA, REPO_ROOT

SHARED = REPO_ROOT.parent / "shared" / "data"
SCRIPT = DATA / "scripts" / "build_guidance_data.py"
SOURCES = ["jilin_guidance_standards.csv", "jilin_guidance_tiers.csv", "jilin_county_standards_observed.csv",
           "jilin_context_points.csv"]
OUTPUTS = ["guidance_standards", "guidance_tiers", "county_standards_observed", "context_points"]
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"the shared reference folder {SHARED} is absent")

JIANGYUAN = "220605"
YANJI = "222401"
LINJIANG = "220681"
JILIN_CITY_DISTRICTS = ["220202", "220203", "220204", "220211"]
# 2018 rural standards: the stored approval table stops after 伊通县 (公主岭市 has no rural value)
RURAL_2018 = ["220102", "220103", "220104", "220105", "220106", "220112", "220113", "220122", "220182",
              "220183", "220202", "220203", "220204", "220211", "220221", "220281", "220282", "220283",
              "220284", "220302", "220303", "220322", "220323", "220382"]


@pytest.fixture(scope="module")
def standards() -> pd.DataFrame:
    return load_table("guidance_standards")


@pytest.fixture(scope="module")
def tiers() -> pd.DataFrame:
    return load_table("guidance_tiers")


@pytest.fixture(scope="module")
def observed() -> pd.DataFrame:
    return load_table("county_standards_observed")


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return load_table("counties")


def _part(frame: pd.DataFrame, year: int, side: str) -> pd.DataFrame:
    return frame[(frame["year"] == year) & (frame["side"] == side)]


# ----------------------------------------------------------------------------------------- standards
@pytest.mark.parametrize(
    ("name", "rows"), [("guidance_standards", 20), ("guidance_tiers", 360), ("county_standards_observed", 120),
                       ("context_points", 29)],
)
def test_row_counts(name, rows):
    assert len(load_table(name)) == rows


@pytest.mark.parametrize(
    ("year", "side", "values", "status"),
    [
        (2021, "urban", [650, 600, 550], "derived"),
        (2021, "rural", [415, 410, 405], "derived"),
        (2022, "urban", [650, 600, 550], "official"),
        (2022, "rural", [415, 410, 405], "official"),
        (2024, "urban", [770, 660, 620, 560], "official"),
        (2024, "rural", [500, 470, 440, 410], "official"),
    ],
)
def test_guidance_standards_reproduce_the_notices(standards, year, side, values, status):
    part = _part(standards, year, side).sort_values("tier")
    assert part["tier"].tolist() == list(range(1, len(values) + 1))
    assert part["value_month"].tolist() == values
    assert (part["status"] == status).all()


def test_guidance_documents(standards):
    for year, number in ((2021, "吉民发〔2022〕15号"), (2022, "吉民发〔2022〕15号"), (2024, "吉民发〔2023〕67号")):
        assert standards.loc[standards["year"] == year, "document"].str.startswith(number).all()


def test_guidance_standards_are_sorted_urban_first(standards):
    order = standards.assign(s=standards["side"].map({"urban": 0, "rural": 1}))
    assert order.sort_values(["year", "s", "tier"]).index.tolist() == standards.index.tolist()


def test_guidance_units_are_monthly():
    assert read_sidecar(DATA / "guidance_standards.meta.yml").units["value_month"].startswith("元/人·月")


# ----------------------------------------------------------------------------------------- tiers
@pytest.mark.parametrize(
    ("year", "side", "counts", "unknown"),
    [
        (2021, "urban", {1: 8, 2: 22, 3: 30}, 0),
        (2021, "rural", {1: 13, 2: 29, 3: 18}, 0),
        (2022, "urban", {1: 8, 2: 22, 3: 30}, 0),
        (2022, "rural", {1: 13, 2: 29, 3: 18}, 0),
        (2024, "urban", {1: 5, 2: 17, 3: 14, 4: 24}, 0),
        (2024, "rural", {1: 5, 2: 19}, 36),
    ],
)
def test_tiers_per_year_and_side(tiers, counties, year, side, counts, unknown):
    part = _part(tiers, year, side)
    assert sorted(part["code"]) == sorted(counties["code"])  # each of the 60, once
    assert part["tier"].value_counts().sort_index().to_dict() == counts
    assert int(part["tier"].isna().sum()) == unknown


def test_unknown_tiers_are_blank_and_never_filled(tiers):
    unknown = tiers["status"] == "unknown"
    assert unknown.equals(tiers["tier"].isna())
    assert (tiers.loc[unknown, "confidence"] == "").all()
    assert (tiers.loc[~unknown, "confidence"] != "").all()
    assert set(tiers.loc[unknown, ["year", "side"]].itertuples(index=False)) == {(2024, "rural")}


def test_2021_tiers_are_the_2022_tiers_marked_derived(tiers):
    key = ["side", "code"]
    y2021 = tiers[tiers["year"] == 2021].set_index(key).sort_index()
    y2022 = tiers[tiers["year"] == 2022].set_index(key).sort_index()
    assert len(y2021) == 120
    assert y2021["tier"].equals(y2022["tier"])
    for column in ("confidence", "document", "source", "name", "unit_as_written"):
        assert y2021[column].equals(y2022[column])
    assert (y2021["status"] == "derived").all()
    assert y2021["note"].str.startswith("derived: 吉民发〔2022〕15号 keeps the previous year's").all()
    assert (y2022["status"] == "official").all()


def test_every_known_tier_has_a_guidance_value(tiers, standards):
    known = tiers[tiers["tier"].notna()]
    joined = known.merge(standards[["year", "side", "tier", "value_month"]], how="left",
                         on=["year", "side", "tier"])
    assert len(joined) == len(known)
    assert joined["value_month"].notna().all()


@pytest.mark.parametrize("name", ["guidance_tiers", "county_standards_observed"])
def test_county_codes_and_names_are_those_of_counties_csv(counties, name):
    frame = load_table(name)
    names = dict(zip(counties["code"], counties["name"], strict=True))
    assert set(frame["code"]) <= set(names)
    assert (frame["name"] == frame["code"].map(names)).all()


# ----------------------------------------------------------------------------------------- observed
def _observed(observed, year, measure="dibao", side="urban"):
    return observed[(observed["year"] == year) & (observed["measure"] == measure) & (observed["side"] == side)]


def test_2018_urban_covers_59_codes_without_jiangyuan(observed, counties):
    codes = set(_observed(observed, 2018)["code"])
    assert len(codes) == 59
    assert JIANGYUAN not in codes
    assert codes == set(counties["code"]) - {JIANGYUAN}
    note = read_sidecar(DATA / "county_standards_observed.meta.yml").status_note
    assert "59" in note and "江源区" in note


def test_2018_rural_only_for_the_codes_in_the_stored_excerpt(observed):
    rural = _observed(observed, 2018, side="rural")
    assert sorted(rural["code"]) == RURAL_2018
    assert (rural["unit"] == "元/人·年").all()


def test_yanji_2024_urban_is_derived_from_the_2025_report(observed):
    row = _observed(observed, 2024)
    row = row[row["code"] == YANJI]
    assert len(row) == 1
    later = _observed(observed, 2025)
    later = later[later["code"] == YANJI].iloc[0]
    row = row.iloc[0]
    assert (row["value"], row["unit"], row["status"], row["confidence"]) == (660, "元/人·月", "derived", "medium")
    assert row["source"] == later["source"]
    assert row["note"] == ("derived: the 2025-07 report raises the urban standard to 760 from 660, "
                           "so 660 was in force at the end of 2024")
    assert later["value"] == 760


@pytest.mark.parametrize(
    ("year", "codes", "urban", "rural"),
    [(2022, JILIN_CITY_DISTRICTS, 780, 533), (2024, [LINJIANG], 715, 533), (2025, [YANJI], 1056, 704)],
    ids=["jilin-city-2022", "linjiang-2024", "yanji-2025"],
)
def test_tekun_rows_read_from_the_source_notes(observed, year, codes, urban, rural):
    for side, value in (("urban", urban), ("rural", rural)):
        part = _observed(observed, year, "tekun", side)
        assert sorted(part["code"]) == sorted(codes)
        assert (part["value"] == value).all()
        assert (part["unit"] == "元/人·月").all()
        assert part["note"].str.contains("read from the source note").all()
        assert part["note"].str.contains("特困").all()


def test_only_those_tekun_rows(observed):
    assert (observed["measure"] == "tekun").sum() == 2 * (len(JILIN_CITY_DISTRICTS) + 2)


@pytest.mark.parametrize(
    ("year", "code", "side", "value", "unit"),
    [
        (2015, YANJI, "rural", 3600, "元/人·年"),  # per year as published, not converted to months
        (2017, "220183", "urban", 393, "元/人·月"),
        (2018, "220102", "rural", 4920, "元/人·年"),
        (2020, "222405", "rural", 4020, "元/人·年"),
        (2022, "220202", "rural", 410, "元/人·月"),
        (2024, LINJIANG, "rural", 470, "元/人·月"),
    ],
)
def test_observed_values_keep_their_published_units(observed, year, code, side, value, unit):
    row = _observed(observed, year, side=side)
    row = row[row["code"] == code]
    assert len(row) == 1
    assert (row["value"].iloc[0], row["unit"].iloc[0]) == (value, unit)


def test_observed_urban_dibao_is_always_monthly(observed):
    urban = observed[(observed["measure"] == "dibao") & (observed["side"] == "urban")]
    assert (urban["unit"] == "元/人·月").all()


def test_observed_is_sorted(observed):
    keys = observed.assign(m=observed["measure"].map({"dibao": 0, "tekun": 1}),
                           s=observed["side"].map({"urban": 0, "rural": 1}))
    assert keys.sort_values(["year", "code", "m", "s"]).index.tolist() == observed.index.tolist()


def test_monthly_county_standards_are_not_below_their_guidance(observed, tiers, standards):
    """A cross-check of two sources: where both are known, a county's standard reaches its tier's value."""
    guide = tiers.dropna(subset=["tier"]).merge(standards, on=["year", "side", "tier"])[
        ["year", "side", "code", "value_month"]]
    monthly = observed[(observed["measure"] == "dibao") & (observed["unit"] == "元/人·月")]
    both = monthly.merge(guide, on=["year", "side", "code"])
    assert len(both) >= 10  # 吉林市's districts 2022, 临江 2024 urban, 延吉 2024 urban
    assert (both["value"] >= both["value_month"]).all()


def test_context_points_hold_the_province_cross_check():
    context = load_table("context_points").set_index(["period", "indicator"])
    assert context.loc[("2015", "jilin_avg_urban_dibao_standard_month_derived"), "value"] == 401.59
    assert context.loc[("2015", "jilin_avg_urban_dibao_standard_month_derived"), "confidence"] == "medium-low"
    # the rows build_county_illustrative.py reads are still there
    assert context.loc[("2025-07", "yanji_urban_dibao_standard_month"), "value"] == 760
    assert context.loc[("2023-11", "changchun_urban_dibao_recipients"), "value"] == 53734


def test_an_unparsable_tekun_note_stops_the_script(tmp_path, counties):
    spec = importlib.util.spec_from_file_location("build_guidance_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    header = ",".join(module.COLUMNS_IN[module.SRC_OBSERVED])
    (tmp_path / module.SRC_OBSERVED).write_text(
        header + "\n2025,222401,延吉市,延吉市,760,元/人·月,,,official,medium,x,from 2025-07 (660 before)\n"
        "2024,220681,临江市,临江市,560,元/人·月,470,元/人·月,official,high,x,特困 raised to 715\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="line 3: note mentions 特困 but cannot be parsed"):
        module.build_observed(tmp_path, counties)


# ----------------------------------------------------------------------------------------- rebuild
@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """The script run on a private copy of the shared files, writing to a private folder (twice)."""
    base = tmp_path_factory.mktemp("guidance")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        shutil.copy(SHARED / name, source / name)
    outs = []
    for run in ("first", "second"):
        out = base / run
        subprocess.run([sys.executable, str(SCRIPT), "--source", str(source), "--out", str(out)],
                       check=True, capture_output=True, cwd=REPO_ROOT)
        outs.append(out)
    return outs


@needs_shared
@pytest.mark.parametrize("name", [f"{s}{ext}" for s in OUTPUTS for ext in (".csv", ".meta.yml")])
def test_script_output_equals_the_committed_files(rebuilt, name):
    first, second = ((out / name).read_bytes() for out in rebuilt)
    assert first == second, f"{name}: not byte-identical on re-run"
    assert first == (DATA / name).read_bytes(), f"{name}: run data/scripts/build_guidance_data.py"
    assert b"\r" not in first
    first.decode("utf-8")


@needs_shared
def test_dropped_guidance_month_is_reproduced_by_the_join(tiers, standards):
    source = pd.read_csv(SHARED / "jilin_guidance_tiers.csv", dtype=str, keep_default_na=False)
    given = source[source["guidance_month"] != ""]
    assert len(given) == 204
    ours = tiers.merge(standards[["year", "side", "tier", "value_month"]], on=["year", "side", "tier"])
    ours = ours.set_index([ours["year"].astype(str), ours["side"], ours["code"]])["value_month"]
    for row in given.itertuples(index=False):
        assert ours[(row.year, row.area, row.code)] == float(row.guidance_month), row


def test_longjing_2019_is_derived_from_what_the_2020_notice_replaced():
    observed = load_table("county_standards_observed")
    rows = observed[(observed["code"] == "222405") & (observed["year"] == 2019)].set_index("side")
    assert set(rows["status"]) == {"derived"}
    assert (rows.at["urban", "value"], rows.at["urban", "unit"]) == (500, "元/人·月")
    assert (rows.at["rural", "value"], rows.at["rural", "unit"]) == (3800, "元/人·年")
