"""The floor for `bench/startup.py`: the least a Streamlit + Plotly page can do.

A title and one small Plotly chart, nothing else. Whatever the dashboard costs beyond this is ours.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
