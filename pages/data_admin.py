"""数据管理: the data in force, checked imports of county returns, every vintage with diff, download and
rollback, and (for admins) the audit log. Viewing needs no login; changing data needs an editor account."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.county_data import DATASET, label
from analytics.errors import DataError
from analytics.loaders import read_csv_text
from analytics.paths import data_dir
from analytics.safe_export import csv_bytes
from analytics.scenario import baseline_scenario
from analytics.table_return import column_label, template_csv
from analytics.vintage_changes import SOURCE_COLUMN, changes
from dashboard import data, imports
from dashboard.accounts_ui import login_form
from dashboard.scenario_ui import current_scenario
from dashboard.ui import guard, page_footer, page_header, t
from store import audit, saved, vintages

FLASH_KEY = "admin_flash"  # a result to show after the rerun that refreshes every table
UPLOAD_ROUND = "admin_upload_round"
UPLOAD_WIDGET_MB = 100
TEMPLATES = data_dir() / "templates"  # a new uploader after a commit, so the imported file is not offered again

page_header("page.data_admin", "admin.intro")
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)
engine = guard(data.store_engine)
sidecars = guard(data.sidecars)
stored = data.versions()


def _when(moment) -> str:
    return pd.Timestamp(moment).tz_localize("UTC").tz_convert("Asia/Shanghai").strftime("%Y-%m-%d %H:%M") \
        if pd.Timestamp(moment).tzinfo is None else pd.Timestamp(moment).tz_convert("Asia/Shanghai").strftime("%Y-%m-%d %H:%M")


def _title(name: str) -> str:
    return sidecars[name].title if name in sidecars else name


def import_preview(what: str, raw: bytes, file_name: str, account) -> None:
    """Report, preview and confirm one upload."""
    result = imports.check(raw, file_name, account, what)
    if result.problems:
        report = pd.DataFrame([{
            t("admin.col.severity"): t(f"admin.severity.{p.severity}"), t("admin.col.line"): p.line,
            t("admin.col.column"): p.column or "", t("admin.col.value"): p.value or "",
            t("admin.col.expected"): p.expected or "", t("admin.col.message"): p.message,
        } for p in result.problems])
        st.dataframe(report, hide_index=True, width="stretch", key="admin_report")
    if result.errors:
        st.error(t("admin.blocked", errors=len(result.errors)))
        return
    acknowledged = True
    if result.warnings:
        acknowledged = st.checkbox(t("admin.ack", n=len(result.warnings)), key="admin_ack")
    item = imports.preview(result, raw, current_scenario(baseline_scenario(guard(data.parameters)))[0], what)
    diff = item.changes
    m = st.columns(4)
    m[0].metric(t("admin.m.counties") if what == DATASET else t("admin.m.rows"),
                len(result.counties) if what == DATASET else len(result.table))
    m[1].metric(t("admin.m.added"), len(diff.added))
    m[2].metric(t("admin.m.changed"), len(diff.changed))
    m[3].metric(t("admin.m.unchanged"), diff.unchanged_cells)
    if not diff.changed.empty:
        st.markdown(t("admin.changed_cells"))
        st.dataframe(changed_cells(what, diff.changed), hide_index=True, width="stretch", key="admin_changed")
    if not diff.added.empty:
        st.markdown(t("admin.added_rows"))
        st.dataframe(diff.added, hide_index=True, width="stretch", key="admin_added")
    st.markdown(t("admin.downstream"))
    if item.blocked:
        st.error(t("admin.blocked_analysis", reason=item.blocked))
        return
    st.markdown(t("admin.indicators_none") if item.indicators.empty else t("admin.indicators_some"))
    if not item.indicators.empty:
        st.dataframe(item.indicators, hide_index=True, width="stretch", key="admin_ind")
    st.markdown(t("admin.compliance_none") if item.compliance.empty
                else t("admin.compliance_some", n=len(item.compliance)))
    if not item.compliance.empty:
        st.dataframe(item.compliance, hide_index=True, width="stretch", key="admin_comp")
    st.markdown(t("admin.saved", names="、".join(item.saved)) if item.saved else t("admin.saved_none"))
    note = st.text_input(t("admin.note"), key="admin_note")
    if st.button(t("admin.confirm"), type="primary", disabled=not acknowledged or diff.empty, key="admin_confirm"):
        try:
            vintage_id = imports.commit(item, account, note)
        except DataError as exc:
            st.error(str(exc))
        else:
            st.session_state[FLASH_KEY] = t("admin.committed", number=vintages.vintage(engine, vintage_id).number)
            st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
            st.rerun()


def changed_cells(what: str, changed: pd.DataFrame) -> pd.DataFrame:
    """Cell changes as a reader names them: the county (or the row's key), the column's Chinese name."""
    if what == DATASET:
        names = data.table("counties").set_index("code")["name"]
        shown = pd.DataFrame({t("admin.cell.county"): changed["code"].map(names), t("admin.cell.year"): changed["year"],
                              t("admin.cell.column"): changed["column"].map(label)})
    else:
        key = [c for c in changed.columns if c not in ("column", "old", "new")]
        shown = changed[key].copy()
        shown[t("admin.cell.column")] = changed["column"].map(lambda c: column_label(sidecars[what], c))
    shown[t("admin.cell.old")], shown[t("admin.cell.new")] = changed["old"], changed["new"]
    blank = t("admin.cell.blank")
    return shown.astype(str).replace({"nan": blank, "<NA>": blank, "None": blank})


tab_now, tab_import, tab_history, tab_saved, tab_audit = st.tabs(
    [t("admin.tab.now"), t("admin.tab.import"), t("admin.tab.history"), t("admin.tab.saved"), t("admin.tab.audit")])

with tab_now:
    rows = []
    for name in stored:
        info = vintages.vintage(engine, stored[name])
        rows.append({t("admin.col.dataset"): _title(name), t("admin.col.version"): t("admin.version", n=info.number),
                     t("admin.col.label"): info.label, t("admin.col.when"): _when(info.created_at),
                     t("admin.col.author"): info.author, t("admin.col.rows"): info.rows})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="admin_now")

with tab_import:
    account = login_form()
    if account is not None:
        st.markdown(t("admin.import_intro"))
        what = st.selectbox(t("admin.what"), imports.IMPORTABLE, format_func=_title, key="admin_what")
        templates = st.columns([1, 1, 3])
        if what == DATASET:
            for column, suffix in zip(templates, (".xlsx", ".csv"), strict=False):
                path = TEMPLATES / f"{DATASET}_template{suffix}"
                column.download_button(t("admin.template", ext=suffix), path.read_bytes(), path.name,
                                       key=f"admin_template{suffix}")
        else:
            sidecar = sidecars[what]
            templates[0].download_button(t("admin.template", ext=".csv"), template_csv(sidecar),
                                         f"{what}_template.csv", "text/csv", key="admin_template_table")
            st.caption(t("admin.columns", columns="；".join(column_label(sidecar, c) for c in sidecar.columns)))
        if what != DATASET and account.counties:
            st.info(t("admin.province_scope"))
        else:
            # The widget lets through more than the checker's limit, so that an oversized file gets the
            # checker's Chinese message (naming the limit) instead of the browser's English one.
            upload = st.file_uploader(t("admin.upload"), type=["csv", "xlsx"], max_upload_size=UPLOAD_WIDGET_MB,
                                      key=f"admin_upload_{st.session_state.get(UPLOAD_ROUND, 0)}")
            if upload is not None:
                import_preview(what, upload.getvalue(), upload.name, account)

with tab_history:
    names = list(stored)
    chosen = st.selectbox(t("admin.dataset"), names, index=names.index(DATASET) if DATASET in names else 0,
                          format_func=_title, key="admin_dataset")
    versions = vintages.history(engine, chosen)
    st.dataframe(pd.DataFrame([{
        t("admin.col.version"): t("admin.version", n=v.number), t("admin.col.active"): t("admin.current") if v.active else "",
        t("admin.col.label"): v.label, t("admin.col.when"): _when(v.created_at), t("admin.col.author"): v.author,
        t("admin.col.file"): v.file_name, "sha256": v.file_sha256[:16], t("admin.col.rows"): v.rows,
        t("admin.col.note"): v.note} for v in versions]), hide_index=True, width="stretch", key="admin_history")
    by_label = {f"{t('admin.version', n=v.number)} · {v.label}": v for v in versions}
    labels = list(by_label)

    def frame_of(v) -> pd.DataFrame:
        return read_csv_text(vintages.content(engine, v.id), v.file_name)

    pick = st.selectbox(t("admin.pick"), labels, key="admin_pick")
    picked = by_label[pick]
    st.download_button(t("admin.download"), csv_bytes(frame_of(picked)), f"{chosen}_v{picked.number}.csv",
                       "text/csv", key="admin_download")
    if len(labels) > 1:
        c1, c2 = st.columns(2)
        older = by_label[c1.selectbox(t("admin.diff_from"), labels, index=1, key="admin_from")]
        newer = by_label[c2.selectbox(t("admin.diff_to"), labels, index=0, key="admin_to")]
        key = tuple(sidecars[chosen].unique) if chosen in sidecars and sidecars[chosen].unique else None
        a, b = frame_of(older), frame_of(newer)
        a, b = (x.drop(columns=[SOURCE_COLUMN], errors="ignore") for x in (a, b))
        key = key or tuple(a.columns)
        d = changes(a, b, key)
        st.markdown(t("admin.diff_summary", added=len(d.added), removed=len(d.removed), changed=len(d.changed),
                      unchanged=d.unchanged_cells))
        if not d.changed.empty:
            shown = d.changed.rename(columns={"code": t("admin.cell.code"), "year": t("admin.cell.year"),
                                              "column": t("admin.cell.column"), "old": t("admin.cell.older"),
                                              "new": t("admin.cell.newer")})
            if chosen == DATASET:
                shown[t("admin.cell.column")] = shown[t("admin.cell.column")].map(label)
            elif chosen in sidecars:
                shown[t("admin.cell.column")] = shown[t("admin.cell.column")].map(
                    lambda c: column_label(sidecars[chosen], c))
            st.dataframe(shown.astype(str), hide_index=True, width="stretch", key="admin_diff")
    account = st.session_state.get("signed_in_account")
    if account is not None and (account.is_admin or not account.counties):
        target = st.selectbox(t("admin.rollback_pick"), labels, key="admin_rollback_pick")
        reason = st.text_input(t("admin.rollback_note"), key="admin_rollback_note")
        if st.button(t("admin.rollback"), key="admin_rollback", disabled=by_label[target].active):
            vintages.activate(engine, chosen, by_label[target].id, actor=account.name, note=reason)
            data.refresh_versions()
            st.session_state[FLASH_KEY] = t("admin.rolled_back", number=by_label[target].number)
            st.rerun()
    else:
        st.caption(t("admin.rollback_needs_login"))

with tab_saved:
    search = st.text_input(t("admin.search"), key="admin_saved_search")
    items = saved.saved_items(engine, search=search)
    if not items:
        st.caption(t("admin.saved_empty"))
    else:
        current = data.versions()
        st.dataframe(pd.DataFrame([{
            t("admin.col.name"): i.name, t("admin.col.kind"): t(f"admin.kind.{i.kind}"),
            t("admin.col.saved_by"): i.author, t("admin.col.when"): _when(i.created_at),
            t("admin.col.active"): t("admin.stale") if saved.newer_data(i, current) else "",
            t("admin.col.link"): f"/?s={i.id}"} for i in items]), hide_index=True, width="stretch",
            key="admin_saved", column_config={t("admin.col.link"): st.column_config.LinkColumn()})

with tab_audit:
    account = st.session_state.get("signed_in_account")
    if account is None or not account.is_admin:
        st.info(t("admin.audit_admins"))
    else:
        events = audit.events(engine)
        st.dataframe(pd.DataFrame([{t("admin.col.when"): _when(e.at), t("admin.col.author"): e.actor,
                                    t("admin.col.action"): e.action, t("admin.col.target"): e.target,
                                    t("admin.col.detail"): e.detail, t("admin.col.ok"): "✓" if e.ok else "✗"}
                                   for e in events]), hide_index=True, width="stretch", key="admin_audit")

page_footer([s for n, s in sidecars.items() if n == DATASET])
