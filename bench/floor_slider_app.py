"""The floor for `bench/interaction.py`: one slider driving one small Plotly chart, nothing else.

Whatever a slider change costs on 标准测算 beyond what it costs here is ours. The slider has the same
range, step and default as 标准测算's 农村比例 so the keyboard steps are the same.
"""

import plotly.graph_objects as go
import streamlit as st

BASE = [100.0, 104.0, 109.0, 113.0, 118.0, 124.0, 129.0, 135.0, 141.0, 147.0]  # 10 points
YEARS = list(range(2021, 2021 + len(BASE)))

ratio = st.slider("比例", 0.10, 0.60, 0.318, 0.001, key="r")
st.plotly_chart(go.Figure(go.Scatter(x=YEARS, y=[ratio * b for b in BASE], mode="lines+markers")))
