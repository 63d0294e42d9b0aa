"""Figures for briefing slides: the projector style applied to any chart, and the two charts only
slides have (monthly caseloads, targets by status), plus the indicator table as slide rows.

Slides reuse the pages' figure builders (dashboard.figures, dashboard.map_figures) so a chart on a
slide is the chart on the page; `presentation_style` only makes its text readable from the back of a
room (≥ 18 px everywhere at 1920×1080).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analytics.provenance import status_mark
from dashboard.figures import ASSESSMENT_COLOURS, FONT_FAMILY, OKABE_ITO, house_layout

CHART_TEXT_PX = 18  # the smallest text in a slide chart
CHART_BASE_PX = 20  # axis titles, hover labels, the default
CASELOAD_SERIES = {"urban_dibao_recipients": ("城市低保对象", OKABE_ITO["blue"]),
                   "rural_dibao_recipients": ("农村低保对象", OKABE_ITO["vermillion"])}


def _at_least(font: object, size: int) -> dict:
    """A font dict with its size raised to `size` (kept if already larger)."""
    current = dict(font or {})
    current["size"] = max(size, int(current.get("size") or 0))
    current.setdefault("family", FONT_FAMILY)
    return current


def presentation_style(fig: go.Figure, height: int) -> go.Figure:
    """A copy of `fig` with every text ≥ CHART_TEXT_PX and the given height; the data is untouched."""
    out = go.Figure(fig)
    layout = out.layout
    out.update_layout(height=height, font=_at_least(layout.font.to_plotly_json(), CHART_BASE_PX),
                      legend={"font": _at_least(layout.legend.font.to_plotly_json(), CHART_TEXT_PX)},
                      hoverlabel={"font": _at_least(layout.hoverlabel.font.to_plotly_json(), CHART_BASE_PX)})
    for axis in ("xaxis", "yaxis"):
        current = layout[axis]
        out.update_layout({axis: {"tickfont": _at_least(current.tickfont.to_plotly_json(), CHART_TEXT_PX),
                                  "title": {"font": _at_least(current.title.font.to_plotly_json(), CHART_BASE_PX)}}})
    for annotation in out.layout.annotations:
        annotation.font = _at_least(annotation.font.to_plotly_json(), CHART_TEXT_PX)
    for trace in out.data:
        if "textfont" in trace and trace.textfont is not None:
            trace.textfont = _at_least(trace.textfont.to_plotly_json(), CHART_TEXT_PX)
        if trace.type in ("choropleth", "heatmap") and getattr(trace, "colorbar", None) is not None:
            trace.colorbar.tickfont = _at_least(trace.colorbar.tickfont.to_plotly_json(), CHART_TEXT_PX)
            trace.colorbar.title.font = _at_least(trace.colorbar.title.font.to_plotly_json(), CHART_TEXT_PX)
        if trace.type == "scatter" and trace.marker is not None and isinstance(trace.marker.size, int | float):
            trace.marker.size = max(trace.marker.size, 10)
    return out


def caseload_figure(monthly: pd.DataFrame) -> go.Figure:
    """Dibao recipients per published month (万人), urban and rural side by side.

    Bars, not a line: the months are irregular (the department's bulletins are not monthly in the
    archive), and a line would suggest values between them.
    """
    wanted = monthly[monthly["indicator"].isin(CASELOAD_SERIES)]
    wide = wanted.pivot(index="month", columns="indicator", values="value").sort_index()
    traces = []
    for indicator, (name, colour) in CASELOAD_SERIES.items():
        if indicator not in wide:
            continue
        values = (wide[indicator] / 1e4).round(2)
        traces.append({"type": "bar", "x": [f"{m[:4]}年{int(m[5:])}月" for m in wide.index],
                       "y": values.tolist(), "name": name, "marker": {"color": colour},
                       "hovertemplate": "%{x}：%{y:,.2f} 万人<extra>%{fullData.name}</extra>"})
    layout = house_layout(460)
    layout["barmode"] = "group"
    layout["yaxis"] |= {"title": {"text": "万人"}, "tickformat": ",.0f", "rangemode": "tozero"}
    return go.Figure(data=traces, layout=layout)


def targets_status_figure(counts: pd.Series) -> go.Figure:
    """The register's targets per assessment status (one bar each, in the register's order)."""
    labels = [str(k) for k in counts.index]
    layout = house_layout(460)
    layout["yaxis"] |= {"title": {"text": "项"}, "tickformat": ",d", "rangemode": "tozero"}
    layout["showlegend"] = False
    return go.Figure(data=[{
        "type": "bar", "x": labels, "y": [int(v) for v in counts.values], "name": "量化目标",
        "marker": {"color": [ASSESSMENT_COLOURS.get(k, OKABE_ITO["blue"]) for k in labels]},
        "text": [str(int(v)) for v in counts.values], "textposition": "outside",
        "hovertemplate": "%{x}：%{y} 项<extra></extra>"}], layout=layout)


def indicator_table_frame(indicators: Mapping[int, object], values: pd.DataFrame,
                          statuses: pd.DataFrame) -> pd.DataFrame:
    """The 8 indicators as slide rows: number, name, target, latest value, progress status, data status."""
    v = values.set_index("number")
    s = statuses.set_index("number")
    rows = []
    for number, definition in indicators.items():
        latest = v.loc[number, "latest_value"]
        unit = "个百分点" if definition.target_value is None else definition.unit
        shown = "—" if pd.isna(latest) else f"{latest:,.1f}{unit}"
        year = v.loc[number, "latest_year"]
        status = v.loc[number, "data_status"]
        rows.append({"序号": number, "指标": definition.name,
                     "2025目标": definition.target_text + ("" if definition.target_value is None else definition.unit),
                     "最新值": shown + ("" if pd.isna(year) else f"（{int(year)}）"),
                     "进度": s.loc[number, "status"],
                     "数据状态": status_mark(status) if status else "无数据"})
    return pd.DataFrame(rows)
