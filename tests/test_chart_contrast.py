"""Chart text meets WCAG AA contrast (4.5:1) on the white plot.

axe-core (tests/browser/test_accessibility.py) cannot judge plotly's SVG text: a transparent drag layer
lies over it, so axe files it under "incomplete", not pass or fail. The text colours are checked here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import (
    MUTED_TEXT,
    OKABE_ITO_TEXT,
    TEXT_COLOUR,
    house_layout,
    indicator_progress_figure,
    standards_income_figure,
)
from dashboard.map_figures import guidance_history_figure

AA_NORMAL = 4.5


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000") == pytest.approx(21)
    assert contrast("#E69F00") == pytest.approx(2.25, abs=0.01)  # Okabe–Ito orange: a line colour, not text


@pytest.mark.parametrize("colour", [TEXT_COLOUR, MUTED_TEXT, *OKABE_ITO_TEXT.values()])
def test_text_colours_pass_on_white_and_on_the_sidebar_grey(colour):
    assert contrast(colour) >= AA_NORMAL
    if colour in (TEXT_COLOUR, MUTED_TEXT):  # also used for captions and labels in the grey sidebar
        assert contrast(colour, "#f2f5f8") >= AA_NORMAL


def test_axis_text_is_set_so_the_streamlit_chart_theme_does_not_grey_it():
    layout = house_layout()
    for axis in ("xaxis", "yaxis"):
        assert layout[axis]["tickfont"]["color"] == MUTED_TEXT
        assert layout[axis]["title"]["font"]["color"] == MUTED_TEXT
    assert layout["xaxis"]["title"] is not house_layout()["xaxis"]["title"]  # fresh dicts per layout


def _text_colours(fig) -> list[str]:
    colours = [trace.textfont.color for trace in fig.data if trace.mode and "text" in trace.mode]
    colours += [a.font.color for a in fig.layout.annotations if a.font.color]
    return colours


def test_labels_in_series_colours_pass():
    rows = [{"indicator": indicator, "year": year, "value": 1000.0 + year, "status": "official", "source": "x"}
            for indicator in ("urban_dibao_standard", "rural_dibao_standard") for year in (2015, 2020)]
    fig = standards_income_figure(pd.DataFrame(rows), lambda key, **_: key)
    progress = indicator_progress_figure(pd.Series([1.0, 2.0], index=[2020, 2021]), (2020, 1.0), 3.0, 2025,
                                         (2.5, 2.0, 3.0), "%", "观测值", illustrative=True)
    history = pd.DataFrame([{"side": side, "year": 2024, "local_month": 600.0, "local_status": "official",
                             "guidance_month": 620.0, "tier": 2, "tier_status": "official"}
                            for side in ("urban", "rural")])
    colours = _text_colours(fig) + _text_colours(progress) + _text_colours(guidance_history_figure(history, "某县"))
    assert len([c for c in colours if c]) >= 5
    for colour in filter(None, colours):
        assert contrast(colour) >= AA_NORMAL, colour
