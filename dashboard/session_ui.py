"""What a session is told about the deployment it runs on: moved to another replica, or the database
briefly unreachable. Both are notices in Chinese on a working page, never a dead one."""

from __future__ import annotations

import os

import streamlit as st

from dashboard import data
from dashboard.ui import t

REPLICA_ENV = "JILIN_REPLICA"  # set by the deployment (deploy/local.py, the systemd unit's port)
ROUTE_COOKIE = "jilin_route"  # nginx's sticky-session cookie (deploy/nginx-site.conf.template)
CHECKED_KEY = "session_route_checked"


def begin_run() -> None:
    """At the top of every run: forget the previous run's outage flag."""
    st.session_state.pop(data.STORE_DOWN_KEY, None)


def moved_notice() -> None:
    """Once per session: if this browser was last served by another replica, that replica stopped (or the
    deployment was rebalanced): the view was rebuilt here from the URL, and the session's own state (a
    login, unsaved edits) is gone. Say so."""
    if st.session_state.get(CHECKED_KEY):
        return
    st.session_state[CHECKED_KEY] = True
    replica, route = os.environ.get(REPLICA_ENV), st.context.cookies.get(ROUTE_COOKIE)
    if not replica or not route:
        return
    from store.engine import StoreUnavailable
    from store.routes import claim

    try:
        before = claim(data.store_engine(), route, replica)
    except StoreUnavailable:
        return
    if before:
        st.info(t("session.moved"), icon=":material/sync_alt:")


def store_notice() -> None:
    """After the page ran: if the database could not be reached during this run, say that the page shows
    the data last read and that changes cannot be saved until it is back."""
    if st.session_state.get(data.STORE_DOWN_KEY):
        st.toast(t("session.store_down"), icon=":material/cloud_off:", duration="long")


def unavailable() -> None:
    """The page could not run without the database (e.g. a process that never reached it)."""
    st.error(t("session.store_unavailable"), icon=":material/cloud_off:")
    st.button(t("session.retry"), key="session_retry")
