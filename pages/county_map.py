"""县域地图与区县对比: the 60 counties on a map, one county beside its peers, its profile over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.county_data import STATUS_ILLUSTRATIVE, county_folder
from analytics.county_metrics import (
    CATEGORY,
    GUIDANCE,
    LEVEL,
    METRIC_BY_KEY,
    METRICS,
    TIER,
    metric_note,
    metric_years,
    province_value,
    ranks,
)
from analytics.guidance_report import county_history
from analytics.map_selection import first_selected
from analytics.peers import (
    PEER_GROUPS,
    PEER_SENTENCE_LABELS,
    band_label,
    compare_sentence,
    highlight_codes,
    peer_codes,
    quintile_band,
)
from analytics.safe_export import csv_bytes
from analytics.scenario import baseline_scenario
from dashboard import data
from dashboard.map_figures import (
    COUNTY_GEOJSON_URL,
    MAP_CONFIG,
    all_metrics_dot_figure,
    county_map_figure,
    guidance_history_figure,
    peer_dot_figure,
    profile_figure,
)
from dashboard.scenario_ui import current_scenario
from dashboard.ui import badge_markup, chart_note, guard, page_footer, page_header, status_label, t
from dashboard.url_state import page_link, seed_choices, write_choices, write_scenario

DATASETS = ("counties", "jilin_counties", "jilin_prefectures", "province_annual", "guidance_standards",
            "guidance_tiers", "county_standards_observed")
MARKED = ("derived", "recalled", "assumed", "scenario", "illustrative")  # statuses a chart note marks
DEFAULT_METRIC = "rural_standard_month"
DEFAULT_PEERS = "prefecture"
MAP_KEY = "county_map"
CLICK_KEY = "map_last_click"

page_header("page.county_map", "map.intro")

counties = guard(lambda: data.table("counties"))
counties_geo = guard(lambda: data.geojson("boundaries/jilin_counties.geojson"))
prefectures_geo = guard(lambda: data.geojson("boundaries/jilin_prefectures.geojson"))
table, status = guard(data.county_table)
statuses, value_sources = guard(data.county_status)
params = guard(data.parameters)
sources = guard(data.sidecars)
indicators = {i.number: i for i in guard(data.indicators)}
targets = guard(lambda: data.table("targets_register")).set_index("id")
context = guard(data.scenario_context)

embedded = status == STATUS_ILLUSTRATIVE
source_text = sources["county_indicators"].producer if embedded else t("map.real_source")
# With real data the illustrative table's provenance no longer applies: cite the boundaries and the import.
county_sources = ([sources["county_indicators"], sources["county_standards_observed"], sources["jilin_counties"]]
                  if embedded else [sources["jilin_counties"]])
codes = counties["code"].tolist()
names = dict(zip(counties["code"], counties["name"], strict=True))
prefecture_of = dict(zip(counties["code"], counties["prefecture"], strict=True))

# The scenario of 标准测算 (session keys, or the link's sc_ parameters): next year's guidance on this map is
# the same guidance, from the same cached computation.
baseline = baseline_scenario(params)
scenario, scenario_notices = current_scenario(baseline)
result = data.outcome(scenario)
scenario = result.scenario
next_year = result.next_year
values = data.county_metric_values(scenario)
table_years = sorted(int(y) for y in table["year"].unique())
guidance_years = [y for y in result.guidance.years if y <= next_year]
all_years = sorted(set(table_years) | set(guidance_years))
facts = {"ind2": indicators[2].target_value, "ind4": indicators[4].target_value,
         "tekun_multiplier": params["tekun_multiplier"].current.value, "T036": targets.at["T036", "value"],
         "T036_deadline": str(targets.at["T036", "deadline"])[:4], "T037": targets.at["T037", "value"],
         "documents": "、".join(dict.fromkeys(context.guidance.data.document(y).split("《")[0]
                                               for y in context.guidance.data.years))}

notices = seed_choices("map", {
    "map_metric": ([m.key for m in METRICS], DEFAULT_METRIC, t("map.control.metric")),
    "map_year": (all_years, table_years[-1], t("map.control.year")),
    "map_county": ([None, *codes], None, t("map.control.county")),
    "map_peers": (list(PEER_GROUPS), DEFAULT_PEERS, t("map.control.peers")),
})
# A click on the map selects that county. Read the chart's selection before the county selector exists,
# so the selector can be moved to the clicked county in this same run.
clicked = first_selected(st.session_state.get(MAP_KEY), codes)
if clicked and clicked != st.session_state.get(CLICK_KEY):
    st.session_state[CLICK_KEY] = clicked
    st.session_state["map_county"] = clicked

cols = st.columns([3, 1, 2, 2])
metric_key = cols[0].selectbox(t("map.control.metric"), [m.key for m in METRICS], key="map_metric",
                               index=[m.key for m in METRICS].index(DEFAULT_METRIC),
                               format_func=lambda k: f"{METRIC_BY_KEY[k].group} · {METRIC_BY_KEY[k].label}")
metric = METRIC_BY_KEY[metric_key]
years = metric_years(metric, table_years, guidance_years)
default_year = table_years[-1] if table_years[-1] in years else years[-1]
if st.session_state.get("map_year") not in years:  # a year the chosen metric does not have
    st.session_state["map_year"] = default_year
year = cols[1].selectbox(t("map.control.year"), years, key="map_year",
                         format_func=lambda y: t("map.year_next", year=y) if y > table_years[-1] else str(y))
county = cols[2].selectbox(t("map.control.county"), [None, *codes], key="map_county",
                           format_func=lambda c: t("map.none") if c is None else f"{names[c]}（{prefecture_of[c]}）")
peer_group = cols[3].selectbox(t("map.control.peers"), list(PEER_GROUPS), key="map_peers",
                               index=list(PEER_GROUPS).index(DEFAULT_PEERS), format_func=PEER_GROUPS.get)
write_choices({"map_metric": (metric_key, DEFAULT_METRIC), "map_year": (year, default_year),
               "map_county": (county, None), "map_peers": (peer_group, DEFAULT_PEERS)})
write_scenario(scenario, baseline)
for notice in [*notices, *scenario_notices, *result.notices]:
    st.warning(notice, icon=":material/link_off:")

frame = values[(values["metric"] == metric_key) & (values["year"] == year)].reset_index(drop=True)
marks = [m for m in MARKED if m in set(frame["status"]) | set(frame["tier_status"])]
if "illustrative" in marks:
    st.caption(f"{badge_markup('illustrative')} {t('map.illustrative_note')}")
rank = ranks(frame, metric)
province = province_value(frame, metric, counties)
tier_side = metric.column if metric.source == GUIDANCE else ("rural" if metric_key.startswith("rural") else "urban")
# "Same tier" means the tier of the year on screen (a notice year or next year); other years: next year's.
tiers = result.guidance.frame(year if year in guidance_years else next_year, tier_side)["tier"]
highlight = highlight_codes(counties, peer_group, county, tiers=tiers)

left, right = st.columns([3, 2], gap="medium")
with left:
    figure = county_map_figure(counties_geo, prefectures_geo, frame, metric, rank, source_text, highlight, county,
                               PEER_GROUPS[peer_group], geojson_url=COUNTY_GEOJSON_URL)
    st.plotly_chart(figure, key=MAP_KEY, on_select="rerun", selection_mode="points", config=MAP_CONFIG)
    st.caption(f"{metric.label}：{metric_note(metric, facts)}")
    if metric.source == GUIDANCE:
        link = page_link("standards", scenario=scenario, baseline=baseline)
        st.caption(t("map.gap_scenario", name=scenario.name, year=next_year, link=link))
    chart_note(county_sources + ([sources["guidance_standards"], sources["guidance_tiers"]]
                                 if metric.source == GUIDANCE else []), marks)
    if not embedded:
        st.caption(t("map.real_source_note", folder=county_folder() or ""))
    if "illustrative" in marks:
        with st.expander(t("map.how_made")):
            st.markdown(sources["county_indicators"].extra.get("method", ""))

with right:
    if county is None:
        st.info(t("map.pick_hint"), icon=":material/touch_app:")
        st.metric(t("map.province_value", label=metric.label), f"{province:,.1f} {metric.unit}".strip())
    else:
        row = counties.set_index("code").loc[county]
        st.subheader(f"{names[county]}")
        st.caption(t("map.county_facts", prefecture=row["prefecture"], kind=row["kind"],
                     pop=row["pop_2020_census"] / 1e4, urban=row["urban_share_2020"] * 100))
        peers = peer_codes(counties, county, peer_group, tiers=tiers)
        series = frame.set_index("code")["value"]
        peer_median = float(series.reindex(peers).median())
        me = float(series.get(county, float("nan")))
        if metric.kind == TIER:
            row_now = frame.set_index("code").loc[county]
            mark = t("gd.mark_assumed") if row_now["tier_status"] == "assumed" else (
                t("gd.mark_moved") if row_now["tier_status"] == "moved" else "")
            if pd.isna(row_now["value"]):
                st.markdown(t("map.tier_unknown_sentence", name=names[county], year=year, label=metric.label))
            else:
                st.markdown(t("map.tier_sentence", name=names[county], year=year, label=metric.label,
                              category=row_now["category"] + mark,
                              n=int((frame["category"] == row_now["category"]).sum()) - 1))
        elif metric.kind == CATEGORY:
            category = frame.set_index("code")["category"][county]
            met_share = (frame[frame["code"].isin(peers)]["category"] == "达标").mean() * 100
            st.markdown(t("map.category_sentence", name=names[county], label=metric.label, category=category,
                          peers=PEER_SENTENCE_LABELS[peer_group], share=met_share, province=province))
        else:
            band = quintile_band(series, county, metric.higher_is_better)
            st.markdown(compare_sentence(names[county], metric.label, metric.unit, me, peer_median, province, band,
                                         PEER_SENTENCE_LABELS[peer_group], n_counties=int(series.notna().sum())))
            if band:
                st.caption(t("map.band_note", band=band_label(band)))
            st.plotly_chart(peer_dot_figure(frame, metric, county, peers, peer_median, province),
                            config=MAP_CONFIG, key="map_peer_dots")
        st.caption(t("map.peer_list", group=PEER_GROUPS[peer_group], n=len(peers),
                     names="、".join(names[c] for c in peers)))

if county is not None:
    st.subheader(t("map.guidance_title", name=names[county]))
    history = county_history(county, data.gaps(scenario), table, statuses, next_year)
    st.plotly_chart(guidance_history_figure(history, names[county]), config=MAP_CONFIG, key="map_guidance_chart")
    st.caption(t("map.guidance_caption", next=next_year))
    chart_note(county_sources + [sources["guidance_standards"], sources["guidance_tiers"]],
               [m for m in MARKED if m in set(history["local_status"]) | set(history["tier_status"])
                | set(history["guidance_status"])])
    st.subheader(t("map.profile_title", name=names[county]))
    peers = peer_codes(counties, county, peer_group, tiers=tiers)
    over_time = values[values["metric"] == metric_key]
    wide = over_time.pivot(index="year", columns="code", values="value")
    prov = pd.Series({y: province_value(over_time[over_time["year"] == y], metric, counties) for y in years})
    st.plotly_chart(profile_figure(years, wide[county], wide[peers].median(axis=1), prov, metric, names[county]),
                    config=MAP_CONFIG, key="map_profile_chart")
    chart_note(county_sources, [m for m in MARKED if m in set(over_time["status"])])
    latest = values[values["year"] == year]
    level_metrics = [m for m in METRICS if m.kind == LEVEL]
    province_now = {m.key: province_value(latest[latest["metric"] == m.key], m, counties) for m in level_metrics}
    st.markdown(f"**{t('map.all_metrics_title', name=names[county], year=year, group=PEER_GROUPS[peer_group])}**")
    st.plotly_chart(all_metrics_dot_figure(latest, level_metrics, county, names[county], peers, province_now),
                    config=MAP_CONFIG, key="map_all_metrics")
    chart_note(county_sources, [m for m in MARKED if m in set(latest["status"])])
    profile = values[values["code"] == county].pivot(index="metric", columns="year", values="value")
    profile = profile.reindex([m.key for m in METRICS])
    last = table_years[-1]
    peer_latest = values[(values["year"] == last) & values["code"].isin(peers)].groupby("metric")["value"].median()
    profile.columns = [f"{c}年" for c in profile.columns]
    profile[t("map.col.peer_median", year=last)] = peer_latest.reindex(profile.index)
    profile[t("map.col.province", year=last)] = [
        province_value(values[(values["metric"] == k) & (values["year"] == last)], METRIC_BY_KEY[k], counties)
        for k in profile.index]
    profile.index = [f"{METRIC_BY_KEY[k].label}（{METRIC_BY_KEY[k].unit or '达标=1'}）" for k in profile.index]
    st.dataframe(profile.style.format("{:,.1f}", na_rep="—"), width="stretch")

st.subheader(t("map.table_title", label=metric.label, year=year))
listing = frame.drop(columns=["metric", "year"], errors="ignore").assign(rank=rank, status=[status_label(s) if s else "" for s in frame["status"]],
                       tier_status=[status_label(s) if s in ("assumed", "moved") else ""
                                    for s in frame["tier_status"]]).rename(columns={
    "code": t("map.col.code"), "name": t("map.col.name"), "prefecture": t("map.col.prefecture"),
    "value": f"{metric.label}（{metric.unit}）" if metric.unit else metric.label,
    "category": t("map.col.category"), "rank": t("map.col.rank"), "status": t("map.col.status"),
    "tier_status": t("map.col.tier_status")})
if metric.kind not in (CATEGORY, TIER):
    listing = listing.drop(columns=[t("map.col.category")])
if metric.kind == TIER:
    listing = listing.drop(columns=[t("map.col.rank")])
if metric.source != GUIDANCE:
    listing = listing.drop(columns=[t("map.col.tier_status")])
st.dataframe(listing, hide_index=True, width="stretch", key="map_table")
st.download_button(t("map.download"), csv_bytes(listing),
                   f"county_{metric_key}_{year}.csv", "text/csv", key="map_download", icon=":material/download:")

page_footer([sources["county_indicators"]] * embedded + [sources[n] for n in DATASETS])
