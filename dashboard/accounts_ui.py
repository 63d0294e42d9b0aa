"""Who is signed in to change data: a login form, the account in this session, sign-out.

Viewing needs no login. Editors and admins sign in with a local account (store.accounts), or, when the
department has configured its OIDC provider in ``.streamlit/secrets.toml`` (``[auth]``, see Streamlit's
st.login), through that provider; the role still comes from the store (``add-user NAME --oidc``). The
account lives in the session only, so closing the browser signs out.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.ui import t
from store.accounts import Account, AccountError, authenticate, oidc_account
from store.engine import StoreUnavailable

ACCOUNT_KEY = "signed_in_account"


def current_account() -> Account | None:
    return st.session_state.get(ACCOUNT_KEY)


def oidc_configured() -> bool:
    """Whether an OIDC provider is configured ([auth] in secrets.toml); no secrets file means no."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets.toml at all
        return False


def _oidc_sign_in() -> None:
    """The provider's identity (st.user) → the store's account for it, once per session."""
    if current_account() is not None or not oidc_configured() or not st.user.is_logged_in:
        return
    identity = str(st.user.get("email") or st.user.get("sub") or "")
    try:
        st.session_state[ACCOUNT_KEY] = oidc_account(data.store_engine(), identity)
    except AccountError as exc:
        st.error(str(exc))


def login_form() -> Account | None:
    """The signed-in account, or a login form (and None) when nobody is signed in."""
    _oidc_sign_in()
    account = current_account()
    if account is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        scope = "、".join(account.counties) if account.counties else t("admin.scope_all")
        left.markdown(t("admin.signed_in", name=account.name, role=t(f"admin.role.{account.role}"), scope=scope))
        if right.button(t("admin.logout"), key="admin_logout"):
            del st.session_state[ACCOUNT_KEY]
            if oidc_configured() and st.user.is_logged_in:
                st.logout()
            st.rerun()
        return account
    if oidc_configured() and not st.user.is_logged_in:
        st.button(t("admin.oidc_login"), key="admin_oidc", on_click=st.login, icon=":material/badge:")
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
            except StoreUnavailable as exc:
                st.error(str(exc))
                return None
            st.rerun()
    return None
