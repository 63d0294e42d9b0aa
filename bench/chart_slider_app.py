"""A second reference for `bench/interaction.py`: one slider driving 标准测算's own projection chart.

Same data, rule and figure builder as the page (the tiered guidance, the rule lines, legend, house style), nothing else on the
page. Between the floor (one small chart) and 标准测算 it splits a slider step's cost into what the chart
itself costs to redraw and what the rest of the page adds.
"""

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# First on the path, always: `streamlit run` puts bench/ there, whose store.py would shadow the store package.
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from analytics.scenario import baseline_scenario  # noqa: E402
from analytics.standards import observed_standards  # noqa: E402
from dashboard import data  # noqa: E402
from dashboard.figures import PLOTLY_CONFIG, standards_projection_figure  # noqa: E402
from dashboard.ui import t  # noqa: E402

params = data.parameters()
forecasts = data.income_forecasts()
observed = observed_standards(data.table("province_annual"))
baseline = baseline_scenario(params)
ratio = st.slider("比例", 0.10, 0.60, round(baseline.rural_ratio, 3), 0.001, key="r")
scenario = replace(baseline, rural_ratio=ratio)
projection = data.outcome(scenario).projection  # the page's own computation (tiers included), cached alike
target = params["rural_urban_ratio_target"].current.value
st.plotly_chart(standards_projection_figure(projection, observed, target, t), config=PLOTLY_CONFIG, key="chart")
