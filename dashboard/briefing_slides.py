"""Briefing slides from the deck: each slide kind's headline, key figures, chart, sources and notes.

The one place a slide's content is made. The presentation view draws it, and exports.images / pdf_deck /
pptx_deck lay out the very same `SlideContent`, so screen and files cannot disagree. Data comes through
`dashboard.data` (cached per data version; it also runs without a Streamlit session, for the benchmarks
and the export tests). No Streamlit call here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import province
from analytics.briefing import SCENARIO_PARAM, SLIDE_KINDS, Deck, Slide, Vocabulary
from analytics.briefing_headlines import (
    category_map_headline,
    gap_map_headline,
    income_headline,
    indicator_headline,
    indicator_table_headline,
    level_map_headline,
    overview_headline,
    projection_headline,
    targets_headline,
    tier_map_headline,
)
from analytics.county_metrics import (
    CATEGORY,
    GAP,
    MET,
    METRIC_BY_KEY,
    METRICS,
    NO_DATA,
    TIER,
    UNMET,
    metric_note,
    province_value,
    ranks,
)
from analytics.indicator_values import observed_series
from analytics.peers import PEER_GROUPS, PEER_SENTENCE_LABELS, compare_sentence, peer_codes, quintile_band
from analytics.progress_methods import TARGET_YEAR, meets_target
from analytics.provenance import STATUS_MARKS, STATUS_ORDER, Sidecar
from analytics.scenario import Scenario, baseline_scenario, scenario_from_query
from analytics.standards import year_reaching
from analytics.targets import ASSESSMENTS, DOCUMENTS, status_counts
from dashboard import data
from dashboard.briefing_figures import (
    caseload_figure,
    indicator_table_frame,
    presentation_style,
    targets_status_figure,
)
from dashboard.figures import indicator_progress_figure, standards_income_figure, standards_projection_figure
from dashboard.i18n import translate
from dashboard.map_figures import county_map_figure, peer_dot_figure
from exports.content import NATIVE_CHART, NATIVE_TABLE, PICTURE, DeckContent, KeyFigure, SlideContent

DEFAULT_INDICATOR = 2  # the rural/urban ratio: the plan's headline indicator for standards
DEFAULT_METRIC = "rural_standard_month"
DEFAULT_PEERS = "prefecture"
CHART_HEIGHT = 600  # px on a 1920×1080 slide; the view scales it for smaller screens
# Status marks named on a slide (a footer mark, a figure badge): every status weaker than official.
MARKED = tuple(s for s in STATUS_ORDER if s != "official")


@dataclass(frozen=True)
class BriefingInputs:
    """What slides are made from, loaded once per run through the cache boundary."""

    annual: pd.DataFrame
    monthly: pd.DataFrame
    counties: pd.DataFrame
    targets: pd.DataFrame
    sidecars: Mapping[str, Sidecar]
    indicators: Mapping[int, object]
    results: Mapping[str, object]
    baseline: Scenario
    current: Scenario  # the scenario in force in the session (标准测算), for projection slides without one
    lang: str = "zh"

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)


def load_inputs(current: Scenario | None = None, lang: str = "zh") -> BriefingInputs:
    params = data.parameters()
    baseline = baseline_scenario(params)
    return BriefingInputs(
        annual=data.table("province_annual"), monthly=data.table("assistance_monthly"),
        counties=data.table("counties"), targets=data.table("targets_register"), sidecars=data.sidecars(),
        indicators={i.number: i for i in data.indicators()}, results=data.indicator_results(),
        baseline=baseline, current=current or baseline, lang=lang)


def vocabulary(inputs: BriefingInputs) -> Vocabulary:
    """The parameter values slides may take in the data in force, with their defaults and display names."""
    table, _ = data.county_table()
    years = sorted(int(y) for y in table["year"].unique())
    codes = inputs.counties["code"].tolist()
    names = dict(zip(inputs.counties["code"], inputs.counties["name"], strict=True))
    # The default county: the most populous, so the default deck compares a county most officials know.
    default_county = str(inputs.counties.sort_values("pop_2020_census", ascending=False)["code"].iloc[0])
    metric_keys = [m.key for m in METRICS]
    return Vocabulary(
        choices={"indicator": list(inputs.indicators), "metric": metric_keys, "year": years, "county": codes,
                 "peers": list(PEER_GROUPS)},
        defaults={"indicator": DEFAULT_INDICATOR, "metric": DEFAULT_METRIC, "year": years[-1],
                  "county": default_county, "peers": DEFAULT_PEERS},
        labels={"indicator": {n: f"{n}. {d.name}" for n, d in inputs.indicators.items()},
                "metric": {k: METRIC_BY_KEY[k].label for k in metric_keys}, "county": names,
                "peers": dict(PEER_GROUPS)})


def _source(sidecar: Sidecar) -> str:
    """Publisher, document and year, short enough for a footer: the sidecar's `citation` (the full record
    is on the 数据与方法 page)."""
    return str(sidecar.extra.get("citation") or f"{sidecar.producer}《{sidecar.title}》")


def _sources(inputs: BriefingInputs, *names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_source(inputs.sidecars[n]) for n in names))


def _marks(statuses) -> tuple[str, ...]:
    present = {s for s in statuses if isinstance(s, str)}
    return tuple(STATUS_MARKS[s] for s in MARKED if s in present and s in STATUS_MARKS)


def _notes(slide: Slide, headline: str, figures: tuple[KeyFigure, ...], method: str,
           sources: tuple[str, ...], marks: tuple[str, ...]) -> str:
    """Speaker notes: the user's own words first, then the figures, the method and the sources."""
    lines = [slide.notes.strip()] if slide.notes.strip() else []
    lines.append(f"要点：{headline}")
    lines += [f"· {f.label}：{f.value}" + (f"（{f.note}）" if f.note else "")
              + (f"〔{STATUS_MARKS[f.status]}〕" if f.status in STATUS_MARKS else "") for f in figures]
    if method:
        lines.append(f"方法：{method}")
    if sources:
        lines.append("来源：" + "；".join(sources))
    if marks:
        lines.append("数据状态：" + "、".join(marks) + "（示例数据不是官方统计，仅用于演示方法）"
                     if "示例数据" in marks else "数据状态：" + "、".join(marks))
    return "\n".join(lines)


def _slide(slide: Slide, inputs: BriefingInputs, headline: str, figure: go.Figure | None,
           figures: tuple[KeyFigure, ...], sources: tuple[str, ...], statuses, method: str,
           chart_title: str, export_as: str = NATIVE_CHART, table: pd.DataFrame | None = None) -> SlideContent:
    marks = _marks(list(statuses) + [f.status for f in figures])
    shown = slide.headline.strip() or headline
    return SlideContent(
        kind=slide.kind, title=SLIDE_KINDS[slide.kind].title, headline=shown,
        figure=None if figure is None else presentation_style(figure, CHART_HEIGHT), export_as=export_as,
        figures=figures, table=table, sources=sources, marks=marks,
        notes=_notes(slide, shown, figures, method, sources, marks), chart_title=chart_title)


# --- one builder per slide kind -------------------------------------------------------------------------

def _overview(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    caseload = province.caseload_latest(inputs.monthly)
    income = province.latest_with_growth(inputs.annual, province.INCOME["urban"], "urban_income", "元/人·年")
    dibao, tekun = caseload["dibao_persons"], caseload["tekun_persons"]
    figures = (
        KeyFigure("城乡低保对象", f"{dibao.value:,.1f} 万人", dibao.status, f"{dibao.period}"),
        KeyFigure("城乡特困人员", f"{tekun.value:,.1f} 万人", tekun.status, f"{tekun.period}"),
        KeyFigure("城镇居民人均可支配收入", f"{income.value:,.0f} 元/人·年", income.status,
                  f"{income.period}年" + (f"，同比{income.change_pct:+.1f}%" if income.change_pct is not None else "")),
    )
    headline = overview_headline(dibao.period, dibao.value, tekun.value, (dibao.status, tekun.status))
    sources = _sources(inputs, "assistance_monthly", "province_annual")
    return _slide(slide, inputs, headline, caseload_figure(inputs.monthly), figures, sources,
                  [dibao.status, tekun.status, income.status], "民政厅按月公布的社会救助开展情况，城乡合计。",
                  "城乡低保对象人数（按月公布）")


def _shares(annual: pd.DataFrame) -> tuple[int, float, float, list[str]]:
    """Latest year with both standards and both incomes: each standard as % of its side's income."""
    wide = annual.pivot(index="year", columns="indicator", values="value")
    columns = [province.STANDARD["urban"], province.STANDARD["rural"], province.INCOME["urban"],
               province.INCOME["rural"]]
    year = int(wide[columns].dropna().index.max())
    row = wide.loc[year]
    statuses = annual[(annual["year"] == year) & annual["indicator"].isin(columns)]["status"].tolist()
    return (year, row[columns[0]] / row[columns[2]] * 100, row[columns[1]] / row[columns[3]] * 100, statuses)


def _income_standards(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    year, urban_share, rural_share, statuses = _shares(inputs.annual)
    standards = {side: province.value_in(inputs.annual, province.STANDARD[side], year, side, "元/人·年")
                 for side in ("urban", "rural")}
    ratio = province.rural_urban_ratio(inputs.annual, year)
    figures = (
        KeyFigure(f"{year}年城市低保标准", f"{standards['urban'].value / 12:,.0f} 元/人·月", standards["urban"].status,
                  f"占城镇居民收入 {urban_share:.1f}%"),
        KeyFigure(f"{year}年农村低保标准", f"{standards['rural'].value / 12:,.0f} 元/人·月", standards["rural"].status,
                  f"占农村居民收入 {rural_share:.1f}%"),
        KeyFigure("农村/城市标准比", f"{ratio.value:.1f}%", ratio.status,
                  f"2025年目标 {inputs.indicators[2].target_value:g}%"),
    )
    chart = province.chart_frame(inputs.annual)
    return _slide(slide, inputs, income_headline(year, urban_share, rural_share, tuple(statuses)),
                  standards_income_figure(chart, inputs.t), figures, _sources(inputs, "province_annual"),
                  chart["status"].dropna(), "标准 ÷ 同年居民人均可支配收入；缺失年份留空，不插补。",
                  "城乡低保标准与居民人均可支配收入（元/人·年）")


def slide_scenario(slide: Slide, inputs: BriefingInputs) -> tuple[Scenario, list[str]]:
    """The slide's own scenario (its link parameters), else the one in force in the session."""
    query = slide.param(SCENARIO_PARAM)
    if not query:
        return inputs.current, []
    return scenario_from_query(query, inputs.baseline)


def _projection(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    scenario, _ = slide_scenario(slide, inputs)
    result = data.outcome(scenario)
    projection = result.projection
    target = inputs.indicators[2].target_value
    reach = year_reaching(projection, "rural_urban_ratio", target)
    end = int(projection.index.max())
    year = result.next_year if result.next_year in projection.index else int(projection.index.min())
    row = projection.loc[year]
    statuses = ["scenario"]
    figures = (
        KeyFigure(f"{year}年城市指导标准", f"{row['urban_month']:,.0f} 元/人·月", "scenario"),
        KeyFigure(f"{year}年农村指导标准", f"{row['rural_month']:,.0f} 元/人·月", "scenario"),
        KeyFigure(f"{year}年农村/城市", f"{row['rural_urban_ratio']:.1f}%", "scenario",
                  f"{reach}年达到{target:g}%" if reach else f"{end}年前未达到{target:g}%"),
    )
    headline = projection_headline(result.scenario.name, reach, target, end,
                                   float(projection.loc[end, "rural_urban_ratio"]))
    figure = standards_projection_figure(projection, data.scenario_context().observed, target / 100, inputs.t)
    method = ("标准 = 比例 × 上上年度居民人均可支配收入（吉民发〔2022〕24号 §三(二)1）；有通知的年份取各档指导标准按普查人口加权；"
              f"收入取 statsmodels 预测。情景：{result.scenario.name}。")
    return _slide(slide, inputs, headline, figure, figures,
                  _sources(inputs, "province_annual", "parameters", "guidance_standards"), statuses, method,
                  f"省定最低指导标准测算（{result.scenario.name}，元/人·月）")


def _indicator_table(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    statuses = inputs.results["statuses"]
    values = inputs.results["values"]
    frame = indicator_table_frame(inputs.indicators, values, statuses)
    order = list(dict.fromkeys(["达成", "进度正常", "需加快", "未达成", "不确定", "无数据",
                                *statuses["status"].tolist()]))
    counts = statuses["status"].value_counts().reindex(order, fill_value=0)
    counts = counts[counts > 0]
    data_statuses = [s for s in values["data_status"] if s]
    figures = tuple(KeyFigure(label, f"{int(n)} 项") for label, n in list(counts.items())[:3])
    return _slide(slide, inputs, indicator_table_headline(dict(counts.items()), ()), None, figures,
                  _sources(inputs, "indicators_14th_fyp", "province_annual", "county_indicators"), data_statuses,
                  "进度状态按增长率比值法（加拿大统计局 / Open SDG）；指标1为标准增速与收入增速之比较。",
                  "“十四五”规划主要发展指标", export_as=NATIVE_TABLE, table=frame)


def _indicator_path(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    number = int(slide.param("indicator", DEFAULT_INDICATOR))
    definition = inputs.indicators[number]
    values = inputs.results["values"].set_index("number")
    statuses = inputs.results["statuses"].set_index("number")
    projection = inputs.results["projection"].set_index("number")
    v, s = values.loc[number], statuses.loc[number]
    latest = None if pd.isna(v["latest_value"]) else float(v["latest_value"])
    year = None if pd.isna(v["latest_year"]) else int(v["latest_year"])
    target = definition.target_value
    if latest is None:
        met = None
    elif target is None:
        met = latest >= 0
    else:
        met = bool(meets_target(pd.Series([latest]), definition).iloc[0])
    status = v["data_status"] or "official"
    headline = indicator_headline(number, definition.name, target, year, latest, met, status,
                                  str(v["latest_period"]) if target is None else "")
    observed = observed_series(definition, inputs.annual, inputs.results["rules"], inputs.results["county_series"])
    proj = None
    if number in projection.index:
        p = projection.loc[number]
        proj = (float(p["value_forecast"]), float(p["low"]), float(p["high"]))
    unit = str(v["value_unit"]).split("（")[0]
    county_based = bool(definition.county_column)
    figure = None
    if not observed.empty:
        figure = indicator_progress_figure(observed, None if pd.isna(v["baseline_value"]) else
                                           (int(v["baseline_year"]), float(v["baseline_value"])),
                                           0.0 if target is None else target, TARGET_YEAR, proj, unit,
                                           translate("ind.observed", inputs.lang),
                                           illustrative=county_based and status == "illustrative")
    shown_unit = "个百分点" if target is None else unit
    figures = (
        KeyFigure("最新值", "—" if latest is None else f"{latest:,.1f} {shown_unit}", status,
                  "" if year is None else f"{v['latest_period'] or year}"),
        KeyFigure("2025年目标", definition.target_text + ("" if target is None else f" {unit}"), "official",
                  definition.citation),
        KeyFigure("进度", str(s["status"]), "official", str(s["method_name"]).split("（")[0]),
    )
    sources = _sources(inputs, "indicators_14th_fyp", "province_annual", "parameters",
                       *(["county_indicators"] if county_based else []))
    method = f"{s['method_name']}：{s['explanation']}" + (f" {v['note']}" if v["note"] else "")
    return _slide(slide, inputs, headline, figure, figures, sources, [status], method,
                  f"指标{number}：{definition.name}（{unit}）")


def _map_frame(metric_key: str, year: int, scenario: Scenario) -> pd.DataFrame:
    values = data.county_metric_values(scenario)
    return values[(values["metric"] == metric_key) & (values["year"] == year)].reset_index(drop=True)


def _map(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    metric = METRIC_BY_KEY[slide.param("metric", DEFAULT_METRIC)]
    year = int(slide.param("year"))
    frame = _map_frame(metric.key, year, inputs.current)
    statuses = [*frame["status"].dropna(), *frame["tier_status"].dropna()]
    marked = tuple(statuses)
    known = frame["value"].dropna()
    prov = province_value(frame, metric, inputs.counties)
    prov = None if pd.isna(prov) else float(prov)
    n = len(frame)
    if metric.kind == CATEGORY:
        counts = frame["category"].value_counts()
        met, unmet, none = (int(counts.get(c, 0)) for c in (MET, UNMET, NO_DATA))
        headline = category_map_headline(year, metric.label, met, unmet, none, marked)
        figures = (KeyFigure("达标", f"{met} 个", _weakest(statuses)), KeyFigure("未达标", f"{unmet} 个"),
                   KeyFigure("无数据", f"{none} 个"))
    elif metric.kind == GAP:
        below = known[known < -0.005]
        largest = None if below.empty else float(-below.min())
        headline = gap_map_headline(year, metric.column, len(below), largest, len(known), marked)
        figures = (KeyFigure("低于指导标准", f"{len(below)} 个", _weakest(statuses), f"共 {n} 个县（市、区）"),
                   KeyFigure("最大差额", "—" if largest is None else f"{largest:,.0f} 元/人·月"),
                   KeyFigure("有可比数据", f"{len(known)} 个"))
    elif metric.kind == TIER:
        counts = frame["category"].value_counts()
        order = sorted(counts.index, key=lambda c: (not any(ch.isdigit() for ch in c), c))
        headline = tier_map_headline(year, metric.label, {c: int(counts[c]) for c in order}, marked)
        figures = tuple(KeyFigure(c, f"{int(counts[c])} 个", _weakest(statuses)) for c in order[:3])
    else:
        low, high = (None, None) if known.empty else (float(known.min()), float(known.max()))
        headline = level_map_headline(year, metric.label, metric.unit, low, high, prov, marked)
        unit = f" {metric.unit}" if metric.unit else ""
        figures = (KeyFigure("全省", "—" if prov is None else f"{prov:,.1f}{unit}", _weakest(statuses)),
                   KeyFigure("最低", "—" if low is None else f"{low:,.1f}{unit}", _weakest(statuses)),
                   KeyFigure("最高", "—" if high is None else f"{high:,.1f}{unit}", _weakest(statuses)))
    figure = county_map_figure(data.geojson("boundaries/jilin_counties.geojson"),
                               data.geojson("boundaries/jilin_prefectures.geojson"), frame, metric,
                               ranks(frame, metric), _source(inputs.sidecars["county_indicators"]), height=CHART_HEIGHT)
    facts = _metric_facts(inputs)
    return _slide(slide, inputs, headline, figure, figures,
                  _sources(inputs, "county_indicators", "county_standards_observed", "guidance_standards",
                           "jilin_counties"), statuses, f"{metric.label}：{metric_note(metric, facts)}",
                  f"{year}年{metric.label}" + (f"（{metric.unit}）" if metric.unit else ""), export_as=PICTURE)


def _weakest(statuses) -> str:
    present = set(statuses)
    return next((s for s in reversed(STATUS_ORDER) if s in present), "official")


def _metric_facts(inputs: BriefingInputs) -> dict[str, object]:
    """The numbers metric notes name ({ind2}, {T036} …), from the indicator table and the register."""
    targets = inputs.targets.set_index("id")
    guidance = data.scenario_context().guidance.data
    return {"ind2": inputs.indicators[2].target_value, "ind4": inputs.indicators[4].target_value,
            "tekun_multiplier": data.parameters()["tekun_multiplier"].current.value,
            "T036": targets.at["T036", "value"], "T036_deadline": str(targets.at["T036", "deadline"])[:4],
            "T037": targets.at["T037", "value"],
            "documents": "、".join(dict.fromkeys(guidance.document(y).split("《")[0] for y in guidance.years))}


def _county_peers(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    code = str(slide.param("county"))
    group = slide.param("peers", DEFAULT_PEERS)
    metric = METRIC_BY_KEY[slide.param("metric", DEFAULT_METRIC)]
    table, _ = data.county_table()
    year = int(table["year"].max())
    frame = _map_frame(metric.key, year, inputs.current)
    names = dict(zip(inputs.counties["code"], inputs.counties["name"], strict=True))
    result = data.outcome(inputs.current)
    side = metric.column if metric.column in ("urban", "rural") else ("rural" if metric.key.startswith("rural")
                                                                       else "urban")
    tier_year = year if year in result.guidance.years else result.next_year
    tiers = result.guidance.frame(tier_year, side)["tier"]
    peers = peer_codes(inputs.counties, code, group, tiers=tiers)
    series = frame.set_index("code")["value"]
    peer_median = float(series.reindex(peers).median())
    me = float(series.get(code, np.nan))
    prov = float(province_value(frame, metric, inputs.counties))
    statuses = frame[frame["code"].isin([code, *peers])]["status"].dropna().tolist()
    if metric.kind in (CATEGORY, TIER):
        sentence = f"{names[code]}{year}年{metric.label}：{frame.set_index('code')['category'].get(code, '无数据')}"
        figure = None
    else:
        band = quintile_band(series, code, metric.higher_is_better)
        sentence = compare_sentence(names[code], metric.label, metric.unit, me, peer_median, prov, band,
                                    PEER_SENTENCE_LABELS[group], n_counties=int(series.notna().sum()))
        figure = peer_dot_figure(frame, metric, code, peers, peer_median, prov, height=CHART_HEIGHT)
    headline = sentence.rstrip("。")
    if "illustrative" in statuses and "（示例数据）" not in headline:
        headline += "（示例数据）"
    unit = f" {metric.unit}" if metric.unit else ""

    def fmt(x: float) -> str:
        return "—" if pd.isna(x) else f"{x:,.1f}{unit}"

    figures = (KeyFigure(names[code], fmt(me), _weakest(statuses)),
               KeyFigure(f"{PEER_GROUPS[group]}中位数", fmt(peer_median), _weakest(statuses), f"{len(peers)} 个对比县"),
               KeyFigure("全省", fmt(prov), _weakest(statuses)))
    return _slide(slide, inputs, headline, figure, figures,
                  _sources(inputs, "county_indicators", "county_standards_observed", "counties"), statuses,
                  f"对比组：{PEER_GROUPS[group]}（{'、'.join(names[c] for c in peers)}）。{metric_note(metric, _metric_facts(inputs))}",
                  f"{names[code]}与{PEER_GROUPS[group]}：{year}年{metric.label}" + (f"（{metric.unit}）" if metric.unit else ""))


def _targets(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    counts = status_counts(inputs.targets)
    ordered = {a: int(counts[a]) for a in ("已完成", "进行中", "未完成", *ASSESSMENTS) if a in counts and counts[a]}
    figures = tuple(KeyFigure(a, f"{n} 项") for a, n in list(ordered.items())[:3])
    return _slide(slide, inputs, targets_headline(ordered, len(DOCUMENTS)), targets_status_figure(counts),
                  figures, _sources(inputs, "targets_register"), [],
                  "五份文件中可量化的目标逐项登记，评估状态为本项目按公开资料的判断（见目标登记页的依据列）。",
                  "量化目标按评估状态（项）")


BUILDERS: dict[str, Callable[[Slide, BriefingInputs], SlideContent]] = {
    "overview": _overview, "income_standards": _income_standards, "projection": _projection,
    "indicator_table": _indicator_table, "indicator_path": _indicator_path, "map": _map,
    "county_peers": _county_peers, "targets": _targets,
}
assert set(BUILDERS) == set(SLIDE_KINDS), "every slide kind needs a builder"


def slide_content(slide: Slide, inputs: BriefingInputs) -> SlideContent:
    return BUILDERS[slide.kind](slide, inputs)


def as_of_year(inputs: BriefingInputs) -> int:
    """The latest year of data the deck draws on (province tables and county table)."""
    table, _ = data.county_table()
    return int(max(inputs.annual["year"].max(), table["year"].max()))


def deck_content(deck: Deck, inputs: BriefingInputs, link: str, today: date | None = None) -> DeckContent:
    slides = tuple(slide_content(s, inputs) for s in deck.slides)
    present = {m for s in slides for m in s.marks}
    statuses = tuple(m for m in (STATUS_MARKS[s] for s in MARKED if s in STATUS_MARKS) if m in present)
    return DeckContent(title=f"吉林省社会救助政策简报：{deck.name}", slides=slides, as_of_year=as_of_year(inputs),
                       link=link, generated=today or date.today(), statuses=statuses)


