"""Scenarios: links and files round-trip losslessly, and no link, however broken, raises."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import fields, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.parameters import load_parameters
from analytics.scenario import (
    INCOME_PATH_LABELS,
    INCOME_PATHS,
    QUERY_PREFIX,
    SCENARIO_FIELDS,
    Scenario,
    baseline_scenario,
    describe_changes,
    format_value,
    scenario_from_json,
    scenario_from_query,
    scenario_to_json,
    scenario_to_query,
)

BASE = baseline_scenario(load_parameters())
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _label(name: str) -> str:
    return SCENARIO_FIELDS[name].label_short


# --------------------------------------------------------------------------- baseline and field table


def test_baseline_is_the_rules_as_they_stand():
    parameters = load_parameters()
    # The calibrated five-decimal ratios are kept as they are: rounding them would move the 2020 standards.
    assert BASE.urban_ratio == parameters["dibao_income_ratio_urban"].current.value
    assert BASE.rural_ratio == parameters["dibao_income_ratio_rural"].current.value
    assert BASE.lag == parameters["dibao_income_lag_years"].current.value == 2
    assert isinstance(BASE.lag, int)
    assert BASE.tekun_multiplier == parameters["tekun_multiplier"].current.value
    assert (BASE.income_path, BASE.custom_growth_pct, BASE.catch_up_year, BASE.horizon, BASE.name) == (
        "forecast",
        5.0,
        None,
        2030,
        "基准情景",
    )


def test_a_parameter_file_outside_the_scenario_bounds_fails_loudly():
    parameters = load_parameters()
    bad = dict(parameters)
    current = parameters["dibao_income_ratio_rural"].current
    bad["dibao_income_ratio_rural"] = replace(
        parameters["dibao_income_ratio_rural"], values=(replace(current, value=0.9),)
    )
    with pytest.raises(ValueError, match="农村低保标准占农村居民收入比例"):
        baseline_scenario(bad)


def test_every_scenario_field_is_described_and_in_dataclass_order():
    assert list(SCENARIO_FIELDS) == [f.name for f in fields(Scenario)]
    labels = [spec.label_short for spec in SCENARIO_FIELDS.values()]
    assert len(set(labels)) == len(labels)
    english = [spec.label_short_en for spec in SCENARIO_FIELDS.values()]
    assert all(english) and len(set(english)) == len(english)
    for spec in SCENARIO_FIELDS.values():
        assert spec.label_zh and spec.label_short and spec.label_en
        assert bool(spec.unit) == bool(spec.unit_en)
        assert bool(spec.none_label) == bool(spec.none_label_en)
        if spec.kind in ("float", "optional_int"):
            assert spec.min < spec.max and spec.step and spec.ui_step
            # Bounds sit on the grid, so a clamped value is a valid value.
            assert math.isclose((spec.max - spec.min) / spec.step, round((spec.max - spec.min) / spec.step))
            assert spec.ui_step >= spec.step
        if spec.kind == "choice":
            assert set(spec.choice_labels) == set(spec.choices) == set(spec.choice_labels_en)
    assert SCENARIO_FIELDS["income_path"].choices == INCOME_PATHS
    assert set(INCOME_PATH_LABELS) == set(INCOME_PATHS)


# --------------------------------------------------------------------------- from_query, table-driven

CASES = [
    # (query, expected changes from baseline, fragments each expected notice contains)
    ({}, {}, []),
    ({"page": "x", "lang": "en"}, {}, []),
    ({"sc_rural_ratio": "0.35"}, {"rural_ratio": 0.35}, []),
    ({"sc_rural_ratio": " 0.35 "}, {"rural_ratio": 0.35}, []),
    ({"sc_rural_ratio": "０.３５"}, {"rural_ratio": 0.35}, []),
    ({"sc_rural_ratio": "0.3500000000001"}, {"rural_ratio": 0.35}, []),
    ({"sc_urban_ratio": repr(BASE.urban_ratio), "sc_lag": "1"}, {"lag": 1}, []),
    ({"sc_custom_growth_pct": "-2.5", "sc_income_path": "custom"}, {"custom_growth_pct": -2.5, "income_path": "custom"}, []),
    ({"sc_income_path": "Lower80"}, {"income_path": "lower80"}, []),
    ({"sc_catch_up_year": "2028"}, {"catch_up_year": 2028}, []),
    ({"sc_catch_up_year": "none"}, {}, []),
    ({"sc_horizon": "2025"}, {"horizon": 2025}, []),
    ({"sc_tekun_multiplier": "1.5"}, {"tekun_multiplier": 1.5}, []),
    ({"sc_name": "  提标方案  "}, {"name": "提标方案"}, []),
    ({"sc_name": "   "}, {}, []),
    # malformed: dropped, baseline kept, the notice names the label and the raw value
    ({"sc_rural_ratio": "abc"}, {}, [["「农村比例」", "「abc」", "无法识别", f"默认值 {format_value('rural_ratio', BASE.rural_ratio)}"]]),
    ({"sc_rural_ratio": ""}, {}, [["「农村比例」", "「」", "无法识别"]]),
    ({"sc_urban_ratio": "nan"}, {}, [["「城市比例」", "「nan」", "无法识别"]]),
    ({"sc_urban_ratio": "inf"}, {}, [["「城市比例」", "「inf」"]]),
    ({"sc_urban_ratio": "1e999"}, {}, [["「城市比例」", "「1e999」"]]),
    ({"sc_urban_ratio": "0.3.1"}, {}, [["「城市比例」"]]),
    ({"sc_custom_growth_pct": "1_0"}, {}, [["「自定义增速」"]]),
    ({"sc_custom_growth_pct": "٣"}, {}, [["「自定义增速」"]]),
    ({"sc_catch_up_year": "2030.5"}, {}, [["「追赶年份」", "无法识别", "默认值 不设追赶目标"]]),
    ({"sc_catch_up_year": ""}, {}, [["「追赶年份」"]]),
    ({"sc_rural_ratio": "x" * 100}, {}, [["「" + "x" * 40 + "…」"]]),
    # out of range: clamped, the notice names the label, the range and the bound
    ({"sc_rural_ratio": "0.9"}, {"rural_ratio": 0.6}, [["「农村比例」", "「0.9」", "超出范围 0.100～0.600", "调整为 0.600"]]),
    ({"sc_rural_ratio": "0.01"}, {"rural_ratio": 0.1}, [["「农村比例」", "调整为 0.100"]]),
    ({"sc_urban_ratio": "1e-999"}, {"urban_ratio": 0.1}, [["「城市比例」", "超出范围"]]),
    ({"sc_custom_growth_pct": "-20"}, {"custom_growth_pct": -5.0}, [["「自定义增速」", "-5.0～15.0", "调整为 -5.0"]]),
    ({"sc_tekun_multiplier": "9"}, {"tekun_multiplier": 2.5}, [["「特困倍数」", "调整为 2.50"]]),
    ({"sc_catch_up_year": "2040"}, {"catch_up_year": 2035}, [["「追赶年份」", "2023～2035", "调整为 2035"]]),
    ({"sc_catch_up_year": "1999"}, {"catch_up_year": 2023}, [["「追赶年份」", "调整为 2023"]]),
    # off the multiplier's 0.05 grid: snapped, and said so (a slider cannot show 1.33)
    ({"sc_tekun_multiplier": "1.33"}, {"tekun_multiplier": 1.35}, [["「特困倍数」", "步长 0.05", "调整为 1.35"]]),
    # not a choice
    ({"sc_lag": "3"}, {}, [["「滞后年数」", "「3」", "不是可选值（1、2）", "默认值 2"]]),
    ({"sc_lag": "2.0"}, {}, []),
    ({"sc_horizon": "2027"}, {}, [["「测算期末」", "「2027」", "2025、2030"]]),
    ({"sc_income_path": "median"}, {}, [["「收入路径」", "「median」"]]),
    # unknown sc_ keys are reported, others ignored
    ({"sc_foo": "1"}, {}, [["未知的链接参数「sc_foo」已忽略。"]]),
    ({"sc_": "1", "other": "2"}, {}, [["「sc_」"]]),
    # repeated keys arrive as lists: the last one wins
    ({"sc_lag": ["2", "1"]}, {"lag": 1}, []),
    ({"sc_lag": ["1", "3"]}, {}, [["「滞后年数」", "「3」"]]),
    ({"sc_lag": []}, {}, []),
    # a name too long is cut, with a notice
    ({"sc_name": "名" * 50}, {"name": "名" * 40}, [["「情景名称」", "超过 40 个字"]]),
]


@pytest.mark.parametrize(("query", "changes", "expected_notices"), CASES, ids=[str(c[0])[:60] for c in CASES])
def test_scenario_from_query(query, changes, expected_notices):
    scenario, notices = scenario_from_query(query, BASE)
    assert scenario == replace(BASE, **changes)
    assert len(notices) == len(expected_notices), notices
    for notice, fragments in zip(notices, expected_notices, strict=True):
        for fragment in fragments:
            assert fragment in notice, (fragment, notice)


def test_a_malformed_link_gives_readable_notices():
    _, notices = scenario_from_query({"sc_rural_ratio": "abc", "sc_urban_ratio": "0.9"}, BASE)
    assert notices == [
        "链接参数「城市比例」的值「0.9」超出范围 0.100～0.500，已调整为 0.500。",
        f"链接参数「农村比例」的值「abc」无法识别，已使用默认值 {format_value('rural_ratio', BASE.rural_ratio)}。",
    ]


# --------------------------------------------------------------------------- to_query, JSON, describe


def test_only_differences_are_written_without_float_noise():
    assert scenario_to_query(BASE, BASE) == {}
    noisy = replace(BASE, rural_ratio=0.1 + 0.2, urban_ratio=BASE.urban_ratio + 1e-12)
    assert scenario_to_query(noisy, BASE) == {"sc_rural_ratio": "0.300"}
    changed = replace(BASE, catch_up_year=2028, lag=1, custom_growth_pct=6.0, name="甲")
    assert scenario_to_query(changed, BASE) == {
        "sc_lag": "1",
        "sc_custom_growth_pct": "6.0",
        "sc_catch_up_year": "2028",
        "sc_name": "甲",
    }
    # None is written only when the baseline has a catch-up year
    assert scenario_to_query(BASE, changed)["sc_catch_up_year"] == "none"


def test_json_has_every_field_in_readable_chinese():
    text = scenario_to_json(replace(BASE, name="提标方案"))
    assert "提标方案" in text
    assert set(json.loads(text)) == {f.name for f in fields(Scenario)}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "无法解析"),
        ("{", "无法解析"),
        ("[1, 2]", "应为以参数名为键的对象"),
        ("3", "应为以参数名为键的对象"),
        ('{"rural_ratio": "abc"}', "情景文件中的参数「农村比例」的值「abc」无法识别"),
        ('{"rural_ratio": NaN}', "「农村比例」的值「nan」无法识别"),
        ('{"lag": true}', "「滞后年数」的值「true」"),
        ('{"urban_ratio": [0.3]}', "「城市比例」的值「[0.3]」"),
        ('{"bogus": 1}', "情景文件中未知的字段「bogus」已忽略。"),
        ("[" * 100_000, "无法解析"),
        ('{"horizon": ' + "9" * 5000 + "}", "无法解析"),
    ],
)
def test_bad_json_gives_the_baseline_and_a_notice(text, fragment):
    scenario, notices = scenario_from_json(text, BASE)
    assert scenario == BASE
    assert any(fragment in n for n in notices), notices


def test_partial_json_fills_in_from_the_baseline():
    assert scenario_from_json('{"rural_ratio": 0.35, "catch_up_year": null}', BASE) == (
        replace(BASE, rural_ratio=0.35),
        [],
    )


def test_describe_changes():
    assert describe_changes(BASE, BASE) == []
    assert describe_changes(replace(BASE, name="别名", urban_ratio=BASE.urban_ratio + 1e-12), BASE) == []
    changed = replace(
        BASE, rural_ratio=0.35, lag=1, income_path="custom", custom_growth_pct=6.0, catch_up_year=2028, horizon=2025
    )
    assert describe_changes(changed, BASE) == [
        f"农村比例 {format_value('rural_ratio', BASE.rural_ratio)} → 0.350",
        "滞后年数 上上年度（t−2） → 上年度（t−1）",
        "收入路径 模型预测（中位） → 自定义年增速",
        "自定义增速 5.0% → 6.0%",
        "追赶年份 不设追赶目标 → 2028年",
        "测算期末 2030年 → 2025年（“十四五”末）",
    ]


# --------------------------------------------------------------------------- properties


def _field_strategy(name: str) -> st.SearchStrategy:
    spec = SCENARIO_FIELDS[name]
    if spec.kind == "float":
        steps = round((spec.max - spec.min) / spec.step)
        return st.integers(0, steps).map(lambda k: round(spec.min + k * spec.step, spec.precision) + 0.0)
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "optional_int":
        return st.none() | st.integers(int(spec.min), int(spec.max))
    if spec.kind == "values":
        return st.lists(st.integers(int(spec.min), int(spec.max)).map(float), max_size=spec.max_items).map(tuple)
    if spec.kind == "moves":
        move = st.tuples(st.sampled_from(["urban", "rural"]), st.integers(220000, 229999).map(str),
                         st.integers(1, 9))
        return st.lists(move, max_size=6, unique_by=lambda m: (m[0], m[1])).map(lambda m: tuple(sorted(m)))
    # Names as a user can end up with them: cleaned, non-empty, within the length limit.
    return (
        st.text(max_size=spec.max_length)
        .map(lambda s: "".join(c for c in s if unicodedata.category(c) != "Cc").strip())
        .filter(bool)
    )


valid_scenarios = st.builds(Scenario, **{name: _field_strategy(name) for name in SCENARIO_FIELDS})


@PROPERTY
@given(scenario=valid_scenarios, base=valid_scenarios)
def test_query_round_trip_is_lossless(scenario, base):
    query = scenario_to_query(scenario, base)
    assert all(k.startswith(QUERY_PREFIX) and isinstance(v, str) for k, v in query.items())
    assert scenario_from_query(query, base) == (scenario, [])


@PROPERTY
@given(scenario=valid_scenarios)
def test_json_round_trip_is_lossless(scenario):
    assert scenario_from_json(scenario_to_json(scenario), BASE) == (scenario, [])


def _assert_valid(scenario: Scenario) -> None:
    assert isinstance(scenario, Scenario)
    for name, spec in SCENARIO_FIELDS.items():
        value = getattr(scenario, name)
        if spec.kind == "float":
            assert type(value) is float and spec.min <= value <= spec.max
            k = (value - spec.min) / spec.step
            assert math.isclose(k, round(k), abs_tol=1e-6), (name, value)
        elif spec.kind == "choice":
            assert value in spec.choices and type(value) is type(spec.choices[0])
        elif spec.kind == "optional_int":
            assert value is None or (type(value) is int and spec.min <= value <= spec.max)
        elif spec.kind == "values":
            assert type(value) is tuple and len(value) <= spec.max_items
            assert all(type(v) is float and spec.min <= v <= spec.max and v == round(v) for v in value)
        elif spec.kind == "moves":
            assert type(value) is tuple and value == tuple(sorted(value))
            assert all(side in ("urban", "rural") and len(code) == 6 and code.startswith("22") and tier >= 1
                       for side, code, tier in value)
            assert len({(side, code) for side, code, _ in value}) == len(value)
        else:
            assert type(value) is str and value == value.strip() and 0 < len(value) <= spec.max_length


def _used_as_given(name: str, raw: str, value: object) -> bool:
    """Whether `value` is what `raw` says, up to rounding within the field's grid (no silent swap)."""
    spec = SCENARIO_FIELDS[name]
    text = unicodedata.normalize("NFKC", raw).strip()
    if spec.kind == "text":
        cleaned = "".join(c for c in raw if unicodedata.category(c) != "Cc").strip()
        return value == cleaned or (not cleaned and value == BASE.name)
    if spec.kind == "optional_int" and value is None:
        return text.lower() in ("none", "null")
    if spec.kind == "choice" and text.lower() == str(value).lower():
        return True
    parts = [part for part in re.split(r"[,，;；\s]+", text.lower()) if part]
    if spec.kind == "values":
        # Read item by item, each rounded to the field's precision (100.0 -> 100): that is "as given".
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            return False
        return len(numbers) == len(value) and all(abs(n - v) <= 0.5 + 1e-9 for n, v in zip(numbers, value, strict=True))
    if spec.kind == "moves":
        return format_value(name, value) == ",".join(sorted(parts)) or (not text and value == ())
    try:
        number = float(text)
    except ValueError:
        return False
    tolerance = (spec.step or 0) / 2 + 1e-9
    return isinstance(value, int | float) and abs(number - value) <= tolerance


sc_keys = st.sampled_from([QUERY_PREFIX + name for name in SCENARIO_FIELDS] + ["sc_bogus", "sc_"])
numberish = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["none", "NONE", "null", "", " ", "2025", "2030", "1", "2", "custom", "1e999", "0x10", "٣"]),
    st.text(),
)
query_values = st.one_of(numberish, st.lists(numberish, max_size=3))
queries = st.dictionaries(st.one_of(st.text(), sc_keys), query_values, max_size=12)


@PROPERTY
@given(query=queries)
def test_any_query_gives_a_valid_scenario_and_never_silently_swaps_a_value(query):
    scenario, notices = scenario_from_query(query, BASE)
    _assert_valid(scenario)
    assert all(isinstance(n, str) and n for n in notices)
    for key, value in query.items():
        if not key.startswith(QUERY_PREFIX):
            continue
        name = key[len(QUERY_PREFIX) :]
        if name not in SCENARIO_FIELDS:
            assert any(f"「{key[:40]}" in n for n in notices)
            continue
        if isinstance(value, list) and not value:
            continue
        raw = value[-1] if isinstance(value, list) else value
        noticed = any(n.startswith(f"链接参数「{_label(name)}」") for n in notices)
        assert noticed or _used_as_given(name, raw, getattr(scenario, name)), (name, raw, notices)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=5,
)


@PROPERTY
@given(
    data=st.dictionaries(st.sampled_from(list(SCENARIO_FIELDS)) | st.text(), json_values, max_size=10),
    garbage=st.text(),
)
def test_any_json_gives_a_valid_scenario(data, garbage):
    for text in (json.dumps(data, ensure_ascii=False), garbage):
        scenario, notices = scenario_from_json(text, BASE)
        _assert_valid(scenario)
        assert all(isinstance(n, str) and n for n in notices)
