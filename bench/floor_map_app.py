"""The floor for `bench/map.py`: a metric selectbox recolouring a bare choropleth of the 60 counties.

Same geometry as the county map page (data/boundaries/jilin_counties.geojson, feature id = county code),
no prefecture borders, no hover text, no legend, nothing else on the page. Each of the 3 options colours
the counties by a different deterministic value. The widget keys are the map page's (`map_metric`,
`county_map`) so the benchmark finds both pages' selectbox and chart with the same selectors.

Offline it draws only with the local world outline: plotly.js asks for `world_110m.json` at topojsonURL,
and Streamlit serves `static/` next to the *main script* at `/app/static/`. `bench/map.py` therefore runs
a temporary copy of this file with `static/topojson/world_110m.json` next to it (a copy of
dashboard/static/topojson/world_110m.json), from the repository root so `.streamlit/config.toml`
(`enableStaticServing = true`) applies. The geometry is found next to the repository this file lives in
or, for that copy, under the working directory.
"""

import json
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

GEOJSON = Path("data") / "boundaries" / "jilin_counties.geojson"
METRICS = ("指标一", "指标二", "指标三")
STEPS = (7, 13, 23)  # per metric: value = (county index × step) mod 60, a different pattern each


@st.cache_data
def load_geometry() -> dict:
    in_repo = Path(__file__).resolve().parents[1] / GEOJSON
    path = in_repo if in_repo.exists() else Path.cwd() / GEOJSON
    return json.loads(path.read_text(encoding="utf-8"))


geometry = load_geometry()
codes = [feature["id"] for feature in geometry["features"]]
metric = st.selectbox("指标", METRICS, key="map_metric")
step = STEPS[METRICS.index(metric)]
fig = go.Figure(go.Choropleth(geojson=geometry, featureidkey="id", locations=codes,
                              z=[(index * step) % len(codes) for index in range(len(codes))]))
fig.update_geos(visible=False, fitbounds="locations")
st.plotly_chart(fig, key="county_map", config={"topojsonURL": "/app/static/topojson/"})
