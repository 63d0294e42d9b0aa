"""Peer groups, nearest neighbours, quintile bands and comparison sentences (issue 4)."""

from __future__ import annotations

import io
import math
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import peers
from analytics.loaders import load_table

COUNTIES = load_table("counties")
CODES = COUNTIES["code"].tolist()
NAMES = dict(zip(COUNTIES["code"], COUNTIES["name"], strict=True))
# A made-up income proxy (not data): varied enough to change the neighbours, deterministic.
INCOME = pd.DataFrame(
    {"income": np.linspace(12_000, 45_000, len(CODES))[::-1]}, index=pd.Index(CODES, name="code")
)


# --- peer groups --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "group", "size"),
    [
        ("220122", "prefecture", 10),  # 农安县: the other 10 counties of 长春市
        ("220122", "kind", 18),  # 16 县 + 3 自治县, minus itself
        ("220122", "poverty", 15),  # not a former poverty county: all 15
        ("220122", "border", 9),  # not a border county: all 9 confirmed
        ("220122", "similar", 8),
        ("222404", "prefecture", 7),  # 珲春市 in 延边州 (8 counties)
        ("222404", "kind", 19),  # 20 县级市 minus itself
        ("222404", "border", 8),  # a border county: the other 8
        ("220623", "kind", 18),  # 长白朝鲜族自治县 counts as a 县
        ("220623", "poverty", 14),  # a provincial poverty county: the other 14
        ("220623", "border", 8),
        ("220602", "border", 9),  # 浑江区 is only a candidate: all 9 confirmed ones
        ("220102", "kind", 20),  # 21 区 minus itself
        ("222426", "poverty", 14),  # 安图县, national
    ],
)
def test_peer_group_sizes(code, group, size):
    assert len(peers.peer_codes(COUNTIES, code, group)) == size


def test_prefecture_peers_of_nongan_are_the_other_changchun_counties():
    changchun = COUNTIES.loc[COUNTIES["prefecture_code"] == "220100", "code"]
    assert peers.peer_codes(COUNTIES, "220122", "prefecture") == sorted(set(changchun) - {"220122"})


def test_border_peers_of_hunchun_are_the_other_confirmed_border_counties():
    expected = ["220582", "220621", "220623", "220681", "222402", "222405", "222406", "222426"]
    assert peers.peer_codes(COUNTIES, "222404", "border") == expected


def test_kind_treats_autonomous_counties_as_counties_and_keeps_districts_apart():
    yitong = set(peers.peer_codes(COUNTIES, "220323", "kind"))  # 伊通满族自治县
    assert {"220322", "220122", "220721"} <= yitong  # 梨树县, 农安县, 前郭县
    kinds = set(COUNTIES.set_index("code").loc[sorted(yitong), "kind"])
    assert kinds == {"县", "自治县"}


def test_candidate_border_county_is_never_a_border_peer():
    for code in CODES:
        assert "220602" not in peers.peer_codes(COUNTIES, code, "border")


TIERS = pd.Series([1 + i % 4 for i in range(len(CODES))], index=CODES, dtype="float64")


@pytest.mark.parametrize("group", list(peers.PEER_GROUPS))
def test_a_county_is_never_its_own_peer_and_peers_are_unique(group):
    for code in CODES:
        found = peers.peer_codes(COUNTIES, code, group, tiers=TIERS)
        assert code not in found
        assert len(found) == len(set(found))
        assert set(found) <= set(CODES)


@pytest.mark.parametrize(
    ("code", "group"), [("999999", "kind"), ("220100", "prefecture"), ("", "similar"), ("110101", "border")]
)
def test_unknown_code_raises_a_chinese_message_naming_it(code, group):
    with pytest.raises(ValueError, match=f"未知的县级行政区代码「{code}」"):
        peers.peer_codes(COUNTIES, code, group)


def test_unknown_group_raises():
    with pytest.raises(ValueError, match="未知的对比组「city」"):
        peers.peer_codes(COUNTIES, "220122", "city")


def test_every_group_has_a_label_and_a_sentence_noun():
    assert set(peers.PEER_GROUPS) == set(peers.PEER_SENTENCE_LABELS)
    assert set(peers.PEER_GROUPS) == {"prefecture", "kind", "poverty", "border", "tier", "similar"}


@pytest.mark.parametrize(("code", "expected"), [
    ("220102", {"220122", "220284"}),  # tier 1 with the others numbered 1 in TIERS_SMALL
    ("220182", set()),  # alone in its tier
    ("220183", set()),  # unknown tier: no peers, not everyone
])
def test_same_tier_peers_are_the_counties_of_the_same_tier(code, expected):
    tiers = pd.Series(np.nan, index=CODES, dtype="float64")
    tiers[["220102", "220122", "220284"]] = 1
    tiers["220182"] = 3
    assert set(peers.peer_codes(COUNTIES, code, "tier", tiers=tiers)) == expected
    assert peers.highlight_codes(COUNTIES, "tier", code, tiers=tiers)[0:1] == ([code] if not expected else
                                                                              sorted(expected | {code})[0:1])


def test_same_tier_needs_the_tiers():
    with pytest.raises(ValueError, match="同一档次对比组需要各县的档次"):
        peers.peer_codes(COUNTIES, "220122", "tier")


# --- statistically similar counties -------------------------------------------------------------------------


def brute_force_neighbours(
    counties: pd.DataFrame, code: str, k: int, extra: pd.DataFrame | None
) -> list[str]:
    """The stated rule written out longhand: z-score each feature, Euclidean distance, ties by code."""
    columns = {
        "log_population": [math.log(float(p)) for p in counties["pop_2020_census"]],
        "ageing": list(counties["share_age_65plus_2020"]),
        "urban": list(counties["urban_share_2020"]),
    }
    if extra is not None:
        for name in extra.columns:
            columns[name] = [float(extra.loc[c, name]) for c in counties["code"]]
    z = {}
    for name, values in columns.items():
        mean, sd = statistics.fmean(values), statistics.pstdev(values)
        z[name] = [(v - mean) / sd if sd else 0.0 for v in values]
    codes = list(counties["code"])
    me = codes.index(code)
    mine = [z[name][me] for name in z]
    scored = [
        (math.dist(mine, [z[name][i] for name in z]), other) for i, other in enumerate(codes) if other != code
    ]
    return [other for _, other in sorted(scored)[:k]]


@pytest.mark.parametrize("k", [1, 3, 8, 20])
@pytest.mark.parametrize("with_income", [False, True], ids=["census", "census+income"])
def test_similar_peers_are_exactly_the_k_nearest(k, with_income):
    extra = INCOME if with_income else None
    for code in CODES:
        expected = brute_force_neighbours(COUNTIES, code, k, extra)
        assert peers.peer_codes(COUNTIES, code, "similar", k=k, features=extra) == expected


def test_income_changes_the_neighbours():
    without = peers.peer_codes(COUNTIES, "220122", "similar")
    with_income = peers.peer_codes(COUNTIES, "220122", "similar", features=INCOME)
    assert without != with_income


def test_distance_matrix_is_square_symmetric_with_zero_diagonal():
    distances = peers.similarity_distances(COUNTIES)
    assert distances.shape == (60, 60)
    assert list(distances.index) == CODES and list(distances.columns) == CODES
    assert np.allclose(distances.to_numpy(), distances.to_numpy().T)
    assert np.allclose(np.diag(distances.to_numpy()), 0)
    assert (distances.to_numpy() >= 0).all()


TIED = pd.read_csv(
    io.StringIO(
        "code,pop_2020_census,share_age_65plus_2020,urban_share_2020,kind\n"
        "220003,100000,0.15,0.5,县\n"
        "220001,200000,0.15,0.5,县\n"  # log scale: as far above 220002 as 220003 is below it
        "220002,141421.35623730952,0.15,0.5,县\n"  # 100000 × √2
        "220004,100000,0.15,0.5,县\n"  # identical to 220003: an exact tie
        "220005,900000,0.30,0.9,区\n"
    ),
    dtype={"code": str},
)


@pytest.mark.parametrize(
    ("code", "k", "expected"),
    [
        ("220003", 1, ["220004"]),  # distance 0
        ("220004", 1, ["220003"]),
        ("220001", 2, ["220002", "220003"]),  # 220003 and 220004 tie exactly: code order
        ("220002", 2, ["220001", "220003"]),  # three ties up to floating-point noise: code order
        ("220002", 3, ["220001", "220003", "220004"]),
        ("220005", 10, ["220001", "220002", "220003", "220004"]),  # k beyond the table: everyone else
    ],
)
def test_similar_ties_are_broken_by_code(code, k, expected):
    distances = peers.similarity_distances(TIED)
    row = distances.loc["220002", ["220001", "220003", "220004"]]
    assert np.allclose(row, row.iloc[0])  # the premise of the √2 rows
    assert peers.peer_codes(TIED, code, "similar", k=k) == expected


def test_feature_without_spread_contributes_nothing():
    flat = pd.DataFrame({"constant": 1.0}, index=pd.Index(CODES))
    pd.testing.assert_frame_equal(
        peers.similarity_distances(COUNTIES, flat), peers.similarity_distances(COUNTIES)
    )


def test_missing_feature_value_raises():
    partial = INCOME.drop(index="220122")
    with pytest.raises(ValueError, match="相似县特征「income」缺少 1 个县的数值（220122）"):
        peers.similarity_distances(COUNTIES, partial)


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="至少为 1"):
        peers.peer_codes(COUNTIES, "220122", "similar", k=0)


# --- map highlight ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "code", "size", "includes_code"),
    [
        ("prefecture", "220122", 11, True),
        ("kind", "220122", 19, True),
        ("similar", "220122", 9, True),
        ("poverty", "220122", 15, False),
        ("poverty", "220623", 15, True),
        ("poverty", None, 15, None),
        ("border", "222404", 9, True),
        ("border", None, 9, None),
        ("prefecture", None, 0, None),
        ("kind", None, 0, None),
        ("similar", None, 0, None),
    ],
)
def test_highlight_codes(group, code, size, includes_code):
    found = peers.highlight_codes(COUNTIES, group, code)
    assert len(found) == size == len(set(found))
    if includes_code is not None:
        assert (code in found) is includes_code


def test_similar_highlight_is_the_county_then_its_neighbours():
    assert peers.highlight_codes(COUNTIES, "similar", "220122", k=5) == [
        "220122",
        *peers.peer_codes(COUNTIES, "220122", "similar", k=5),
    ]


def test_highlight_rejects_unknown_code():
    with pytest.raises(ValueError, match="未知的县级行政区代码「123456」"):
        peers.highlight_codes(COUNTIES, "poverty", "123456")


# --- quintile bands -----------------------------------------------------------------------------------------


def series(values) -> pd.Series:
    return pd.Series(values, index=[f"22{i:04d}" for i in range(len(values))], dtype=float)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([10, 20, 30, 40, 50], [5, 4, 3, 2, 1]),
        ([5, 4, 3, 2, 1], [1, 2, 3, 4, 5]),
        (list(range(1, 11)), [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]),
        ([7, 7, 7, 7, 7], [3, 3, 3, 3, 3]),  # all tied: the middle band
        ([1, 1, 2, 3, 4], [4, 4, 3, 2, 1]),  # the two lowest share rank 4.5: on a boundary, toward the middle
        ([4, 4, 3, 2, 1], [2, 2, 3, 4, 5]),  # the two highest share rank 1.5: likewise
        ([1, 1, 1, 2, 3], [4, 4, 4, 2, 1]),  # three tied at rank 4: percentile 0.7, plainly band 4
        ([1, np.nan, 2, 3, 4, 5], [5, None, 4, 3, 2, 1]),  # a missing value: no band, not ranked
        ([42], [3]),  # alone: the middle
    ],
)
def test_quintile_band_small_series(values, expected):
    s = series(values)
    assert [peers.quintile_band(s, code) for code in s.index] == expected


def test_sixty_distinct_values_give_twelve_per_band():
    s = series(np.random.default_rng(4).permutation(60))
    bands = pd.Series([peers.quintile_band(s, code) for code in s.index], index=s.index)
    assert bands.value_counts().to_dict() == {1: 12, 2: 12, 3: 12, 4: 12, 5: 12}
    assert bands[s.idxmax()] == 1 and bands[s.idxmin()] == 5
    # the top 12 values are band 1
    assert set(s.nlargest(12).index) == set(bands[bands == 1].index)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([10, 20, 30, 40, 50], [1, 2, 3, 4, 5]), ([7, 7, 7], [3, 3, 3]), ([1, 1, 2, 3, 4], [2, 2, 3, 4, 5])],
)
def test_quintile_band_lower_is_better(values, expected):
    s = series(values)
    assert [peers.quintile_band(s, code, higher_is_better=False) for code in s.index] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6) | st.integers(0, 3), min_size=1, max_size=60), st.data())
def test_reversing_the_direction_mirrors_the_band(values, data):
    """Ties included: the boundary rule is symmetric."""
    s = series(values)
    code = data.draw(st.sampled_from(list(s.index)))
    up = peers.quintile_band(s, code)
    assert 1 <= up <= 5
    assert peers.quintile_band(s, code, higher_is_better=False) == 6 - up


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=60), st.data())
def test_a_higher_value_never_has_a_worse_band(values, data):
    s = series(values)
    a, b = data.draw(st.sampled_from(list(s.index))), data.draw(st.sampled_from(list(s.index)))
    if s[a] > s[b]:
        assert peers.quintile_band(s, a) <= peers.quintile_band(s, b)
    if s[a] == s[b]:
        assert peers.quintile_band(s, a) == peers.quintile_band(s, b)


def test_quintile_band_unknown_code_raises():
    with pytest.raises(ValueError, match="999999"):
        peers.quintile_band(series([1, 2, 3]), "999999")


@pytest.mark.parametrize(
    ("band", "label"), [(1, "前20%"), (2, "前20%–40%"), (3, "中间20%"), (4, "后20%–40%"), (5, "后20%")]
)
def test_band_label(band, label):
    assert peers.band_label(band) == label


@pytest.mark.parametrize("band", [0, 6, -1, None, "1"])
def test_band_label_rejects_other_values(band):
    with pytest.raises(ValueError, match="分段应为 1–5"):
        peers.band_label(band)


# --- peer summary -------------------------------------------------------------------------------------------


def test_peer_summary():
    values = pd.Series({"220122": 412.0, "220102": 500.0, "220103": 380.0, "220104": np.nan, "220105": 400.0})
    summary = peers.peer_summary(values, "220122", ["220102", "220103", "220104", "220105", "229999"], 405.0)
    assert summary == {
        "value": 412.0,
        "peer_median": 400.0,
        "province_value": 405.0,
        "min": 380.0,
        "max": 500.0,
        "n_peers": 3,
    }


def test_peer_summary_without_data():
    summary = peers.peer_summary(pd.Series({"220122": np.nan}), "220122", [], np.nan)
    assert summary["n_peers"] == 0
    assert all(math.isnan(summary[key]) for key in ("value", "peer_median", "province_value", "min", "max"))


# --- sentences ----------------------------------------------------------------------------------------------

SENTENCES = [
    # (id, arguments after name and metric label, expected)
    (
        "above peers, level with province",
        ("元/人·月", 412, 388.7, 410, 2, "同类县"),
        "农安县农村低保标准为每人每月 412 元，比同类县中位数高 6%，与全省水平基本持平，"
        "在全省 60 个县（市、区）中位于前20%–40%。",
    ),
    (
        "below peers, about seven tenths of province",
        ("元/人·月", 350, 400, 500, 5, "原贫困县"),
        "农安县农村低保标准为每人每月 350 元，比原贫困县中位数低 13%，约为全省水平的七成，"
        "在全省 60 个县（市、区）中位于后20%。",
    ),
    (
        "nine tenths",
        ("元/人·月", 360, 400, 360, 4, "同类县"),
        "农安县农村低保标准为每人每月 360 元，约为同类县中位数的九成，与全省水平基本持平，"
        "在全省 60 个县（市、区）中位于后20%–40%。",
    ),
    (
        "exactly +3 % is still level",
        ("元/人·月", 103, 100, 97, 3, "边境县"),
        "农安县农村低保标准为每人每月 103 元，与边境县中位数基本持平，比全省水平高 6%，"
        "在全省 60 个县（市、区）中位于中间20%。",
    ),
    (
        "just over the tolerance",
        ("元/人·月", 1035, 1000, 1000, 1, "边境县"),
        "农安县农村低保标准为每人每月 1,035 元，比边境县中位数高 4%，比全省水平高 4%，"
        "在全省 60 个县（市、区）中位于前20%。",
    ),
    (
        "more than twice",
        ("元/人·年", 8800, 4000, 6000, 1, "统计相似县"),
        "农安县农村低保标准为每人每年 8,800 元，约为统计相似县中位数的 2.2 倍，比全省水平高 47%，"
        "在全省 60 个县（市、区）中位于前20%。",
    ),
    (
        "share metric in percentage points",
        ("share", 0.052, 0.04, 0.05, 1, "同类县"),
        "农安县农村低保标准为 5.2%，比同类县中位数高 1.2 个百分点，比全省水平高 0.2 个百分点，"
        "在全省 60 个县（市、区）中位于前20%。",
    ),
    (
        "percent metric, small gap",
        ("%", 0.42, 0.40, 0.41, 2, "同类县"),
        "农安县农村低保标准为 0.4%，比同类县中位数高 0.02 个百分点，与全省水平基本持平，"
        "在全省 60 个县（市、区）中位于前20%–40%。",
    ),
    (
        "large persons in 万人, no band",
        ("人", 23456, 18000, np.nan, None, "同市（州）县（市、区）"),
        "农安县农村低保标准为 2.3 万人，比同市（州）县（市、区）中位数高 30%。",
    ),
    (
        "small persons",
        ("人", 8523, 8500, 8400, 3, "同类县"),
        "农安县农村低保标准为 8,523 人，与同类县中位数基本持平，与全省水平基本持平，"
        "在全省 60 个县（市、区）中位于中间20%。",
    ),
    (
        "no peer median",
        ("元/人·月", 412, np.nan, 412, 2, "同类县"),
        "农安县农村低保标准为每人每月 412 元，与全省水平基本持平，在全省 60 个县（市、区）中位于前20%–40%。",
    ),
    (
        "zero reference",
        ("个", 3, 0, 0, 1, "同类县"),
        "农安县农村低保标准为 3 个，高于同类县中位数，高于全省水平，在全省 60 个县（市、区）中位于前20%。",
    ),
    ("missing value", ("元/人·月", np.nan, 400, 410, 2, "同类县"), "农安县暂无农村低保标准数据。"),
    ("pd.NA value", ("元/人·月", pd.NA, 400, 410, 2, "同类县"), "农安县暂无农村低保标准数据。"),
    ("None value", ("元/人·月", None, 400, 410, None, "同类县"), "农安县暂无农村低保标准数据。"),
]


@pytest.mark.parametrize(("args", "expected"), [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_compare_sentence(args, expected):
    assert peers.compare_sentence("农安县", "农村低保标准", *args) == expected


def test_compare_sentence_counts_and_tolerance_are_parameters():
    text = peers.compare_sentence(
        "农安县", "农村低保标准", "元/人·月", 412, 400, 400, 1, "同类县", n_counties=58, tolerance=0.05
    )
    assert text == (
        "农安县农村低保标准为每人每月 412 元，与同类县中位数基本持平，与全省水平基本持平，"
        "在全省 58 个县（市、区）中位于前20%。"
    )


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (412, "元/人·月", "每人每月 412 元"),
        (412.6, "元/人·月", "每人每月 413 元"),
        (412.5, "元/人·月", "每人每月 413 元"),  # half up, not half to even
        (4944, "元/人·年", "每人每年 4,944 元"),
        (1_234_567, "元", "1,234,567 元"),
        (0.1234, "share", "12.3%"),
        (0.1234, "比例（0–1）", "12.3%"),
        (12.34, "%", "12.3%"),
        (9_999, "人", "9,999 人"),
        (10_000, "人", "1.0 万人"),
        (763_983, "人", "76.4 万人"),
        (12, "个", "12 个"),
        (1.25, "倍", "1.25 倍"),
        (1_500, "件/年", "1,500 件/年"),
    ],
)
def test_format_value(value, unit, expected):
    assert peers.format_value(value, unit) == expected


@settings(max_examples=300, deadline=None)
@given(st.floats(0.01, 1e6), st.floats(0.01, 1e6))
def test_sentence_words_are_neutral_and_direction_is_right(value, reference):
    clause = peers.compare_clause(value, reference, "同类县中位数", "元/人·月")
    assert "好" not in clause and "差" not in clause
    ratio = value / reference
    if abs(ratio - 1) <= peers.DEFAULT_TOLERANCE:
        assert clause == "与同类县中位数基本持平"
    elif ratio > 1:
        assert "高" in clause or "倍" in clause
    else:
        assert "低" in clause or "成" in clause
