"""AppTest of 标准测算: controls drive the numbers, bad links give notices, scenarios compare.

`test_each_field_moves_only_what_it_should` replaces a test that compared a value with itself (REVIEW.md,
defect 1): one row per scenario field, naming the key figures it must move and those it must leave alone, so
a control wired to the wrong output fails a named test.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.loaders import load_table
from analytics.parameters import load_parameters
from tests.conftest import open_app_page

PAGE = "../pages/standards.py"
PARAMS = load_parameters()
RURAL_RATIO = PARAMS["dibao_income_ratio_rural"].current.value
YEAR = 2025  # the plan's target year, and next year after the 2024 notice
COST = "提标资金（万元/年）（示例数据）"


def open_standards(query: dict[str, str] | None = None):
    return open_app_page("pages/standards.py", query)


class _Cards(HTMLParser):
    """The key-figure cards of `dashboard.cards` in an `st.html` body: label, value, delta and note of each."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if "jl-card" in classes:
            self.cards.append(dict.fromkeys(("label", "value", "delta", "note", "help"), ""))
        if "jl-card-help" in classes:
            self.cards[-1]["help"] = dict(attrs)["title"] or ""
        self.field = next((c.removeprefix("jl-card-") for c in classes
                           if c in ("jl-card-label", "jl-card-value", "jl-card-delta", "jl-card-note")), None)

    def handle_endtag(self, tag: str) -> None:
        self.field = None

    def handle_data(self, data: str) -> None:
        if self.field:
            self.cards[-1][self.field] += data


def cards(at: AppTest) -> list[dict[str, str]]:
    parsed = []
    for block in at.html:
        parser = _Cards()
        parser.feed(block.value)
        parsed += parser.cards
    return parsed


def card(at: AppTest, label_start: str) -> dict[str, str]:
    return next(c for c in cards(at) if c["label"].startswith(label_start))


def metric(at: AppTest, label_start: str) -> str:
    return card(at, label_start)["value"]


def number(text: str) -> float:
    return float(text.split()[0].replace(",", "").rstrip("%"))


OUTPUTS = {
    "urban": f"{YEAR}年城市指导标准",
    "rural": f"{YEAR}年农村指导标准",
    "ratio": f"{YEAR}年农村/城市标准比",
    "cost": f"{YEAR}年救助资金测算",
    "below": f"{YEAR}年低于指导标准的县",
    "lift": f"{YEAR}年提标资金",
}


def figures(at: AppTest) -> dict[str, str]:
    return {name: metric(at, label) for name, label in OUTPUTS.items()}


def _set(key: str, value) -> Callable[[AppTest], AppTest]:
    def act(at: AppTest) -> AppTest:
        widget = next(w for kind in ("slider", "selectbox", "radio", "text_input", "number_input")
                      for w in getattr(at, kind) if w.key == key)
        widget.set_value(value).run()
        return at
    return act


def _link(**query: str) -> Callable[[AppTest], AppTest]:
    """A field a user cannot change on screen in this state (e.g. custom growth on the forecast path)."""
    def act(at: AppTest) -> AppTest:
        return open_standards(query)
    return act


def _tiers_then(key: str, delta: float) -> Callable[[AppTest], AppTest]:
    def act(at: AppTest) -> AppTest:
        _set("sc_guidance_mode", "tiers")(at)
        widget = at.number_input(key=key)
        widget.set_value(widget.value + delta).run()
        return at
    return act


def _details(at: AppTest) -> AppTest:
    """The 60-county table and the tier moves are behind a toggle (they would cost every slider step)."""
    if not at.toggle(key="standards_show_guidance_details").value:
        at.toggle(key="standards_show_guidance_details").set_value(True).run()
    return at


def _move(code: str, side: str, tier: int) -> Callable[[AppTest], AppTest]:
    def act(at: AppTest) -> AppTest:
        _details(at)
        at.selectbox(key="standards_move_code").set_value(code).run()
        at.selectbox(key="standards_move_side").set_value(side).run()
        at.selectbox(key=f"standards_move_tier_{side}_{code}").set_value(tier).run()
        at.button(key="standards_move_apply").click().run()
        return at
    return act


MONEY = {"cost", "below", "lift"}  # move with any guidance change unless it is too small to show
# field, action, the outputs it must move, the outputs it may move; every other output must stay as it was.
FIELD_EFFECTS = [
    ("urban_ratio", _set("sc_urban_ratio", 0.25), {"urban", "ratio", "cost", "lift"}, MONEY),
    ("rural_ratio", _set("sc_rural_ratio", 0.36), {"rural", "ratio", "cost", "lift"}, MONEY),
    ("lag", _set("sc_lag", 1), {"urban", "rural", "ratio"}, MONEY),
    ("income_path", _set("sc_income_path", "lower80"), {"urban", "rural", "lift"}, MONEY | {"ratio"}),
    ("custom_growth_pct", _link(sc_custom_growth_pct="9.0"), set(), set()),  # used only on the custom path
    ("catch_up_year", _set("sc_catch_up_year", 2025), {"rural", "ratio", "lift"}, MONEY),
    ("tekun_multiplier", _set("sc_tekun_multiplier", 1.5), {"cost"}, set()),
    ("horizon", _set("sc_horizon", 2025), set(), set()),
    ("name", _set("sc_name", "另一个名字"), set(), set()),
    ("guidance_mode", _set("sc_guidance_mode", "tiers"), set(), set()),  # the inputs start at the derived values
    ("urban_tiers", _tiers_then("sc_urban_tiers__2", 60), {"urban", "ratio", "lift"}, MONEY),
    ("rural_tiers", _tiers_then("sc_rural_tiers__3", 40), {"rural", "ratio", "lift"}, MONEY),
    ("tier_moves", _move("220122", "urban", 1), {"urban", "lift"}, MONEY | {"ratio"}),
]


def test_the_table_covers_every_scenario_field():
    from analytics.scenario import SCENARIO_FIELDS

    assert sorted(row[0] for row in FIELD_EFFECTS) == sorted(SCENARIO_FIELDS)


@pytest.mark.parametrize(("field", "act", "must", "may"), FIELD_EFFECTS, ids=[row[0] for row in FIELD_EFFECTS])
def test_each_field_moves_only_what_it_should(field, act, must, may):
    at = open_standards()
    before = figures(at)
    at = act(at)
    assert not at.exception
    after = figures(at)
    moved = {name for name in OUTPUTS if after[name] != before[name]}
    assert must <= moved, f"{field}: {sorted(must - moved)} did not move"
    assert moved <= must | may, f"{field}: {sorted(moved - must - may)} moved and must not"


def test_rural_ratio_drives_the_2025_rural_guidance():
    at = open_standards()
    before = number(metric(at, OUTPUTS["rural"]))
    at.slider(key="sc_rural_ratio").set_value(0.40).run()
    after = number(metric(at, OUTPUTS["rural"]))
    # Ratio mode: next year's tiers spread the rule's value, so the weighted guidance follows ratio × income.
    assert after == pytest.approx(before * 0.40 / RURAL_RATIO, rel=0.01)


def test_baseline_cost_change_is_zero_and_a_higher_ratio_costs_more():
    at = open_standards()
    cost = card(at, OUTPUTS["cost"])
    assert cost["delta"].startswith("+0.00") and "↑" not in cost["delta"]  # unchanged: grey, no arrow
    at.slider(key="sc_urban_ratio").set_value(0.25).run()
    cost = card(at, OUTPUTS["cost"])
    assert cost["delta"].startswith("↑ +") and float(cost["delta"].split()[1]) > 0


def counties_below(at: AppTest) -> int:
    return int(number(metric(at, OUTPUTS["below"])))


def test_raising_urban_tier_2_adds_counties_below_and_cost_and_the_link_reproduces_it():
    at = open_standards()
    _set("sc_guidance_mode", "tiers")(at)
    tier2 = at.number_input(key="sc_urban_tiers__2")
    tier2.set_value(600).run()  # below every tier-2 county's current standard
    below, lift = counties_below(at), number(metric(at, OUTPUTS["lift"]))
    at.number_input(key="sc_urban_tiers__2").set_value(720).run()
    assert counties_below(at) > below and number(metric(at, OUTPUTS["lift"])) > lift
    query = {k: v for k, v in at.query_params.items() if k.startswith("sc_")}
    assert query["sc_guidance_mode"] == ["tiers"] or query["sc_guidance_mode"] == "tiers"
    again = open_standards({k: v[-1] if isinstance(v, list) else v for k, v in query.items()})
    assert not again.warning
    assert figures(again) == figures(at)


def test_a_tier_move_is_listed_and_can_be_undone():
    at = open_standards()
    before = figures(at)
    _move("220122", "urban", 1)(at)
    assert any("农安县：城市调整到第1档" in m.value for m in at.markdown)
    at.button(key="standards_undo_urban_220122").click().run()
    assert figures(at) == before


def test_the_counties_below_table_names_each_county_with_its_gap_and_cost():
    at = open_standards()
    table = next(df.value for df in at.dataframe if COST in df.value.columns)
    assert len(table) == counties_below_count(at)
    assert (table["差额（元/人·月）"] > 0).all() and (table[COST] >= 0).all()
    assert "低保对象（人）（示例数据）" in table.columns  # the embedded caseloads are illustrative, and say so
    # the table is in 万元 a year, the key figure in 亿元 a year
    assert table[COST].sum() / 1e4 == pytest.approx(number(metric(at, OUTPUTS["lift"])), abs=0.006)


def test_a_scenario_revisited_shows_what_it_showed_and_a_new_one_is_not_served_from_the_cache():
    """The fragment's view is cached per scenario (`data.cached_view`): going back must give the same page,
    and a scenario next door its own numbers, not the neighbour's."""
    at = open_standards()
    first = figures(at), next(df.value for df in at.dataframe if COST in df.value.columns)
    at.slider(key="sc_rural_ratio").set_value(0.45).run()
    moved = figures(at)
    assert moved["rural"] != first[0]["rural"] and moved["lift"] != first[0]["lift"]
    at.button(key="standards_reset").click().run()
    assert figures(at) == first[0]
    pd.testing.assert_frame_equal(next(df.value for df in at.dataframe if COST in df.value.columns), first[1])


def counties_below_count(at: AppTest) -> int:
    """Rows of the below table: a county below on both sides is listed twice."""
    table = next(df.value for df in at.dataframe if COST in df.value.columns)
    return len(table)


def test_unknown_2024_rural_tiers_are_marked_assumed():
    at = _details(open_standards())
    table = next(df.value for df in at.dataframe if "达标情况" in df.value.columns and "区划代码" in df.value.columns)
    rural = table[table["城乡"] == "农村"]
    tiers = load_table("guidance_tiers")
    unknown = set(tiers[(tiers["year"] == 2024) & (tiers["side"] == "rural") & tiers["tier"].isna()]["code"])
    assumed = set(rural.loc[rural["档次"].str.contains("推定"), "区划代码"])
    assert assumed == unknown and len(unknown) == 36
    assert any("36 个县的档次为推定" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"sc_rural_ratio": "abc"}, "链接参数「农村比例」的值「abc」无法识别"),
        ({"sc_urban_ratio": "0.9"}, "链接参数「城市比例」的值「0.9」超出范围"),
        ({"sc_horizon": "2027"}, "链接参数「测算期末」的值「2027」不是可选值"),
        ({"sc_guidance_mode": "tiers", "sc_urban_tiers": "800,700"}, "「城市各档标准」有 2 个数值，但 2024 年通知分 4 档"),
        ({"sc_tier_moves": "u229999:1"}, "「调整档次」中的区划代码「229999」不是吉林省的县级区划"),
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
    summary = next(df.value for df in at.dataframe if list(df.value.columns) == ["基准情景", "提标"])
    rural = summary.loc[f"{YEAR}年农村标准（元/人·月）"]
    assert rural["提标"] > rural["基准情景"]
    assert summary.loc[f"{YEAR}年低于指导标准的县（个）", "提标"] >= summary.loc[f"{YEAR}年低于指导标准的县（个）", "基准情景"]


def test_reset_restores_the_baseline():
    at = open_standards()
    at.slider(key="sc_rural_ratio").set_value(0.45).run()
    _move("220122", "urban", 1)(at)
    at.button(key="standards_reset").click().run()
    assert at.slider(key="sc_rural_ratio").value == pytest.approx(RURAL_RATIO)
    assert not any("农安县：城市调整到第1档" in m.value for m in at.markdown)


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
    ratio = metric(at, OUTPUTS["ratio"])
    assert f"[{ratio} " in indicator_row(at, YEAR)  # the table and the key figure agree
    at.slider(key="sc_rural_ratio").set_value(0.20).run()
    row = indicator_row(at, YEAR)
    assert f"[{metric(at, OUTPUTS['ratio'])} 未达标]" in row and "orange-background" in row


def test_controls_speak_english_and_keep_the_scenario_when_the_language_changes():
    at = open_standards()
    at.slider(key="sc_rural_ratio").set_value(0.42).run()
    at.toggle(key="lang_en").set_value(True).run()
    slider = at.slider(key="sc_rural_ratio")
    assert slider.label == "Rural ratio (share)" and slider.value == pytest.approx(0.42)
    assert at.selectbox(key="sc_catch_up_year").options[0] == "No catch-up target"
    assert at.selectbox(key="sc_lag").options == ["Previous year (t−1)", "Two years earlier (t−2)"]
    rural = metric(at, f"Rural guidance {YEAR}")
    at.toggle(key="lang_en").set_value(False).run()
    assert at.slider(key="sc_rural_ratio").label == "农村比例（比例）"
    assert metric(at, OUTPUTS["rural"]) == rural  # same scenario, same number in either language
