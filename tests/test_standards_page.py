"""AppTest of 标准测算: controls drive the numbers, bad links give notices, scenarios compare."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app_page

PAGE = "../pages/standards.py"


def open_standards(query: dict[str, str] | None = None):
    return open_app_page("pages/standards.py", query)


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def number(text: str) -> float:
    return float(text.split()[0].replace(",", "").rstrip("%"))


def test_rural_ratio_drives_the_2025_rural_standard():
    at = open_standards()
    before = number(metric(at, "2025年农村低保标准"))
    at.slider(key="sc_rural_ratio").set_value(0.40).run()
    after = number(metric(at, "2025年农村低保标准"))
    # Rule: standard = ratio x income(t-2); 0.40 / 0.31801 scales the unfloored standard.
    assert after == pytest.approx(before * 0.40 / 0.31801, rel=0.01)
    assert number(metric(at, "2025年城市低保标准")) == number(metric(at, "2025年城市低保标准"))


def test_baseline_cost_change_is_zero_and_a_higher_ratio_costs_more():
    at = open_standards()
    cost = next(m for m in at.metric if m.label.startswith("2025年救助资金测算"))
    assert cost.delta.startswith("+0.00")
    at.slider(key="sc_urban_ratio").set_value(0.25).run()
    cost = next(m for m in at.metric if m.label.startswith("2025年救助资金测算"))
    assert float(cost.delta.split()[0]) > 0


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"sc_rural_ratio": "abc"}, "链接参数「农村比例」的值「abc」无法识别"),
        ({"sc_urban_ratio": "0.9"}, "链接参数「城市比例」的值「0.9」超出范围"),
        ({"sc_horizon": "2027"}, "链接参数「测算期末」的值「2027」不是可选值"),
    ],
)
def test_invalid_link_values_show_a_notice_not_an_exception(query, notice):
    at = open_standards(query)
    assert any(notice in w.value for w in at.warning), [w.value for w in at.warning]


def test_out_of_range_link_value_is_clamped_not_dropped():
    at = open_standards({"sc_urban_ratio": "0.9"})
    assert at.slider(key="sc_urban_ratio").value == pytest.approx(0.5)


def test_valid_link_reproduces_the_scenario():
    at = open_standards({"sc_rural_ratio": "0.4", "sc_horizon": "2025"})
    assert not at.warning
    assert at.slider(key="sc_rural_ratio").value == pytest.approx(0.4)
    assert at.selectbox(key="sc_horizon").value == 2025


def test_two_saved_scenarios_are_compared_side_by_side():
    at = open_standards()
    assert not [m for m in at.multiselect if m.key == "standards_compare"]  # nothing saved, nothing to pick
    at.button(key="standards_save").click().run()
    at.text_input(key="sc_name").set_value("提标").run()
    at.slider(key="sc_rural_ratio").set_value(0.36).run()
    at.button(key="standards_save").click().run()
    assert at.multiselect(key="standards_compare").value == ["基准情景", "提标"]
    summary = at.dataframe[-1].value
    assert list(summary.columns) == ["基准情景", "提标"]
    rural = summary.loc["2025年农村标准（元/人·月）"]
    assert rural["提标"] > rural["基准情景"]


def test_reset_restores_the_baseline():
    at = open_standards()
    at.slider(key="sc_rural_ratio").set_value(0.45).run()
    at.button(key="standards_reset").click().run()
    assert at.slider(key="sc_rural_ratio").value == pytest.approx(0.31801)


def test_scenario_survives_a_visit_to_another_page():
    at = open_standards()
    at.slider(key="sc_rural_ratio").set_value(0.42).run()
    at.switch_page("../pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert at.slider(key="sc_rural_ratio").value == pytest.approx(0.42)


def test_catch_up_year_shows_its_none_label_and_round_trips():
    at = open_standards()
    box = at.selectbox(key="sc_catch_up_year")
    assert box.value == 0 and box.options[0] == "不设追赶目标"
    box.set_value(2027).run()
    assert at.selectbox(key="sc_catch_up_year").value == 2027
    at2 = open_standards({"sc_catch_up_year": "2027"})
    assert at2.selectbox(key="sc_catch_up_year").value == 2027 and not at2.warning


def indicator_row(at: AppTest, year: int) -> str:
    table = next(m.value for m in at.markdown if m.value.startswith("| 年份 |"))
    return next(line for line in table.splitlines() if line.startswith(f"| {year} |"))


def test_indicator_table_follows_the_scenario():
    at = open_standards()
    ratio = metric(at, "2025年农村/城市标准比")
    assert f"[{ratio} " in indicator_row(at, 2025)  # the table and the key figure agree
    at.slider(key="sc_rural_ratio").set_value(0.20).run()
    row = indicator_row(at, 2025)
    assert f"[{metric(at, '2025年农村/城市标准比')} 未达标]" in row and "orange-background" in row


def test_controls_speak_english_and_keep_the_scenario_when_the_language_changes():
    at = open_standards()
    at.slider(key="sc_rural_ratio").set_value(0.42).run()
    at.toggle(key="lang_en").set_value(True).run()
    slider = at.slider(key="sc_rural_ratio")
    assert slider.label == "Rural ratio (share)" and slider.value == pytest.approx(0.42)
    assert at.selectbox(key="sc_catch_up_year").options[0] == "No catch-up target"
    assert at.selectbox(key="sc_lag").options == ["Previous year (t−1)", "Two years earlier (t−2)"]
    rural = next(m.value for m in at.metric if m.label.startswith("Rural standard 2025"))
    at.toggle(key="lang_en").set_value(False).run()
    assert at.slider(key="sc_rural_ratio").label == "农村比例（比例）"
    assert metric(at, "2025年农村低保标准") == rural  # same scenario, same number in either language
