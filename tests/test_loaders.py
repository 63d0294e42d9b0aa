"""The loaders accept the embedded data and refuse broken files with messages naming the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analytics.errors import DataError
from analytics.loaders import load_table
from tests.conftest import REPO_ROOT

BAD = REPO_ROOT / "tests" / "assets" / "bad"
CASES = yaml.safe_load((BAD / "cases.yml").read_text(encoding="utf-8"))
TABLES = ["counties", "development_zones", "province_annual", "assistance_monthly", "context_points",
          "indicators_14th_fyp"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_broken_file_gives_its_message(case):
    with pytest.raises(DataError) as caught:
        load_table(case["dataset"], path=BAD / case["file"])
    assert case["message"] in str(caught.value)


def test_every_broken_file_has_a_case():
    files = {p.name for p in BAD.glob("*.csv")}
    assert files == {c["file"] for c in CASES} - {"does_not_exist.csv"}


@pytest.mark.parametrize("name", TABLES)
def test_embedded_tables_load(name):
    frame = load_table(name)
    assert len(frame) > 0


def test_types_follow_the_schema():
    counties = load_table("counties")
    assert str(counties["pop_2020_census"].dtype) == "Int64"
    assert counties["urban_share_2020"].dtype == "float64"
    assert counties["code"].str.len().eq(6).all()


def test_line_numbers_count_the_header_as_line_one(tmp_path: Path):
    text = (REPO_ROOT / "data" / "counties.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace(",657682,", ",abc,")  # first data row = line 2
    bad = tmp_path / "c.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="第 2 行「pop_2020_census」列"):
        load_table("counties", path=bad)


def test_utf8_with_bom_from_excel_is_accepted(tmp_path: Path):
    raw = (REPO_ROOT / "data" / "counties.csv").read_bytes()
    bom = tmp_path / "counties_bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + raw)
    assert len(load_table("counties", path=bom)) == 60
