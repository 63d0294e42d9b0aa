"""Plotly figure builders and the one formatting function every chart goes through.

Colours are Okabe–Ito (distinguishable with the common colour-vision deficiencies); fonts list
Noto Sans CJK first so Chinese renders in the browser, in exports and in headless Chromium alike.
Text is never drawn in a colour below WCAG AA on the white plot (4.5:1): labels in a series' colour use
`OKABE_ITO_TEXT`, axis text `MUTED_TEXT`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
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
# The same hues darkened for text on white (contrast >= 4.5:1; #E69F00 orange is 2.2:1, #D55E00 3.9:1).
# Lines and markers keep the Okabe–Ito colours; only labels drawn in a series' colour use these.
OKABE_ITO_TEXT = {
    "blue": OKABE_ITO["blue"],  # 5.2:1 as it is
    "orange": "#8F6500",
    "vermillion": "#B85100",
    "green": "#00785A",
}
TEXT_COLOUR = "#1f2933"  # the theme's textColor (.streamlit/config.toml)
# Secondary text (axis ticks and titles here, captions in dashboard.ui): 5.4:1 on white, 5.0:1 on #f2f5f8.
# Streamlit's chart theme would otherwise draw axis text in #808495 (3.7:1).
MUTED_TEXT = "#616b76"
SERIES_STYLE = {
    "urban_disposable_income": {"color": OKABE_ITO["blue"], "dash": "solid", "mode": "lines+markers"},
    "rural_disposable_income": {"color": OKABE_ITO["orange"], "dash": "solid", "mode": "lines+markers"},
    "urban_dibao_standard": {"color": OKABE_ITO["blue"], "dash": "dot", "mode": "lines+markers+text",
                             "text": "top center"},
    "rural_dibao_standard": {"color": OKABE_ITO["vermillion"], "dash": "dot", "mode": "lines+markers+text",
                             "text": "bottom center", "text_color": OKABE_ITO_TEXT["vermillion"]},
}
STATUS_SYMBOL = {"official": "circle", "recalled": "circle-open", "derived": "diamond", "illustrative": "x"}
# No "responsive": Streamlit sizes the chart to its container; plotly's own resize handler made it draw twice.
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def house_layout(height: int = 460) -> dict:
    """House style as a layout dict: fonts, margins, legend below, light grid.

    A dict so a figure can be built in one `go.Figure(data=..., layout=...)` call: plotly validates a
    whole figure in about 1.5 ms, while `add_trace` / `update_layout` / `update_xaxes` calls cost about
    10 ms for a five-trace chart, which a slider redraw pays every step.
    """
    def axis_text() -> dict:  # fresh dicts per call: callers may extend a layout's axis title in place
        return {"tickfont": {"color": MUTED_TEXT}, "title": {"font": {"color": MUTED_TEXT}}}

    return {
        "font": {"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        "height": height,
        "margin": {"l": 70, "r": 24, "t": 24, "b": 40},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "xaxis": {"showgrid": False, "linecolor": "#9aa5b1", "ticks": "outside", **axis_text()},
        "yaxis": {"gridcolor": "#e4e7eb", "zeroline": False, "tickformat": ",.0f", **axis_text()},
    }


def format_fig(fig: go.Figure, *, height: int = 460) -> go.Figure:
    """Apply the house style to a figure built step by step."""
    return fig.update_layout(house_layout(height))


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
                textfont={"color": style.get("text_color", style["color"]), "size": 13},
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


def _band(fig: go.Figure, x, lower, upper, colour: str, opacity: float, name: str, group: str) -> None:
    """A shaded interval between two lines (drawn as one closed polygon)."""
    fig.add_trace(go.Scatter(
        x=list(x) + list(x)[::-1], y=list(upper) + list(lower)[::-1], fill="toself", mode="lines",
        line={"width": 0}, fillcolor=colour, opacity=opacity, name=name, legendgroup=group, hoverinfo="skip",
    ))


def income_forecast_figure(forecasts: dict, horizon: int, t: Callable[..., str]) -> go.Figure:
    """Observed income, the chosen model's forecast, and its 80% / 95% prediction intervals."""
    fig = go.Figure()
    colours = {"urban": OKABE_ITO["blue"], "rural": OKABE_ITO["orange"]}
    for side, fc in forecasts.items():
        future = fc.forecast.loc[: horizon]
        group = f"income_{side}"
        _band(fig, future.index, future["lower95"], future["upper95"], colours[side], 0.15,
              t("std.chart.band95", side=t(f"std.side.{side}")), group)
        _band(fig, future.index, future["lower80"], future["upper80"], colours[side], 0.28,
              t("std.chart.band80", side=t(f"std.side.{side}")), group)
        fig.add_trace(go.Scatter(
            x=fc.history.index, y=fc.history.values, mode="lines+markers", legendgroup=group,
            name=t("std.chart.observed", side=t(f"std.side.{side}")), line={"color": colours[side], "width": 2.5},
            hovertemplate="%{x}年：%{y:,.0f} 元/人·年<extra>%{fullData.name}</extra>",
        ))
        # Join the forecast to the last observation so the line does not float.
        x = [fc.history.index[-1], *future.index]
        y = [fc.history.iloc[-1], *future["mean"]]
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", legendgroup=group, line={"color": colours[side], "dash": "dash"},
            marker={"symbol": "circle-open"}, name=t("std.chart.forecast", side=t(f"std.side.{side}")),
            hovertemplate="%{x}年：%{y:,.0f} 元/人·年<extra>%{fullData.name}</extra>",
        ))
    format_fig(fig, height=440)
    fig.update_xaxes(title_text=t("chart.axis.year"), dtick=1)
    fig.update_yaxes(title_text=t("chart.axis.yuan_year"), rangemode="tozero")
    return fig


BASIS_SYMBOL = {"notice": "square", "ratio": "circle", "set": "star", "rule": "circle-open"}


def standards_projection_figure(projection: pd.DataFrame, observed: dict, target_ratio: float,
                                t: Callable[..., str], compare: dict | None = None,
                                label: str | None = None) -> go.Figure:
    """The province guidance standards (元/人·月), the 24号 ratio rule, the published averages, and the path
    rural needs for the target share of urban.

    The main line is `project_standards`' urban_month / rural_month: the notices' tiers (squares, weighted),
    the scenario's tiers from next year (circles; stars when set by hand), the rule in other years (open
    circles). The rule itself is a thin dotted line beside it. `compare` maps other scenario names to their
    projections; their lines are overlaid thinner. Built in one call (see `house_layout`): this chart is
    redrawn on every slider step of 标准测算.
    """
    colours = {"urban": OKABE_ITO["blue"], "rural": OKABE_ITO["vermillion"]}
    hover = "%{x}年：%{y:,.0f} 元/人·月<extra>%{fullData.name}</extra>"
    years = projection.index.tolist()
    basis = projection["basis"].tolist() if "basis" in projection else ["rule"] * len(years)
    symbols = [BASIS_SYMBOL.get(b, "circle") for b in basis]
    traces: list[dict] = []
    for side in ("urban", "rural"):
        points = observed[side]
        area = t(f"std.area.{side}")
        traces.append({
            "type": "scatter", "x": points.index.tolist(), "y": (points.values / 12).tolist(), "mode": "markers",
            "name": t("std.chart.published", side=area),
            "marker": {"size": 11, "color": colours[side], "symbol": "diamond"}, "hovertemplate": hover,
        })
        traces.append({
            "type": "scatter", "x": years, "y": projection[f"{side}_month"].tolist(), "mode": "lines+markers",
            "name": (f"{label}：{area}" if label else t("std.chart.rule", side=area)),
            "line": {"color": colours[side], "width": 3}, "hovertemplate": hover,
            "marker": {"size": 9, "symbol": symbols, "color": colours[side]},
        })
        if f"{side}_rule_year" in projection:
            traces.append({
                "type": "scatter", "x": years, "y": (projection[f"{side}_rule_year"] / 12).tolist(), "mode": "lines",
                "name": t("std.chart.rule_line", side=area), "hovertemplate": hover,
                "line": {"color": colours[side], "width": 1.5, "dash": "dot"},
            })
    traces.append({
        "type": "scatter", "x": years, "y": (projection["urban_month"] * target_ratio).tolist(), "mode": "lines",
        "name": t("std.chart.target_path", pct=target_ratio * 100),
        "line": {"color": OKABE_ITO["green"], "dash": "dot"}, "hovertemplate": hover,
    })
    palette = [OKABE_ITO["purple"], OKABE_ITO["sky"], OKABE_ITO["black"], OKABE_ITO["yellow"], "#8c564b"]
    for (name, other), colour in zip((compare or {}).items(), palette, strict=False):
        for side, dash in (("urban", "dash"), ("rural", "dashdot")):
            traces.append({
                "type": "scatter", "x": other.index.tolist(), "y": other[f"{side}_month"].tolist(), "mode": "lines",
                "line": {"color": colour, "dash": dash, "width": 2}, "name": f"{name}：{t(f'std.area.{side}')}",
                "hovertemplate": hover,
            })
    layout = house_layout(440)
    layout["xaxis"] |= {"title": layout["xaxis"]["title"] | {"text": t("chart.axis.year")}, "dtick": 1}
    layout["yaxis"] |= {"title": layout["yaxis"]["title"] | {"text": t("chart.axis.yuan_month")}, "rangemode": "tozero"}
    return go.Figure(data=traces, layout=layout)


ASSESSMENT_COLOURS = {"未评估": "#9aa5b1", "进行中": OKABE_ITO["orange"], "已完成": OKABE_ITO["blue"],
                      "未完成": OKABE_ITO["vermillion"]}


def targets_timeline_figure(frame: pd.DataFrame, years: list[int]) -> go.Figure:
    """Targets falling due per year, stacked by assessment; the hover lists what falls due."""
    fig = go.Figure()
    year_of = frame["deadline"].astype(str).str[:4].astype(int)
    for status, colour in ASSESSMENT_COLOURS.items():
        part = frame[frame["assessment"] == status]
        if part.empty:
            continue
        by_year = part.groupby(year_of[part.index])
        counts = by_year.size().reindex(years, fill_value=0)
        texts = by_year["target"].apply(lambda s: "<br>".join(s.str.slice(0, 28))).reindex(years, fill_value="")
        fig.add_trace(go.Bar(x=years, y=counts, name=status, marker_color=colour, customdata=texts,
                             hovertemplate="%{x}年到期 %{y} 项（" + status + "）<br>%{customdata}<extra></extra>"))
    format_fig(fig, height=300)
    fig.update_layout(barmode="stack", margin={"l": 50, "r": 16, "t": 16, "b": 40})
    fig.update_xaxes(dtick=1, title_text="到期年份")
    fig.update_yaxes(title_text="目标数（项）", tickformat=",d")
    return fig


def indicator_progress_figure(observed: pd.Series, baseline: tuple[int, float] | None, target: float | None,
                              target_year: int, projection: tuple[float, float, float] | None, unit: str,
                              observed_label: str, illustrative: bool = False) -> go.Figure:
    """One indicator: observed values, the straight baseline→target path, the 2025 projection with its
    range, and the target marker — on one chart, so "where it is, where it must go, where it is heading"
    reads at a glance."""
    fig = go.Figure()
    if baseline and target is not None and np.isfinite(baseline[1]):
        fig.add_trace(go.Scatter(x=[baseline[0], target_year], y=[baseline[1], target], mode="lines",
                                 name="达标所需路径（基期→目标）",
                                 line={"color": OKABE_ITO["green"], "dash": "dash", "width": 2},
                                 hovertemplate="%{x}年：%{y:,.1f}<extra>达标所需路径</extra>"))
    if not observed.empty:
        fig.add_trace(go.Scatter(x=observed.index, y=observed.values, mode="lines+markers", name=observed_label,
                                 line={"color": OKABE_ITO["blue"], "width": 3}, marker={"size": 9},
                                 hovertemplate=f"%{{x}}年：%{{y:,.1f}} {unit}<extra>{observed_label}</extra>"))
    if projection and np.isfinite(projection[0]):
        value, low, high = projection
        fig.add_trace(go.Scatter(
            x=[target_year], y=[value], mode="markers", name="2025年预测（基准情景，80%区间）",
            marker={"size": 12, "color": OKABE_ITO["orange"], "symbol": "circle"},
            error_y={"type": "data", "symmetric": False, "array": [high - value], "arrayminus": [value - low],
                     "color": OKABE_ITO["orange"], "thickness": 2, "width": 8},
            hovertemplate=f"2025年预测：%{{y:,.1f}} {unit}（{low:,.1f}–{high:,.1f}）<extra></extra>"))
    if target is not None:
        fig.add_trace(go.Scatter(x=[target_year], y=[target], mode="markers+text", name="2025年目标",
                                 marker={"size": 18, "symbol": "star", "color": OKABE_ITO["vermillion"]},
                                 text=[f"目标 {target:g}"], textposition="middle right",
                                 hovertemplate=f"2025年目标：{target:g} {unit}<extra></extra>"))
    format_fig(fig, height=380)
    fig.update_xaxes(dtick=1, range=[2014.5, 2026.2])
    fig.update_yaxes(title_text=unit, tickformat=",.1f")
    if illustrative:
        fig.add_annotation(text="示例数据", xref="paper", yref="paper", x=1, y=1.06, showarrow=False,
                           font={"color": OKABE_ITO_TEXT["vermillion"], "size": 13})
    return fig
