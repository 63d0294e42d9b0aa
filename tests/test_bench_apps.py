"""The reference pages of `bench/interaction.py --split [--controls]` run, and their slider moves the chart
(a broken reference would leave the benchmark timing an error page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app_page

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _rural_trace(at: AppTest) -> list[float]:
    """The projection chart's rural guidance line (on 标准测算 the income chart comes first)."""
    traces = (tr for chart in at.get("plotly_chart") for tr in json.loads(chart.proto.spec)["data"])
    return next(tr for tr in traces if tr.get("name", "").startswith("农村指导标准"))["y"]


@pytest.mark.parametrize(("script", "slider_key"), [("chart_slider_app.py", "r"),
                                                    ("controls_slider_app.py", "sc_rural_ratio")])
def test_the_reference_slider_redraws_the_projection_chart(script: str, slider_key: str):
    at = AppTest.from_file(str(BENCH / script), default_timeout=60).run()
    assert not at.exception
    before = _rural_trace(at)
    at.slider(key=slider_key).set_value(0.45).run()
    assert not at.exception
    assert _rural_trace(at) != before


def test_every_ablation_edit_still_applies_and_the_reduced_page_still_redraws(tmp_path: Path):
    """`bench/ablation.py` edits the page's source by exact text: an edit that stopped matching would stop
    the benchmark, and a reduced page that broke would time an error page."""
    from bench.ablation import PAGE, VARIANTS, edited, make_copy, tracked_files

    root = BENCH.parent
    source = (root / PAGE).read_text(encoding="utf-8")
    for edits in VARIANTS.values():
        assert edited(source, edits) != source or not edits
    copy = make_copy(root, tracked_files(root), VARIANTS["chart + controls"], tmp_path)
    at = AppTest.from_file(str(copy / "dashboard" / "app.py"), default_timeout=120).run()
    at.switch_page("../pages/standards.py").run()
    assert not at.exception
    full = open_app_page("pages/standards.py")
    assert len(at.get("html")) == len(full.get("html")) - 2  # the two card rows are gone
    assert len(at.markdown) < len(full.markdown)  # and the tier and indicator tables, the notes
    before = _rural_trace(at)
    at.slider(key="sc_rural_ratio").set_value(0.45).run()
    assert not at.exception
    assert _rural_trace(at) != before
