"""AppTest of 县域地图: controls, selection, sentences, URL state, the illustrative badge."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.county_data import COUNTY_DATA_ENV_VAR
from tests.conftest import REPO_ROOT, open_app_page

PAGE = "../pages/county_map.py"


def open_map(query: dict[str, str] | None = None):
    return open_app_page("pages/county_map.py", query)


def sentences(at: AppTest) -> list[str]:
    """The generated comparison sentences (they start with the county's name)."""
    names = ("农安县", "珲春市", "镇赉县")
    return [m.value for m in at.markdown if m.value.startswith(names)]


def test_map_draws_all_sixty_counties_with_the_illustrative_mark():
    at = open_map()
    listing = at.dataframe[-1].value
    assert len(listing) == 60
    assert any("示例数据" in c.value for c in at.caption)


def test_selecting_a_county_gives_a_sentence_and_a_profile():
    at = open_map()
    at.selectbox(key="map_county").set_value("220122").run()
    text = sentences(at)
    assert text and text[0].startswith("农安县农村低保标准为每人每月")
    assert "同市（州）县（市、区）中位数" in text[0]
    assert any(s.value == "农安县：历年情况" for s in at.subheader)


@pytest.mark.parametrize("metric", ["urban_coverage", "urban_gap", "tekun_compliance", "hotline_12345"])
def test_every_kind_of_metric_draws(metric):
    at = open_map({"map_county": "222404"})
    at.selectbox(key="map_metric").set_value(metric).run()
    assert not at.exception
    assert len(at.dataframe[-1].value) == 60


def test_year_change_changes_the_values():
    at = open_map()
    latest = at.dataframe[-1].value.iloc[:, 3].tolist()
    at.selectbox(key="map_year").set_value(2021).run()
    assert at.dataframe[-1].value.iloc[:, 3].tolist() != latest


def test_peer_group_changes_the_comparison():
    at = open_map({"map_county": "222404"})
    at.selectbox(key="map_peers").set_value("border").run()
    assert any("边境县中位数" in s for s in sentences(at))


def test_link_reproduces_the_view():
    at = open_map({"map_metric": "urban_gap", "map_year": "2024", "map_county": "220821", "map_peers": "poverty"})
    assert at.selectbox(key="map_metric").value == "urban_gap"
    assert at.selectbox(key="map_year").value == 2024
    assert at.selectbox(key="map_county").value == "220821"
    assert any("原贫困县中位数" in s for s in sentences(at))


def test_bad_link_values_get_a_notice():
    at = open_map({"map_county": "999999", "map_metric": "nonsense"})
    notices = [w.value for w in at.warning]
    assert any("「999999」无法识别" in n for n in notices)
    assert any("「nonsense」无法识别" in n for n in notices)
    assert at.selectbox(key="map_county").value is None


def test_real_data_folder_removes_the_badge(monkeypatch, tmp_path):
    source = (REPO_ROOT / "data" / "county_indicators.csv").read_bytes()
    (tmp_path / "real.csv").write_bytes(source)
    monkeypatch.setenv(COUNTY_DATA_ENV_VAR, str(tmp_path))
    at = open_map()
    assert not any("示例数据" in c.value for c in at.caption)


def test_years_start_in_2018_and_guidance_metrics_add_next_year():
    at = open_map()
    assert at.selectbox(key="map_year").options[0] == "2018"
    assert "2025（情景）" not in at.selectbox(key="map_year").options
    at.selectbox(key="map_metric").set_value("urban_guidance").run()
    assert at.selectbox(key="map_year").options[-1] == "2025（情景）"


def test_an_unknown_2024_rural_tier_is_said_to_be_unknown_not_filled():
    at = open_map({"map_metric": "rural_tier", "map_year": "2024", "map_county": "220681", "map_peers": "tier"})
    assert any("临江市2024年农村指导标准档次：**未知**" in m.value for m in at.markdown)
    listing = at.dataframe[-1].value
    assert (listing["达标情况"] == "未知").sum() == 36


def test_same_tier_peers_are_the_counties_of_the_tier_shown():
    at = open_map({"map_metric": "urban_tier", "map_year": "2024", "map_county": "220112", "map_peers": "tier"})
    assert any("双阳区2024年城市指导标准档次：**第2档**；同档次的县（市、区）另有 16 个" in m.value for m in at.markdown)
    assert any("对比组：同一指导标准档次，共 16 个" in c.value for c in at.caption)


def test_the_map_shows_the_guidance_of_the_scenario_in_the_link():
    link = {"sc_guidance_mode": "tiers", "sc_urban_tiers": "800,720,650,590"}
    at = open_map({"map_metric": "urban_guidance", "map_year": "2025", **link})
    listing = at.dataframe[-1].value.set_index("区划代码")
    assert listing.loc["220112", "城市省定最低指导标准（元/人·月）"] == 720  # 双阳区, urban tier 2
    assert listing.loc["220102", "城市省定最低指导标准（元/人·月）"] == 800  # 南关区, tier 1
    assert set(listing["数据状态"]) == {"情景测算"}
