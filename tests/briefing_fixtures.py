"""A small briefing deck for the export tests: every slide type and the awkward traces real figures have.

Numbers are made up for the tests (shapes like the dashboard's, not official values). Shared so the PNG,
PDF and PPTX exporters are tested on the same deck.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.map_figures import outline_coordinates
from exports.content import NATIVE_CHART, NATIVE_TABLE, PICTURE, DeckContent, KeyFigure, SlideContent

INCOME_YEARS = list(range(2015, 2025))
INCOME = [11326.0, 12123.0, 12950.0, 13748.0, np.nan, 16067.0, 17642.0, 18134.0, 19472.0, 20280.0]  # NaN: gap
STANDARD_YEARS = list(range(2018, 2026))
STANDARD = [4200, 4620, 5040, None, 5880, 6300, 6720, 7140]  # None: gap
ASSESSMENTS = ["已完成", "进行中", "未评估", "未完成"]


def income_figure() -> go.Figure:
    """Two line traces on different years, a filled band and a legend-only key (both carry no data)."""
    return go.Figure(
        data=[
            go.Scatter(x=INCOME_YEARS, y=INCOME, mode="lines+markers", name="农村居民人均可支配收入",
                       line={"color": "#E69F00"}),
            go.Scatter(x=STANDARD_YEARS, y=STANDARD, mode="lines+markers+text", name="农村低保标准",
                       line={"color": "#D55E00", "dash": "dot"}, text=[str(v) for v in STANDARD]),
            go.Scatter(x=[2023, 2024, 2025, 2025, 2024, 2023], y=[19000, 20000, 21000, 23000, 22000, 21000],
                       fill="toself", mode="lines", name="预测区间", line={"width": 0}),
            go.Scatter(x=[None], y=[None], mode="markers", name="空心：待核实", marker={"symbol": "circle-open"}),
        ],
        layout={"xaxis": {"title": {"text": "年份"}}, "yaxis": {"title": {"text": "元/人·年"}, "tickformat": ",.0f",
                                                              "rangemode": "tozero"}},
    )


def progress_figure() -> go.Figure:
    """Path line, observed line, a projection marker with an error bar, a target marker, a hidden trace."""
    return go.Figure(
        data=[
            go.Scatter(x=[2020, 2025], y=[70.0, 75.0], mode="lines", name="达标所需路径（基期→目标）",
                       line={"color": "#009E73", "dash": "dash"}),
            go.Scatter(x=[2020, 2021, 2022, 2023, 2024], y=[70.2, 71.5, 73.0, 74.8, 76.9], mode="lines+markers",
                       name="农村低保标准占城市比例", line={"color": "#0072B2"}),
            go.Scatter(x=[2025], y=[77.8], mode="markers", name="2025年预测（基准情景，80%区间）",
                       marker={"color": "#E69F00", "size": 12},
                       error_y={"type": "data", "symmetric": False, "array": [1.2], "arrayminus": [0.9]}),
            go.Scatter(x=[2025], y=[75.0], mode="markers+text", name="2025年目标", text=["目标 75"],
                       marker={"color": "#D55E00", "symbol": "star", "size": 18}),
            go.Scatter(x=[2020, 2024], y=[60, 65], mode="lines", name="隐藏的对照线", visible="legendonly"),
        ],
        layout={"yaxis": {"title": {"text": "%"}, "tickformat": ",.1f"}},
    )


def targets_figure() -> go.Figure:
    """Grouped bars over Chinese categories, one trace per document."""
    return go.Figure(
        data=[
            go.Bar(x=ASSESSMENTS, y=[12, 7, 5, 2], name="“十四五”规划", marker_color="#0072B2"),
            go.Bar(x=ASSESSMENTS, y=[4, 3, None, 1], name="实施意见", marker_color="#E69F00"),
        ],
        layout={"yaxis": {"title": {"text": "目标数（项）"}, "tickformat": ",d"}},
    )


def indicator_table() -> pd.DataFrame:
    return pd.DataFrame({
        "指标": ["低保标准年均增长", "农村低保标准占城市比例", "特困供养标准占低保比例", "审核确认权限下放比例",
               "低保边缘家庭认定", "临时救助备案制", "救助服务“一门受理”", "救助热线接入12345"],
        "2025年目标": ["不低于收入增幅", "≥75%", "≥1.3倍", "100%", "全面建立", "全面推行", "全覆盖", "100%"],
        "最新值": ["高于收入增幅", "76.9%", "1.30倍", "92%", "已建立", "推行中", "85%", "88%"],
        "状态": ["已完成", "已完成", "已完成", "进行中（示例数据）", "已完成", "进行中", "进行中", "进行中（示例数据）"],
    })


def picture_figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], mode="lines"))


HEADLINES = (
    "2024年农村低保指导标准相当于城市的76.9%，已超过75%的目标",
    "按基准情景，2025年农村低保标准占城市比例预计为77.8%，高于规划目标75%（示例数据）",
    "五份文件的26项量化目标中，已完成16项，进行中10项",
    "规划8项主要指标中，6项已达到2025年目标，2项仍在推进（示例数据）",
    "全省60个县（市、区）农村低保标准均不低于省指导标准",
)


def sample_deck() -> DeckContent:
    """Five slides: line chart, marker / error-bar mix, bar chart, native table, picture."""
    sources = ("吉林省统计局（吉林统计年鉴, 2024）", "吉林省民政厅（低保标准通知, 2024）")
    slides = (
        SlideContent(
            kind="income", title="收入与标准", headline=HEADLINES[0], figure=income_figure(), export_as=NATIVE_CHART,
            figures=(KeyFigure("农村低保指导标准", "7,140 元/人·年", "official", "2025年"),
                     KeyFigure("占城市标准", "76.9%", "derived", "2024年，目标 75%"),
                     KeyFigure("县级标准达标率", "100%", "illustrative", "60个县（市、区）")),
            sources=sources, marks=("推算值", "示例数据"),
            notes="农村低保标准由分档通知按人口加权；比例 = 农村标准 ÷ 城市标准。", chart_title="收入与低保标准",
        ),
        SlideContent(
            kind="projection", title="情景测算", headline=HEADLINES[1], figure=progress_figure(),
            figures=(KeyFigure("2025年预测", "77.8%", "scenario", "80%区间 76.9%–79.0%"),),
            sources=sources[1:], marks=("情景",), notes="基准情景：标准按规则增长。",
        ),
        SlideContent(
            kind="targets", title="目标登记", headline=HEADLINES[2], figure=targets_figure(),
            figures=(KeyFigure("量化目标", "26 项"), KeyFigure("已完成", "16 项", note="截至2024年底")),
            sources=("吉林省民政厅（社会救助“十四五”规划, 2022）",), notes="评估须有依据与日期。",
        ),
        SlideContent(
            kind="indicators", title="十四五指标", headline=HEADLINES[3], figure=None, export_as=NATIVE_TABLE,
            table=indicator_table(), sources=("吉民发〔2022〕24号",), marks=("示例数据",), notes="指标表。",
        ),
        SlideContent(
            kind="county", title="县级标准", headline=HEADLINES[4], figure=picture_figure(), export_as=PICTURE,
            sources=("各县（市、区）民政局公布的标准",), marks=("示例数据",), notes="县级地图以图片插入。",
        ),
    )
    return DeckContent(
        title="吉林省社会救助政策简报", slides=slides, as_of_year=2024,
        link="http://localhost:8501/briefing?deck=income,projection,targets,indicators,county&year=2024",
        generated=date(2026, 12, 2), statuses=("推算值", "示例数据", "情景"),
    )


# Geo map slide (the PNG / PDF export tests): a choropleth of the 60 counties with embedded shapes, the case
# that draws nothing offline unless kaleido is pointed at the local world topojson.
REPO = Path(__file__).resolve().parents[1]
MAP_CHART_TITLE = "各县（市、区）农村低保标准（示例数据）"


def _boundaries(name: str) -> dict:
    return json.loads((REPO / "data" / "boundaries" / f"jilin_{name}.geojson").read_text(encoding="utf-8"))


def county_map_figure() -> go.Figure:
    """Choropleth of the 60 counties (made-up values) with prefecture borders, styled like the map page."""
    counties = _boundaries("counties")
    codes = [feature["id"] for feature in counties["features"]]
    values = [560 + (int(code) * 7919) % 180 for code in codes]  # deterministic, illustrative
    lons, lats = outline_coordinates(_boundaries("prefectures")["features"], 3)
    fig = go.Figure(data=[
        go.Choropleth(geojson=counties, locations=codes, z=values, featureidkey="id", colorscale="Blues",
                      name="农村低保标准", colorbar={"title": {"text": "元/人·月"}, "thickness": 14, "len": 0.75},
                      marker={"line": {"color": "white", "width": 0.6}}),
        go.Scattergeo(lon=lons, lat=lats, mode="lines", line={"color": "#3e4c59", "width": 1.6},
                      hoverinfo="skip", name="市（州）界", showlegend=False),
    ])
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="white")
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, paper_bgcolor="white")
    return fig


def sample_deck_with_map() -> DeckContent:
    """sample_deck() with its county slide drawn as the geo map (exported as a picture)."""
    deck = sample_deck()
    slides = list(deck.slides)
    slides[4] = replace(slides[4], figure=county_map_figure(), chart_title=MAP_CHART_TITLE)
    return replace(deck, slides=tuple(slides))
