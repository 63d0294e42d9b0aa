"""The deck as data (analytics.briefing) and the generated headlines (analytics.briefing_headlines)."""

from __future__ import annotations

import pytest

from analytics.briefing import (
    MAX_SLIDES,
    SLIDE_KINDS,
    Deck,
    DeckError,
    Slide,
    Vocabulary,
    add_slide,
    decode_deck,
    default_deck,
    encode_deck,
    move_slide,
    remove_slide,
)
from analytics.briefing_headlines import (
    category_map_headline,
    gap_map_headline,
    indicator_headline,
    indicator_table_headline,
    projection_headline,
    targets_headline,
)

VOCAB = Vocabulary(
    choices={"indicator": [1, 2, 3, 4, 5, 6, 7, 8], "metric": ["rural_standard_month", "urban_gap"],
             "year": [2022, 2023, 2024], "county": ["220102", "220381"], "peers": ["prefecture", "tier"]},
    defaults={"indicator": 2, "metric": "rural_standard_month", "year": 2024, "county": "220381",
              "peers": "prefecture"},
    labels={"county": {"220102": "南关区", "220381": "公主岭市"}},
)


def test_default_deck_has_one_slide_per_kind_with_valid_parameters() -> None:
    deck = default_deck(VOCAB)
    assert [s.kind for s in deck.slides] == list(SLIDE_KINDS)
    assert deck.slides[4].param("indicator") == 2
    assert dict(deck.slides[5].params) == {"metric": "rural_standard_month", "year": 2024}


def test_a_deck_survives_its_link_exactly() -> None:
    deck = Deck("两会简报", (Slide("map").with_params(metric="urban_gap", year=2023),
                         Slide("projection", (("scenario", {"sc_rural_ratio": "0.350"}),), "自拟标题", "第一行\n第二行"),
                         Slide("county_peers").with_params(county="220102", peers="tier", metric="urban_gap")))
    token = encode_deck(deck)
    assert token.isascii() and "=" not in token and "+" not in token and "/" not in token
    decoded, notices = decode_deck(token, VOCAB)
    assert notices == []
    assert decoded == deck


def test_a_bad_parameter_falls_back_with_a_notice_naming_slide_and_value() -> None:
    deck = Deck("x", (Slide("overview"), Slide("indicator_path", (("indicator", 9),)),
                      Slide("county_peers", (("county", "999999"), ("peers", "tier")))))
    decoded, notices = decode_deck(encode_deck(deck), VOCAB)
    assert decoded.slides[1].param("indicator") == 2
    assert decoded.slides[2].param("county") == "220381" and decoded.slides[2].param("peers") == "tier"
    assert notices == ["第2页（单项指标）：指标“9”在当前数据中不存在，已改用“2”。",
                       "第3页（县（市、区）对比）：县（市、区）“999999”在当前数据中不存在，已改用“公主岭市”。"]


def test_an_unknown_slide_kind_is_dropped_and_the_rest_kept() -> None:
    token = encode_deck(Deck("x", (Slide("overview"), Slide("targets"))))
    import base64
    import json
    import zlib
    body = json.loads(zlib.decompress(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))))
    body["s"].insert(1, ["pie_chart", {}, "", ""])
    raw = base64.urlsafe_b64encode(zlib.compress(json.dumps(body).encode())).decode().rstrip("=")
    decoded, notices = decode_deck(raw, VOCAB)
    assert [s.kind for s in decoded.slides] == ["overview", "targets"]
    assert notices == ["第2页的类型“pie_chart”不存在，已略去。"]


@pytest.mark.parametrize("token", ["", "not-a-deck!!", encode_deck(Deck("x", (Slide("overview"),)))[:-6], "eJwDAAAAAAE"])
def test_an_unreadable_link_raises_a_chinese_error(token: str) -> None:
    with pytest.raises(DeckError, match="简报"):
        decode_deck(token, VOCAB)


def test_text_is_cleaned_and_slides_capped() -> None:
    long = Deck("x", tuple(Slide("overview", (), "标题\x00" + "长" * 200) for _ in range(MAX_SLIDES + 5)))
    decoded, notices = decode_deck(encode_deck(long), VOCAB)
    assert len(decoded.slides) == MAX_SLIDES
    assert "\x00" not in decoded.slides[0].headline and len(decoded.slides[0].headline) == 80
    assert notices[-1] == f"简报最多 {MAX_SLIDES} 页，第 {MAX_SLIDES + 1} 页起已省略。"


def test_editing_operations() -> None:
    deck = default_deck(VOCAB)
    assert [s.kind for s in move_slide(deck, 0, 1).slides[:2]] == ["income_standards", "overview"]
    assert move_slide(deck, 0, -1) == deck
    assert len(remove_slide(deck, 3).slides) == len(deck.slides) - 1
    one = Deck("x", (Slide("overview"),))
    assert remove_slide(one, 0) == one
    added = add_slide(deck, "map", VOCAB, position=0)
    assert added.slides[1].kind == "map" and added.slides[1].param("year") == 2024


# One row per case the issue names: met, not met, no data, illustrative (and the growth indicator).
HEADLINES = [
    (dict(number=2, name="农村低保标准占城市低保标准比例", target=75.0, year=2024, value=76.9, met=True, status="official"),
     "2024年农村低保指导标准相当于城市的76.9%，已超过75%的目标"),
    (dict(number=3, name="特困", target=130.0, year=2024, value=130.0, met=True, status="derived"),
     "2024年特困人员基本生活标准相当于上年度低保标准的130.0%，已达到130%的目标"),
    (dict(number=2, name="农村低保标准占城市低保标准比例", target=75.0, year=2024, value=70.7, met=False,
          status="official"),
     "2024年农村低保指导标准相当于城市的70.7%，距75%的目标还差4.3个百分点"),
    (dict(number=5, name="符合条件人员纳入最低生活保障", target=100.0, year=None, value=None, met=None, status=""),
     "符合条件人员纳入最低生活保障：没有可用的公开数据，暂无法评估进度"),
    (dict(number=4, name="审核确认权限下放", target=100.0, year=2024, value=93.6, met=False, status="illustrative"),
     "2024年低保、特困和临时救助审核确认权限下放到乡镇（街道）的比例为93.6%，距100%的目标还差6.4个百分点（示例数据）"),
    (dict(number=8, name="热线", target=100.0, year=2024, value=100.0, met=True, status="illustrative"),
     "2024年社会救助热线接入“12345”的县（市、区）占比为100.0%，已达到100%的目标（示例数据）"),
    (dict(number=1, name="城乡低保标准年均增速", target=None, year=2022, value=-0.0726, met=False, status="recalled",
          period="2020–2022"),
     "2020–2022年城乡低保标准年均增速比居民收入增速低0.1个百分点，未达到“不低于收入增速”的目标（待核实）"),
]


@pytest.mark.parametrize(("case", "expected"), HEADLINES)
def test_indicator_headlines(case: dict, expected: str) -> None:
    assert indicator_headline(**case) == expected


def test_other_headlines() -> None:
    assert projection_headline("基准情景", 2026, 75.0, 2030, 78.0) == "按“基准情景”，农村低保标准2026年达到城市的75%"
    assert projection_headline("提标", None, 75.0, 2030, 71.24, ("scenario",)) == \
        "按“提标”情景，到2030年农村低保标准为城市的71.2%，仍未达到75%的目标"
    assert indicator_table_headline({"达成": 2, "进度正常": 1, "需加快": 0, "无数据": 3}) == \
        "规划6项主要指标中，2项达成、1项进度正常、3项无数据"
    assert targets_headline({"已完成": 1, "进行中": 2, "未评估": 61}, 5) == "5份文件的64项量化目标中，1项已完成、2项进行中、61项未评估"
    assert category_map_headline(2024, "救助热线接入12345", 44, 16, 0, ("illustrative",)) == \
        "2024年44个县（市、区）救助热线接入12345达标，16个未达标（示例数据）"
    assert gap_map_headline(2025, "rural", 3, 12.4, 60) == "2025年3个县（市、区）农村低保标准低于省定最低指导标准，最多低12元/人·月"
    assert gap_map_headline(2024, "urban", 0, None, 24) == "2024年有数据的24个县（市、区）城市低保标准均不低于省定最低指导标准"
    assert gap_map_headline(2024, "urban", 0, None, 0) == "2024年城市低保标准与省定最低指导标准：暂无可比数据"
