"""Plotly figures for the county map page: the choropleth, the peer dot plot, the county profile.

Geo maps draw offline only with a local world outline: pages pass MAP_CONFIG, which points plotly.js
at dashboard/static/topojson/ (served by Streamlit's static serving) instead of its CDN.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.county_metrics import CATEGORY, GAP, MET, NO_DATA, TIER, UNKNOWN_TIER_LABEL, UNMET, MapMetric
from dashboard.figures import OKABE_ITO, OKABE_ITO_TEXT, PLOTLY_CONFIG, format_fig

MAP_CONFIG = {**PLOTLY_CONFIG, "topojsonURL": "/app/static/topojson/", "scrollZoom": False}
# The county shapes as served by Streamlit (a byte-identical copy of data/boundaries/jilin_counties.geojson):
# the browser fetches them once, so a rerun sends values, not 280 KB of coordinates.
COUNTY_GEOJSON_URL = "/app/static/boundaries/jilin_counties.geojson"
NO_DATA_COLOUR = "#c8cdd2"
CATEGORY_COLOURS = {MET: OKABE_ITO["blue"], UNMET: OKABE_ITO["vermillion"], NO_DATA: NO_DATA_COLOUR}
SEQUENTIAL = "Blues"  # single hue: readable for every colour-vision type and in greyscale
DIVERGING = "RdBu"  # red below zero (below the guidance), blue above; centred on 0 with zmid
PREFECTURE_DECIMATE = 3  # keep every 3rd vertex of prefecture outlines: a 1-px line at province zoom
MAP_HEIGHT = 560
# Illustrative cells are drawn lighter (and say 示例 in the hover): real and invented values side by side
# must not look alike. Real cells are opaque.
ILLUSTRATIVE_OPACITY = 0.45
STATUS_HOVER = {"illustrative": "示例数据", "assumed": "档次为推定", "scenario": "情景测算", "derived": "推算值",
                "recalled": "待核实"}
TIER_COLOURS = ("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#eff3ff", "#f7fbff")  # tier 1 darkest


def _rings(geometry: dict) -> Iterable[list]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield polygon[0]


def outline_coordinates(features: Iterable[dict], step: int = 1) -> tuple[list, list]:
    """Exterior rings as one line trace's lon/lat lists (None between rings)."""
    lons: list = []
    lats: list = []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            kept = ring[::step] + [ring[-1]]
            lons += [round(p[0], 3) for p in kept] + [None]
            lats += [round(p[1], 3) for p in kept] + [None]
    return lons, lats


def _subset(collection: dict, codes: Iterable[str]) -> dict:
    """Only the features a trace draws: several traces must not each carry all 60 shapes."""
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in collection["features"] if f["id"] in wanted]}


def _hover(frame: pd.DataFrame, metric: MapMetric, rank: pd.Series, source: str) -> list[str]:
    n = int(frame["value"].notna().sum())
    texts = []
    statuses = frame["status"] if "status" in frame else pd.Series("", index=frame.index)
    tier_statuses = frame["tier_status"] if "tier_status" in frame else pd.Series("", index=frame.index)
    for row, position, status, tier_status in zip(frame.itertuples(index=False), rank, statuses, tier_statuses,
                                                  strict=True):
        if metric.kind in (CATEGORY, TIER):
            shown = row.category
        elif pd.isna(row.value):
            shown = NO_DATA
        else:
            shown = f"{row.value:,.1f} {metric.unit}".strip()
        place = "" if pd.isna(position) or metric.kind in (CATEGORY, TIER) else f"<br>全省第 {int(position)} / {n} 位"
        marks = [STATUS_HOVER[s] for s in dict.fromkeys((status, tier_status)) if s in STATUS_HOVER]
        mark = f"（{'，'.join(marks)}）" if marks else ""
        texts.append(f"<b>{row.name}</b>（{row.prefecture}）<br>{metric.label}：{shown}{mark}{place}<br>来源：{source}")
    return texts


def _opacity(part: pd.DataFrame) -> list[float] | float:
    """Per-county opacity: illustrative values lighter (a scalar when nothing is illustrative)."""
    if "status" not in part or not (part["status"] == "illustrative").any():
        return 1.0
    return [ILLUSTRATIVE_OPACITY if s == "illustrative" else 1.0 for s in part["status"]]


def county_map_figure(counties_geo: dict, prefectures_geo: dict, frame: pd.DataFrame, metric: MapMetric,
                      rank: pd.Series, source: str, highlight: Iterable[str] = (), selected: str | None = None,
                      highlight_label: str = "", height: int = MAP_HEIGHT, geojson_url: str | None = None,
                      ) -> go.Figure:
    """Choropleth of the 60 counties with prefecture borders, a peer-group outline and the selected county.

    Only the choropleth traces are clickable (the outline traces skip hover), so a click always reports
    the county code in `location`. With `geojson_url` the traces reference the served shapes instead of
    embedding them (the page); without, each trace embeds just the features it draws (exports, tests).
    """
    fig = go.Figure()
    hover = pd.Series(_hover(frame, metric, rank, source), index=frame.index)
    common = {"featureidkey": "id", "hovertemplate": "%{customdata}<extra></extra>"}

    def marker(part: pd.DataFrame) -> dict:
        return {"line": {"color": "white", "width": 0.6}, "opacity": _opacity(part)}

    if metric.kind in (CATEGORY, TIER):
        if metric.kind == CATEGORY:
            categories = [(c, CATEGORY_COLOURS[c]) for c in (MET, UNMET, NO_DATA)]
        else:
            labels = sorted({c for c in frame["category"] if c != UNKNOWN_TIER_LABEL},
                            key=lambda c: int("".join(ch for ch in c if ch.isdigit())))
            categories = [(c, TIER_COLOURS[min(i, len(TIER_COLOURS) - 1)]) for i, c in enumerate(labels)]
            categories.append((UNKNOWN_TIER_LABEL, NO_DATA_COLOUR))
        for category, colour in categories:
            part = frame[frame["category"] == category]
            if part.empty:
                continue
            fig.add_trace(go.Choropleth(locations=part["code"], z=np.zeros(len(part)), customdata=hover[part.index],
                                        geojson=geojson_url or _subset(counties_geo, part["code"]),
                                        colorscale=[[0, colour], [1, colour]], showscale=False, name=category,
                                        showlegend=True, marker=marker(part), **common))
    else:
        known = frame[frame["value"].notna()]
        scale = {"colorscale": DIVERGING, "zmid": 0} if metric.kind == GAP else {"colorscale": SEQUENTIAL}
        fig.add_trace(go.Choropleth(
            locations=known["code"], z=known["value"], customdata=hover[known.index], name=metric.label,
            geojson=geojson_url or _subset(counties_geo, known["code"]),
            colorbar={"title": {"text": metric.unit}, "thickness": 14, "len": 0.75}, showlegend=False,
            marker=marker(known), **scale, **common))
        missing = frame[frame["value"].isna()]
        if not missing.empty:
            fig.add_trace(go.Choropleth(
                locations=missing["code"], z=np.zeros(len(missing)), customdata=hover[missing.index],
                geojson=geojson_url or _subset(counties_geo, missing["code"]),
                colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False, name=NO_DATA,
                showlegend=True, marker=marker(missing), **common))
    lons, lats = outline_coordinates(prefectures_geo["features"], PREFECTURE_DECIMATE)
    fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", line={"color": "#3e4c59", "width": 1.6},
                                hoverinfo="skip", name="市（州）界", showlegend=False))
    chosen = set(highlight)
    if chosen:
        lons, lats = outline_coordinates(f for f in counties_geo["features"] if f["id"] in chosen)
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", name=highlight_label,
                                    line={"color": OKABE_ITO["orange"], "width": 2.6}, showlegend=True))
    if selected:
        lons, lats = outline_coordinates(f for f in counties_geo["features"] if f["id"] == selected)
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", name="所选县（市、区）",
                                    line={"color": "#111111", "width": 3.2}, showlegend=True))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="white")
    format_fig(fig, height=height)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, clickmode="event+select", dragmode=False,
                      legend={"y": 0.02, "x": 0.0, "yanchor": "bottom", "orientation": "v",
                              "bgcolor": "rgba(255,255,255,0.8)"})
    return fig


def peer_dot_figure(frame: pd.DataFrame, metric: MapMetric, code: str, peers: list[str], peer_median: float,
                    province: float, height: int = 150) -> go.Figure:
    """The peers as dots on one axis, the county highlighted, with the peer median and the province value."""
    fig = go.Figure()
    part = frame[frame["code"].isin(peers) & frame["value"].notna()]
    fig.add_trace(go.Scatter(x=part["value"], y=np.zeros(len(part)), mode="markers", name="对比组",
                             marker={"size": 11, "color": OKABE_ITO["sky"], "line": {"color": "white", "width": 1}},
                             text=part["name"], hovertemplate="%{text}：%{x:,.1f}<extra></extra>"))
    me = frame[frame["code"] == code]
    fig.add_trace(go.Scatter(x=me["value"], y=np.zeros(len(me)), mode="markers+text", name="本县",
                             text=me["name"], textposition="bottom center",
                             marker={"size": 15, "color": OKABE_ITO["vermillion"], "symbol": "diamond"},
                             hovertemplate="%{text}：%{x:,.1f}<extra></extra>"))
    for value, label, dash, where in ((peer_median, "对比组中位数", "dash", "top left"),
                                      (province, "全省", "dot", "top right")):
        if np.isfinite(value):
            fig.add_vline(x=value, line={"color": "#52606d", "dash": dash, "width": 1.5},
                          annotation_text=label, annotation_position=where)
    format_fig(fig, height=height)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 28, "b": 30}, showlegend=False)
    fig.update_yaxes(visible=False, range=[-1, 1.2])
    fig.update_xaxes(title_text=metric.unit or None, tickformat=",.1f")
    return fig


def profile_figure(years: list[int], county: pd.Series, peer_median: pd.Series, province: pd.Series,
                   metric: MapMetric, name: str) -> go.Figure:
    """The selected metric over time: the county, its peer median and the province."""
    fig = go.Figure()
    for series, label, colour, dash in ((county, name, OKABE_ITO["vermillion"], "solid"),
                                        (peer_median, "对比组中位数", OKABE_ITO["sky"], "dash"),
                                        (province, "全省", "#52606d", "dot")):
        fig.add_trace(go.Scatter(x=years, y=series.reindex(years), mode="lines+markers", name=label,
                                 line={"color": colour, "dash": dash, "width": 2.5}, connectgaps=False,
                                 hovertemplate=f"%{{x}}年：%{{y:,.1f}} {metric.unit}<extra>{label}</extra>"))
    format_fig(fig, height=300)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title_text=metric.unit or None)
    return fig


def example_figure() -> go.Figure:
    """The map page's default view (农村低保标准, latest year, a county and its prefecture peers selected),
    built from the embedded data without Streamlit: what bench/map.py measures the serialised size of."""
    import json

    from analytics.county_data import county_table
    from analytics.county_metrics import METRIC_BY_KEY, metric_frame, ranks
    from analytics.loaders import load_table
    from analytics.paths import data_dir
    from analytics.peers import highlight_codes

    counties = load_table("counties")
    table, _ = county_table()
    metric = METRIC_BY_KEY["rural_standard_month"]
    frame = metric_frame(table, counties, metric, int(table["year"].max()))  # statuses: all illustrative
    geo = {name: json.loads((data_dir() / "boundaries" / f"jilin_{name}.geojson").read_text(encoding="utf-8"))
           for name in ("counties", "prefectures")}
    return county_map_figure(geo["counties"], geo["prefectures"], frame, metric, ranks(frame, metric), "示例数据",
                             highlight_codes(counties, "prefecture", "220122"), "220122", "同一市（州）",
                             geojson_url=COUNTY_GEOJSON_URL)


def all_metrics_dot_figure(values: pd.DataFrame, metrics: list[MapMetric], code: str, name: str, peers: list[str],
                           province: dict[str, float]) -> go.Figure:
    """Every level metric in one chart, each row scaled to its province value (= 100).

    Scaling puts standards (元), coverage (%) and counts on one axis, as the "compare your area" tools do;
    the hover gives the real value and unit. Gap and category metrics are left out: a gap has no ratio to
    the province and a category has no position.
    """
    fig = go.Figure()
    rows = [m for m in metrics if np.isfinite(province.get(m.key, np.nan)) and province[m.key] != 0]
    labels = [m.label for m in rows]
    peer_x, peer_y, peer_text, me_x, me_y, me_text, med_x, med_y = [], [], [], [], [], [], [], []
    for metric in rows:
        frame = values[values["metric"] == metric.key].set_index("code")["value"]
        base = province[metric.key]
        unit = metric.unit
        for peer in peers:
            v = frame.get(peer, np.nan)
            if np.isfinite(v):
                peer_x.append(v / base * 100)
                peer_y.append(metric.label)
                peer_text.append(f"{values.loc[values['code'] == peer, 'name'].iloc[0]}：{v:,.1f} {unit}")
        v = frame.get(code, np.nan)
        if np.isfinite(v):
            me_x.append(v / base * 100)
            me_y.append(metric.label)
            me_text.append(f"{name}：{v:,.1f} {unit}（全省 {base:,.1f}）")
        median = frame.reindex(peers).median()
        if np.isfinite(median):
            med_x.append(median / base * 100)
            med_y.append(metric.label)
    fig.add_trace(go.Scatter(x=peer_x, y=peer_y, mode="markers", name="对比组", text=peer_text,
                             marker={"size": 9, "color": OKABE_ITO["sky"], "opacity": 0.8},
                             hovertemplate="%{text}<extra></extra>"))
    fig.add_trace(go.Scatter(x=med_x, y=med_y, mode="markers", name="对比组中位数",
                             marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": "#3e4c59"}},
                             hovertemplate="对比组中位数：全省的 %{x:.0f}%<extra></extra>"))
    fig.add_trace(go.Scatter(x=me_x, y=me_y, mode="markers", name=name, text=me_text,
                             marker={"size": 14, "color": OKABE_ITO["vermillion"], "symbol": "diamond"},
                             hovertemplate="%{text}<extra></extra>"))
    fig.add_vline(x=100, line={"color": "#52606d", "dash": "dot", "width": 1.5}, annotation_text="全省=100",
                  annotation_position="top")
    format_fig(fig, height=90 + 38 * len(rows))
    fig.update_layout(margin={"l": 190, "r": 20, "t": 30, "b": 40},
                      legend={"orientation": "h", "y": -0.08, "yanchor": "top"})
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickformat=None)
    fig.update_xaxes(tickformat=",.0f", ticksuffix="")  # the scale (province = 100) is in the chart's heading
    return fig


def guidance_history_figure(history: pd.DataFrame, name: str, height: int = 320) -> go.Figure:
    """One county's urban and rural standards over the years, with the guidance of its tier as short bars.

    Solid line: the local standard (hollow markers where illustrative); bars with a label: the guidance of
    the county's tier in each notice year and next year (「推定」 where the tier is assumed).
    """
    colours = {"urban": OKABE_ITO["blue"], "rural": OKABE_ITO["vermillion"]}
    text_colours = {"urban": OKABE_ITO_TEXT["blue"], "rural": OKABE_ITO_TEXT["vermillion"]}  # AA on white
    names = {"urban": "城市", "rural": "农村"}
    traces = []
    for side in ("urban", "rural"):
        part = history[history["side"] == side]
        hollow = ["circle-open" if s == "illustrative" else "circle" for s in part["local_status"]]
        notes = [STATUS_HOVER.get(s, "") for s in part["local_status"]]
        traces.append(go.Scatter(
            x=part["year"], y=part["local_month"], mode="lines+markers", name=f"{name}{names[side]}低保标准",
            line={"color": colours[side], "width": 2.5}, marker={"symbol": hollow, "size": 9, "color": colours[side]},
            customdata=notes, connectgaps=False,
            hovertemplate="%{x}年：%{y:,.1f} 元/人·月 %{customdata}<extra>%{fullData.name}</extra>"))
        guided = part[part["guidance_month"].notna()]
        labels = [("未知" if pd.isna(t) else f"第{int(t)}档") + ("（推定）" if s == "assumed" else "")
                  for t, s in zip(guided["tier"], guided["tier_status"], strict=True)]
        traces.append(go.Scatter(
            x=guided["year"], y=guided["guidance_month"], mode="markers+text", name=f"{names[side]}指导标准（本县档次）",
            marker={"symbol": "line-ew-open", "size": 26, "line": {"width": 3, "color": colours[side]}},
            text=labels, textposition="bottom center" if side == "rural" else "top center",
            textfont={"size": 11, "color": text_colours[side]}, customdata=labels,
            hovertemplate="%{x}年：指导标准 %{y:,.0f} 元/人·月（%{customdata}）<extra></extra>"))
    fig = go.Figure(data=traces)
    format_fig(fig, height=height)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title_text="元/人·月", rangemode="tozero")
    return fig
