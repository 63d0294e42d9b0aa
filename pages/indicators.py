"""十四五指标: the plan's 8-indicator table with status by documented methods, and the register of every
quantified target in the five documents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from analytics.county_data import STATUS_ILLUSTRATIVE
from analytics.county_metrics import CATEGORY, MET, METRIC_BY_KEY, NO_DATA, UNMET, metric_frame, ranks
from analytics.indicator_export import HEADERS, indicator_workbook
from analytics.indicator_values import observed_series
from analytics.progress_methods import METHODS, TARGET_YEAR, meets_target
from analytics.safe_export import csv_bytes
from analytics.scenario import baseline_scenario
from analytics.targets import ASSESSMENTS, DOCUMENTS, DOMAINS, TIMELINE_YEARS, filter_targets, status_counts
from dashboard import data
from dashboard.figures import PLOTLY_CONFIG, indicator_progress_figure, targets_timeline_figure
from dashboard.map_figures import COUNTY_GEOJSON_URL, MAP_CONFIG, county_map_figure
from dashboard.scenario_ui import current_scenario
from dashboard.ui import badge_markup, chart_note, guard, page_footer, page_header, status_label, t
from dashboard.url_state import page_link

KIND_ZH = {"binding": "约束性", "expected": "预期性"}
KIND_STYLE = {"约束性": "background-color: #fde2d6; font-weight: 600", "预期性": "background-color: #dceaf6"}

page_header("page.indicators", "ind.intro")
# Links to the map carry the scenario in force, so the map shows its guidance (dashboard.url_state).
rules_now = baseline_scenario(guard(data.parameters))
scenario, _ = current_scenario(rules_now)
sources = guard(data.sidecars)
targets = guard(lambda: data.table("targets_register"))

indicator_tab, register_tab = st.tabs([t("ind.tab.table"), t("ind.tab.register")])

with indicator_tab:
    results = guard(data.indicator_results)
    definitions = {i.number: i for i in guard(data.indicators)}
    values = results["values"].set_index("number")
    statuses = results["statuses"].set_index("number")
    projection = results["projection"].set_index("number")
    illustrative_county = results["county_status"] == STATUS_ILLUSTRATIVE

    def fmt(value: float, digits: int = 1) -> str:
        return "—" if pd.isna(value) else f"{value:,.{digits}f}"

    rows = []
    for number, definition in definitions.items():
        v, s_ = values.loc[number], statuses.loc[number]
        forecast = ""
        if number in projection.index:
            p = projection.loc[number]
            forecast = f"{p['verdict']}（{fmt(p['value_forecast'])}，区间 {fmt(p['low'])}–{fmt(p['high'])}）"
        rows.append({
            "序号": number, "指标": definition.name, "单位": definition.unit, "2025目标值": definition.target_text,
            "属性": KIND_ZH[definition.kind], "2020基期值": fmt(v["baseline_value"]),
            "最新值": fmt(v["latest_value"]), "最新年份": "" if pd.isna(v["latest_year"]) else str(int(v["latest_year"])),
            "进度状态": s_["status"], "评估方法": s_["method_name"], "时间过半检查": s_["halfway_status"],
            "2025年预测": forecast, "数据状态": status_label(v["data_status"]) if v["data_status"] else "无数据",
            "说明": v["note"],
        })
    table = pd.DataFrame(rows)[list(HEADERS)]
    st.dataframe(table.style.map(lambda k: KIND_STYLE.get(k, ""), subset=["属性"]), hide_index=True,
                 width="stretch", key="ind_table")
    st.caption(t("ind.table_note"))
    d1, d2 = st.columns(2)
    d1.download_button(t("ind.download_csv"), csv_bytes(table), "indicators_14th_fyp.csv",
                       "text/csv", key="ind_csv", icon=":material/download:")
    d2.download_button(t("ind.download_xlsx"), indicator_workbook(table[list(HEADERS)], date.today().isoformat()),
                       "indicators_14th_fyp.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="ind_xlsx",
                       icon=":material/table_view:")
    with st.expander(t("ind.methods_title"), expanded=False):
        for method in METHODS.values():
            st.markdown(f"**{method.name}**\n\n{method.explanation}")

    st.subheader(t("ind.chart_title"))
    number = st.selectbox(t("ind.chart_pick"), list(definitions), key="ind_chart",
                          format_func=lambda n: f"{n}. {definitions[n].name}")
    definition, v, s_ = definitions[number], values.loc[number], statuses.loc[number]
    observed = observed_series(definition, guard(lambda: data.table("province_annual")), results["rules"],
                               results["county_series"])
    if observed.empty:
        st.info(v["note"] or t("ind.no_data"), icon=":material/info:")
    else:
        target = 0.0 if definition.comparison == "growth_vs_income" else definition.target_value
        baseline = None if pd.isna(v["baseline_value"]) else (int(v["baseline_year"]), float(v["baseline_value"]))
        proj = None
        if number in projection.index:
            p = projection.loc[number]
            proj = (float(p["value_forecast"]), float(p["low"]), float(p["high"]))
        county_based = bool(definition.county_column)
        unit = str(v["value_unit"]).split("（")[0]
        st.plotly_chart(indicator_progress_figure(observed, baseline, target, TARGET_YEAR, proj, unit,
                                                  t("ind.observed"), illustrative=county_based and illustrative_county),
                        config=PLOTLY_CONFIG, key="ind_chart_figure")
        st.markdown(f"**{s_['status']}**（{s_['method_name']}）：{s_['explanation']}")
        if s_["halfway_explanation"]:
            st.caption(s_["halfway_explanation"])
        if number in projection.index:
            st.caption(projection.loc[number, "explanation"])
        marks = [v["data_status"]] if v["data_status"] else []
        chart_note([sources["province_annual"], sources["parameters"]] + ([sources["county_indicators"]]
                   if county_based else []), marks)

    if definition.county_metric:  # the indicator table names the map metric shown under the chart
        key = definition.county_metric
        counties = guard(lambda: data.table("counties"))
        county_table, status = guard(data.county_table)
        year = int(county_table["year"].max())
        metric = METRIC_BY_KEY[key]
        statuses, _ = guard(data.county_status)
        frame = metric_frame(county_table, counties, metric, year, statuses=statuses,
                             tekun_multiplier=guard(data.parameters)["tekun_multiplier"].current.value)
        if metric.kind != CATEGORY:
            # A level (a % like the indicator's): a county meets the target by the indicator's own met rule
            # (its target and natural limit), the rule the progress methods use for the province value.
            meets = meets_target(frame["value"], definition).map({True: MET, False: UNMET})
            frame["category"] = meets.where(frame["value"].notna(), NO_DATA)
        met = int((frame["category"] == MET).sum())
        st.markdown(f"**{t('ind.county_title', year=year, met=met, n=len(frame))}**"
                    + (f" {badge_markup('illustrative')}" if status == STATUS_ILLUSTRATIVE else ""))
        as_category = replace(metric, kind=CATEGORY)
        st.plotly_chart(county_map_figure(guard(lambda: data.geojson("boundaries/jilin_counties.geojson")),
                                          guard(lambda: data.geojson("boundaries/jilin_prefectures.geojson")),
                                          frame, as_category, ranks(frame, metric), sources["county_indicators"].producer,
                                          height=340, geojson_url=COUNTY_GEOJSON_URL),
                        config=MAP_CONFIG, key="ind_county_map")
        link = page_link("map", {"map_metric": key, "map_year": year}, scenario=scenario, baseline=rules_now)
        st.markdown(f"[{t('ind.open_map')}]({link})")

with register_tab:
    st.caption(t("reg.intro", n=len(targets), docs=len(DOCUMENTS)))
    counts = status_counts(targets)
    cols = st.columns(len(ASSESSMENTS))
    for col, (status, count) in zip(cols, counts.items(), strict=True):
        col.metric(status, f"{count} 项")
    f1, f2, f3, f4 = st.columns([3, 2, 2, 2])
    documents = f1.multiselect(t("reg.filter.document"), list(DOCUMENTS), key="reg_documents",
                               format_func=lambda d: f"{d} {DOCUMENTS[d]}", placeholder=t("reg.all"))
    domains = f2.multiselect(t("reg.filter.domain"), list(DOMAINS), key="reg_domains", placeholder=t("reg.all"))
    statuses = f3.multiselect(t("reg.filter.status"), list(ASSESSMENTS), key="reg_statuses",
                              placeholder=t("reg.all"))
    due = f4.slider(t("reg.filter.due"), TIMELINE_YEARS[0], TIMELINE_YEARS[1], TIMELINE_YEARS, key="reg_due")
    chosen = filter_targets(targets, documents, domains, due[0], due[1], statuses)
    st.markdown(f"**{t('reg.timeline', n=len(chosen))}**")
    st.plotly_chart(targets_timeline_figure(chosen, list(range(due[0], due[1] + 1))), config=PLOTLY_CONFIG,
                    key="reg_timeline")
    chart_note([sources["targets_register"]], [])
    shown = chosen.rename(columns={
        "id": "编号", "document": "文件", "section": "条款", "target": "目标（本项目摘述）", "value": "数值",
        "unit": "单位", "deadline": "期限", "domain": "领域", "responsible": "责任单位", "assessment": "评估",
        "assessed_on": "评估日期", "basis": "评估依据", "note": "说明"}).drop(columns=["comparison"])
    st.dataframe(shown, hide_index=True, width="stretch", key="reg_table")
    st.download_button(t("reg.download"), csv_bytes(shown), "targets_register.csv",
                       "text/csv", key="reg_download", icon=":material/download:")

page_footer(sources[n] for n in ("targets_register", "indicators_14th_fyp", "province_annual", "county_indicators"))
