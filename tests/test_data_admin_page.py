"""数据管理 end to end in AppTest: sign in, upload a one-county return, preview, confirm, see it in force,
refuse a broken file without touching the store, roll back, read the audit log."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analytics.loaders import load_table
from tests.conftest import open_app_page

PAGE = "pages/data_admin.py"
PASSWORD = "a-long-test-password"


@pytest.fixture
def store(data_copy, monkeypatch):
    """A private store (inside the data copy) with an editor, an admin and a county editor."""
    from store.accounts import add_user
    from store.engine import dispose_all, get_engine

    monkeypatch.setenv("JILIN_DATA_DIR", str(data_copy))
    dispose_all()
    engine = get_engine()
    add_user(engine, "editor", PASSWORD, "editor")
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "county", PASSWORD, "editor", ("220102",))
    yield engine
    dispose_all()


def _sign_in(at, name: str, password: str = PASSWORD):
    at.text_input(key="admin_user").input(name)
    at.text_input(key="admin_password").input(password)
    at.button[[b.label for b in at.button].index("登录")].click().run()
    return at


def _one_county_return(code: str = "220102", rural: float | None = 888.0) -> bytes:
    """The county's latest row as a return; `rural` replaces its rural standard (None: +10 元, no warning)."""
    table = load_table("county_indicators")
    row = table[(table["code"] == code) & (table["year"] == table["year"].max())].copy()
    row["rural_standard_month"] = row["rural_standard_month"] + 10 if rural is None else rural
    buffer = io.StringIO()
    row.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def _upload(at, name: str, raw: bytes):
    at.file_uploader[0].set_value((name, raw, "text/csv"))
    return at.run()


def _frame(at, column: str) -> pd.DataFrame:
    """The table on the page that has `column` (AppTest does not look dataframes up by key)."""
    found = [df.value for df in at.dataframe if column in df.value.columns]
    assert found, f"no table with column {column!r}"
    return found[0]


def _texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
                     + [i.value for i in at.info] + [c.value for c in at.caption])


def test_viewing_needs_no_login_and_lists_every_dataset_in_force(store):
    at = open_app_page(PAGE)
    now = _frame(at, "数据集")
    assert len(now) == 11 and set(now["版本"]) == {"第 1 版"} and set(now["说明"]) == {"内置数据"}
    assert "导入数据需要编辑账户" in _texts(at)
    assert not at.file_uploader  # nothing to upload before signing in


def test_wrong_password_is_refused_in_chinese(store):
    at = _sign_in(open_app_page(PAGE), "editor", "not-the-password")
    assert "用户名或密码错误" in _texts(at)


def test_import_one_county_preview_confirm_and_it_is_in_force(store):
    from store import vintages

    at = _sign_in(open_app_page(PAGE), "editor")
    assert "已登录" in _texts(at)
    at = _upload(at, "南关区2024.csv", _one_county_return())
    changed = _frame(at, "原值")
    assert (changed["列"] == "农村低保标准").any() and "888.0" in set(changed["新值"])
    assert at.metric[0].value == "1"  # one county
    assert vintages.active_versions(store)["county_indicators"] == vintages.history(store, "county_indicators")[-1].id
    report = _frame(at, "级别")  # 888 元 is far above last year's standard: a warning to acknowledge first
    assert (report["级别"] == "提示").any() and not (report["级别"] == "错误").any()
    assert at.button(key="admin_confirm").disabled
    at.checkbox(key="admin_ack").check().run()
    at.button(key="admin_confirm").click().run()
    assert "已写入第 2 版" in _texts(at)
    now = _frame(at, "数据集").set_index("数据集")
    assert now.loc[now.index.str.contains("县级社会救助指标"), "版本"].item() == "第 2 版"
    assert not [b for b in at.button if b.key == "admin_confirm"]  # the uploader is cleared after a commit
    info = vintages.history(store, "county_indicators")
    assert [(v.number, v.active, v.author) for v in info][0] == (2, True, "editor")
    assert info[0].rows == info[1].rows  # a partial return is a full vintage: the other 59 counties carried over
    from dashboard import data

    table, origin = data.county_table()
    mine = (table["code"] == "220102") & (table["year"] == table["year"].max())
    assert table.loc[mine, "rural_standard_month"].item() == 888.0
    status, source = data.county_status()
    assert set(status.loc[mine].to_numpy().ravel()) <= {"official", ""}
    assert "南关区2024.csv" in source.loc[mine, "rural_standard_month"].item()
    assert origin == "illustrative"  # 59 counties are still illustrative


def test_a_broken_file_reports_and_the_store_is_exactly_as_it_was(store):
    from store import vintages

    before = vintages.active_versions(store)
    at = _sign_in(open_app_page(PAGE), "editor")
    raw = _one_county_return().replace(b"220102", b"999999")
    at = _upload(at, "bad.csv", raw)
    report = _frame(at, "级别")
    assert (report["级别"] == "错误").any() and report["说明"].str.contains("999999").any()
    assert "未作任何改动" in _texts(at)
    assert not [b for b in at.button if b.key == "admin_confirm"]
    assert vintages.active_versions(store) == before


def test_a_county_editor_may_import_only_their_own_county(store):
    from store import vintages

    at = _sign_in(open_app_page(PAGE), "county")
    at = _upload(at, "other.csv", _one_county_return("220103"))
    report = _frame(at, "级别")
    assert (report["级别"] == "错误").any() and report["说明"].str.contains("220103|宽城区").any()
    assert len(vintages.history(store, "county_indicators")) == 1


def test_rollback_and_audit_log_for_an_admin(store):
    from store import vintages

    at = _sign_in(open_app_page(PAGE), "admin")
    at = _upload(at, "南关区.csv", _one_county_return(rural=None))
    at.button(key="admin_confirm").click().run()
    at.selectbox(key="admin_rollback_pick").select_index(1).run()
    at.text_input(key="admin_rollback_note").input("核对后撤回").run()
    at.button(key="admin_rollback").click().run()
    assert "已启用第 1 版" in _texts(at)
    assert vintages.history(store, "county_indicators")[-1].active
    log = _frame(at, "详情")
    assert {"login", "import", "activate"} <= set(log["操作"])
    assert "核对后撤回" in " ".join(log["详情"])
    history = _frame(at, "sha256")
    assert len(history) == 2 and pd.Series(history["状态"]).tolist()[1] == "✓ 当前"


def test_a_province_update_adds_a_year_through_the_same_preview(store):
    from dashboard import data
    from store import vintages

    raw, year = _income_update(gap=False)
    at = _sign_in(open_app_page(PAGE), "editor")
    at.selectbox(key="admin_what").select("province_annual").run()
    assert any(b.label == "下载模板（.csv）" for b in at.get("download_button"))
    at = _upload(at, "2025年收入.csv", raw)
    assert at.metric[1].value == "2" and at.metric[2].value == "0"  # two rows added, nothing overwritten
    added = _frame(at, "indicator")
    assert set(added["year"]) == {year}
    at.button(key="admin_confirm").click().run()
    assert "已写入第 2 版" in _texts(at)
    assert [v.number for v in vintages.history(store, "province_annual")] == [2, 1]
    assert year in set(data.table("province_annual")["year"])
    assert year in data.income_forecasts()["urban"].history.index  # the forecasts are refitted on it


def test_an_update_that_would_break_the_forecasts_is_blocked_with_the_reason(store):
    from store import vintages

    raw, _ = _income_update(gap=True)
    at = _sign_in(open_app_page(PAGE), "editor")
    at.selectbox(key="admin_what").select("province_annual").run()
    at = _upload(at, "跳过一年.csv", raw)
    assert "导入后数据无法用于分析" in _texts(at) and "不连续" in _texts(at)
    assert not [b for b in at.button if b.key == "admin_confirm"]
    assert len(vintages.history(store, "province_annual")) == 1


def _income_update(gap: bool) -> tuple[bytes, int]:
    """Next year's urban and rural incomes (+5%), or the year after next (a gap the forecasts refuse)."""
    annual = load_table("province_annual")
    incomes = annual[annual["indicator"].isin(["urban_disposable_income", "rural_disposable_income"])]
    year = int(incomes["year"].max()) + (2 if gap else 1)
    latest = incomes.sort_values("year").groupby("indicator")["value"].last()
    lines = [f"{year},{i},{v * 1.05:.0f},元/人·年,official,high,吉林省{year}年统计公报," for i, v in latest.items()]
    return ("year,indicator,value,unit,status,confidence,source,note\n" + "\n".join(lines) + "\n").encode(), year


def test_a_county_editor_cannot_import_province_tables(store):
    at = _sign_in(open_app_page(PAGE), "county")
    at.selectbox(key="admin_what").select("province_annual").run()
    assert "只能由全省范围的编辑导入" in " ".join(i.value for i in at.info)
    assert not at.file_uploader


AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "dashboard",
        "client_secret": "s", "server_metadata_url": "https://sso.example/.well-known/openid-configuration"}


def _oidc_app(user: dict):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP, APPTEST_TIMEOUT_S

    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    at.switch_page(f"../{PAGE}").run()
    assert not at.exception, at.exception
    return at


def test_with_oidc_configured_a_signed_in_identity_gets_its_stores_role(store):
    from store import audit
    from store.accounts import AccountError, add_user, authenticate

    add_user(store, "li@mzt.jl.gov.cn", None, "editor")
    at = _oidc_app({"is_logged_in": True, "email": "li@mzt.jl.gov.cn"})
    assert "已登录：**li@mzt.jl.gov.cn**" in _texts(at)
    assert at.file_uploader  # may import
    assert audit.events(store, action="login")[0].detail == "统一身份认证登录成功"
    with pytest.raises(AccountError):  # an OIDC-only account has no password that works
        authenticate(store, "li@mzt.jl.gov.cn", "")


def test_an_identity_without_a_role_is_told_how_to_get_one(store):
    at = _oidc_app({"is_logged_in": True, "email": "visitor@example.cn"})
    assert "没有编辑权限" in _texts(at) and "add-user visitor@example.cn --role editor --oidc" in _texts(at)
    assert not at.file_uploader


def test_with_oidc_configured_and_nobody_signed_in_both_ways_are_offered(store):
    at = _oidc_app({"is_logged_in": False})
    assert any(b.label == "使用单位统一身份认证登录" for b in at.button)
    assert at.text_input(key="admin_user") is not None
