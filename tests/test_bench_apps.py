"""The reference pages of `bench/interaction.py --split [--controls]` run, and their slider moves the chart
(a broken reference would leave the benchmark timing an error page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _rural_trace(at: AppTest) -> list[float]:
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    rural = next(tr for tr in figure["data"] if tr.get("name", "").startswith("农村指导标准"))
    return rural["y"]


@pytest.mark.parametrize(("script", "slider_key"), [("chart_slider_app.py", "r"),
                                                    ("controls_slider_app.py", "sc_rural_ratio")])
def test_the_reference_slider_redraws_the_projection_chart(script: str, slider_key: str):
    at = AppTest.from_file(str(BENCH / script), default_timeout=60).run()
    assert not at.exception
    before = _rural_trace(at)
    at.slider(key=slider_key).set_value(0.45).run()
    assert not at.exception
    assert _rural_trace(at) != before
