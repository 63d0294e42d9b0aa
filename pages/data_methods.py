"""数据与方法: every dataset's provenance with a download, every policy parameter, the indicator table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.guidance import calibration, implied_ratios
from analytics.parameters import parameter_table
from analytics.paths import data_dir
from analytics.progress_methods import BASELINE_YEAR
from analytics.provenance import weakest
from analytics.safe_export import csv_bytes
from analytics.standards import observed_incomes
from dashboard import data
from dashboard.ui import guard, lang, page_footer, page_header, status_badge, status_label, t

page_header("page.data_methods", "data.intro")

sidecars = guard(data.sidecars)
parameters = guard(data.parameters)
indicators = guard(data.indicators)

st.subheader(t("data.section.datasets"))
labels = data.vintage_labels()
catalogue = pd.DataFrame(
    {
        t("data.col.title"): [s.title if lang() == "zh" else s.title_en or s.title for s in sidecars.values()],
        t("data.col.file"): [s.data_path.relative_to(data_dir()).as_posix() for s in sidecars.values()],
        t("data.col.rows"): [guard(lambda s=s: data.record_count(s)) for s in sidecars.values()],
        t("data.col.status"): [status_label(s.status) for s in sidecars.values()],
        t("data.col.date"): [s.date_accessed for s in sidecars.values()],
        t("data.col.vintage"): [labels.get(s.name, t("data.vintage.file")) for s in sidecars.values()],
    }
)
st.dataframe(catalogue, hide_index=True, width="stretch", key="data_catalogue")

for sidecar in sidecars.values():
    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        with left:
            st.markdown(f"**{sidecar.title}** · {status_label(sidecar.status)}")
            details = [
                f"{t('data.col.file')}：`{sidecar.data_path.relative_to(data_dir()).as_posix()}`",
                f"{t('data.col.producer')}：{sidecar.producer}",
                f"{t('data.col.source')}：{sidecar.source}",
                f"{t('data.col.licence')}：{sidecar.licence}",
                f"{t('data.col.date')}：{sidecar.date_accessed} · {t('data.col.sha')}：`{sidecar.sha256[:12]}`",
            ]
            if sidecar.extra.get("method"):
                details.append(f"{t('data.col.method')}：{sidecar.extra['method']}")
            if sidecar.status_note:
                details.append(t("data.status_note", note=sidecar.status_note))
            if sidecar.script:
                details.append(f"{t('data.col.script')}：`{sidecar.script}`")
            st.caption("  \n".join(details))
        with right:
            st.download_button(
                t("data.download"),
                data=sidecar.data_path.read_bytes(),
                file_name=sidecar.file,
                mime="text/csv" if sidecar.file.endswith(".csv") else "application/octet-stream",
                key=f"download_{sidecar.name}",
                icon=":material/download:",
                help=sidecar.file,
                width="stretch",
            )

st.subheader(t("data.section.parameters"))
params = pd.DataFrame(parameter_table(parameters))
shown = pd.DataFrame(
    {
        t("param.col.label"): params["label"],
        t("param.col.value"): [t("param.not_set_value") if pd.isna(v) else f"{v:g}" for v in params["value"]],
        t("param.col.unit"): params["unit"],
        t("param.col.effective"): params["effective"],
        t("param.col.status"): [status_label(s) for s in params["status"]],
        t("param.col.citation"): params["citation"],
        t("param.col.note"): params["note"],
    }
)
st.dataframe(shown, hide_index=True, width="stretch", key="data_parameters")
# The format example is a row of the table above, so it can never disagree with the parameters.
st.caption(t("param.caption", example=parameters["rural_urban_ratio_target"].current.value))
st.download_button(t("data.download_csv"), csv_bytes(params),
                   file_name="policy_parameters.csv", mime="text/csv", key="download_parameters_csv",
                   icon=":material/download:")
if any(s == "not_set" for s in params["status"]):
    status_badge("not_set")

st.subheader(t("data.section.guidance"))
context = guard(data.scenario_context)
gdata = context.guidance.data
annual = guard(lambda: data.table("province_annual"))
lag = int(parameters["dibao_income_lag_years"].current.value)  # official, so never None (load_parameters)
st.caption(t("data.guidance.intro", lag=lag))
values = gdata.values.pivot_table(index=["year", "tier"], columns="side", values="value_month").reset_index()
documents = gdata.values.drop_duplicates("year").set_index("year")
statuses = gdata.values.groupby("year")["status"].agg(lambda x: weakest(*x))
st.dataframe(pd.DataFrame({
    t("data.guidance.col.year"): values["year"], t("data.guidance.col.tier"): values["tier"],
    t("data.guidance.col.urban"): values["urban"], t("data.guidance.col.rural"): values["rural"],
    t("data.guidance.col.status"): values["year"].map(statuses).map(status_label),
    t("data.guidance.col.document"): values["year"].map(documents["document"]),
}), hide_index=True, width="stretch", key="data_guidance_tiers")
incomes = observed_incomes(annual)
calib = calibration(gdata, incomes, context.guidance.weights, lag, context.observed, BASELINE_YEAR)
st.markdown(f"**{t('data.guidance.calibration')}**")
st.dataframe(pd.DataFrame({
    t("data.guidance.col.year"): calib["year"],
    t("data.guidance.col.side"): calib["side"].map(lambda x: t(f"std.area.{x}")),
    t("data.guidance.col.basis"): calib["basis"].map(lambda b: t(f"data.guidance.basis.{b}")),
    t("data.guidance.col.standard"): (calib["standard_year"] / 12).round(2),
    t("data.guidance.col.income_year"): calib["income_year"], t("data.guidance.col.income"): calib["income"],
    t("data.guidance.col.ratio"): (calib["ratio"] * 100).round(2),
    t("data.guidance.col.assumed"): calib["assumed"],
}), hide_index=True, width="stretch", key="data_guidance_calibration")
current = {side: parameters[f"dibao_income_ratio_{side}"].current for side in ("urban", "rural")}
st.caption(t("data.guidance.calibration_note", urban=current["urban"].value * 100, rural=current["rural"].value * 100,
             check=BASELINE_YEAR))
implied = implied_ratios(gdata, incomes, lag)
with st.expander(t("data.guidance.implied_title", lag=lag)):
    st.dataframe(pd.DataFrame({
        t("data.guidance.col.year"): implied["year"],
        t("data.guidance.col.side"): implied["side"].map(lambda x: t(f"std.area.{x}")),
        t("data.guidance.col.tier"): implied["tier"], t("data.guidance.col.value"): implied["value_month"],
        t("data.guidance.col.income_year"): implied["income_year"], t("data.guidance.col.income"): implied["income"],
        t("data.guidance.col.ratio"): (implied["ratio"] * 100).round(1),
    }), hide_index=True, width="stretch", key="data_guidance_implied")
assignment = gdata.tiers.assign(label=[t("gd.tier", tier=int(k)) if pd.notna(k) else t("gd.tier_unknown")
                                      for k in gdata.tiers["tier"]])
assignment["column"] = assignment["year"].astype(str) + t("data.guidance.year_suffix") + assignment["side"].map(
    lambda x: t(f"std.area.{x}"))
wide = assignment.pivot(index=["code", "name"], columns="column", values="label").reset_index()
with st.expander(t("data.guidance.assignment_title", unknown=int(assignment["tier"].isna().sum()))):
    st.dataframe(wide.rename(columns={"code": t("gd.col.code"), "name": t("gd.col.county")}), hide_index=True,
                 width="stretch", key="data_guidance_assignment")

st.subheader(t("data.section.indicators"))
table = pd.DataFrame(
    {
        t("ind.col.number"): [i.number for i in indicators],
        t("ind.col.name"): [i.name if lang() == "zh" else i.name_en for i in indicators],
        t("ind.col.unit"): [i.unit for i in indicators],
        t("ind.col.target"): [i.target_text for i in indicators],
        t("ind.col.kind"): [t(f"ind.kind.{i.kind}") for i in indicators],
        t("ind.col.citation"): [i.citation for i in indicators],
    }
)
st.dataframe(table, hide_index=True, width="stretch", key="data_indicators")

st.subheader(t("data.section.statuses"))
st.markdown(t("statuses.body"))

page_footer(sidecars.values())
