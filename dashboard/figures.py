"""Plotly figure builders and the one formatting function every chart goes through.

Colours are Okabe–Ito (distinguishable with the common colour-vision deficiencies); fonts list
Noto Sans CJK first so Chinese renders in the browser, in exports and in headless Chromium alike.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
SERIES_STYLE = {
    "urban_disposable_income": {"color": OKABE_ITO["blue"], "dash": "solid", "mode": "lines+markers"},
    "rural_disposable_income": {"color": OKABE_ITO["orange"], "dash": "solid", "mode": "lines+markers"},
    "urban_dibao_standard": {"color": OKABE_ITO["blue"], "dash": "dot", "mode": "lines+markers+text",
                             "text": "top center"},
    "rural_dibao_standard": {"color": OKABE_ITO["vermillion"], "dash": "dot", "mode": "lines+markers+text",
                             "text": "bottom center"},
}
STATUS_SYMBOL = {"official": "circle", "recalled": "circle-open", "derived": "diamond", "illustrative": "x"}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def format_fig(fig: go.Figure, *, height: int = 460) -> go.Figure:
    """House style: fonts, margins, legend below, no plotly logo clutter."""
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": 14, "color": "#1f2933"},
        height=height,
        margin={"l": 70, "r": 24, "t": 24, "b": 40},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    fig.update_xaxes(showgrid=False, linecolor="#9aa5b1", ticks="outside")
    fig.update_yaxes(gridcolor="#e4e7eb", zeroline=False, tickformat=",.0f")
    return fig


def standards_income_figure(frame: pd.DataFrame, t: Callable[..., str]) -> go.Figure:
    """Income lines and standard points over the years; NaN years stay as gaps.

    `frame` comes from `analytics.province.chart_frame`: one row per (indicator, year), NaN where no
    value was published. Marker symbols carry each point's status so recalled and derived values are
    visibly different from official ones.
    """
    fig = go.Figure()
    for indicator, style in SERIES_STYLE.items():
        rows = frame[frame["indicator"] == indicator].sort_values("year")
        if rows.empty:
            continue
        statuses = rows["status"].fillna("")
        is_standard = "standard" in indicator
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=t(f"series.{indicator}"),
                mode=style["mode"],
                connectgaps=False,
                line={"color": style["color"], "dash": style["dash"], "width": 2.5},
                marker={
                    "size": 11 if is_standard else 8,
                    "symbol": [STATUS_SYMBOL.get(s, "circle") for s in statuses],
                    "color": style["color"],
                    "line": {"width": 2, "color": style["color"]},
                },
                text=[f"{v:,.0f}" if is_standard and pd.notna(v) else "" for v in rows["value"]],
                textposition=style.get("text", "top center"),
                textfont={"color": style["color"], "size": 13},
                customdata=list(zip([t(f"status.{s}") if s else "" for s in statuses],
                                    rows["source"].fillna(""), strict=True)),
                hovertemplate=(
                    "%{x}年：%{y:,.0f} 元/人·年<br>"
                    f"{t('chart.hover.status')}：%{{customdata[0]}}<br>"
                    f"{t('chart.hover.source')}：%{{customdata[1]}}<extra>%{{fullData.name}}</extra>"
                ),
            )
        )
    # Legend-only keys explaining the marker symbols.
    for status, key in (("recalled", "chart.legend.recalled"), ("derived", "chart.legend.derived")):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(key), hoverinfo="skip",
                                 marker={"symbol": STATUS_SYMBOL[status], "size": 10, "color": "#52606d"}))
    format_fig(fig)
    fig.update_xaxes(title_text=t("chart.axis.year"), dtick=1)
    fig.update_yaxes(title_text=t("chart.axis.yuan_year"), rangemode="tozero")
    return fig
