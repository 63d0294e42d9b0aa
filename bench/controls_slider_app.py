"""A third reference for `bench/interaction.py --controls`: 标准测算's projection chart with the page's own
scenario controls, in a fragment as on the page, and nothing else.

Between `bench/chart_slider_app.py` (the chart and one slider) and 标准测算 it splits what the rest of the
page adds into what the sidebar's controls cost to re-send on every step (they must be redrawn inside the
fragment, or a slider would rerun the whole page) and what the page's other scenario-dependent elements
(key figures, next year's tiers, the counties below, notes, the indicator table) cost.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# First on the path, always: `streamlit run` puts bench/ there, whose store.py would shadow the store package.
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from analytics.scenario import baseline_scenario  # noqa: E402
from dashboard import data  # noqa: E402
from dashboard.figures import PLOTLY_CONFIG, standards_projection_figure  # noqa: E402
from dashboard.scenario_ui import current_scenario, draw_controls, sidebar_frame  # noqa: E402
from dashboard.ui import t  # noqa: E402

params = data.parameters()
baseline = baseline_scenario(params)
observed = data.scenario_context().observed
target = params["rural_urban_ratio_target"].current.value
controls = sidebar_frame(baseline)


@st.fragment
def view() -> None:
    """The page's fragment reduced to its chart and its controls (the figure built per step, as in the
    chart reference)."""
    scenario, _ = current_scenario(baseline)
    result = data.outcome(scenario)
    st.plotly_chart(standards_projection_figure(result.projection, observed, target, t), config=PLOTLY_CONFIG,
                    key="chart")
    draw_controls(result.scenario, baseline, controls)


view()
