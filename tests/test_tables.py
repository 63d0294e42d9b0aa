"""The indicator status table: one Markdown row per year, each cell with its margin, word and colour."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import translate
from dashboard.tables import MET_COLOUR, UNMET_COLOUR, indicator_status_markdown


def zh(key: str, **values: object) -> str:
    return translate(key, "zh", **values)


def projection() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ind1_urban_margin_pp": [0.34, -0.5],
            "ind1_rural_margin_pp": [-1.2, 0.0],
            "ind2_met": [False, True],
            "rural_urban_ratio": [67.73, 76.9],
            "ind3_met": [True, False],
            "tekun_ratio": [130.0, 120.0],
        },
        index=pd.Index([2021, 2022], name="year"),
    )


def test_one_row_per_year_with_margin_word_and_colour():
    lines = indicator_status_markdown(projection(), zh).splitlines()
    assert lines[0].startswith("| 年份 | 指标1 城市标准增速−收入增速")
    assert len(lines) == 2 + 2  # header, separator, two years
    first = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert first == [
        "2021",
        f":{MET_COLOUR}-background[+0.3pp 达标]",
        f":{UNMET_COLOUR}-background[-1.2pp 未达标]",
        f":{UNMET_COLOUR}-background[67.7% 未达标]",
        f":{MET_COLOUR}-background[130% 达标]",
    ]


def test_a_zero_growth_margin_counts_as_met():
    second = indicator_status_markdown(projection(), zh).splitlines()[3]
    assert f":{MET_COLOUR}-background[+0.0pp 达标]" in second
    assert f":{UNMET_COLOUR}-background[-0.5pp 未达标]" in second


def test_english_labels():
    text = indicator_status_markdown(projection(), lambda key, **v: translate(key, "en", **v))
    assert text.startswith("| Year |") and " met]" in text and " not met]" in text
