"""AppTest of 十四五指标: both tabs, every indicator's chart, the exports."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import open_app_page

PAGE = "pages/indicators.py"


def test_indicator_table_has_the_plans_eight_rows_with_status():
    at = open_app_page(PAGE)
    table = at.dataframe[0].value
    assert list(table["序号"]) == list(range(1, 9))
    assert set(table["属性"]) == {"约束性", "预期性"}
    assert (table.loc[table["序号"].isin([5, 6, 7]), "进度状态"] == "无数据").all()
    assert table.loc[table["序号"] == 2, "2020基期值"].item() == "66.7"


@pytest.mark.parametrize("number", range(1, 9))
def test_every_indicator_chart_draws(number):
    at = open_app_page(PAGE)
    at.selectbox(key="ind_chart").set_value(number).run()
    assert not at.exception


def test_register_tab_filters_and_counts():
    at = open_app_page(PAGE)
    full = len(at.dataframe[-1].value)
    assert full >= 30
    at.multiselect(key="reg_domains").set_value(["养老"]).run()
    filtered = at.dataframe[-1].value
    assert 0 < len(filtered) < full and set(filtered["领域"]) == {"养老"}
    counts = {m.label: int(m.value.split()[0]) for m in at.metric if m.label in ("未评估", "已完成", "进行中", "未完成")}
    assert sum(counts.values()) == full


def test_excel_export_is_the_plans_table():
    from analytics.indicator_export import HEADERS, indicator_workbook

    at = open_app_page(PAGE)
    table = at.dataframe[0].value
    book = load_workbook(io.BytesIO(indicator_workbook(table[list(HEADERS)], "2026-11-23")))
    rows = list(book.active.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 8 and [r[0] for r in rows] == list(range(1, 9))
    assert tuple(c.value for c in book.active[3]) == HEADERS


def test_county_map_counts_counties_meeting_the_indicators_own_target():
    """Under the chart, the county count follows the indicator table: the named map metric, and for a level
    the indicator's target and natural limit (indicator 2: ≥ 75 % within float rounding; indicator 4: 100 %
    within rounding, i.e. ≥ 100 − TOLERANCE_PP), not a number typed into the page."""
    import re

    from analytics.county_data import county_table
    from analytics.indicators import load_indicators
    from analytics.progress_methods import TOLERANCE_PP

    definitions = {d.number: d for d in load_indicators()}
    table, _ = county_table()
    latest = table[table["year"] == table["year"].max()]
    ratio = latest["rural_standard_month"] / latest["urban_standard_month"] * 100
    expected = {
        2: int((ratio >= definitions[2].target_value * (1 - 1e-9)).sum()),
        4: int((latest["approval_delegated_share"] * 100 >= 100 - TOLERANCE_PP).sum()),
        8: int((latest["hotline_12345"] == 1).sum()),
    }
    at = open_app_page(PAGE)
    for number in (1, 2, 3, 4, 5, 8):
        at.selectbox(key="ind_chart").set_value(number).run()
        titles = [m.value for m in at.markdown if "个达标" in m.value]
        assert bool(titles) == bool(definitions[number].county_metric), number
        if number in expected:
            met = int(re.search(r"(\d+) / (\d+) 个达标", titles[0]).group(1))
            assert met == expected[number], number


def test_the_map_link_carries_the_scenario_in_force():
    at = open_app_page(PAGE, {"sc_rural_ratio": "0.35"})
    at.selectbox(key="ind_chart").set_value(2).run()
    link = next(m.value for m in at.markdown if "在县域地图中查看此指标" in m.value)
    assert "/map?map_metric=rural_urban_ratio" in link and "sc_rural_ratio=0.350" in link
