"""A second reference for `bench/interaction.py`: one slider driving 标准测算's own projection chart.

Same data, rule and figure builder as the page (five traces, legend, house style), nothing else on the
page. Between the floor (one small chart) and 标准测算 it splits a slider step's cost into what the chart
itself costs to redraw and what the rest of the page adds.
"""

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from analytics.scenario import baseline_scenario  # noqa: E402
from analytics.standards import income_path, observed_standards, project_standards  # noqa: E402
from dashboard import data  # noqa: E402
from dashboard.figures import PLOTLY_CONFIG, standards_projection_figure  # noqa: E402
from dashboard.ui import t  # noqa: E402

params = data.parameters()
forecasts = data.income_forecasts()
observed = observed_standards(data.table("province_annual"))
ratio = st.slider("比例", 0.10, 0.60, 0.318, 0.001, key="r")
scenario = replace(baseline_scenario(params), rural_ratio=ratio)
incomes = {side: income_path(forecasts[side], scenario.income_path, scenario.custom_growth_pct, scenario.horizon)
           for side in ("urban", "rural")}
projection = project_standards(incomes, scenario, params, observed)
st.plotly_chart(standards_projection_figure(projection, observed, 0.75, t), config=PLOTLY_CONFIG, key="chart")
