"""Who is signed in to change data: a login form, the account in this session, sign-out.

Viewing needs no login. Editors and admins sign in with a local account (store.accounts); the account
lives in the session only, so closing the browser signs out.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.ui import t
from store.accounts import Account, AccountError, authenticate

ACCOUNT_KEY = "signed_in_account"


def current_account() -> Account | None:
    return st.session_state.get(ACCOUNT_KEY)


def login_form() -> Account | None:
    """The signed-in account, or a login form (and None) when nobody is signed in."""
    account = current_account()
    if account is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        scope = "、".join(account.counties) if account.counties else t("admin.scope_all")
        left.markdown(t("admin.signed_in", name=account.name, role=t(f"admin.role.{account.role}"), scope=scope))
        if right.button(t("admin.logout"), key="admin_logout"):
            del st.session_state[ACCOUNT_KEY]
            st.rerun()
        return account
    with st.form("admin_login"):
        st.markdown(t("admin.login_intro"))
        name = st.text_input(t("admin.user"), key="admin_user")
        password = st.text_input(t("admin.password"), type="password", key="admin_password")
        if st.form_submit_button(t("admin.login")):
            try:
                st.session_state[ACCOUNT_KEY] = authenticate(data.store_engine(), name.strip(), password)
            except AccountError as exc:
                st.error(str(exc))
                return None
            st.rerun()
    return None
