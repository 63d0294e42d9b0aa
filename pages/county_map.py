"""县域地图与区县对比: the 60 counties on a map, one county beside its peers, its profile over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.county_data import STATUS_ILLUSTRATIVE, county_folder
from analytics.county_metrics import CATEGORY, LEVEL, METRIC_BY_KEY, METRICS, province_value, ranks
from analytics.map_selection import first_selected
from analytics.paths import data_dir
from analytics.peers import (
    PEER_GROUPS,
    PEER_SENTENCE_LABELS,
    band_label,
    compare_sentence,
    highlight_codes,
    peer_codes,
    quintile_band,
)
from analytics.scenario import baseline_scenario
from dashboard import data
from dashboard.map_figures import (
    COUNTY_GEOJSON_URL,
    MAP_CONFIG,
    all_metrics_dot_figure,
    county_map_figure,
    peer_dot_figure,
    profile_figure,
)
from dashboard.ui import badge_markup, chart_note, guard, page_footer, page_header, t
from dashboard.url_state import seed_from_url, write_to_url

DATASETS = ("counties", "jilin_counties", "jilin_prefectures", "province_annual")
DEFAULT_METRIC = "rural_standard_month"
DEFAULT_PEERS = "prefecture"
MAP_KEY = "county_map"
CLICK_KEY = "map_last_click"

page_header("page.county_map", "map.intro")

counties = guard(lambda: data.table("counties"))
counties_geo = guard(lambda: data.geojson("boundaries/jilin_counties.geojson"))
prefectures_geo = guard(lambda: data.geojson("boundaries/jilin_prefectures.geojson"))
table, status = guard(data.county_table)
params = guard(data.parameters)
sources = guard(data.sidecars)

illustrative = status == STATUS_ILLUSTRATIVE
source_text = sources["county_indicators"].producer if illustrative else t("map.real_source")
# With real data the illustrative table's provenance no longer applies: cite the boundaries and the import.
county_sources = [sources["county_indicators"], sources["jilin_counties"]] if illustrative else [sources["jilin_counties"]]
marks = ["illustrative"] if illustrative else []
codes = counties["code"].tolist()
names = dict(zip(counties["code"], counties["name"], strict=True))
prefecture_of = dict(zip(counties["code"], counties["prefecture"], strict=True))
years = sorted(int(y) for y in table["year"].unique())

notices = seed_from_url("map", {
    "map_metric": ([m.key for m in METRICS], DEFAULT_METRIC, t("map.control.metric")),
    "map_year": (years, years[-1], t("map.control.year")),
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
year = cols[1].selectbox(t("map.control.year"), years, key="map_year", index=len(years) - 1)
county = cols[2].selectbox(t("map.control.county"), [None, *codes], key="map_county",
                           format_func=lambda c: t("map.none") if c is None else f"{names[c]}（{prefecture_of[c]}）")
peer_group = cols[3].selectbox(t("map.control.peers"), list(PEER_GROUPS), key="map_peers",
                               index=list(PEER_GROUPS).index(DEFAULT_PEERS), format_func=PEER_GROUPS.get)
write_to_url({"map_metric": (metric_key, DEFAULT_METRIC), "map_year": (year, years[-1]),
              "map_county": (county, None), "map_peers": (peer_group, DEFAULT_PEERS)})
for notice in notices:
    st.warning(notice, icon=":material/link_off:")

if illustrative:
    st.caption(f"{badge_markup('illustrative')} {t('map.illustrative_note')}")

# The guidance standard of the scenario on 标准测算 (or the baseline if it was not opened in this session).
scenario = st.session_state.get("standards_current") or baseline_scenario(params)
stamp = hash((status, len(table), float(table.select_dtypes("number").sum().sum())))
values = data.county_metric_values(str(data_dir()), stamp, (scenario.urban_ratio, scenario.rural_ratio),
                                   scenario.lag, params["poverty_line_floor"].current.value,
                                   scenario.tekun_multiplier)
metric = METRIC_BY_KEY[metric_key]
frame = values[(values["metric"] == metric_key) & (values["year"] == year)].reset_index(drop=True)
rank = ranks(frame, metric)
province = province_value(frame, metric, counties)
highlight = highlight_codes(counties, peer_group, county)

left, right = st.columns([3, 2], gap="medium")
with left:
    figure = county_map_figure(counties_geo, prefectures_geo, frame, metric, rank, source_text, highlight, county,
                               PEER_GROUPS[peer_group], geojson_url=COUNTY_GEOJSON_URL)
    st.plotly_chart(figure, key=MAP_KEY, on_select="rerun", selection_mode="points", config=MAP_CONFIG)
    st.caption(f"{metric.label}：{metric.note}")
    if metric.kind != CATEGORY and metric_key.endswith("_gap"):
        st.caption(t("map.gap_scenario", name=scenario.name))
    chart_note(county_sources, marks)
    if not illustrative:
        st.caption(t("map.real_source_note", folder=county_folder() or ""))
    if illustrative:
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
        peers = peer_codes(counties, county, peer_group)
        series = frame.set_index("code")["value"]
        peer_median = float(series.reindex(peers).median())
        me = float(series.get(county, float("nan")))
        if metric.kind == CATEGORY:
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
    st.subheader(t("map.profile_title", name=names[county]))
    peers = peer_codes(counties, county, peer_group)
    over_time = values[values["metric"] == metric_key]
    wide = over_time.pivot(index="year", columns="code", values="value")
    prov = pd.Series({y: province_value(over_time[over_time["year"] == y], metric, counties) for y in years})
    st.plotly_chart(profile_figure(years, wide[county], wide[peers].median(axis=1), prov, metric, names[county]),
                    config=MAP_CONFIG, key="map_profile_chart")
    chart_note(county_sources, marks)
    latest = values[values["year"] == year]
    level_metrics = [m for m in METRICS if m.kind == LEVEL]
    province_now = {m.key: province_value(latest[latest["metric"] == m.key], m, counties) for m in level_metrics}
    st.markdown(f"**{t('map.all_metrics_title', name=names[county], year=year, group=PEER_GROUPS[peer_group])}**")
    st.plotly_chart(all_metrics_dot_figure(latest, level_metrics, county, names[county], peers, province_now),
                    config=MAP_CONFIG, key="map_all_metrics")
    chart_note(county_sources, marks)
    profile = values[values["code"] == county].pivot(index="metric", columns="year", values="value")
    profile = profile.reindex([m.key for m in METRICS])
    peer_latest = values[(values["year"] == years[-1]) & values["code"].isin(peers)].groupby("metric")["value"].median()
    profile.columns = [f"{c}年" for c in profile.columns]
    profile[t("map.col.peer_median", year=years[-1])] = peer_latest.reindex(profile.index)
    profile[t("map.col.province", year=years[-1])] = [
        province_value(values[(values["metric"] == k) & (values["year"] == years[-1])], METRIC_BY_KEY[k], counties)
        for k in profile.index]
    profile.index = [f"{METRIC_BY_KEY[k].label}（{METRIC_BY_KEY[k].unit or '达标=1'}）" for k in profile.index]
    st.dataframe(profile.style.format("{:,.1f}", na_rep="—"), width="stretch")

st.subheader(t("map.table_title", label=metric.label, year=year))
listing = frame.assign(rank=rank).rename(columns={
    "code": t("map.col.code"), "name": t("map.col.name"), "prefecture": t("map.col.prefecture"),
    "value": f"{metric.label}（{metric.unit}）" if metric.unit else metric.label,
    "category": t("map.col.category"), "rank": t("map.col.rank")})
if metric.kind != CATEGORY:
    listing = listing.drop(columns=[t("map.col.category")])
st.dataframe(listing, hide_index=True, width="stretch", key="map_table")
st.download_button(t("map.download"), listing.to_csv(index=False).encode("utf-8-sig"),
                   f"county_{metric_key}_{year}.csv", "text/csv", key="map_download", icon=":material/download:")

page_footer([sources["county_indicators"]] * illustrative + [sources[n] for n in DATASETS])
